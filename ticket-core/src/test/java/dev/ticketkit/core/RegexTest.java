package dev.ticketkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expressions that run on customer text: RE2 syntax, linear time, bounded size, clear refusals. */
class RegexTest {
    private static final Duration BOUND = Duration.ofSeconds(2);

    /** Patterns on which a backtracking engine takes exponential time, with a text that makes it try. */
    static final Map<String, String> CATASTROPHIC = Map.of(
            "(.*a){10}x", "a".repeat(64),
            "(a+)+b", "a".repeat(64),
            "(a|aa)+c", "a".repeat(64),
            "(x+x+)+y", "x".repeat(64),
            "^(\\w+\\s?)*$", "word ".repeat(12) + "!",
            "^(([a-z])+.)+[A-Z]([a-z])+$", "abcdefghij".repeat(6) + "!");

    @Test
    void catastrophicPatternsAnswerAtOnce() {
        CATASTROPHIC.forEach((re, text) -> assertTimeoutPreemptively(BOUND,
                () -> assertThat(Regex.of(re).find(text)).as(re).isFalse(), re));
        // and the same patterns still match where they should
        assertThat(Regex.of("(.*a){10}x").find("a".repeat(10) + "x")).isTrue();
        assertThat(Regex.of("(a+)+b").find("aaab")).isTrue();
    }

    @Test
    void timeGrowsWithTheTextNotExponentially() {
        String big = "a".repeat(65_536); // the default message size limit
        assertTimeoutPreemptively(BOUND, () -> assertThat(Regex.of("(.*a){10}x").find(big)).isFalse());
        assertTimeoutPreemptively(BOUND, () -> assertThat(Regex.of("(a|aa)+c").find(big)).isFalse());
    }

    @Test
    void rejectsWhatRe2CannotRunNamingTheConstruct() {
        assertThatThrownBy(() -> Regex.of("(?<![A-Z])\\d{6}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad regular expression: lookbehind (?<= or (?<! is not supported")
                .hasMessageContaining("RE2 syntax");
        assertThatThrownBy(() -> Regex.of("SO-\\d+(?=\\s)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad regular expression: lookahead");
        assertThatThrownBy(() -> Regex.of("(\\w)\\1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad regular expression: backreferences such as \\1 are not supported");
        assertThatThrownBy(() -> Regex.of("(?>ab|a)c")).hasMessageStartingWith("bad regular expression: atomic groups");
        assertThatThrownBy(() -> Regex.of("a++b")).hasMessageStartingWith("bad regular expression: possessive quantifiers");
        assertThatThrownBy(() -> Regex.of("\\p{IsHan}+")).hasMessageContaining("\\p{Han}");
        assertThatThrownBy(() -> Regex.of("(unclosed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad regular expression: missing closing )");
        assertThatThrownBy(() -> Regex.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsExpressionsTooLongOrTooLargeBeforeTheyCostMemory() {
        assertThatThrownBy(() -> Regex.of("a".repeat(Regex.MAX_LENGTH + 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("regular expression longer than 1000 characters");
        // 26 characters that RE2/J would compile to a billion instructions (it runs out of memory trying)
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> Regex.of("((a{1000}){1000}){1000}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("regular expression too large"));
        // small enough to compile, too large to run: measured by RE2/J's own program size
        assertThatThrownBy(() -> Regex.of("(.{0,100}){20}y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("regular expression too large: it compiles to ")
                .hasMessageContaining("at most 1000");
        assertThat(Regex.of("[a-z]{1,64}@[a-z]{1,255}\\.cn").pattern().programSize()).isLessThanOrEqualTo(Regex.MAX_PROGRAM_SIZE);
    }

    @Test
    void theSizeEstimateIsCloseToWhatRe2jCompiles() {
        for (String re : new String[] {"a", "(a{10}){10}", "[a-z]{1,64}@[a-z]{1,255}", "(?i)(refund|退款).*now",
                "\\d{18,19}", "(?<id>SO-\\d{6})", "\\Q{10}\\E+", "(a|b|c){3,}", "(x{2}){3}", "[\\]{}]{5}", "\\p{Han}{1,50}",
                "(?i)[a-z]{1,300}", "(a?){300}", "((a|b)?c?){100}", "(.{0,100}){4}y", "(?<order_number>\\d{6})"}) {
            int size = com.google.re2j.Pattern.compile(re).programSize();
            // within a factor of two below (so the early refusal protects memory) and far from refusing early
            assertThat(Regex.estimatedSize(re)).as(re).isBetween(size / 2L, 20L * size);
        }
        assertThat(Regex.estimatedSize("((a{1000}){1000}){1000}")).isGreaterThan(Regex.MAX_ESTIMATE);
        assertThat(Regex.estimatedSize("a{1000")).as("not a repetition: a literal brace").isLessThan(10);
    }

    @Test
    void re2SyntaxFeaturesThatWork() {
        assertThat(Regex.of("(?i)refund|退款").find("I want a REFUND")).isTrue();
        assertThat(Regex.of("\\p{Han}{2}").find("包裹")).isTrue();
        assertThat(Regex.of("^SO-(?<id>\\d{6})$").pattern().matcher("SO-123456").matches()).isTrue();
        assertThat(Regex.of("(?P<id>\\d+)").pattern().namedGroups()).containsKey("id");
        assertThat(Regex.of("\\bSF\\d{10}\\b").find("tracking SF1234567890 ok")).isTrue();
    }

    @Test
    void valueSemantics() {
        assertThat(Regex.of("a+")).isEqualTo(Regex.of("a+")).hasSameHashCodeAs(Regex.of("a+")).isNotEqualTo(Regex.of("a*"));
        assertThat(Regex.of("a+")).hasToString("/a+/");
        assertThat(Regex.of("a+").source()).isEqualTo("a+");
    }
}
