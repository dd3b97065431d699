package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.commerce.DatabaseStores;
import dev.ticketkit.core.spi.TicketStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/** The same tests on the machine's Postgres (tables of their own, dropped after each test); runs with {@code -Pdatabases}. */
@Tag("postgres")
class AfterSalesOnPostgresTest extends AfterSalesTest {
    private final DatabaseStores databases = new DatabaseStores();

    @Override
    protected TicketStore store() {
        return databases.postgres();
    }

    @Override
    @AfterEach
    void tearDown() {
        super.tearDown();
        try {
            databases.close();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not drop the test's tables", e);
        }
    }
}
