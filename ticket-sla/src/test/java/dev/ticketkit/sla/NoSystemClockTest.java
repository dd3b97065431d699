package dev.ticketkit.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE.md: no main code reads the system clock or the default zone; instants are passed in. */
class NoSystemClockTest {

  private static final List<String> FORBIDDEN = List.of(
      "Instant.now(", "System.currentTimeMillis(", "System.nanoTime(", "ZoneId.systemDefault(",
      "LocalDate.now(", "LocalDateTime.now(", "LocalTime.now(", "ZonedDateTime.now(", "Clock.system");

  @Test
  void mainSourcesDoNotReadTheSystemClock() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(main)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(sources).isNotEmpty();
    for (Path source : sources) {
      String text = Files.readString(source);
      for (String call : FORBIDDEN) {
        assertThat(text).as("%s must not call %s", source, call).doesNotContain(call);
      }
    }
  }
}
