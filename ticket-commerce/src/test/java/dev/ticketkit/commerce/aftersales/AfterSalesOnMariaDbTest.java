package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.core.spi.TicketStore;
import org.junit.jupiter.api.Tag;

/** The same tests on the machine's MariaDb (tables of their own, dropped after each test); runs with {@code -Pdatabases}. */
@Tag("mariadb")
class AfterSalesOnMariaDbTest extends AfterSalesTest {
    @Override
    protected TicketStore store() {
        return databases.mariaDb();
    }
}
