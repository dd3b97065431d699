package dev.ticketkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What starting the store on the embedded H2 writes to the log: the schema migration, and no warning from
 * Flyway (such as "H2 2.4.240 is newer than this version of Flyway and support has not been tested"), on a new
 * database and on one that is already current.
 *
 * <p>The tests' SLF4J provider is slf4j-simple, which writes to whatever {@code System.err} is at the time of
 * each event (the default target); the test swaps {@code System.err} while the store starts and reads back
 * what was written. Each start is first checked for the store's own INFO line (its effective configuration),
 * so a capture that saw nothing cannot pass for a clean log.
 */
class H2StartLogTest {

    private static String logOf(Runnable start) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.err;
        synchronized (H2StartLogTest.class) {
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            try {
                start.run();
            } finally {
                System.setErr(original);
            }
        }
        String log = buffer.toString(StandardCharsets.UTF_8);
        original.print(log);
        return log;
    }

    @Test
    void anInMemoryStartLogsTheMigrationAndNoFlywayWarning() {
        String log = logOf(() -> JdbcTicketStore.inMemory().close());

        assertThat(log).contains("TicketKit JDBC store: database=H2 2.4")
                .contains("TicketKit schema with prefix 'tk_' migrated to version");
        assertThat(log).doesNotContain("WARN").doesNotContain("org.flywaydb").doesNotContain("newer than");
    }

    @Test
    void reopeningAnEmbeddedDatabaseLogsNoFlywayWarning(@TempDir Path dir) {
        String first = logOf(() -> JdbcTicketStore.embedded(dir).close());
        String second = logOf(() -> JdbcTicketStore.embedded(dir).close());

        assertThat(first).contains("TicketKit JDBC store: database=H2 2.4")
                .contains("TicketKit schema with prefix 'tk_' migrated to version");
        assertThat(first).doesNotContain("WARN").doesNotContain("org.flywaydb");
        assertThat(second).contains("TicketKit JDBC store: database=H2 2.4").doesNotContain("migrated");
        assertThat(second).doesNotContain("WARN").doesNotContain("org.flywaydb");
    }
}
