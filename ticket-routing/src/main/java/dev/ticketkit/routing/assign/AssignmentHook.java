package dev.ticketkit.routing.assign;

import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.DueWorkHandler;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.routing.internal.AgentPool;
import dev.ticketkit.routing.internal.SkillNeed;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns inside the command that puts a ticket into a routed team without an assignee (created there, moved
 * there, or unassigned): the returning customer's last agent if sticky applies, else the queue's strategy; the
 * chosen agent's capacity is claimed on the pool and reserved in the ledger before the assignment is written into
 * the command, and (with {@link RouterConfig#verifyInStore()}) the agent's load is re-read in the command's own
 * transaction. A ticket nobody may take now gets a re-try at its next skill relaxation ({@value Router#RETRY_TYPE})
 * and, if its queue overflows, an overflow ({@value Router#OVERFLOW_TYPE}); this class also handles both.
 *
 * <p>A command may run its hooks more than once (a conflict retry rolls back the earlier attempt without telling
 * us), so the reservation of this ticket and agent replaces an earlier one rather than adding a unit.
 * Thread-safe.
 */
final class AssignmentHook implements CommandHook {
    /** The router's log: its parts keep logging under the name users configured before the router was split. */
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final RouterConfig config;
    private final TenantLedgers ledgers;

    AssignmentHook(RouterConfig config, TenantLedgers ledgers) {
        this.config = config;
        this.ledgers = ledgers;
    }

    @Override
    public String name() {
        return Router.ACTOR_NAME;
    }

    @Override
    public void beforeCommit(HookContext ctx) {
        Ticket t = ctx.ticket();
        if (t.assignee().isPresent()) {
            // what the sticky-agent rule reads later: this requester's agent, as this node last saw it
            LoadLedger known = ledgers.existing(t.tenantId());
            if (known != null) {
                known.noteAgent(t.requester(), t.assignee().get(), ctx.now());
            }
        }
        if (!RouterConfig.waiting(t)) {
            return;
        }
        TeamQueue q = config.queues().get(t.team().get());
        if (q == null) {
            return;
        }
        boolean entered = ctx.before().isEmpty();
        boolean overflowed = false;
        Set<AgentId> excluded = new HashSet<>();
        for (TicketEvent e : ctx.events()) {
            if (e instanceof TicketEvent.TeamChanged tc && q.team().equals(tc.to())) {
                entered = true;
                overflowed |= Router.OVERFLOW_TYPE.equals(tc.actor().id());
            } else if (e instanceof TicketEvent.AssigneeChanged ac && ac.to() == null) {
                entered = true;
                if (ac.from() != null) {
                    excluded.add(ac.from());
                }
            }
        }
        if (!entered) {
            return;
        }
        if (q.push() && assign(ctx, q, excluded).isPresent()) {
            return;
        }
        if (q.push()) {
            scheduleRetry(ctx, q);
        }
        if (!overflowed && q.overflowTo().isPresent()) {
            ctx.schedule(DueWork.of(t.tenantId(), overflowKey(t.id()), Router.OVERFLOW_TYPE, t.id(),
                    ctx.now().plus(q.overflowAfter().get())).withPayload(q.team().value()));
        }
    }

    /** The handler of {@value Router#RETRY_TYPE}: routes the ticket again if it still waits in a routed queue. */
    DueWorkHandler retryHandler() {
        return ctx -> ctx.onTicket(ctx.work().ticketId(), h -> {
            Ticket t = h.ticket();
            TeamQueue q = config.queueOf(t);
            if (q != null && RouterConfig.waiting(t)) {
                if (assign(h, q, Set.of()).isEmpty()) {
                    scheduleRetry(h, q);
                }
            }
        });
    }

    /**
     * The handler of {@value Router#OVERFLOW_TYPE}: the payload is the team the ticket overflows from; it moves
     * if it still waits there.
     */
    DueWorkHandler overflowHandler() {
        return ctx -> ctx.onTicket(ctx.work().ticketId(), h -> {
            Ticket t = h.ticket();
            TeamId from = TeamId.of(ctx.work().payload());
            TeamQueue q = config.queues().get(from);
            if (q != null && q.overflowTo().isPresent() && RouterConfig.waiting(t) && t.team().equals(Optional.of(from))) {
                LOG.debug("ticket {} overflows from {} to {}", t.id(), from, q.overflowTo().get());
                h.update(TicketUpdate.builder().team(q.overflowTo().get()).build());
            }
        });
    }

    private static String overflowKey(TicketId id) {
        return "routing:overflow:" + id;
    }

    private static String retryKey(TicketId id) {
        return "routing:retry:" + id;
    }

    /** Schedules a re-try when the next skill relaxes, if one will. */
    private void scheduleRetry(HookContext ctx, TeamQueue q) {
        Ticket t = ctx.ticket();
        Instant next = null;
        for (Duration d : q.relaxAfter().values()) {
            Instant at = t.createdAt().plus(d);
            if (at.isAfter(ctx.now()) && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        if (next != null) {
            ctx.schedule(DueWork.of(t.tenantId(), retryKey(t.id()), Router.RETRY_TYPE, t.id(), next));
        }
    }

    /** Chooses, reserves and assigns inside the command; empty if nobody may take it now. */
    private Optional<AgentId> assign(HookContext ctx, TeamQueue q, Set<AgentId> excludedIn) {
        Ticket t = ctx.ticket();
        LoadLedger ledger = ledgers.current(t.tenantId(), ctx.now(), ctx::agents, ctx);
        AgentPool pool = ledger.pool();
        SkillNeed need = config.needOf(t, ctx.requester().tier(), q, Duration.between(t.createdAt(), ctx.now()));
        Set<AgentId> excluded = new HashSet<>(excludedIn);
        Optional<AgentId> chosen = ledger.booked(() -> {
            Optional<AgentId> pick = stickyAgent(ctx, t, q, excluded, need, pool, ledger);
            for (int attempt = 0; pick.isEmpty() && attempt < 3; attempt++) {
                Optional<AgentId> c = pool.claim(new AgentPool.Request(q.team(), t.channel(), need, q.strategy(), excluded));
                if (c.isEmpty()) {
                    break;
                }
                if (config.verifyInStore() && !underCapacityInStore(ctx, t, c.get(), pool)) {
                    pool.release(c.get(), t.channel());
                    excluded.add(c.get());
                    continue;
                }
                pick = c;
            }
            pick.ifPresent(a -> ledger.reserve(t.id(), a, t.channel(), ctx.now(), true));
            return pick;
        });
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        ctx.update(TicketUpdate.builder().assignee(chosen.get()).build());
        ctx.cancel(retryKey(t.id()));
        ctx.cancel(overflowKey(t.id()));
        return chosen;
    }

    /**
     * The returning customer's last agent in this team, claimed, if online, under capacity and qualified. The last
     * agent comes from the ledger (what this node's commands saw on the customer's tickets, and the recount's active
     * tickets), not from a read of the customer's history per routed ticket; a customer last served on another node
     * since this node last saw them gets the strategy's choice instead.
     */
    private Optional<AgentId> stickyAgent(HookContext tx, Ticket t, TeamQueue q, Set<AgentId> excluded, SkillNeed need,
                                          AgentPool pool, LoadLedger ledger) {
        if (q.stickyWithin().isEmpty()) {
            return Optional.empty();
        }
        Optional<LoadLedger.Recent> last = ledger.recentAgent(t.requester());
        if (last.isPresent()) {
            LoadLedger.Recent h = last.get();
            if (h.at().isBefore(t.createdAt().minus(q.stickyWithin().get()))) {
                return Optional.empty();
            }
            AgentId a = h.agent();
            Optional<Agent> agent = pool.agent(a);
            if (excluded.contains(a) || agent.isEmpty() || !agent.get().isMemberOf(q.team()) || !pool.qualifies(a, need)) {
                return Optional.empty();
            }
            if (!pool.claimAgent(a, t.channel(), true)) {
                return Optional.empty(); // offline or full: no sticky, the strategy decides
            }
            if (config.verifyInStore() && !underCapacityInStore(tx, t, a, pool)) {
                pool.release(a, t.channel());
                excluded.add(a);
                return Optional.empty();
            }
            return Optional.of(a);
        }
        return Optional.empty();
    }

    /** Re-reads the agent's load for the ticket's channel in this transaction; corrects the pool if it was low. */
    private boolean underCapacityInStore(HookContext tx, Ticket t, AgentId agent, AgentPool pool) {
        Integer cap = pool.agent(agent).map(a -> a.capacity().get(t.channel())).orElse(null);
        if (cap == null) {
            return true;
        }
        ViewQuery.Builder vq = ViewQuery.builder().assignee(agent).channel(t.channel()).limit(Math.min(cap + 1, 500));
        config.loadStatuses().forEach(vq::statuses);
        List<Ticket> held = tx.tickets(vq.build()).items();
        long others = held.stream().filter(h -> !h.id().equals(t.id())).count();
        if (others >= cap) {
            pool.setLoad(agent, t.channel(), (int) others + 1); // includes our reservation, given back by the caller
            return false;
        }
        return true;
    }
}
