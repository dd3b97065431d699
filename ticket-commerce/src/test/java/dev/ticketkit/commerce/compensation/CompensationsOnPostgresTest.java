package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.spi.TicketStore;
import org.junit.jupiter.api.Tag;

/** The same tests on the machine's Postgres (tables of their own, dropped after each test); runs with {@code -Pdatabases}. */
@Tag("postgres")
class CompensationsOnPostgresTest extends CompensationsTest {
    @Override
    protected TicketStore store() {
        return databases.postgres();
    }
}
