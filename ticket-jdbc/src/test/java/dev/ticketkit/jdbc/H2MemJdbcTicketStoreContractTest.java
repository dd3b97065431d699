package dev.ticketkit.jdbc;

import dev.ticketkit.core.spi.TicketStore;

/** The store contract on a private in-memory H2 database per test. */
class H2MemJdbcTicketStoreContractTest extends JdbcTicketStoreContract {
    @Override
    protected TicketStore createStore() {
        return JdbcTicketStore.inMemory();
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.H2;
    }
}
