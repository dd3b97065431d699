package dev.ticketkit.routing.assign;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.routing.internal.AgentPool;
import dev.ticketkit.routing.internal.SkillNeed;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Assignments made outside a command, through the engine: an agent pulling the best ticket they may take
 * ({@link #pull}), and one ticket routed on request ({@link #route}). Each claims the agent's capacity on the pool
 * and reserves it in the ledger, then commits an update with the ticket's version read, so a ticket another agent
 * or node took meanwhile is a {@link TicketConflictException}: the pull cancels its reservation and moves on to
 * the next ticket. Thread-safe.
 */
final class PullQueue {
    /** Pages of the queue a pull reads at most before it gives up. */
    private static final int MAX_PAGES = 10;

    private final RouterConfig config;
    private final EngineBinding binding;
    private final TenantLedgers ledgers;

    PullQueue(RouterConfig config, EngineBinding binding, TenantLedgers ledgers) {
        this.config = config;
        this.binding = binding;
        this.ledgers = ledgers;
    }

    /**
     * Assigns the agent the best unassigned NEW/OPEN ticket of their routed teams, in {@link SortField#QUEUE}
     * order, that they qualify for and have capacity for, committed by {@code commander}.
     *
     * @param requireOnline hand nothing to an agent who is not online (a push), else ignore presence (a pull)
     * @return the assigned ticket, or empty if nothing fits
     * @throws TicketNotFoundException if the agent does not exist in the commander's tenant
     */
    Optional<Ticket> pull(Actor commander, AgentId agentId, boolean requireOnline) {
        TicketEngine e = binding.engine();
        TenantId tenant = commander.tenantId();
        Actor system = Actor.system(tenant, Router.ACTOR_NAME);
        Instant now = binding.now();
        LoadLedger ledger = ledgers.current(tenant, now, () -> e.directory().agents(system), null);
        AgentPool pool = ledger.pool();
        Agent agent = pool.agent(agentId).or(() -> {
            ledger.refreshAgents(e.directory().agents(system), now); // a new agent
            return pool.agent(agentId);
        }).orElseThrow(() -> new TicketNotFoundException("agent", agentId));
        if (requireOnline && agent.presence() != Presence.ONLINE) {
            return Optional.empty();
        }
        ViewQuery.Builder vq = ViewQuery.builder().statuses(TicketStatus.NEW, TicketStatus.OPEN).unassigned()
                .sort(SortField.QUEUE, true).limit(RouterConfig.PAGE);
        int teams = 0;
        for (TeamId t : agent.teams()) {
            if (config.queues().containsKey(t)) {
                vq.team(t);
                teams++;
            }
        }
        if (teams == 0) {
            return Optional.empty();
        }
        ViewQuery view = vq.build();
        String cursor = null;
        Map<CustomerId, MemberTier> tiers = new HashMap<>();
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            Page<Ticket> page = e.tickets().view(system, cursor == null ? view : view.toBuilder().after(cursor).build());
            for (Ticket t : page.items()) {
                TeamQueue q = config.queues().get(t.team().orElseThrow());
                Duration waited = Duration.between(t.createdAt(), now);
                MemberTier tier = q.needs(SkillKind.TIER, waited) && !agent.skills().contains(config.tierSkill())
                        ? tiers.computeIfAbsent(t.requester(), c -> e.customers().find(system, c).map(Customer::tier).orElse(MemberTier.STANDARD))
                        : null;
                if (!pool.qualifies(agentId, config.needOf(t, tier, q, waited))) {
                    continue;
                }
                boolean claimed = ledger.booked(() -> {
                    if (!pool.claimAgent(agentId, t.channel(), false)) {
                        return false;
                    }
                    ledger.reserve(t.id(), agentId, t.channel(), now, false);
                    return true;
                });
                if (!claimed) {
                    continue; // full on this channel; a ticket of another channel may still fit
                }
                try {
                    Ticket done = e.tickets().update(commander, t.id(),
                            TicketUpdate.builder().assignee(agentId).expectVersion(t.version()).build());
                    return Optional.of(done);
                } catch (TicketConflictException conflict) {
                    ledger.cancel(t.id(), agentId); // another agent or node took it first
                } catch (RuntimeException ex) {
                    ledger.cancel(t.id(), agentId);
                    throw ex;
                }
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            cursor = page.nextCursor().get();
        }
        return Optional.empty();
    }

    /**
     * Routes one waiting ticket now by its queue's strategy, committing with the version read.
     *
     * @return the agent, or empty if nobody may take it now (or it is assigned, inactive or not in a routed team)
     * @throws TicketNotFoundException if the ticket is not in the actor's tenant (or the actor may not see it)
     */
    Optional<AgentId> route(Actor actor, TicketId ticketId) {
        TicketEngine e = binding.engine();
        Ticket t = e.tickets().get(actor, ticketId);
        TeamQueue q = config.queueOf(t);
        if (q == null || !RouterConfig.waiting(t)) {
            return Optional.empty();
        }
        Actor system = Actor.system(actor.tenantId(), Router.ACTOR_NAME);
        Instant now = binding.now();
        LoadLedger ledger = ledgers.current(actor.tenantId(), now, () -> e.directory().agents(system), null);
        AgentPool pool = ledger.pool();
        MemberTier tier = e.customers().find(system, t.requester()).map(Customer::tier).orElse(MemberTier.STANDARD);
        SkillNeed need = config.needOf(t, tier, q, Duration.between(t.createdAt(), now));
        Optional<AgentId> a = ledger.booked(() -> {
            Optional<AgentId> c = pool.claim(AgentPool.Request.of(q.team(), t.channel(), need, q.strategy()));
            c.ifPresent(agent -> ledger.reserve(t.id(), agent, t.channel(), now, false));
            return c;
        });
        if (a.isEmpty()) {
            return a;
        }
        try {
            e.tickets().update(actor, t.id(), TicketUpdate.builder().assignee(a.get()).expectVersion(t.version()).build());
            return a;
        } catch (RuntimeException ex) {
            ledger.cancel(t.id(), a.get());
            throw ex;
        }
    }
}
