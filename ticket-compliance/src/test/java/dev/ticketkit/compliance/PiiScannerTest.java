package dev.ticketkit.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiScannerTest {

    private final PiiScanner scanner = PiiScanner.standard();

    /** The one match in {@code text}, as kind and the text it covers. */
    private String only(String text) {
        List<PiiMatch> found = scanner.scan(text);
        assertThat(found).hasSize(1);
        PiiMatch m = found.get(0);
        return m.kind() + ":" + text.substring(m.start(), m.end());
    }

    /** Appends the GB 11643 check character to 17 digits. */
    static String withCheck(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (first17.charAt(k) - '0') * w[k];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    /** Appends the Luhn check digit. */
    static String withLuhn(String body) {
        for (char c = '0'; c <= '9'; c++) {
            int sum = 0;
            String s = body + c;
            for (int k = 0; k < s.length(); k++) {
                int v = s.charAt(s.length() - 1 - k) - '0';
                if (k % 2 == 1) {
                    v = v * 2 > 9 ? v * 2 - 9 : v * 2;
                }
                sum += v;
            }
            if (sum % 10 == 0) {
                return s;
            }
        }
        throw new AssertionError();
    }

    @Test
    void standardIsOneSharedScannerAndRejectsNull() {
        assertThat(PiiScanner.standard()).isSameAs(scanner);
        assertThatNullPointerException().isThrownBy(() -> scanner.scan(null));
        assertThat(scanner.scan("")).isEmpty();
    }

    @Nested
    class IdNumbers {
        @ParameterizedTest
        @ValueSource(strings = {"110101199003071233", "440304198512310011", "320106200002290027"})
        void validEighteenCharacterNumbersAreFound(String id) {
            assertThat(only("身份证号：" + id + "，谢谢")).isEqualTo("CN_ID_NUMBER:" + id);
            assertThat(only(id)).isEqualTo("CN_ID_NUMBER:" + id);
        }

        @Test
        void anXCheckCharacterIsPartOfTheNumber() {
            String id = findWithX();
            assertThat(only("ID " + id + " ok")).isEqualTo("CN_ID_NUMBER:" + id);
            String lower = id.substring(0, 17) + "x";
            assertThat(only("ID " + lower)).isEqualTo("CN_ID_NUMBER:" + lower);
        }

        private String findWithX() {
            for (int seq = 100; seq < 1000; seq++) {
                String id = withCheck("11010119900307" + seq);
                if (id.endsWith("X")) {
                    return id;
                }
            }
            throw new AssertionError();
        }

        @Test
        void aWrongCheckDigitIsNotAnId() {
            assertThat(scanner.scan("身份证 110101199003071234")).isEmpty();
            assertThat(scanner.scan("身份证 440304198512310012")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"11010120230229001", "11010119901301001", "11010119900432001",
            "11010118991231001", "11010121000101001", "01010119900307001"})
        void impossibleDatesYearsOrAreaAreNotIds(String first17) {
            assertThat(scanner.scan("身份证 " + withCheck(first17))).isEmpty();
        }

        @Test
        void theFifteenDigitFormNeedsADateAndAContextWord() {
            assertThat(only("身份证号 110101900307123")).isEqualTo("CN_ID_NUMBER:110101900307123");
            assertThat(only("old ID: 110101900307123")).isEqualTo("CN_ID_NUMBER:110101900307123");
            assertThat(scanner.scan("订单 110101900307123")).isEmpty();
            assertThat(scanner.scan("110101900307123")).isEmpty();
            assertThat(scanner.scan("paid 110101900307123")).isEmpty();
            assertThat(scanner.scan("身份证号 110101901307123")).isEmpty(); // month 13
        }

        @Test
        void anIdInsideALongerRunIsNotFound() {
            assertThat(scanner.scan("9110101199003071233")).isEmpty();
            assertThat(scanner.scan("1101011990030712331")).isEmpty();
            assertThat(scanner.scan("A110101199003071233")).isEmpty();
        }
    }

    @Nested
    class Mobiles {
        @ParameterizedTest
        @ValueSource(strings = {"13812345678", "19912345678", "+8613812345678", "8613812345678",
            "008613812345678", "+86 13812345678", "+86-13812345678", "138 1234 5678", "138-1234-5678",
            "+86 138 1234 5678", "0086 138-1234-5678"})
        void theCommonSpellingsAreFound(String mobile) {
            assertThat(only("电话" + mobile + "，下午打")).isEqualTo("CN_MOBILE:" + mobile);
        }

        @ParameterizedTest
        @ValueSource(strings = {"12812345678", "1381234567", "138123456789", "23812345678"})
        void notAMobileNumber(String digits) {
            assertThat(scanner.scan("电话 " + digits)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"SF13812345678901", "SF13812345678", "a13812345678", "13812345678a",
            "313812345678", "138123456780", "订单号 201813812345678123", "13812345678_1",
            "1.13812345678", "13812345678.5", "2026-13812345678", "138 1234 56789"})
        void notWhenPartOfALongerRun(String text) {
            assertThat(scanner.scan(text)).isEmpty();
        }

        @Test
        void twoNumbersInAListAreBothFound() {
            String text = "13812345678,13912345678 15012345678";
            assertThat(scanner.scan(text)).containsExactly(
                    new PiiMatch(PiiKind.CN_MOBILE, 0, 11),
                    new PiiMatch(PiiKind.CN_MOBILE, 12, 23),
                    new PiiMatch(PiiKind.CN_MOBILE, 24, 35));
        }

        @Test
        void aNumberAfterAQuantityIsStillFound() {
            assertThat(scanner.scan("买了 3 13812345678")).containsExactly(new PiiMatch(PiiKind.CN_MOBILE, 5, 16));
        }
    }

    @Nested
    class Cards {
        @ParameterizedTest
        @ValueSource(strings = {"6222021234567890128", "4111111111111111", "5555555555554444",
            "2221000000000009", "378282246310005", "3530111333300000", "6225888888888884",
            "4111 1111 1111 1111", "4111-1111-1111-1111", "6222 0212 3456 7890 128", "3782 822463 10005"})
        void issuerPrefixedNumbersPassingLuhnAreFound(String card) {
            assertThat(only("pay with " + card + " please")).isEqualTo("BANK_CARD:" + card);
        }

        @Test
        void otherNumbersNeedAContextWord() {
            String plain = "9876543210987658"; // passes Luhn, no issuer prefix
            assertThat(scanner.scan("ref " + plain)).isEmpty();
            assertThat(only("银行卡号：" + plain)).isEqualTo("BANK_CARD:" + plain);
            assertThat(only("card no. " + plain)).isEqualTo("BANK_CARD:" + plain);
            assertThat(only("收款账号 " + plain)).isEqualTo("BANK_CARD:" + plain);
        }

        @Test
        void failingLuhnIsNotACard() {
            assertThat(scanner.scan("卡号 4111111111111112")).isEmpty();
            assertThat(scanner.scan("卡号 6222021234567890123")).isEmpty();
            assertThat(scanner.scan("卡号 4111 1111 1111 1112")).isEmpty();
        }

        @Test
        void orderAndWaybillWordsVetoAnIssuerPrefix() {
            assertThat(scanner.scan("订单号 6222021234567890128")).isEmpty();
            assertThat(scanner.scan("order 4111111111111111")).isEmpty();
            assertThat(scanner.scan("顺丰 4111111111111111")).isEmpty();
        }

        @Test
        void aCardInsideALongerRunOrOddGroupsIsNotFound() {
            assertThat(scanner.scan("卡号 41111111111111110")).isEmpty(); // 17 digits, fails Luhn
            assertThat(scanner.scan("卡号 94111111111111111")).isEmpty();
            assertThat(scanner.scan("卡号 4111 1111 1111 1111 1111")).isEmpty();
            assertThat(scanner.scan("4111 1111 1111 1111-1")).isEmpty();
            assertThat(scanner.scan("卡号 X4111111111111111")).isEmpty();
            assertThat(scanner.scan("卡号 411 11111 1111 1111")).isEmpty();
        }

        @Test
        void issuerPrefixNeedsAnIssuerLength() {
            String visa17 = withLuhn("4111111111111111");
            assertThat(scanner.scan("x " + visa17)).isEmpty();
            assertThat(only("卡号 " + visa17)).isEqualTo("BANK_CARD:" + visa17);
        }
    }

    @Nested
    class Emails {
        @ParameterizedTest
        @ValueSource(strings = {"chen.li@example.com", "a@b.cn", "user+tag@mail.example.co.uk",
            "13812345678@qq.com", "x_y-z%w@sub-domain.example.org", "A1@EXAMPLE.COM"})
        void practicalAddressesAreFound(String email) {
            assertThat(only("邮箱" + email + "，谢谢")).isEqualTo("EMAIL:" + email);
        }

        @Test
        void sentencePunctuationIsNotPartOfTheAddress() {
            assertThat(only("Write to chen@example.com.")).isEqualTo("EMAIL:chen@example.com");
            assertThat(only("(.chen@example.com)")).isEqualTo("EMAIL:chen@example.com");
        }

        @ParameterizedTest
        @ValueSource(strings = {"@example.com", "chen@", "chen@example", "chen@example.c", "chen@example.c0m",
            "chen..li@example.com", "chen.@example.com", "chen@-example.com", "chen@example..com",
            "chen@ example.com", "@@", "a@b@c"})
        void notAnAddress(String text) {
            assertThat(scanner.scan(text)).isEmpty();
        }

        @Test
        void anAddressWinsOverAMobileInsideIt() {
            String text = "联系 13812345678-work@example.com";
            assertThat(scanner.scan(text)).containsExactly(new PiiMatch(PiiKind.EMAIL, 3, text.length()));
        }

        @Test
        void twoAddressesBackToBack() {
            String text = "a@b.cn,c@d.cn";
            assertThat(scanner.scan(text)).containsExactly(
                    new PiiMatch(PiiKind.EMAIL, 0, 6), new PiiMatch(PiiKind.EMAIL, 7, 13));
        }

        @Test
        void aLocalPartLongerThan64IsRejected() {
            assertThat(scanner.scan("a".repeat(65) + "@example.com")).isEmpty();
            assertThat(scanner.scan("a".repeat(64) + "@example.com")).hasSize(1);
        }
    }

    @Nested
    class FalsePositiveCorpus {
        @ParameterizedTest
        @ValueSource(strings = {
            "¥199.00", "价格199元", "¥13812345678.00", "2026-11-11", "2026-11-11 20:00:00",
            "运单 SF1234567890123", "中通 75312345678901", "订单号 3141592653589793238", "淘宝订单3141592653589793238",
            "订单 201811111234567890", "order #1234567890123456789", "京东 JD0012345678901", "发票号码 12345678901234",
            "数量 12 件，共 ¥1,299.00", "IP 192.168.100.200", "v1.2.3", "版本 13.8.1234.5678",
            "2026年11月11日下单", "SN:9876543210987658", "tel 010-12345678"
        })
        void nothingIsFound(String text) {
            assertThat(scanner.scan(text)).isEmpty();
        }
    }

    @Nested
    class MixedText {
        @Test
        void positionsInAMixedSentence() {
            String id = "110101199003071233";
            String text = "您好，我的手机是13812345678，email chen.li@example.com，身份证" + id
                    + "，card 4111 1111 1111 1111，订单3141592653589793238。";
            List<PiiMatch> found = scanner.scan(text);
            assertThat(found).extracting(PiiMatch::kind).containsExactly(
                    PiiKind.CN_MOBILE, PiiKind.EMAIL, PiiKind.CN_ID_NUMBER, PiiKind.BANK_CARD);
            assertThat(found).extracting(m -> text.substring(m.start(), m.end())).containsExactly(
                    "13812345678", "chen.li@example.com", id, "4111 1111 1111 1111");
            assertThat(found.get(0)).isEqualTo(new PiiMatch(PiiKind.CN_MOBILE, 8, 19));
            assertThat(found.get(1).start()).isEqualTo(text.indexOf("chen.li"));
        }

        @Test
        void fullWidthDigitsAreFoundAtTheirOriginalPositions() {
            String text = "手机：１３８１２３４５６７８，卡号４１１１ １１１１ １１１１ １１１１";
            List<PiiMatch> found = scanner.scan(text);
            assertThat(found).containsExactly(
                    new PiiMatch(PiiKind.CN_MOBILE, 3, 14),
                    new PiiMatch(PiiKind.BANK_CARD, 17, 36));
            assertThat(scanner.mask(text)).isEqualTo("手机：138****5678，卡号**** **** **** 1111");
        }

        @Test
        void aFullWidthIdWithFullWidthX() {
            String id = "１１０１０１１９９００３０７１２３３";
            assertThat(only("身份证" + id)).isEqualTo("CN_ID_NUMBER:" + id);
            assertThat(scanner.scan("ＳＦ１３８１２３４５６７８")).isEmpty();
        }
    }
}
