package dev.ticketkit.routing.assign;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.routing.assign.LoadLedger.Holding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Recounts every agent's load of a tenant from the store: every {@link RouterConfig#resyncInterval()} when the
 * router next works for the tenant, or at once ({@link Router#resync}). This is how a node learns of assignments
 * other nodes made, and how drift (a lost event, an outage) is corrected.
 *
 * <p>The first recount of a tenant is waited for (nothing is assigned on counts never read); a later one is
 * skipped if another thread is running one. Claims and commits go on while the store is read: what they change
 * meanwhile is recorded in the ledger's overlay and laid over the read, and reservations not committed yet are
 * added, so a recount never forgets an assignment made during it. Thread-safe.
 */
final class Recount {
    private final RouterConfig config;

    Recount(RouterConfig config) {
        this.config = config;
    }

    /** Whether the ledger's loads are due for a recount at {@code now}. */
    boolean due(LoadLedger ledger, Instant now) {
        return !now.isBefore(ledger.syncedAt.plus(config.resyncInterval()));
    }

    /**
     * Recounts if due: inside a command (a hook) the store is read in that command's transaction, otherwise
     * through the engine's views.
     *
     * @param tx     the command's context, or null outside a command
     * @param engine reads outside a command; asked for only then
     */
    void ifDue(LoadLedger ledger, HookContext tx, Supplier<TicketEngine> engine, Instant now) {
        if (due(ledger, now)) {
            Supplier<List<Ticket>> read = tx != null ? () -> readIn(tx) : () -> readVia(ledger, engine.get());
            run(ledger, read, now, ledger.syncedAt.equals(Instant.MIN), false);
        }
    }

    /** Recounts now through the engine's views, waiting for a recount another thread is running. */
    void now(LoadLedger ledger, TicketEngine engine, Instant now) {
        run(ledger, () -> readVia(ledger, engine), now, true, true);
    }

    /**
     * One recount: {@code read} returns the tenant's tickets in a load status.
     *
     * @param wait  wait for a recount another thread is running (else skip)
     * @param force recount even if another thread just did
     */
    void run(LoadLedger ledger, Supplier<List<Ticket>> read, Instant now, boolean wait, boolean force) {
        if (wait) {
            ledger.recount.lock();
        } else if (!ledger.recount.tryLock()) {
            return;
        }
        try {
            if (!force && !due(ledger, now)) {
                return; // another thread recounted while this one waited
            }
            ledger.startOverlay();
            List<Ticket> active;
            try {
                active = read.get();
            } catch (RuntimeException ex) {
                ledger.endOverlay();
                throw ex;
            }
            apply(ledger, active, now);
        } finally {
            ledger.recount.unlock();
        }
    }

    /** The tenant's tickets in a load status, read in the command (in a hook). */
    private List<Ticket> readIn(HookContext tx) {
        return readAll(tx::tickets);
    }

    /** The tenant's tickets in a load status, read through the engine's views. */
    private List<Ticket> readVia(LoadLedger ledger, TicketEngine e) {
        Actor system = Actor.system(ledger.tenantId(), Router.ACTOR_NAME);
        return readAll(q -> e.tickets().view(system, q));
    }

    private List<Ticket> readAll(Function<ViewQuery, Page<Ticket>> pages) {
        ViewQuery.Builder vq = ViewQuery.builder().sort(SortField.CREATED_AT, true).limit(RouterConfig.PAGE);
        config.loadStatuses().forEach(vq::statuses);
        ViewQuery view = vq.build();
        List<Ticket> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Ticket> page = pages.apply(cursor == null ? view : view.toBuilder().after(cursor).build());
            all.addAll(page.items());
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return all;
    }

    /**
     * The end of a recount, under the write lock of the books: the store's holdings, with what changed during
     * the read laid over them, plus the reservations not committed yet, become the loads.
     */
    private void apply(LoadLedger ledger, List<Ticket> active, Instant now) {
        ledger.exclusive(() -> {
            Map<TicketId, Holding> holdings = new HashMap<>();
            // holdings in statuses that don't count were not read: keep this node's
            ledger.holdings.forEach((id, h) -> {
                if (!h.counted()) {
                    holdings.put(id, h);
                }
            });
            for (Ticket t : active) {
                if (t.assignee().isPresent()) {
                    holdings.put(t.id(), new Holding(t.assignee().get(), t.channel(), true));
                    // the sticky-agent rule learns the agents of active tickets, also those assigned elsewhere
                    ledger.noteIfNewer(t.requester(), t.assignee().get(), t.updatedAt());
                }
            }
            Map<TicketId, Optional<Holding>> changed = ledger.endOverlay();
            changed.forEach((id, h) -> {
                if (h.isPresent()) {
                    holdings.put(id, h.get());
                } else {
                    holdings.remove(id);
                }
            });
            Map<AgentId, Map<Channel, Integer>> counts = new HashMap<>();
            holdings.values().forEach(h -> {
                if (h.counted()) {
                    counts.computeIfAbsent(h.agent(), k -> new HashMap<>()).merge(h.channel(), 1, Integer::sum);
                }
            });
            ledger.pending.forEach((key, p) -> {
                Holding h = holdings.get(key.ticket());
                // a reservation of a ticket already held by its agent is the same assignment, not committed yet
                int units = h != null && h.agent().equals(p.agent()) ? p.units() - 1 : p.units();
                if (units > 0) {
                    counts.computeIfAbsent(p.agent(), k -> new HashMap<>()).merge(p.channel(), units, Integer::sum);
                }
            });
            ledger.pool().setLoads(counts);
            ledger.holdings.clear();
            ledger.holdings.putAll(holdings);
            ledger.syncedAt = now;
        });
    }
}
