package dev.ticketkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ticket token, {@code [TK-000123]}: written, found and taken out of subjects in one place. */
class TicketNumberTest {

    @Test
    void theTokenIsTheZeroPaddedNumberInBrackets() {
        assertThat(TicketNumber.of("TK", 123).token()).isEqualTo("[TK-000123]");
        assertThat(TicketNumber.of("SHOP", 12_345_678).token()).isEqualTo("[SHOP-12345678]");
        assertThat(TicketNumber.of("A", 999_999_999_999_999_999L).token()).isEqualTo("[A-999999999999999999]");
    }

    @Test
    void aTokenIsFoundWhereverItStandsAndTheLastOneWins() {
        assertThat(TicketNumber.tokenIn("Re: Size [TK-000123]")).contains(TicketNumber.of("TK", 123));
        assertThat(TicketNumber.tokenIn("[TK-7]Size")).contains(TicketNumber.of("TK", 7));
        assertThat(TicketNumber.tokenIn("回复：尺码[TK-000042]谢谢")).contains(TicketNumber.of("TK", 42));
        assertThat(TicketNumber.tokenIn("Fwd: [TK-000001] Re: [SHOP-000002]")).contains(TicketNumber.of("SHOP", 2));
        assertThat(TicketNumber.tokensIn("Fwd: [TK-000001] Re: [SHOP-000002] [TK-000001]")).containsExactly(
                TicketNumber.of("TK", 1), TicketNumber.of("SHOP", 2), TicketNumber.of("TK", 1));
    }

    @Test
    void textsThatOnlyLookLikeTokensHaveNone() {
        for (String subject : List.of("", "Size", "TK-000123", "[tk-000123]", "[TK000123]", "[TK-]", "[-123]",
                "[TK-0]", "[TK-000000]", "[TOOLONGPF-1]", "[TK-1234567890123456789]", "(TK-000123)", "【TK-000123】",
                "[TK-12a]", "[TK -1]", "[TK-１２３]", "[ТК-123]")) {
            assertThat(TicketNumber.tokenIn(subject)).as(subject).isEmpty();
            assertThat(TicketNumber.tokensIn(subject)).as(subject).isEmpty();
        }
        // eight letters is the longest prefix
        assertThat(TicketNumber.tokenIn("[TOOLONGP-1]")).contains(TicketNumber.of("TOOLONGP", 1));
    }

    @Test
    void everyNumberIsFoundAgainInItsOwnToken() {
        SplittableRandom random = new SplittableRandom(123);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder prefix = new StringBuilder();
            for (int j = random.nextInt(1, 9); j > 0; j--) {
                prefix.append((char) ('A' + random.nextInt(26)));
            }
            long sequence = random.nextLong(1, 1_000_000_000_000_000_000L);
            TicketNumber n = TicketNumber.of(prefix.toString(), sequence);
            assertThat(TicketNumber.tokenIn("Re: order " + n.token() + " thanks")).contains(n);
            assertThat(TicketNumber.parse(n.toString())).isEqualTo(n);
        }
    }

    @Test
    void strippingTakesOutEachTokenWithTheSpaceAroundIt() {
        assertThat(TicketNumber.stripTokens("Re: Size [TK-000123]")).isEqualTo("Re: Size");
        assertThat(TicketNumber.stripTokens("[TK-000123] Size")).isEqualTo("Size");
        // a token right after another one keeps the space the first one left (as before tokens moved to core)
        assertThat(TicketNumber.stripTokens("Size\t[TK-1]\u000B\f[SHOP-22]  M")).isEqualTo("Size  M");
        assertThat(TicketNumber.stripTokens("a[TK-1]b")).isEqualTo("a b");
        assertThat(TicketNumber.stripTokens("[TK-0] bracketed zero is taken out too")).isEqualTo("bracketed zero is taken out too");
        assertThat(TicketNumber.stripTokens("[TK-000123]")).isEmpty();
        assertThat(TicketNumber.stripTokens("[urgent] Size (TK-1) [tk-2]")).isEqualTo("[urgent] Size (TK-1) [tk-2]");
        // only the ASCII white space of java.util.regex's \s goes with a token, not other spaces
        assertThat(TicketNumber.stripTokens("Size\u3000[TK-1]\u00A0M")).isEqualTo("Size\u3000 \u00A0M");
    }

    @Test
    void searchingAHugeCraftedSubjectTakesLinearTime() {
        // java.util.regex needs ~20 s for \s*\[...\]\s* over 80,000 spaces (quadratic backtracking)
        String spaces = " ".repeat(200_000);
        String crafted = "a" + spaces + "[TK-1" + spaces + "[TK-000001]" + spaces + "b";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(TicketNumber.stripTokens(crafted)).isEqualTo("a" + spaces + "[TK-1 b");
            assertThat(TicketNumber.tokenIn(crafted)).contains(TicketNumber.of("TK", 1));
        });
    }

    @Test
    void nullTextIsAProgrammerError() {
        assertThatThrownBy(() -> TicketNumber.tokenIn(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TicketNumber.tokensIn(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TicketNumber.stripTokens(null)).isInstanceOf(NullPointerException.class);
    }
}
