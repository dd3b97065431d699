package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.jdbc.JdbcTicketStore;

/** The same compensations on the JDBC store (a private in-memory H2 database per test): they are the ticket's events. */
class CompensationsOnH2Test extends CompensationsTest {
    @Override
    protected TicketStore store() {
        return JdbcTicketStore.inMemory();
    }
}
