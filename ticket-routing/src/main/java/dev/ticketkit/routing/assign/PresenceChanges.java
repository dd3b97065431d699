package dev.ticketkit.routing.assign;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.ViewQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's presence changed through the router: the directory is updated, the pool's copy at once, and work
 * moves. Going {@link Presence#OFFLINE} gives back the agent's untouched tickets (NEW/OPEN, no agent reply yet) in
 * queues that {@linkplain TeamQueue#returnOnOffline() return on offline}, each unassigned with its version, so
 * the {@link AssignmentHook} routes them to others in the same command; a ticket that changed meanwhile stays
 * with its agent. Coming {@link Presence#ONLINE} fills the agent up to capacity from their push queues through
 * the {@link PullQueue}. Thread-safe.
 */
final class PresenceChanges {
    /** The router's log: its parts keep logging under the name users configured before the router was split. */
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    /** At most this many tickets are handed to an agent coming online in one call. */
    private static final int MAX_FILL = 1_000;

    private final RouterConfig config;
    private final EngineBinding binding;
    private final TenantLedgers ledgers;
    private final PullQueue pulls;

    PresenceChanges(RouterConfig config, EngineBinding binding, TenantLedgers ledgers, PullQueue pulls) {
        this.config = config;
        this.binding = binding;
        this.ledgers = ledgers;
        this.pulls = pulls;
    }

    /**
     * Sets the presence and moves the work.
     *
     * @return the tickets given back or handed to the agent
     */
    List<TicketId> setPresence(Actor actor, AgentId agentId, Presence presence) {
        TicketEngine e = binding.engine();
        Agent updated = e.directory().setPresence(actor, agentId, presence);
        LoadLedger ledger = ledgers.existing(actor.tenantId());
        if (ledger != null && ledger.pool() != null) {
            if (ledger.pool().agent(agentId).isEmpty()) {
                ledger.refreshAgents(e.directory().agents(Actor.system(actor.tenantId(), Router.ACTOR_NAME)), binding.now());
            }
            ledger.pool().setPresence(agentId, presence);
        }
        List<TicketId> changed = new ArrayList<>();
        Actor system = Actor.system(actor.tenantId(), Router.ACTOR_NAME);
        if (presence == Presence.OFFLINE) {
            for (Ticket t : activeTicketsOf(e, system, agentId)) {
                TeamQueue q = config.queueOf(t);
                if (q == null || !q.returnOnOffline() || t.firstAgentReplyAt().isPresent()) {
                    continue;
                }
                try {
                    e.tickets().update(system, t.id(), TicketUpdate.builder().unassign().expectVersion(t.version()).build());
                    changed.add(t.id());
                } catch (TicketConflictException conflict) {
                    LOG.debug("ticket {} changed while returning it to the queue; left with its agent", t.id());
                }
            }
        } else if (presence == Presence.ONLINE) {
            for (int i = 0; i < MAX_FILL; i++) {
                Optional<Ticket> t = pulls.pull(system, updated.id(), true);
                if (t.isEmpty()) {
                    break;
                }
                changed.add(t.get().id());
            }
        }
        return changed;
    }

    /** The agent's NEW and OPEN tickets, oldest first. */
    private static List<Ticket> activeTicketsOf(TicketEngine e, Actor system, AgentId agentId) {
        ViewQuery view = ViewQuery.builder().assignee(agentId).statuses(TicketStatus.NEW, TicketStatus.OPEN)
                .sort(SortField.CREATED_AT, true).limit(RouterConfig.PAGE).build();
        String cursor = null;
        List<Ticket> mine = new ArrayList<>();
        do {
            Page<Ticket> page = e.tickets().view(system, cursor == null ? view : view.toBuilder().after(cursor).build());
            mine.addAll(page.items());
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return mine;
    }
}
