package dev.ticketkit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "4h, PT4H", "30m, PT30M", "90s, PT1M30S", "1h30m, PT1H30M", "2d, PT48H", "1d 12h, PT36H", "250ms, PT0.25S",
        "PT4H, PT4H", "pt15m, PT15M", "P2D, PT48H", "' 72h ', PT72H", "0s, PT0S", "1d2h3m4s5ms, PT26H3M4.005S"})
    void oneGrammarForEveryFile(String text, String iso) {
        assertThat(Durations.parse(text)).contains(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "soon", "4", "h", "4x", "30m4h", "4h4h", "-4h", "PT-4H", "4.5h", "1e9d",
        "9999999999999999999d", "4 h", "P", "m30"})
    void refusesWhatIsNotADuration(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void refusesOtherTypesAndFormatsShort() {
        assertThat(Durations.parse(42)).isEmpty();
        assertThat(Durations.parse(null)).isEmpty();
        assertThat(Durations.parse("x".repeat(100))).isEmpty();
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("48h");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.parse(Durations.format(Duration.ofSeconds(3725)))).contains(Duration.ofSeconds(3725));
    }
}
