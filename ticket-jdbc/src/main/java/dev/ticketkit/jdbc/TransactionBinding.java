package dev.ticketkit.jdbc;

import java.sql.Connection;

/**
 * Tells a {@link JdbcTicketStore} about transactions its caller manages, so that TicketKit commands join them
 * ({@link JdbcTicketStore.Builder#transactionBinding}). For a framework that binds a connection to the thread
 * (Spring's {@code DataSourceUtils.getConnection} inside {@code @Transactional}, a Jakarta EE container, your own
 * unit of work), implement {@link #currentConnection()} with it and {@link #afterCommit(Runnable)} with the
 * framework's after-commit callback; for one-off use, {@link JdbcTicketStore#join(Connection)} needs no binding.
 *
 * <p>While {@link #currentConnection()} returns a connection, every command on that thread runs on it: no
 * begin, commit or rollback of its own, but inside a savepoint, so a command that fails is undone without
 * spoiling the caller's transaction. Its outbox rows commit or roll back with the caller's work. Must be
 * thread-safe.
 */
public interface TransactionBinding {

    /**
     * The connection of the caller's transaction running on this thread (auto-commit off), or null if there is
     * none, in which case the store runs its own transaction as usual. The store never closes it.
     */
    Connection currentConnection();

    /**
     * Runs {@code action} after the caller's transaction on this thread commits, and never if it rolls back:
     * the engine delivers events to listeners through it. The default runs the action at once, before the
     * caller committed (listeners may then see events of work that is later rolled back).
     */
    default void afterCommit(Runnable action) {
        action.run();
    }
}
