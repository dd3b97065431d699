package dev.ticketkit.core.internal;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.DuplicateKeyException;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketEventListener;
import dev.ticketkit.core.TicketStoreException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every facade shares: settings, ids, input checks, and the command loop. */
final class EngineCore {
    private static final Logger LOG = LoggerFactory.getLogger(EngineCore.class);

    private final EngineSettings settings;
    private final TimeOrderedIds ids;
    private final Inputs inputs;
    private final HistoryCache histories;
    private final TicketNumberAllocator numbers;
    private volatile Runnable onScheduled = () -> { };

    EngineCore(EngineSettings settings) {
        this.settings = settings;
        this.ids = new TimeOrderedIds(settings.clock());
        this.inputs = new Inputs(settings.limits());
        this.histories = new HistoryCache(HISTORY_CACHE_TICKETS);
        this.numbers = new TicketNumberAllocator(settings.store(), settings.ticketNumberBlock());
    }

    EngineSettings settings() { return settings; }

    TimeOrderedIds ids() { return ids; }

    Inputs inputs() { return inputs; }

    HistoryCache histories() { return histories; }

    TicketNumberAllocator numbers() { return numbers; }

    private record DirectoryKey(dev.ticketkit.core.TenantId tenant, Object id) {
    }

    /** Teams and agents known to exist (they are never deleted): requireTeam/requireAgent skip the store for them. */
    private final java.util.Set<DirectoryKey> knownDirectory = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int MAX_KNOWN_DIRECTORY = 100_000;

    boolean directoryKnows(dev.ticketkit.core.TenantId tenant, Object teamOrAgent) {
        return knownDirectory.contains(new DirectoryKey(tenant, teamOrAgent));
    }

    /** Remembers teams and agents a committed command found in the store. */
    void rememberDirectory(dev.ticketkit.core.TenantId tenant, List<Object> found) {
        if (found.isEmpty()) {
            return;
        }
        if (knownDirectory.size() > MAX_KNOWN_DIRECTORY) {
            knownDirectory.clear();
        }
        for (Object o : found) {
            knownDirectory.add(new DirectoryKey(tenant, o));
        }
    }

    /** Remembers the committed histories of a unit of work's tickets (call after commit). */
    void committed(dev.ticketkit.core.TenantId tenant, java.util.Map<dev.ticketkit.core.TicketId, List<TicketEvent>> histories) {
        histories.forEach((id, events) -> this.histories.put(tenant, id, events));
    }

    void onScheduled(Runnable r) { onScheduled = r; }

    /** Tells the due-work thread that new work was scheduled. */
    void scheduled() { onScheduled.run(); }

    /** The command time: the clock's instant at microsecond precision (what SQL timestamps keep). */
    Instant now() {
        return settings.clock().instant().truncatedTo(ChronoUnit.MICROS);
    }

    private record Outcome<R>(R result, List<TicketEvent> events, boolean scheduled,
                              java.util.Map<dev.ticketkit.core.TicketId, List<TicketEvent>> histories, List<Object> known) {
    }

    /** Tickets whose committed events the engine keeps for hooks that replay a ticket's history. */
    static final int HISTORY_CACHE_TICKETS = 10_000;

    /**
     * Runs a command in a transaction; the body returns a supplier of the result, evaluated after the hooks
     * ran and everything was written. With {@code retry}, a conflict re-runs the whole command on fresh data;
     * a racing duplicate idempotency key and a transient store failure (deadlock, serialization failure) are
     * always re-run, since the command wrote nothing.
     */
    <R> R command(Actor actor, boolean retry, Function<UnitOfWork, Supplier<R>> body) {
        int attempt = 0;
        while (true) {
            try {
                Outcome<R> out = settings.store().inTransaction(tx -> {
                    UnitOfWork work = new UnitOfWork(this, tx, actor, now());
                    Supplier<R> result = body.apply(work);
                    List<TicketEvent> events = work.flush();
                    return new Outcome<>(result.get(), events, work.scheduledWork(), work.histories(), work.newlyKnown());
                });
                settings.store().afterCommit(() -> {
                    committed(actor.tenantId(), out.histories());
                    rememberDirectory(actor.tenantId(), out.known());
                    deliver(out.events());
                });
                if (out.scheduled()) {
                    onScheduled.run();
                }
                return out.result();
            } catch (TicketConflictException e) {
                if (!retry || attempt++ >= settings.maxConflictRetries()) {
                    throw e;
                }
                LOG.debug("retrying command after conflict on {} (attempt {})", e.id(), attempt);
                backoff(attempt);
            } catch (DuplicateKeyException e) {
                if (!"idempotency_key".equals(e.key()) || attempt++ >= settings.maxConflictRetries()) {
                    throw e;
                }
                LOG.debug("retrying create after a racing idempotency key (attempt {})", attempt);
            } catch (TicketStoreException e) {
                if (!e.isTransient() || attempt++ >= settings.maxConflictRetries()) {
                    throw e;
                }
                LOG.debug("retrying command after a transient store failure, SQLState {} (attempt {})", e.sqlState(), attempt);
                backoff(attempt);
            }
        }
    }

    /** Runs a read in a transaction. */
    <R> R read(Function<dev.ticketkit.core.spi.StoreTransaction, R> body) {
        return settings.store().inTransaction(body::apply);
    }

    private static void backoff(int attempt) {
        if (attempt > 3) {
            // Spin briefly so that heavily contended tickets make progress without sleeping on a clock.
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Delivers committed events to every listener; a listener that throws is logged and skipped. */
    void deliver(List<TicketEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (TicketEventListener l : settings.listeners()) {
            try {
                l.onEvents(events);
            } catch (RuntimeException e) {
                LOG.warn("event listener {} failed on {} event(s) of ticket {}; other listeners still run",
                        l.getClass().getName(), events.size(), events.get(0).ticketId(), e);
            }
        }
    }
}
