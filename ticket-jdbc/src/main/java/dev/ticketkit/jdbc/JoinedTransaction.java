package dev.ticketkit.jdbc;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller's JDBC transaction that TicketKit commands on this thread join, from {@link JdbcTicketStore#join}.
 * Close it when the caller's transaction ends; call {@link #committed()} after committing so that listeners get
 * the events of the commands that ran inside it (events of a rolled-back transaction are dropped at
 * {@link #close()}; the outbox needs neither: its rows are part of the caller's transaction).
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection()) {
 *     c.setAutoCommit(false);
 *     try (JoinedTransaction joined = store.join(c)) {
 *         orders.markDisputed(c, orderId);                           // the ERP's own SQL
 *         engine.tickets().create(actor, newTicket);                 // same connection, same transaction
 *         c.commit();
 *         joined.committed();                                        // now listeners see the ticket's events
 *     } catch (RuntimeException | SQLException e) {
 *         c.rollback();                                              // the ticket is gone with the rest
 *         throw e;
 *     }
 * }
 * }</pre>
 *
 * <p>Belongs to the thread that called {@code join}; not thread-safe.
 */
public final class JoinedTransaction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JoinedTransaction.class);

    private final Connection connection;
    private final Runnable unbind;
    private final Thread owner;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean closed;

    JoinedTransaction(Connection connection, Runnable unbind) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.unbind = unbind;
        this.owner = Thread.currentThread();
    }

    /** The caller's connection. */
    public Connection connection() {
        return connection;
    }

    void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /**
     * Says the caller committed: runs the queued after-commit actions (listener deliveries) on this thread, in
     * order. The transaction stays joined, so later commands (of the caller's next transaction on the same
     * connection) join too.
     */
    public void committed() {
        check();
        List<Runnable> run = List.copyOf(afterCommit);
        afterCommit.clear();
        for (Runnable r : run) {
            r.run();
        }
    }

    /** Unbinds the connection from this thread; drops after-commit actions {@link #committed()} did not run. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        check();
        closed = true;
        if (!afterCommit.isEmpty()) {
            LOG.debug("dropping {} listener deliveries of a joined transaction that did not report a commit", afterCommit.size());
            afterCommit.clear();
        }
        unbind.run();
    }

    private void check() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a joined transaction belongs to the thread that joined it");
        }
    }
}
