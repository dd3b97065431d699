package dev.ticketkit.connectors.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketplaceSigningTest {

    /** The worked example of the Taobao open platform's signing guide (secret "helloworld"). */
    static Map<String, String> taobaoExample(String signMethod) {
        Map<String, String> p = new HashMap<>();
        p.put("method", "taobao.item.seller.get");
        p.put("app_key", "12345678");
        p.put("session", "test");
        p.put("timestamp", "2016-01-01 12:00:00");
        p.put("format", "json");
        p.put("v", "2.0");
        p.put("sign_method", signMethod);
        p.put("fields", "num_iid,title,nick,price,num");
        p.put("num_iid", "11223344");
        return p;
    }

    @Test
    void taobaoMd5MatchesThePublishedExample() {
        assertThat(MarketplaceSigning.concat(taobaoExample("md5"), true)).isEqualTo("app_key12345678fieldsnum_iid,title,nick,price,num"
                + "formatjsonmethodtaobao.item.seller.getnum_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0");
        assertThat(MarketplaceSigning.taobaoMd5(taobaoExample("md5"), "helloworld")).isEqualTo("66987CB115214E59E6EC978214934FB8");
    }

    @Test
    void taobaoHmacVariantsMatchIndependentlyComputedVectors() {
        // Computed with another HMAC implementation over the same sorted string.
        assertThat(MarketplaceSigning.taobaoHmacMd5(taobaoExample("hmac"), "helloworld")).isEqualTo("D56D7858309C31B6251083A874D48273");
        // RFC 2202 test case 2: HMAC-MD5(key "Jefe", "what do ya want for nothing?"); the parameter concatenation
        // "what" + " do ya want for nothing?" gives exactly that data.
        assertThat(MarketplaceSigning.taobaoHmacMd5(Map.of("what", " do ya want for nothing?"), "Jefe"))
                .isEqualTo("750C783E6AB0B503EAA86E310A5DB738");
        // RFC 4231 test case 2 for HMAC-SHA256, same trick.
        assertThat(MarketplaceSigning.taobaoHmacSha256(Map.of("what", " do ya want for nothing?"), "Jefe"))
                .isEqualTo("5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843");
    }

    @Test
    void pinduoduoMatchesThePublishedExample() {
        Map<String, String> p = new HashMap<>();
        p.put("type", "pdd.order.number.list.get");
        p.put("client_id", "1");
        p.put("page", "1");
        p.put("page_size", "10");
        p.put("data_type", "XML");
        p.put("timestamp", "1480411125");
        p.put("order_status", "1");
        p.put("access_token", "asd78172s8ds9a921j9qqwda12312w1w21211");
        assertThat(MarketplaceSigning.pinduoduo(p, "testSecret")).isEqualTo("E4DE3ED21002510DED352819E7AE6775");
        p.put("sign", "E4DE3ED21002510DED352819E7AE6775");
        assertThat(MarketplaceSigning.pinduoduo(p, "testSecret")).as("sign itself is left out").isEqualTo("E4DE3ED21002510DED352819E7AE6775");
    }

    @Test
    void jdMatchesThePublishedExample() {
        Map<String, String> p = new HashMap<>();
        p.put("360buy_param_json", "{\"end_date\":null,\"optional_fields\":null,\"order_state\":\"WAIT_SELLER_STOCK_OUT\","
                + "\"page\":\"1\",\"page_size\":\"200\",\"start_date\":null}");
        p.put("access_token", "yourtoken");
        p.put("app_key", "yourappkey");
        p.put("method", "jingdong.pop.order.search");
        p.put("timestamp", "2021-05-07 09:20:39.683+0800");
        p.put("v", "2.0");
        assertThat(MarketplaceSigning.jd(p, "yourappSecret")).isEqualTo("D70825340F4084360B9362B60DFD7930");
    }

    @Test
    void emptyValuesCountOnlyForPinduoduo() {
        Map<String, String> p = new HashMap<>(Map.of("a", "1", "b", ""));
        assertThat(MarketplaceSigning.jd(p, "s")).isEqualTo(MarketplaceSigning.jd(Map.of("a", "1"), "s"));
        assertThat(MarketplaceSigning.taobaoMd5(p, "s")).isEqualTo(MarketplaceSigning.taobaoMd5(Map.of("a", "1"), "s"));
        assertThat(MarketplaceSigning.pinduoduo(p, "s")).isNotEqualTo(MarketplaceSigning.pinduoduo(Map.of("a", "1"), "s"));
    }

    @Test
    void matchesIgnoresCaseAndRefusesOthers() {
        assertThat(MarketplaceSigning.matches("66987CB115214E59E6EC978214934FB8", "66987cb115214e59e6ec978214934fb8")).isTrue();
        assertThat(MarketplaceSigning.matches("66987CB115214E59E6EC978214934FB8", "66987CB115214E59E6EC978214934FB9")).isFalse();
        assertThat(MarketplaceSigning.matches("66987CB115214E59E6EC978214934FB8", null)).isFalse();
        assertThat(MarketplaceSigning.matches("66987CB115214E59E6EC978214934FB8", "")).isFalse();
        assertThatThrownBy(() -> MarketplaceSigning.jd(Map.of(), "")).isInstanceOf(IllegalArgumentException.class);
    }
}
