package dev.ticketkit.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** STYLE.md "Time": these packages take the instant from the caller, never the system clock. */
class NoSystemClockTest {

    private static final List<String> FORBIDDEN = List.of(
            "Instant.now(", "System.currentTimeMillis(", "LocalDateTime.now(", "ZoneId.systemDefault(",
            "Clock.systemUTC(", "Clock.systemDefaultZone(");

    @Test
    void sourcesDoNotReadTheSystemClock() throws IOException {
        Path root = Path.of("src/main/java/dev/ticketkit/connectors");
        List<Path> sources;
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("webhook")), Files.walk(root.resolve("wechat")))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("sources found").hasSizeGreaterThanOrEqualTo(4);
        for (Path source : sources) {
            String text = Files.readString(source);
            for (String call : FORBIDDEN) {
                assertThat(text).as("%s", source).doesNotContain(call);
            }
        }
    }
}
