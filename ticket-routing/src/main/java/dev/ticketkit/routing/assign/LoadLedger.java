package dev.ticketkit.routing.assign;

import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.routing.internal.AgentPool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The routing books of one tenant: its agents and their loads ({@link AgentPool}), the capacity reserved for
 * assignments not seen committed yet (reservations), and the assignments this node counts (holdings).
 *
 * <p><b>Locking.</b> A claim on the pool and its reservation, and the booking of one committed event, each run
 * under the read lock of the books ({@link #booked}), concurrently: the maps are concurrent and the pool's
 * counters atomic. The end of a recount ({@link Recount}), which replaces the counts, runs under the write lock,
 * so it never sees a claim without its reservation. While a recount reads the store, every holding that changes
 * is also recorded in an overlay that the recount lays over what it read.
 *
 * <p>Reservations are per ticket and agent and count units: two pulls racing for one ticket each hold a unit
 * until one commits (the other cancels its own); a hook whose earlier attempt at the same command rolled back
 * without telling us re-uses the unit it booked. A reservation whose assignment never commits is given back
 * after the reservation timeout ({@link #sweep}).
 */
final class LoadLedger {

    /**
     * Reserved capacity whose assignment has not been seen committed yet: {@code units} claims of the agent for
     * the ticket (two pulls racing for the same ticket each hold one until one commits and the other cancels).
     */
    record Pending(AgentId agent, Channel channel, Instant deadline, int units) {
    }

    /** A reservation is per ticket and agent: two agents racing for one ticket each hold their own. */
    record Key(TicketId ticket, AgentId agent) {
    }

    /** An assignment this node knows of; {@code counted} when its status counts toward the agent's load. */
    record Holding(AgentId agent, Channel channel, boolean counted) {
    }

    private final TenantId tenantId;
    private final Duration reservationTimeout;
    private final Set<TicketStatus> loadStatuses;
    private volatile AgentPool pool;
    private volatile Instant agentsAt = Instant.MIN;
    /** When the loads were last recounted from the store; {@link Instant#MIN} before the first recount. */
    volatile Instant syncedAt = Instant.MIN;
    private volatile Instant sweptAt = Instant.MIN;
    /** Reservations; changed under the read lock, read whole under the write lock. */
    final ConcurrentHashMap<Key, Pending> pending = new ConcurrentHashMap<>();
    /** Holdings by ticket; changed only through {@link #hold} and {@link #unhold}, except by a recount. */
    final ConcurrentHashMap<TicketId, Holding> holdings = new ConcurrentHashMap<>();
    /** The books (see the class comment). */
    final ReentrantReadWriteLock books = new ReentrantReadWriteLock();
    /** One recount at a time; the first one is waited for, later ones are skipped while one runs. */
    final ReentrantLock recount = new ReentrantLock();
    /** While a recount reads the store: the latest holding of each ticket changed meanwhile (empty = gone). */
    private volatile Map<TicketId, Optional<Holding>> changedDuringRecount;

    /** The last agent this node saw on each requester's tickets, and when: what the sticky agent rule asks. */
    record Recent(AgentId agent, Instant at) {
    }

    /** Requesters remembered per tenant (least recently noted go first). */
    static final int MAX_RECENT_REQUESTERS = 100_000;
    private final Map<dev.ticketkit.core.CustomerId, Recent> recent = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<dev.ticketkit.core.CustomerId, Recent> eldest) {
                    return size() > MAX_RECENT_REQUESTERS;
                }
            });

    /** Notes that a command on one of the requester's tickets saw it assigned to {@code agent} at {@code at}. */
    void noteAgent(dev.ticketkit.core.CustomerId requester, AgentId agent, Instant at) {
        recent.put(requester, new Recent(agent, at));
    }

    /** Notes the requester's agent unless a later one is noted already. */
    void noteIfNewer(dev.ticketkit.core.CustomerId requester, AgentId agent, Instant at) {
        recent.merge(requester, new Recent(agent, at), (old, now) -> old.at().isAfter(now.at()) ? old : now);
    }

    /** The last agent noted on the requester's tickets, if any. */
    Optional<Recent> recentAgent(dev.ticketkit.core.CustomerId requester) {
        return Optional.ofNullable(recent.get(requester));
    }

    /**
     * @param tenantId           the tenant
     * @param reservationTimeout how long a reservation waits for its assignment to commit
     * @param loadStatuses       the statuses that count toward an agent's load
     */
    LoadLedger(TenantId tenantId, Duration reservationTimeout, Set<TicketStatus> loadStatuses) {
        this.tenantId = tenantId;
        this.reservationTimeout = reservationTimeout;
        this.loadStatuses = loadStatuses;
    }

    TenantId tenantId() {
        return tenantId;
    }

    /** The tenant's agents and loads; null until the agents were first read ({@link #refreshAgents}). */
    AgentPool pool() {
        return pool;
    }

    /** Whether the agents were never read or were read {@code maxAge} or longer before {@code now}. */
    boolean agentsStale(Instant now, Duration maxAge) {
        return pool == null || !now.isBefore(agentsAt.plus(maxAge));
    }

    /** Replaces the agents (the loads are kept), or makes the pool on the first call. */
    synchronized void refreshAgents(List<Agent> agents, Instant now) {
        if (pool == null) {
            pool = AgentPool.of(tenantId, agents);
        } else {
            pool.replaceAgents(agents);
        }
        agentsAt = now;
    }

    /** Runs {@code body} under the read lock of the books. */
    <T> T booked(Supplier<T> body) {
        books.readLock().lock();
        try {
            return body.get();
        } finally {
            books.readLock().unlock();
        }
    }

    /** Runs {@code body} under the write lock of the books: no claim or booking runs meanwhile. */
    void exclusive(Runnable body) {
        books.writeLock().lock();
        try {
            body.run();
        } finally {
            books.writeLock().unlock();
        }
    }

    // ---- reservations ----------------------------------------------------------------------------

    /**
     * Books the claim just made on the pool for the ticket; call under the read lock of the books. With
     * {@code replace} (a hook, whose earlier attempt at the same command may have rolled back without telling us)
     * a claim already booked for this ticket and agent stands for this one too, and the new unit is given back;
     * else (a pull, which cancels its own claim when it fails) each claim is booked as a unit of its own.
     */
    void reserve(TicketId ticket, AgentId agent, Channel channel, Instant now, boolean replace) {
        Instant deadline = now.plus(reservationTimeout);
        pending.compute(new Key(ticket, agent), (k, old) -> {
            if (old == null) {
                return new Pending(agent, channel, deadline, 1);
            }
            if (replace || !old.channel().equals(channel)) {
                pool.release(agent, channel);
                return new Pending(agent, old.channel(), deadline, old.units());
            }
            return new Pending(agent, channel, deadline, old.units() + 1);
        });
    }

    /**
     * Gives back one claim whose assignment failed. Nothing if the ticket's commit was already booked: that
     * gave back the claims of the attempts that could no longer commit.
     */
    void cancel(TicketId ticket, AgentId agent) {
        booked(() -> {
            pending.computeIfPresent(new Key(ticket, agent), (k, p) -> {
                pool.release(p.agent(), p.channel());
                return p.units() > 1 ? new Pending(p.agent(), p.channel(), p.deadline(), p.units() - 1) : null;
            });
            return null;
        });
    }

    /** Gives back reservations past their deadline; does nothing if it ran less than a second ago. */
    void sweep(Instant now) {
        if (now.isBefore(sweptAt.plusSeconds(1))) {
            return;
        }
        sweptAt = now;
        booked(() -> {
            pending.forEach((t, p) -> {
                if (p.deadline().isBefore(now) && pending.remove(t, p)) {
                    for (int i = 0; i < p.units(); i++) {
                        pool.release(p.agent(), p.channel());
                    }
                }
            });
            return null;
        });
    }

    // ---- holdings --------------------------------------------------------------------------------

    /** Records that the ticket is held (also in the overlay of a running recount). */
    void hold(TicketId ticket, Holding h) {
        holdings.put(ticket, h);
        Map<TicketId, Optional<Holding>> changed = changedDuringRecount;
        if (changed != null) {
            changed.put(ticket, Optional.of(h));
        }
    }

    /** Records that the ticket is no longer held (also in the overlay of a running recount); the old holding. */
    Holding unhold(TicketId ticket) {
        Holding h = holdings.remove(ticket);
        Map<TicketId, Optional<Holding>> changed = changedDuringRecount;
        if (changed != null) {
            changed.put(ticket, Optional.empty());
        }
        return h;
    }

    /** Starts the overlay of a recount: from now on, changed holdings are recorded. Takes the write lock. */
    void startOverlay() {
        exclusive(() -> changedDuringRecount = new ConcurrentHashMap<>());
    }

    /** Ends the overlay and returns what it recorded; call under the write lock (or when the recount failed). */
    Map<TicketId, Optional<Holding>> endOverlay() {
        Map<TicketId, Optional<Holding>> changed = changedDuringRecount;
        changedDuringRecount = null;
        return changed == null ? Map.of() : changed;
    }

    // ---- committed events ------------------------------------------------------------------------

    /**
     * Books one committed event: confirms this node's reservation of an assignment, counts an assignment made
     * elsewhere (by hand, another node), and moves a held ticket's unit in or out of the load when its status
     * changes. An assignment this node knows nothing of needs the ticket's channel and status: it is read with
     * {@code lookup} before the read lock is taken (a read may wait for a connection).
     *
     * @param lookup reads a ticket of this tenant; empty if it can't be read (the assignment is then not counted
     *               until the next recount)
     */
    void onEvent(TicketEvent e, Function<TicketId, Optional<Ticket>> lookup) {
        if (pool == null) {
            return;
        }
        Ticket known = null;
        if (e instanceof TicketEvent.AssigneeChanged a && a.to() != null
                && !pending.containsKey(new Key(a.ticketId(), a.to())) && !holdings.containsKey(a.ticketId())) {
            known = lookup.apply(a.ticketId()).orElse(null);
        }
        Ticket read = known;
        booked(() -> {
            book(e, read, lookup);
            return null;
        });
    }

    /** Books one committed event; runs under the read lock of the books. */
    private void book(TicketEvent e, Ticket known, Function<TicketId, Optional<Ticket>> lookup) {
        if (e instanceof TicketEvent.TicketCreated c && c.ticket().assignee().isPresent()) {
            Ticket t = c.ticket();
            took(t.id(), t.assignee().get(), t.channel(), loadStatuses.contains(t.status()));
        } else if (e instanceof TicketEvent.AssigneeChanged a) {
            Holding h = unhold(a.ticketId());
            Pending p = a.to() == null ? null : pending.get(new Key(a.ticketId(), a.to()));
            // a recount that read this assignment in the store before its event came here made it a holding and
            // counted its reservation one unit short: the holding is this assignment, not an earlier one, so its
            // unit stays, and confirming the reservation below adds none
            boolean readByRecount = h != null && p != null && h.agent().equals(a.to());
            if (h != null && h.counted() && !readByRecount) {
                pool.release(h.agent(), h.channel());
            }
            if (a.to() != null) {
                Channel channel = p != null ? p.channel() : h != null ? h.channel() : null;
                boolean counted = true;
                if (channel == null || (p == null && h == null)) {
                    Optional<Ticket> t = known != null ? Optional.of(known) : lookup.apply(a.ticketId());
                    if (t.isEmpty()) {
                        return;
                    }
                    channel = t.get().channel();
                    counted = loadStatuses.contains(t.get().status());
                }
                took(a.ticketId(), a.to(), channel, counted);
            }
        } else if (e instanceof TicketEvent.StatusChanged s) {
            Holding h = holdings.get(s.ticketId());
            if (h == null) {
                return;
            }
            boolean counted = loadStatuses.contains(s.to());
            if (h.counted() && !counted) {
                pool.release(h.agent(), h.channel());
            } else if (!h.counted() && counted) {
                pool.add(h.agent(), h.channel());
            }
            if (s.to() == TicketStatus.CLOSED) {
                unhold(s.ticketId());
            } else {
                hold(s.ticketId(), new Holding(h.agent(), h.channel(), counted));
            }
        }
    }

    /** A committed assignment: confirms this node's reservation, or counts an assignment made elsewhere. */
    private void took(TicketId ticket, AgentId agent, Channel channel, boolean counted) {
        Pending p = pending.remove(new Key(ticket, agent));
        boolean reserved = p != null && p.channel().equals(channel);
        // the other attempts at this ticket (racing pulls, a rolled-back command) can no longer commit
        int extra = p == null ? 0 : reserved ? p.units() - 1 : p.units();
        for (int i = 0; i < extra; i++) {
            pool.release(p.agent(), p.channel());
        }
        if (reserved && !counted) {
            pool.release(agent, channel);
        } else if (!reserved && counted) {
            pool.add(agent, channel);
        }
        hold(ticket, new Holding(agent, channel, counted));
    }
}
