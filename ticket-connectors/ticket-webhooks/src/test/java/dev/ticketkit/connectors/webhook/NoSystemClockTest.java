package dev.ticketkit.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * STYLE.md "Time": no main source of ticket-webhooks reads the system clock or the default zone;
 * every adapter takes a {@link java.time.Clock} (or the engine's).
 */
class NoSystemClockTest {

    private static final List<String> FORBIDDEN = List.of(
            "Instant.now(", "System.currentTimeMillis(", "LocalDateTime.now(", "LocalDate.now(",
            "LocalTime.now(", "ZonedDateTime.now(", "OffsetDateTime.now(", "ZoneId.systemDefault(",
            "TimeZone.getDefault(", "Clock.system", "new Date()", "new java.util.Date()");

    @Test
    void mainSourcesDoNotReadTheSystemClock() throws IOException {
        Path main = Path.of("src/main/java");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(main)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        // every package of the module, so that a moved or new package cannot drop out of the scan
        assertThat(sources).as("sources found").hasSizeGreaterThanOrEqualTo(15);
        assertThat(sources.stream().map(p -> p.getParent().getFileName().toString()).distinct())
                .contains("webhook", "wechat", "shopify", "marketplace", "internal");
        for (Path source : sources) {
            String text = Files.readString(source);
            for (String call : FORBIDDEN) {
                assertThat(text).as("%s must not call %s", source, call).doesNotContain(call);
            }
        }
    }
}
