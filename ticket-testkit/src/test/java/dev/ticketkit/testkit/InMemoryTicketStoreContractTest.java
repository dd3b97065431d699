package dev.ticketkit.testkit;

import dev.ticketkit.core.spi.TicketStore;

/** The in-memory store passes the store contract. */
class InMemoryTicketStoreContractTest extends TicketStoreContract {
    @Override
    protected TicketStore createStore() {
        return TicketStore.inMemory();
    }
}
