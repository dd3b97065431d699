package dev.ticketkit.commerce.waybill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class WaybillRecognizerTest {

    private static List<Waybill> find(String text) {
        return WaybillRecognizer.find(text);
    }

    @Test
    void prefixedNumbersAreFoundAnywhereWithTheirCarrier() {
        assertThat(find("顺丰单号SF1234567890123，麻烦查一下")).extracting(Waybill::carrier, Waybill::number)
                .containsExactly(tuple(Carrier.SF, "SF1234567890123"));
        assertThat(find("tracking sf123456789012 please")).extracting(Waybill::number).containsExactly("SF123456789012");
        assertThat(find("京东 JDVA12345678901 和 JD0012345678901")).extracting(Waybill::carrier, Waybill::number)
                .containsExactly(tuple(Carrier.JD, "JDVA12345678901"), tuple(Carrier.JD, "JD0012345678901"));
        assertThat(find("圆通YT1234567890123")).extracting(Waybill::carrier).containsExactly(Carrier.YTO);
        assertThat(find("极兔 JT1234567890123")).extracting(Waybill::carrier).containsExactly(Carrier.JT);
    }

    @Test
    void postalNumbersNeedTheirCheckDigit() {
        // serial 12345678: 8+12+12+8+15+30+63+56 = 204, 204 mod 11 = 6, check 11 - 6 = 5
        assertThat(find("EMS: EA123456785CN")).extracting(Waybill::carrier, Waybill::number)
                .containsExactly(tuple(Carrier.EMS, "EA123456785CN"));
        assertThat(find("parcel RR123456785DE")).extracting(Waybill::carrier).containsExactly(Carrier.POST);
        assertThat(find("EA123456784CN")).isEmpty();
        assertThat(WaybillRecognizer.s10CheckDigitOk("RA000000005CN")).as("sum 0: check 11 is written 5").isTrue();
    }

    @Test
    void digitsOnlyNumbersNeedTheCarriersNameJustBefore() {
        assertThat(find("中通快递单号 753123456789")).extracting(Waybill::carrier, Waybill::number)
                .containsExactly(tuple(Carrier.ZTO, "753123456789"));
        assertThat(find("中通：75312345678901")).extracting(Waybill::carrier).containsExactly(Carrier.ZTO);
        assertThat(find("韵达 4312345678901")).extracting(Waybill::carrier).containsExactly(Carrier.YUNDA);
        assertThat(find("申通 773123456789012")).extracting(Waybill::carrier).containsExactly(Carrier.STO);
        assertThat(find("邮政EMS 1123456789012")).extracting(Waybill::carrier).containsExactly(Carrier.EMS);
        assertThat(find("顺丰 123456789012")).extracting(Waybill::carrier).containsExactly(Carrier.SF);

        assertThat(find("单号 753123456789")).as("no carrier named").isEmpty();
        assertThat(find("中通 7531234567890")).as("13 digits are no ZTO number").isEmpty();
        assertThat(find("中通快递，我等了好多天好多天好多天好多天了 753123456789")).as("the name too far before").isEmpty();
    }

    @Test
    void phonesIdsAndOrderNumbersAreNeverWaybills() {
        assertThat(find("中通 我的手机 13812345678")).isEmpty();
        assertThat(find("中通 8613812345678")).as("+86 and a mobile").isEmpty();
        assertThat(find("中通 电话 075512345678")).as("a landline named as one").isEmpty();
        assertThat(find("中通 身份证 11010119900307123X")).isEmpty();
        assertThat(find("中通 11010119900307123X")).as("18 characters: an ID number").isEmpty();
        assertThat(find("中通快递，订单号 753123456789")).as("the nearer word says order").isEmpty();
        assertThat(find("中通 订单 1234567890123456789")).isEmpty();
        assertThat(find("ITEMS 1123456789012")).as("EMS inside a word is no clue").isEmpty();
        assertThat(find("HOTEL 中通 753123456789")).extracting(Waybill::carrier).containsExactly(Carrier.ZTO);
    }

    @Test
    void eachNumberOnceWithItsSpan() {
        String text = "SF1234567890123 again SF1234567890123, 订单 123456789012 已发货";
        List<Waybill> found = find(text);
        assertThat(found).hasSize(1);
        Waybill w = found.get(0);
        assertThat(text.substring(w.start(), w.end())).isEqualTo("SF1234567890123");
    }

    @Test
    void onlyTheFirstPartOfAHugeTextIsSearched() {
        String pad = "a".repeat(WaybillRecognizer.MAX_TEXT - 20);
        assertThat(find(pad + " SF1234567890123")).hasSize(1);
        assertThat(find(pad + "0123456789 12345678 SF1234567890123")).isEmpty();
        assertThat(find("")).isEmpty();
        assertThat(find("SF12345678901234567890")).as("too long").isEmpty();
    }
}
