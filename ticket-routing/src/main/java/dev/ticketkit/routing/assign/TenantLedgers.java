package dev.ticketkit.routing.assign;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.spi.HookContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LoadLedger} of each tenant the router has worked for, kept fresh: before a decision the agents are
 * re-read when older than {@link RouterConfig#agentRefresh()}, the loads recounted when due ({@link Recount}) and
 * expired reservations given back. Also the router's event listener: committed events are booked in their
 * tenant's ledger. Thread-safe.
 */
final class TenantLedgers {
    /** The router's log: its parts keep logging under the name users configured before the router was split. */
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final RouterConfig config;
    private final EngineBinding binding;
    private final Recount recount;
    private final ConcurrentHashMap<TenantId, LoadLedger> tenants = new ConcurrentHashMap<>();

    TenantLedgers(RouterConfig config, EngineBinding binding, Recount recount) {
        this.config = config;
        this.binding = binding;
        this.recount = recount;
    }

    /** The tenant's ledger, made (empty, agents not read yet) if there is none. */
    LoadLedger of(TenantId tenant) {
        return tenants.computeIfAbsent(tenant, t -> new LoadLedger(t, config.reservationTimeout(), config.loadStatuses()));
    }

    /** The tenant's ledger, or null if the router has not worked for the tenant yet. */
    LoadLedger existing(TenantId tenant) {
        return tenants.get(tenant);
    }

    /**
     * The tenant's ledger, ready for a decision at {@code now}: agents re-read from {@code agents} if stale, the
     * loads recounted if due (in {@code tx} when in a command, else through the bound engine), expired
     * reservations given back.
     *
     * @param tx the command's context, or null outside a command
     */
    LoadLedger current(TenantId tenant, Instant now, Supplier<List<Agent>> agents, HookContext tx) {
        LoadLedger ledger = of(tenant);
        if (ledger.agentsStale(now, config.agentRefresh())) {
            ledger.refreshAgents(agents.get(), now);
        }
        recount.ifDue(ledger, tx, binding::engine, now);
        ledger.sweep(now);
        return ledger;
    }

    /** Re-reads the tenant's agents and recounts its loads now, through the bound engine. */
    void resync(TenantId tenant) {
        TicketEngine e = binding.engine();
        LoadLedger ledger = of(tenant);
        Instant now = binding.now();
        ledger.refreshAgents(e.directory().agents(Actor.system(tenant, Router.ACTOR_NAME)), now);
        recount.now(ledger, e, now);
    }

    /** The listener: books committed events in the ledgers of tenants the router has worked for. */
    void onEvents(List<TicketEvent> events) {
        for (TicketEvent e : events) {
            LoadLedger ledger = tenants.get(e.tenantId());
            if (ledger != null) {
                ledger.onEvent(e, id -> lookup(e.tenantId(), id));
            }
        }
    }

    /** Reads a ticket as the router; empty if no engine is bound or the read fails. */
    private Optional<Ticket> lookup(TenantId tenant, TicketId id) {
        TicketEngine e = binding.engineOrNull();
        if (e == null) {
            return Optional.empty();
        }
        try {
            return e.tickets().find(Actor.system(tenant, Router.ACTOR_NAME), id);
        } catch (RuntimeException ex) {
            LOG.debug("could not read ticket {} to count its assignment", id, ex);
            return Optional.empty();
        }
    }
}
