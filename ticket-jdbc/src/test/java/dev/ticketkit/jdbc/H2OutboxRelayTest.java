package dev.ticketkit.jdbc;

/** The outbox relay on in-memory H2. */
class H2OutboxRelayTest extends OutboxRelayContract {
    @Override
    protected JdbcTicketStore createStore() {
        return JdbcTicketStore.inMemory();
    }
}
