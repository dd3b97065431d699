package dev.ticketkit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md "Time": ticket-routing takes the time from the engine's command or an injected {@code Clock}, never
 * from the system clock. The one exception is the documented default of a builder's {@code clock(..)} option.
 */
class NoSystemClockTest {

    private static final List<String> FORBIDDEN = List.of(
            "Instant.now(", "System.currentTimeMillis(", "System.nanoTime(", "LocalDateTime.now(", "LocalDate.now(",
            "LocalTime.now(", "ZonedDateTime.now(", "OffsetDateTime.now(", "ZoneId.systemDefault(",
            "TimeZone.getDefault(", "new Date()", "Clock.systemDefaultZone(", "Clock.systemUTC(");

    /** Where {@code Clock.systemUTC()} may appear: nowhere; modules take the engine's clock when installed. */
    private static final Map<String, String> DEFAULT_CLOCK = Map.of();

    @Test
    void mainSourcesDoNotReadTheSystemClock() throws IOException {
        Path root = Path.of("src/main/java/dev/ticketkit/routing");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("sources found").hasSizeGreaterThanOrEqualTo(35);
        for (Path source : sources) {
            String rel = root.relativize(source).toString().replace('\\', '/');
            String text = stripComments(Files.readString(source));
            String allowed = DEFAULT_CLOCK.get(rel);
            if (allowed != null) {
                assertThat(text).as("%s keeps its documented default", rel).contains(allowed);
                text = text.replace(allowed, "");
            }
            for (String call : FORBIDDEN) {
                assertThat(text).as("%s", rel).doesNotContain(call);
            }
        }
    }

    /** Drops comments, so Javadoc may mention the default clock. */
    private static String stripComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }
}
