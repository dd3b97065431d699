package dev.ticketkit.core.spi;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.internal.InMemoryTicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where tickets live. The engine runs every command as one unit of work through
 * {@link #inTransaction(TransactionCallback)}: everything the callback writes through the
 * {@link StoreTransaction} is committed together or not at all.
 *
 * <p>Implementations must be thread-safe, must keep tenants apart, and must pass
 * {@code dev.ticketkit.testkit.TicketStoreContract} from {@code ticket-testkit}. Failures surface as
 * {@link dev.ticketkit.core.TicketStoreException} (unique-key violations as
 * {@link dev.ticketkit.core.DuplicateKeyException}, stale versions as
 * {@link dev.ticketkit.core.TicketConflictException}), never as raw driver exceptions.
 *
 * <p>The due-work methods ({@link #claimDueWork}, {@link #releaseDueWork}, {@link #renewLeases},
 * {@link #nextDueAt}) commit on their own; completing work happens inside the transaction that did it
 * ({@link StoreTransaction#completeDueWork}), so work is never done twice while claims are healthy.
 */
public interface TicketStore extends AutoCloseable {

    /** A thread-safe store that keeps everything in memory (lost when the JVM exits). */
    static TicketStore inMemory() {
        return new InMemoryTicketStore();
    }

    /**
     * Runs the callback in one transaction and commits if it returns normally; rolls back and rethrows
     * whatever it throws.
     */
    <R, X extends Exception> R inTransaction(TransactionCallback<R, X> callback) throws X;

    /**
     * Reserves {@code count} consecutive ticket sequence numbers of the tenant and returns the first: the block is
     * {@code first .. first + count - 1}. A tenant's first block starts at 1; every later block starts above every
     * block reserved before it, by any caller on the same data (other nodes included), so no number is handed out
     * twice.
     *
     * <p>The reservation is a short transaction of its own, committed before this method returns, also when the
     * calling thread is inside {@link #inTransaction} (the engine reserves before a create's transaction, and inside
     * a running command when it has no numbers left there) or inside a transaction the store joined: no command holds
     * the tenant's counter, so one tenant's commands on several nodes do not queue behind each other. Numbers of a block that nobody uses are lost (gaps), and so are numbers
     * of a command that rolls back. Stores that keep the counter in a database need a connection of their own for
     * it.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    long reserveTicketNumbers(TenantId tenantId, int count);

    /**
     * Claims up to {@code limit} work items due at or before {@code now} that are unclaimed or whose lease
     * expired, for {@code owner} until {@code now + lease}. Soonest due first. Two callers never get the same
     * item while its lease runs.
     */
    List<DueWork> claimDueWork(String owner, Instant now, Duration lease, int limit);

    /**
     * Gives a claimed item back after a failure: unclaims it, sets it due again at {@code retryAt} and
     * increments its attempts. Does nothing if {@code owner} no longer holds the claim.
     */
    void releaseDueWork(DueWork work, String owner, Instant retryAt);

    /** Extends the leases {@code owner} still holds on these items; returns how many it still held. */
    int renewLeases(String owner, Collection<DueWork> works, Instant leaseUntil);

    /**
     * When the runner should look again: the soonest due time of unclaimed work, or the lease end of claimed
     * work, whichever is first (stores may use {@code now} to skip work whose lease is still running).
     */
    Optional<Instant> nextDueAt(Instant now);

    /**
     * Runs {@code action} once the transaction that just ended on this thread is committed. The engine calls it
     * right after {@link #inTransaction} returned, to deliver events to listeners. The default runs the action
     * at once (the transaction has committed). A store that joined a transaction its caller manages (which is
     * therefore not committed yet) may defer the action to the caller's commit, or drop it on rollback.
     */
    default void afterCommit(Runnable action) {
        action.run();
    }

    /** Releases resources the store owns (not a caller's DataSource). Idempotent. */
    @Override
    default void close() {
    }

    /**
     * Work done inside a store transaction.
     *
     * @param <R> the result type
     * @param <X> the checked exception the work may throw, passed through unchanged
     */
    @FunctionalInterface
    interface TransactionCallback<R, X extends Exception> {
        R run(StoreTransaction tx) throws X;
    }
}
