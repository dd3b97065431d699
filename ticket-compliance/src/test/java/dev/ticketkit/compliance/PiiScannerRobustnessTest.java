package dev.ticketkit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Untrusted input: huge adversarial texts finish with the right answer, random texts never break the rules. */
class PiiScannerRobustnessTest {

    private static final int MB = 1 << 20;
    private final PiiScanner scanner = PiiScanner.standard();

    @ParameterizedTest
    @ValueSource(strings = {"1", "@", "a.a.a.", "a@", "1 ", "1-", "a@a.", "138 ", "+86", "1@1.", "１"})
    void aMegabyteOfOneRepeatedPatternFindsNothing(String unit) {
        String text = unit.repeat(MB / unit.length());
        assertThat(scanner.scan(text)).isEmpty();
    }

    @Test
    void aMegabyteOfAddressesFindsEveryOne() {
        String unit = "a.b@c.cn ";
        String text = unit.repeat(MB / unit.length());
        List<PiiMatch> found = scanner.scan(text);
        assertThat(found).hasSize(MB / unit.length());
        assertThat(found).allMatch(m -> m.kind() == PiiKind.EMAIL && m.end() - m.start() == 8);
    }

    @Test
    void aMegabyteOfMobilesFindsEveryOne() {
        String unit = "13812345678，";
        String text = unit.repeat(MB / unit.length());
        assertThat(scanner.scan(text)).hasSize(MB / unit.length()).allMatch(m -> m.kind() == PiiKind.CN_MOBILE);
    }

    @Test
    void aHugeLocalPartAndAHugeDomainAreRejected() {
        assertThat(scanner.scan("a".repeat(MB) + "@example.com")).isEmpty();
        assertThat(scanner.scan("x@" + "a.".repeat(MB / 2) + "com")).isEmpty();
        assertThat(scanner.scan("x@" + "a".repeat(MB))).isEmpty();
    }

    @Test
    void randomTextsNeverThrowAndMasksShowAtMostTheAllowedDigits() {
        Random random = new Random(20261111L);
        String alphabet = "0123456789０１２３４５６７８９ -+.@xX_a卡号手机身份证订单";
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(120);
            for (int k = 0; k < len; k++) {
                if (random.nextInt(20) == 0) {
                    sb.append(sample(random));
                } else {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = sb.toString();
            List<PiiMatch> found = scanner.scan(text);
            int pos = 0;
            for (PiiMatch m : found) {
                assertThat(m.start()).isGreaterThanOrEqualTo(pos);
                assertThat(m.end()).isLessThanOrEqualTo(text.length());
                pos = m.end();
                String mask = Masking.mask(m.kind(), text.substring(m.start(), m.end()));
                assertVisibleDigits(m.kind(), mask);
            }
            assertThat(scanner.mask(text)).isNotNull();
        }
    }

    private static String sample(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "13812345678";
            case 1 -> "110101199003071233";
            case 2 -> "6222021234567890128";
            case 3 -> "4111 1111 1111 1111";
            default -> "chen.li@example.com";
        };
    }

    /** The last-4 rule: cards show only their last 4 digits, mobiles 3 + 4, ID numbers 6 + 4. */
    private static void assertVisibleDigits(PiiKind kind, String mask) {
        long digits = mask.chars().filter(c -> c >= '0' && c <= '9' || c == 'X').count();
        switch (kind) {
            case BANK_CARD -> {
                assertThat(digits).isEqualTo(4);
                assertThat(mask.replace(" ", "")).matches("\\*+\\d{4}");
            }
            case CN_MOBILE -> assertThat(mask).matches("1\\d{2}\\*{4}\\d{4}");
            case CN_ID_NUMBER -> assertThat(mask).matches("\\d{6}\\*+[\\dX]{4}");
            case EMAIL -> assertThat(mask).matches("[^*@]\\*{3}[^*@]?@[^@]+");
        }
    }
}
