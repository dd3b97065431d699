package dev.ticketkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** House rules checked on the main sources of this module. */
class SourceDisciplineTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern SYSTEM_TIME = Pattern.compile(
            "Instant\\.now\\(|System\\.currentTimeMillis\\(|LocalDateTime\\.now\\(|LocalDate\\.now\\(|ZonedDateTime\\.now\\(|ZoneId\\.systemDefault\\(");
    private static final Pattern SLEEP = Pattern.compile("Thread\\.sleep\\(");
    private static final Pattern SERIALIZATION = Pattern.compile("implements\\s+[^{]*Serializable|ObjectOutputStream");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void mainCodeNeverReadsTheSystemClock() throws IOException {
        List<Path> sources = sources();
        assertThat(sources).hasSizeGreaterThan(50);
        for (Path p : sources) {
            assertThat(SYSTEM_TIME.matcher(Files.readString(p)).find()).as("%s reads the system clock", p).isFalse();
        }
    }

    @Test
    void mainCodeNeverSleepsOrUsesJavaSerialization() throws IOException {
        for (Path p : sources()) {
            String text = Files.readString(p);
            assertThat(SLEEP.matcher(text).find()).as("%s sleeps", p).isFalse();
            assertThat(SERIALIZATION.matcher(text).find()).as("%s uses Java serialization", p).isFalse();
        }
    }

    @Test
    void everyPackageHasJavadoc() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            List<Path> packages = dirs.filter(Files::isDirectory)
                    .filter(d -> {
                        try (Stream<Path> f = Files.list(d)) {
                            return f.anyMatch(p -> p.toString().endsWith(".java")
                                    && !p.getFileName().toString().equals("module-info.java"));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
            assertThat(packages).isNotEmpty().allSatisfy(d -> assertThat(d.resolve("package-info.java")).exists());
        }
    }
}
