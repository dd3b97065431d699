package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.jdbc.JdbcTicketStore;

/** The same cases on the JDBC store (a private in-memory H2 database per test): they are the ticket's events. */
class AfterSalesOnH2Test extends AfterSalesTest {
    @Override
    protected TicketStore store() {
        return JdbcTicketStore.inMemory();
    }
}
