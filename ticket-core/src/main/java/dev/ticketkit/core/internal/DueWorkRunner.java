package dev.ticketkit.core.internal;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.DueWorkContext;
import dev.ticketkit.core.spi.DueWorkHandler;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.core.spi.StoreTransaction;
import dev.ticketkit.core.spi.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due work from the store and runs each item's handler in a transaction that first completes the
 * item (failing if the claim was lost), so an item is done at most once while its claim holds; a failing item is retried with exponential
 * backoff and dropped (logged) after the configured number of attempts.
 */
final class DueWorkRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DueWorkRunner.class);
    /** Passes through a claim lost mid-run, to roll the handler's work back. */
    private static final class LostClaim extends RuntimeException {
        LostClaim() {
            super("claim lost", null, false, false);
        }
    }

    /** Upper bound on batches in one {@link #runDue()} call, so work that keeps rescheduling itself can't spin. */
    private static final int MAX_BATCHES_PER_RUN = 1_000;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    private final EngineCore core;
    /** Claimed items not started yet, with when their lease was last extended: what a heartbeat renews. */
    private final Map<DueWork, Instant> held = new ConcurrentHashMap<>();

    DueWorkRunner(EngineCore core) {
        this.core = core;
    }

    int runDue() {
        EngineSettings s = core.settings();
        TicketStore store = s.store();
        int done = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            Instant now = core.now();
            List<DueWork> claimed = store.claimDueWork(s.nodeId(), now, s.dueWorkLease(), s.dueWorkBatchSize());
            claimed.forEach(w -> held.put(w, now));
            try {
                for (DueWork w : claimed) {
                    // items later in the batch wait for earlier ones: keep their claims alive meanwhile
                    renewHeld(false);
                    // the running item leaves the heartbeat: its transaction deletes (and so locks) its row first
                    held.remove(w);
                    runOne(w, now);
                    done++;
                }
            } finally {
                claimed.forEach(held::remove);
            }
            if (claimed.size() < s.dueWorkBatchSize()) {
                break;
            }
        }
        return done;
    }

    /**
     * Extends the lease of every item this runner holds and has not started (the running one needs none: the
     * transaction running it deleted its row first, which a database keeps locked until commit, and a
     * handler that fails releases it) to now + lease: all of them if
     * {@code force}, else those whose lease was last extended a third of a lease ago or more. Returns how many
     * the store says this node still holds. A lost claim is noticed when the item runs (its completion fails).
     */
    int renewHeld(boolean force) {
        if (held.isEmpty()) {
            return 0;
        }
        EngineSettings s = core.settings();
        Instant now = core.now();
        Duration third = s.dueWorkLease().dividedBy(3);
        List<DueWork> due = new ArrayList<>();
        held.forEach((w, last) -> {
            if (force || !now.isBefore(last.plus(third))) {
                due.add(w);
            }
        });
        if (due.isEmpty()) {
            return 0;
        }
        try {
            int n = s.store().renewLeases(s.nodeId(), due, now.plus(s.dueWorkLease()));
            for (DueWork w : due) {
                held.replace(w, now);
            }
            if (n < due.size()) {
                LOG.debug("renewed {} of {} due-work leases; the others were taken over or finished", n, due.size());
            }
            return n;
        } catch (RuntimeException e) {
            LOG.warn("renewing {} due-work leases failed; retrying at the next heartbeat", due.size(), e);
            return 0;
        }
    }

    /** Whether any claimed item is waiting or running. */
    boolean holdsWork() {
        return !held.isEmpty();
    }

    private void runOne(DueWork w, Instant now) {
        EngineSettings s = core.settings();
        DueWorkHandler handler = s.dueWorkHandlers().get(w.type());
        if (handler == null) {
            LOG.warn("no handler for due work type {} (key {}); retrying later", w.type(), w.key());
            retryOrDrop(w, now, null);
            return;
        }
        List<TicketEvent> events = new ArrayList<>();
        java.util.Map<TicketId, List<TicketEvent>> committedHistories = new java.util.HashMap<>();
        boolean[] scheduled = {false};
        try {
            s.store().inTransaction(tx -> {
                // Complete first: it proves the claim is still ours (and on databases locks the row until commit),
                // and lets the handler reschedule or cancel its own key.
                if (!tx.completeDueWork(w, s.nodeId())) {
                    throw new LostClaim();
                }
                Context ctx = new Context(tx, w, now, events, scheduled);
                handler.handle(ctx);
                committedHistories.putAll(ctx.histories);
                return null;
            });
        } catch (LostClaim e) {
            LOG.debug("due work {} was claimed by another node or rescheduled; its run was rolled back", w.key());
            return;
        } catch (Exception e) {
            retryOrDrop(w, now, e);
            return;
        }
        core.committed(w.tenantId(), committedHistories);
        core.deliver(events);
    }

    private void retryOrDrop(DueWork w, Instant now, Exception failure) {
        EngineSettings s = core.settings();
        int attempts = w.attempts() + 1;
        if (attempts >= s.dueWorkMaxAttempts()) {
            LOG.error("dropping due work {} of type {} after {} attempts", w.key(), w.type(), attempts, failure);
            try {
                s.store().inTransaction(tx -> tx.completeDueWork(w, s.nodeId()));
            } catch (RuntimeException e) {
                LOG.warn("could not drop due work {}", w.key(), e);
            }
            return;
        }
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts, 20));
        if (failure != null) {
            LOG.warn("due work {} of type {} failed (attempt {}); retrying in {} s", w.key(), w.type(), attempts, seconds, failure);
        }
        try {
            s.store().releaseDueWork(w, s.nodeId(), now.plusSeconds(seconds));
        } catch (RuntimeException e) {
            LOG.warn("could not release due work {}; it is retaken after its lease", w.key(), e);
        }
    }

    /** The handler's view: commands on tickets join the work's transaction. */
    private final class Context implements DueWorkContext {
        private final StoreTransaction tx;
        private final DueWork work;
        private final Instant now;
        private final List<TicketEvent> events;
        private final boolean[] scheduled;
        private final Actor actor;
        final java.util.Map<TicketId, List<TicketEvent>> histories = new java.util.HashMap<>();

        Context(StoreTransaction tx, DueWork work, Instant now, List<TicketEvent> events, boolean[] scheduled) {
            this.tx = tx;
            this.work = work;
            this.now = now;
            this.events = events;
            this.scheduled = scheduled;
            this.actor = Actor.system(work.tenantId(), work.type());
        }

        @Override
        public DueWork work() {
            return work;
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public Actor actor() {
            return actor;
        }

        @Override
        public boolean onTicket(TicketId ticketId, Consumer<HookContext> change) {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(change, "change");
            if (tx.findTicket(work.tenantId(), ticketId).isEmpty()) {
                return false;
            }
            UnitOfWork uow = new UnitOfWork(core, tx, actor, now);
            TicketDraft d = uow.load(ticketId, null);
            change.accept(new HookContextImpl(uow, d, actor.ref()));
            events.addAll(uow.flush());
            histories.putAll(uow.histories());
            scheduled[0] |= uow.scheduledWork();
            return true;
        }

        @Override
        public void schedule(DueWork next) {
            Objects.requireNonNull(next, "work");
            if (!next.tenantId().equals(work.tenantId())) {
                throw new IllegalArgumentException("due work must belong to the same tenant");
            }
            tx.scheduleDueWork(next);
            scheduled[0] = true;
        }

        @Override
        public boolean cancel(String key) {
            return tx.cancelDueWork(work.tenantId(), key);
        }
    }
}
