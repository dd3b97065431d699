package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.core.spi.TicketStore;
import org.junit.jupiter.api.Tag;

/** The same tests on the machine's Postgres (tables of their own, dropped after each test); runs with {@code -Pdatabases}. */
@Tag("postgres")
class AfterSalesOnPostgresTest extends AfterSalesTest {
    @Override
    protected TicketStore store() {
        return databases.postgres();
    }
}
