package dev.ticketkit.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CN_MOBILE    | 13812345678              | 138****5678",
        "CN_MOBILE    | +86 138-1234-5678        | 138****5678",
        "CN_MOBILE    | １３８１２３４５６７８      | 138****5678",
        "EMAIL        | chenl@example.com        | c***l@example.com",
        "EMAIL        | c@example.com            | c***@example.com",
        "EMAIL        | ab@example.com           | a***b@example.com",
        "CN_ID_NUMBER | 110101199003071234       | 110101********1234",
        "CN_ID_NUMBER | 11010119900307123x       | 110101********123X",
        "CN_ID_NUMBER | 110101900307123          | 110101*****7123",
        "BANK_CARD    | 4111111111111234         | **** **** **** 1234",
        "BANK_CARD    | 4111 1111 1111 1234      | **** **** **** 1234",
        "BANK_CARD    | 6222021234567890128      | **** **** **** ***0 128",
        "BANK_CARD    | 378282246310005          | **** **** ***0 005",
        "BANK_CARD    | 4222222222222            | **** **** *222 2",
    })
    void eachKindHasItsMask(PiiKind kind, String value, String expected) {
        assertThat(Masking.mask(kind, value)).isEqualTo(expected);
    }

    @Test
    void valuesThatCannotBeOfTheKindAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.mask(PiiKind.CN_MOBILE, "1381234"));
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.mask(PiiKind.EMAIL, "example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.mask(PiiKind.EMAIL, "@example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.mask(PiiKind.CN_ID_NUMBER, "1101011990"));
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.mask(PiiKind.BANK_CARD, "1234"));
        assertThatNullPointerException().isThrownBy(() -> Masking.mask(null, "x"));
        assertThatNullPointerException().isThrownBy(() -> Masking.mask(PiiKind.EMAIL, null));
    }

    @Test
    void maskAllReplacesEveryMatchInASentence() {
        String text = "手机13812345678，邮箱 chenl@example.com，身份证110101199003071233，卡号 6222 0212 3456 7890 128。";
        String masked = PiiScanner.standard().mask(text);
        assertThat(masked).isEqualTo(
                "手机138****5678，邮箱 c***l@example.com，身份证110101********1233，卡号 **** **** **** ***0 128。");
        assertThat(Masking.maskAll(text, PiiScanner.standard().scan(text))).isEqualTo(masked);
    }

    @Test
    void maskAllWithoutMatchesGivesTheTextBack() {
        assertThat(Masking.maskAll("订单3141592653589793238", List.of())).isEqualTo("订单3141592653589793238");
    }

    @Test
    void maskAllRejectsOverlappingOrOutOfRangeMatches() {
        String text = "13812345678 13912345678";
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.maskAll(text, List.of(
                new PiiMatch(PiiKind.CN_MOBILE, 0, 11), new PiiMatch(PiiKind.CN_MOBILE, 5, 16))));
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.maskAll(text, List.of(
                new PiiMatch(PiiKind.CN_MOBILE, 12, 30))));
    }

    @Test
    void addressesAreMaskedToTheDistrict() {
        assertThat(Masking.maskAddress("浙江省杭州市西湖区", "文三路 90 号 3 幢 1201 室")).isEqualTo("浙江省杭州市西湖区****");
        assertThat(Masking.maskAddress("上海市浦东新区", " ")).isEqualTo("上海市浦东新区");
        assertThatNullPointerException().isThrownBy(() -> Masking.maskAddress(null, "x"));
    }
}
