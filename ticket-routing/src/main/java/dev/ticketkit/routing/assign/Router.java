package dev.ticketkit.routing.assign;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketEventListener;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.spi.AccessScope;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.DueWorkContext;
import dev.ticketkit.core.spi.DueWorkHandler;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.TicketModule;
import dev.ticketkit.core.spi.TicketQuery;
import dev.ticketkit.routing.classify.Category;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns tickets to agents: team queues with round robin or least-loaded strategies within per-channel
 * capacity, skills (language, category, customer tier) relaxed as a ticket waits, a sticky agent for returning
 * customers, presence (only online agents are pushed work), a pull mode ({@link #next}), overflow to another
 * team after a wait, and untouched tickets returned when an agent goes offline.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .queue(TeamQueue.builder(AFTER_SALES).strategy(AssignmentStrategy.LEAST_LOADED)
 *                 .overflow(GENERAL, Duration.ofMinutes(15)).build())
 *         .queue(TeamQueue.of(GENERAL))
 *         .build();
 * TicketEngine engine = TicketEngine.builder().clock(clock)
 *         .module(classification).module(rules).module(router).module(sla)   // the router after the rules
 *         .build();                                     // the router takes the engine's clock and binds to it
 * Optional<Ticket> mine = router.next(aliceActor);      // pull: best unassigned ticket of Alice's teams
 * }</pre>
 *
 * <p><b>How it plugs in.</b> {@link #register} adds {@link #hook()} (assigns inside the command that puts a
 * ticket into a routed team without an assignee), {@link #listener()} (keeps agents' loads from committed
 * events) and the due-work handlers {@value #RETRY_TYPE} (re-tries when a skill relaxes) and
 * {@value #OVERFLOW_TYPE} (moves a waiting ticket to the overflow team).
 *
 * <p><b>Safety.</b> Decisions use in-memory state (agents, presence, loads); commits go through the engine:
 * inside the ticket's own command, or with the version read ({@link TicketUpdate.Builder#expectVersion}), so two
 * nodes never both assign a ticket. Capacity is reserved atomically before the commit, so racing assignments
 * on one node never exceed it. Across nodes, loads are recounted from the store every
 * {@link Builder#resyncInterval} and the chosen agent's load is re-read in the committing transaction
 * ({@link Builder#verifyInStore}); two nodes committing the last slot at the same instant may still overrun by
 * one until the next recount.
 *
 * <p>Thread-safe.
 */
public final class Router implements TicketModule {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** Due-work type of the re-try when a skill relaxes. */
    public static final String RETRY_TYPE = "routing.retry";
    /** Due-work type of the overflow to another team. */
    public static final String OVERFLOW_TYPE = "routing.overflow";
    /** Default: tags {@code category:<id>} say what a ticket is about (as written by the classification hook). */
    public static final String DEFAULT_CATEGORY_TAG_PREFIX = "category:";
    /** Default: a tag {@code lang:<tag>} says the customer's language. */
    public static final String DEFAULT_LANGUAGE_TAG_PREFIX = "lang:";
    /** Default tier level from which a customer needs the tier skill (VIP). */
    public static final int DEFAULT_TIER_LEVEL = MemberTier.VIP.level();
    /** Default skill customers of that tier need. */
    public static final String DEFAULT_TIER_SKILL = "vip";
    /** Default interval of the recount of loads from the store. */
    public static final Duration DEFAULT_RESYNC_INTERVAL = Duration.ofMinutes(5);
    /** Default age after which the agents (teams, skills, presence) are re-read from the store. */
    public static final Duration DEFAULT_AGENT_REFRESH = Duration.ofSeconds(30);
    /** Default time a reservation waits for its assignment to commit before it is given back. */
    public static final Duration DEFAULT_RESERVATION_TIMEOUT = Duration.ofSeconds(30);
    /** Page size of the pull and recount queries. */
    static final int PAGE = 100;

    private final Map<TeamId, TeamQueue> queues;
    private volatile Clock clock;
    private final java.util.concurrent.atomic.AtomicBoolean installed = new java.util.concurrent.atomic.AtomicBoolean();
    private final String categoryPrefix;
    private final String languagePrefix;
    private final Map<String, String> categorySkills;
    private final int tierLevel;
    private final String tierSkill;
    private final Set<TicketStatus> loadStatuses;
    private final Duration resyncInterval;
    private final Duration agentRefresh;
    private final Duration reservationTimeout;
    private final boolean verifyInStore;
    private final ConcurrentHashMap<TenantId, TenantState> tenants = new ConcurrentHashMap<>();
    private final Hook hook = new Hook();
    private final TicketEventListener listener = this::onEvents;
    private volatile TicketEngine engine;

    /**
     * Reserved capacity whose assignment has not been seen committed yet: {@code units} claims of the agent for
     * the ticket (two pulls racing for the same ticket each hold one until one commits and the other cancels).
     */
    private record Pending(AgentId agent, Channel channel, Instant deadline, int units) {
    }

    /** A reservation is per ticket and agent: two agents racing for one ticket each hold their own. */
    private record Key(TicketId ticket, AgentId agent) {
    }

    /** An assignment this node counts in an agent's load. */
    private record Holding(AgentId agent, Channel channel, boolean counted) {
    }

    /** Routing state of one tenant. */
    private final class TenantState {
        final TenantId tenantId;
        volatile AgentPool pool;
        volatile Instant agentsAt = Instant.MIN;
        volatile Instant syncedAt = Instant.MIN;
        volatile Instant sweptAt = Instant.MIN;
        final ConcurrentHashMap<Key, Pending> pending = new ConcurrentHashMap<>();
        final ConcurrentHashMap<TicketId, Holding> holdings = new ConcurrentHashMap<>();
        /**
         * The books: a claim and its reservation, and the listener's bookkeeping of one event, each run under the
         * read lock (concurrently: the counters are atomic); the end of a recount, which replaces the counts,
         * runs under the write lock, so it never sees a claim without its reservation.
         */
        final ReentrantReadWriteLock books = new ReentrantReadWriteLock();
        /** One recount at a time; the first one is waited for, later ones are skipped while one runs. */
        final ReentrantLock recount = new ReentrantLock();
        /** While a recount reads the store: the latest holding of each ticket changed meanwhile (empty = gone). */
        volatile Map<TicketId, Optional<Holding>> changedDuringRecount;

        TenantState(TenantId tenantId) {
            this.tenantId = tenantId;
        }

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

        void hold(TicketId ticket, Holding h) {
            holdings.put(ticket, h);
            Map<TicketId, Optional<Holding>> changed = changedDuringRecount;
            if (changed != null) {
                changed.put(ticket, Optional.of(h));
            }
        }

        Holding unhold(TicketId ticket) {
            Holding h = holdings.remove(ticket);
            Map<TicketId, Optional<Holding>> changed = changedDuringRecount;
            if (changed != null) {
                changed.put(ticket, Optional.empty());
            }
            return h;
        }

        /**
         * Books the claim just made for the ticket; call under the read lock of the books. With {@code replace}
         * (a hook, whose earlier attempt at the same command may have rolled back without telling us) a claim
         * already booked for this ticket and agent stands for this one too, and the new unit is given back; else
         * (a pull, which cancels its own claim when it fails) each claim is booked as a unit of its own.
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
    }

    private Router(Builder b) {
        queues = Map.copyOf(b.queues);
        categoryPrefix = b.categoryPrefix != null ? b.categoryPrefix : DEFAULT_CATEGORY_TAG_PREFIX;
        languagePrefix = b.languagePrefix != null ? b.languagePrefix : DEFAULT_LANGUAGE_TAG_PREFIX;
        Map<String, String> skills = new HashMap<>(defaultCategorySkills());
        skills.putAll(b.categorySkills);
        categorySkills = Map.copyOf(skills);
        tierLevel = b.tierLevel != null ? b.tierLevel : DEFAULT_TIER_LEVEL;
        tierSkill = b.tierSkill != null ? b.tierSkill : DEFAULT_TIER_SKILL;
        loadStatuses = b.loadStatuses != null ? Set.copyOf(b.loadStatuses) : Set.of(TicketStatus.NEW, TicketStatus.OPEN);
        resyncInterval = b.resyncInterval != null ? b.resyncInterval : DEFAULT_RESYNC_INTERVAL;
        agentRefresh = b.agentRefresh != null ? b.agentRefresh : DEFAULT_AGENT_REFRESH;
        reservationTimeout = b.reservationTimeout != null ? b.reservationTimeout : DEFAULT_RESERVATION_TIMEOUT;
        verifyInStore = b.verifyInStore == null || b.verifyInStore;
        LOG.info("router: {} queue(s) {}, load statuses {}, resync {}, agent refresh {}, verify in store {}",
                queues.size(), queues.values(), loadStatuses, resyncInterval, agentRefresh, verifyInStore);
    }

    /** The skill each category needs by default: the category's own id, except as listed in the README. */
    static Map<String, String> defaultCategorySkills() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            m.put(c.id(), switch (c) {
                case LOGISTICS -> "tracking";
                case ADDRESS_CHANGE -> "address";
                case PRE_SALE -> "presale";
                default -> c.id();
            });
        }
        return m;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- wiring --------------------------------------------------------------------------------

    @Override
    public String name() {
        return "routing";
    }

    /**
     * Adds the hook, the listener and both due-work handlers, on the engine's clock.
     *
     * @throws IllegalStateException if the router is already installed on an engine
     */
    @Override
    public void install(ModuleContext context) {
        Objects.requireNonNull(context, "context");
        if (!installed.compareAndSet(false, true)) {
            throw new IllegalStateException("the router is already installed on an engine");
        }
        clock = context.clock();
        context.hook(hook).listener(listener)
                .dueWorkHandler(RETRY_TYPE, retryHandler())
                .dueWorkHandler(OVERFLOW_TYPE, overflowHandler());
    }

    /** Binds the engine that {@link #next}, {@link #route} and {@link #setPresence} command. */
    @Override
    public synchronized void bind(TicketEngine engine) {
        Objects.requireNonNull(engine, "engine");
        if (this.engine != null) {
            throw new IllegalStateException("the router is already bound to an engine");
        }
        this.engine = engine;
    }

    /** The hook that assigns tickets landing in a routed team queue. */
    CommandHook hook() {
        return hook;
    }

    /** The listener that keeps agents' loads from committed events. */
    TicketEventListener listener() {
        return listener;
    }

    /** The handler of {@value #RETRY_TYPE}. */
    private DueWorkHandler retryHandler() {
        return ctx -> ctx.onTicket(ctx.work().ticketId(), h -> {
            Ticket t = h.ticket();
            TeamQueue q = t.team().map(queues::get).orElse(null);
            if (q != null && waiting(t)) {
                if (assign(h, q, Set.of()).isEmpty()) {
                    scheduleRetry(h, q);
                }
            }
        });
    }

    /** The handler of {@value #OVERFLOW_TYPE}: the payload is the team the ticket overflows from. */
    private DueWorkHandler overflowHandler() {
        return ctx -> ctx.onTicket(ctx.work().ticketId(), h -> {
            Ticket t = h.ticket();
            TeamId from = TeamId.of(ctx.work().payload());
            TeamQueue q = queues.get(from);
            if (q != null && q.overflowTo().isPresent() && waiting(t) && t.team().equals(Optional.of(from))) {
                LOG.debug("ticket {} overflows from {} to {}", t.id(), from, q.overflowTo().get());
                h.update(TicketUpdate.builder().team(q.overflowTo().get()).build());
            }
        });
    }

    /** The engine's time; the router takes the engine's clock when it is installed. */
    private Instant now() {
        Clock c = clock;
        if (c == null) {
            throw new IllegalStateException("install the router on an engine first (TicketEngine.Builder.module)");
        }
        return c.instant();
    }

    private TicketEngine engine() {
        TicketEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("bind(engine) first");
        }
        return e;
    }

    // ---- the hook ------------------------------------------------------------------------------

    private final class Hook implements CommandHook {
        @Override
        public String name() {
            return "routing";
        }

        @Override
        public void beforeCommit(HookContext ctx) {
            Ticket t = ctx.ticket();
            if (!waiting(t)) {
                return;
            }
            TeamQueue q = queues.get(t.team().get());
            if (q == null) {
                return;
            }
            boolean entered = ctx.before().isEmpty();
            boolean overflowed = false;
            Set<AgentId> excluded = new HashSet<>();
            for (TicketEvent e : ctx.events()) {
                if (e instanceof TicketEvent.TeamChanged tc && q.team().equals(tc.to())) {
                    entered = true;
                    overflowed |= OVERFLOW_TYPE.equals(tc.actor().id());
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
                ctx.schedule(DueWork.of(t.tenantId(), overflowKey(t.id()), OVERFLOW_TYPE, t.id(),
                        ctx.now().plus(q.overflowAfter().get())).withPayload(q.team().value()));
            }
        }
    }

    private static String overflowKey(TicketId id) {
        return "routing:overflow:" + id;
    }

    private static String retryKey(TicketId id) {
        return "routing:retry:" + id;
    }

    /** Unassigned, active and in a team. */
    private static boolean waiting(Ticket t) {
        return t.assignee().isEmpty() && t.team().isPresent()
                && (t.status() == TicketStatus.NEW || t.status() == TicketStatus.OPEN);
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
            ctx.schedule(DueWork.of(t.tenantId(), retryKey(t.id()), RETRY_TYPE, t.id(), next));
        }
    }

    /** Chooses, reserves and assigns inside the command; empty if nobody may take it now. */
    private Optional<AgentId> assign(HookContext ctx, TeamQueue q, Set<AgentId> excludedIn) {
        Ticket t = ctx.ticket();
        HookContext tx = ctx;
        TenantState st = state(t.tenantId(), ctx.now(), ctx::agents, ctx);
        SkillNeed need = needOf(t, ctx.requester().tier(), q, Duration.between(t.createdAt(), ctx.now()));
        Set<AgentId> excluded = new HashSet<>(excludedIn);
        Optional<AgentId> chosen = st.booked(() -> {
            Optional<AgentId> pick = stickyAgent(tx, t, q, excluded, need, st);
            for (int attempt = 0; pick.isEmpty() && attempt < 3; attempt++) {
                Optional<AgentId> c = st.pool.claim(new AgentPool.Request(q.team(), t.channel(), need, q.strategy(), excluded));
                if (c.isEmpty()) {
                    break;
                }
                if (verifyInStore && !underCapacityInStore(tx, t, c.get(), st)) {
                    st.pool.release(c.get(), t.channel());
                    excluded.add(c.get());
                    continue;
                }
                pick = c;
            }
            pick.ifPresent(a -> st.reserve(t.id(), a, t.channel(), ctx.now(), true));
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

    /** The returning customer's last agent in this team, reserved, if online, under capacity and qualified. */
    private Optional<AgentId> stickyAgent(HookContext tx, Ticket t, TeamQueue q, Set<AgentId> excluded, SkillNeed need,
                                          TenantState st) {
        if (q.stickyWithin().isEmpty()) {
            return Optional.empty();
        }
        ViewQuery history = ViewQuery.builder().requester(t.requester()).sort(SortField.UPDATED_AT, false).limit(5).build();
        for (Ticket h : tx.tickets(history).items()) {
            if (h.id().equals(t.id()) || h.assignee().isEmpty()) {
                continue;
            }
            if (h.updatedAt().isBefore(t.createdAt().minus(q.stickyWithin().get()))) {
                return Optional.empty();
            }
            AgentId a = h.assignee().get();
            Optional<Agent> agent = st.pool.agent(a);
            if (excluded.contains(a) || agent.isEmpty() || !agent.get().isMemberOf(q.team()) || !st.pool.qualifies(a, need)) {
                return Optional.empty();
            }
            if (!st.pool.claimAgent(a, t.channel(), true)) {
                return Optional.empty(); // offline or full: no sticky, the strategy decides
            }
            if (verifyInStore && !underCapacityInStore(tx, t, a, st)) {
                st.pool.release(a, t.channel());
                excluded.add(a);
                return Optional.empty();
            }
            return Optional.of(a);
        }
        return Optional.empty();
    }

    /** Re-reads the agent's load for the ticket's channel in this transaction; corrects the pool if it was low. */
    private boolean underCapacityInStore(HookContext tx, Ticket t, AgentId agent, TenantState st) {
        Integer cap = st.pool.agent(agent).map(a -> a.capacity().get(t.channel())).orElse(null);
        if (cap == null) {
            return true;
        }
        ViewQuery.Builder vq = ViewQuery.builder().assignee(agent).channel(t.channel()).limit(Math.min(cap + 1, 500));
        loadStatuses.forEach(vq::statuses);
        List<Ticket> held = tx.tickets(vq.build()).items();
        long others = held.stream().filter(h -> !h.id().equals(t.id())).count();
        if (others >= cap) {
            st.pool.setLoad(agent, t.channel(), (int) others + 1); // includes our reservation, given back by the caller
            return false;
        }
        return true;
    }

    /** What the ticket needs now, after the relaxations its wait earned. */
    SkillNeed needOf(Ticket t, MemberTier tier, TeamQueue q, Duration waited) {
        Set<String> all = new HashSet<>();
        Set<String> any = new HashSet<>();
        for (String tag : t.tags()) {
            if (tag.startsWith(languagePrefix) && q.needs(SkillKind.LANGUAGE, waited)) {
                all.add(SkillNeed.language(tag.substring(languagePrefix.length())));
            } else if (tag.startsWith(categoryPrefix) && q.needs(SkillKind.CATEGORY, waited)) {
                String skill = categorySkills.get(tag.substring(categoryPrefix.length()));
                if (skill != null) {
                    any.add(skill);
                }
            }
        }
        if (tier != null && tier.level() >= tierLevel && q.needs(SkillKind.TIER, waited)) {
            all.add(tierSkill);
        }
        return all.isEmpty() && any.isEmpty() ? SkillNeed.NONE : new SkillNeed(all, any);
    }

    // ---- tenant state --------------------------------------------------------------------------

    private TenantState state(TenantId tenant, Instant now, Supplier<List<Agent>> agents, HookContext tx) {
        TenantState st = tenants.computeIfAbsent(tenant, TenantState::new);
        if (st.pool == null || !now.isBefore(st.agentsAt.plus(agentRefresh))) {
            st.refreshAgents(agents.get(), now);
        }
        if (!now.isBefore(st.syncedAt.plus(resyncInterval))) {
            Supplier<List<Ticket>> read = tx != null ? () -> activeIn(st, tx) : () -> activeVia(st, engine());
            resync(st, read, now, st.syncedAt.equals(Instant.MIN), false);
        }
        st.sweep(now);
        return st;
    }

    /**
     * Recounts every agent's load from the store. The first recount of a tenant is waited for (nothing is
     * assigned on counts never read); a later one is skipped if another thread is running one. Claims and
     * commits go on while the store is read: what they change meanwhile is recorded and laid over the read, and
     * reservations not committed yet are added, so a recount never forgets an assignment made during it.
     */
    private void resync(TenantState st, Supplier<List<Ticket>> read, Instant now, boolean wait, boolean force) {
        if (wait) {
            st.recount.lock();
        } else if (!st.recount.tryLock()) {
            return;
        }
        try {
            if (!force && now.isBefore(st.syncedAt.plus(resyncInterval))) {
                return; // another thread recounted while this one waited
            }
            st.books.writeLock().lock();
            try {
                st.changedDuringRecount = new ConcurrentHashMap<>();
            } finally {
                st.books.writeLock().unlock();
            }
            List<Ticket> active;
            try {
                active = read.get();
            } catch (RuntimeException ex) {
                st.changedDuringRecount = null;
                throw ex;
            }
            recount(st, active, now);
        } finally {
            st.recount.unlock();
        }
    }

    /** The tenant's tickets in a load status, read in the command (in a hook). */
    private List<Ticket> activeIn(TenantState st, HookContext tx) {
        ViewQuery view = loadView();
        List<Ticket> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Ticket> page = tx.tickets(cursor == null ? view : view.toBuilder().after(cursor).build());
            all.addAll(page.items());
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return all;
    }

    /** The tenant's tickets in a load status, read through the engine's views. */
    private List<Ticket> activeVia(TenantState st, TicketEngine e) {
        Actor system = Actor.system(st.tenantId, "routing");
        ViewQuery view = loadView();
        List<Ticket> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Ticket> page = e.tickets().view(system, cursor == null ? view : view.toBuilder().after(cursor).build());
            all.addAll(page.items());
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return all;
    }

    private ViewQuery loadView() {
        ViewQuery.Builder vq = ViewQuery.builder().sort(SortField.CREATED_AT, true).limit(PAGE);
        loadStatuses.forEach(vq::statuses);
        return vq.build();
    }

    /** The end of a recount: the store's holdings, with what changed during the read laid over them. */
    private void recount(TenantState st, List<Ticket> active, Instant now) {
        st.books.writeLock().lock();
        try {
            Map<TicketId, Holding> holdings = new HashMap<>();
            // holdings in statuses that don't count were not read: keep this node's
            st.holdings.forEach((id, h) -> {
                if (!h.counted()) {
                    holdings.put(id, h);
                }
            });
            for (Ticket t : active) {
                if (t.assignee().isPresent()) {
                    holdings.put(t.id(), new Holding(t.assignee().get(), t.channel(), true));
                }
            }
            st.changedDuringRecount.forEach((id, h) -> {
                if (h.isPresent()) {
                    holdings.put(id, h.get());
                } else {
                    holdings.remove(id);
                }
            });
            st.changedDuringRecount = null;
            Map<AgentId, Map<Channel, Integer>> counts = new HashMap<>();
            holdings.values().forEach(h -> {
                if (h.counted()) {
                    counts.computeIfAbsent(h.agent(), k -> new HashMap<>()).merge(h.channel(), 1, Integer::sum);
                }
            });
            st.pending.forEach((key, p) -> {
                Holding h = holdings.get(key.ticket());
                // a reservation of a ticket already held by its agent is the same assignment, not committed yet
                int units = h != null && h.agent().equals(p.agent()) ? p.units() - 1 : p.units();
                if (units > 0) {
                    counts.computeIfAbsent(p.agent(), k -> new HashMap<>()).merge(p.channel(), units, Integer::sum);
                }
            });
            st.pool.setLoads(counts);
            st.holdings.clear();
            st.holdings.putAll(holdings);
            st.syncedAt = now;
        } finally {
            st.books.writeLock().unlock();
        }
    }

    /**
     * Recounts the tenant's loads (and re-reads its agents) from the store now; normally done every
     * {@link Builder#resyncInterval}. Call it after an outage or when several nodes share the database and
     * you want a fresh count at once.
     */
    public void resync(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        TicketEngine e = engine();
        TenantState st = tenants.computeIfAbsent(tenantId, TenantState::new);
        Instant now = now();
        st.refreshAgents(e.directory().agents(Actor.system(tenantId, "routing")), now);
        resync(st, () -> activeVia(st, e), now, true, true);
    }

    // ---- the listener --------------------------------------------------------------------------

    private void onEvents(List<TicketEvent> events) {
        for (TicketEvent e : events) {
            TenantState st = tenants.get(e.tenantId());
            if (st == null || st.pool == null) {
                continue;
            }
            // an assignment made elsewhere: read the ticket before taking the lock (a read may wait for a connection)
            Ticket known = null;
            if (e instanceof TicketEvent.AssigneeChanged a && a.to() != null
                    && !st.pending.containsKey(new Key(a.ticketId(), a.to())) && !st.holdings.containsKey(a.ticketId())) {
                known = lookup(e.tenantId(), a.ticketId()).orElse(null);
            }
            Ticket read = known;
            st.booked(() -> {
                book(st, e, read);
                return null;
            });
        }
    }

    /** Books one committed event; runs under the read lock of the books. */
    private void book(TenantState st, TicketEvent e, Ticket known) {
        if (e instanceof TicketEvent.TicketCreated c && c.ticket().assignee().isPresent()) {
            Ticket t = c.ticket();
            took(st, t.id(), t.assignee().get(), t.channel(), loadStatuses.contains(t.status()));
        } else if (e instanceof TicketEvent.AssigneeChanged a) {
            Holding h = st.unhold(a.ticketId());
            if (h != null && h.counted()) {
                st.pool.release(h.agent(), h.channel());
            }
            if (a.to() != null) {
                Pending p = st.pending.get(new Key(a.ticketId(), a.to()));
                Channel channel = p != null ? p.channel() : h != null ? h.channel() : null;
                boolean counted = true;
                if (channel == null || (p == null && h == null)) {
                    Optional<Ticket> t = known != null ? Optional.of(known) : lookup(e.tenantId(), a.ticketId());
                    if (t.isEmpty()) {
                        return;
                    }
                    channel = t.get().channel();
                    counted = loadStatuses.contains(t.get().status());
                }
                took(st, a.ticketId(), a.to(), channel, counted);
            }
        } else if (e instanceof TicketEvent.StatusChanged s) {
            Holding h = st.holdings.get(s.ticketId());
            if (h == null) {
                return;
            }
            boolean counted = loadStatuses.contains(s.to());
            if (h.counted() && !counted) {
                st.pool.release(h.agent(), h.channel());
            } else if (!h.counted() && counted) {
                st.pool.add(h.agent(), h.channel());
            }
            if (s.to() == TicketStatus.CLOSED) {
                st.unhold(s.ticketId());
            } else {
                st.hold(s.ticketId(), new Holding(h.agent(), h.channel(), counted));
            }
        }
    }

    /** A committed assignment: confirms this node's reservation, or counts an assignment made elsewhere. */
    private void took(TenantState st, TicketId ticket, AgentId agent, Channel channel, boolean counted) {
        Pending p = st.pending.remove(new Key(ticket, agent));
        boolean reserved = p != null && p.channel().equals(channel);
        // the other attempts at this ticket (racing pulls, a rolled-back command) can no longer commit
        int extra = p == null ? 0 : reserved ? p.units() - 1 : p.units();
        for (int i = 0; i < extra; i++) {
            st.pool.release(p.agent(), p.channel());
        }
        if (reserved && !counted) {
            st.pool.release(agent, channel);
        } else if (!reserved && counted) {
            st.pool.add(agent, channel);
        }
        st.hold(ticket, new Holding(agent, channel, counted));
    }

    private Optional<Ticket> lookup(TenantId tenant, TicketId id) {
        TicketEngine e = engine;
        if (e == null) {
            return Optional.empty();
        }
        try {
            return e.tickets().find(Actor.system(tenant, "routing"), id);
        } catch (RuntimeException ex) {
            LOG.debug("could not read ticket {} to count its assignment", id, ex);
            return Optional.empty();
        }
    }

    // ---- pull, route, presence -----------------------------------------------------------------

    /**
     * Pull: assigns the agent the best unassigned ticket of their routed teams, in work-queue order (priority,
     * then SLA due time, then age: {@link SortField#QUEUE}), that they qualify for and have capacity for.
     * The actor is the agent and commits the assignment, with the ticket's version, so a ticket another agent
     * or node took meanwhile is skipped.
     *
     * @return the assigned ticket, or empty if nothing fits
     * @throws IllegalArgumentException if the actor is not an agent
     * @throws TicketNotFoundException  if the agent does not exist in the actor's tenant
     */
    public Optional<Ticket> next(Actor agentActor) {
        Objects.requireNonNull(agentActor, "agentActor");
        AgentId id = agentActor.agentId().orElseThrow(() -> new IllegalArgumentException("next(actor) needs an agent actor"));
        return pull(agentActor, id, false);
    }

    private Optional<Ticket> pull(Actor commander, AgentId agentId, boolean requireOnline) {
        TicketEngine e = engine();
        TenantId tenant = commander.tenantId();
        Actor system = Actor.system(tenant, "routing");
        Instant now = now();
        TenantState st = state(tenant, now, () -> e.directory().agents(system), null);
        Agent agent = st.pool.agent(agentId).or(() -> {
            st.refreshAgents(e.directory().agents(system), now); // a new agent
            return st.pool.agent(agentId);
        }).orElseThrow(() -> new TicketNotFoundException("agent", agentId));
        if (requireOnline && agent.presence() != Presence.ONLINE) {
            return Optional.empty();
        }
        ViewQuery.Builder vq = ViewQuery.builder().statuses(TicketStatus.NEW, TicketStatus.OPEN).unassigned()
                .sort(SortField.QUEUE, true).limit(PAGE);
        int teams = 0;
        for (TeamId t : agent.teams()) {
            if (queues.containsKey(t)) {
                vq.team(t);
                teams++;
            }
        }
        if (teams == 0) {
            return Optional.empty();
        }
        ViewQuery view = vq.build();
        String cursor = null;
        Map<dev.ticketkit.core.CustomerId, MemberTier> tiers = new HashMap<>();
        for (int pages = 0; pages < 10; pages++) {
            Page<Ticket> page = e.tickets().view(system, cursor == null ? view : view.toBuilder().after(cursor).build());
            for (Ticket t : page.items()) {
                TeamQueue q = queues.get(t.team().orElseThrow());
                Duration waited = Duration.between(t.createdAt(), now);
                MemberTier tier = q.needs(SkillKind.TIER, waited) && !agent.skills().contains(tierSkill)
                        ? tiers.computeIfAbsent(t.requester(), c -> e.customers().find(system, c).map(Customer::tier).orElse(MemberTier.STANDARD))
                        : null;
                if (!st.pool.qualifies(agentId, needOf(t, tier, q, waited))) {
                    continue;
                }
                boolean claimed = st.booked(() -> {
                    if (!st.pool.claimAgent(agentId, t.channel(), false)) {
                        return false;
                    }
                    st.reserve(t.id(), agentId, t.channel(), now, false);
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
                    st.cancel(t.id(), agentId); // another agent or node took it first
                } catch (RuntimeException ex) {
                    st.cancel(t.id(), agentId);
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
     * Routes one ticket now (a "route this" button, or after changing queues): assigns it in its team's queue
     * by the queue's rules, committing with the version read.
     *
     * @return the agent, or empty if nobody may take it now (or it is assigned, inactive or not in a routed team)
     * @throws TicketNotFoundException if the ticket is not in the actor's tenant (or the actor may not see it)
     */
    public Optional<AgentId> route(Actor actor, TicketId ticketId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(ticketId, "ticketId");
        TicketEngine e = engine();
        Ticket t = e.tickets().get(actor, ticketId);
        TeamQueue q = t.team().map(queues::get).orElse(null);
        if (q == null || !waiting(t)) {
            return Optional.empty();
        }
        Actor system = Actor.system(actor.tenantId(), "routing");
        Instant now = now();
        TenantState st = state(actor.tenantId(), now, () -> e.directory().agents(system), null);
        MemberTier tier = e.customers().find(system, t.requester()).map(Customer::tier).orElse(MemberTier.STANDARD);
        SkillNeed need = needOf(t, tier, q, Duration.between(t.createdAt(), now));
        Optional<AgentId> a = st.booked(() -> {
            Optional<AgentId> c = st.pool.claim(AgentPool.Request.of(q.team(), t.channel(), need, q.strategy()));
            c.ifPresent(agent -> st.reserve(t.id(), agent, t.channel(), now, false));
            return c;
        });
        if (a.isEmpty()) {
            return a;
        }
        try {
            e.tickets().update(actor, t.id(), TicketUpdate.builder().assignee(a.get()).expectVersion(t.version()).build());
            return a;
        } catch (RuntimeException ex) {
            st.cancel(t.id(), a.get());
            throw ex;
        }
    }

    /**
     * Changes an agent's presence through the directory and tells routing at once. Going {@link Presence#OFFLINE}
     * gives back the agent's untouched tickets (active, assigned to them, no agent reply yet) in teams whose
     * queue {@linkplain TeamQueue#returnOnOffline() returns on offline}; the hook then routes them to others.
     * Coming {@link Presence#ONLINE} fills the agent up to capacity from their push queues.
     *
     * @return the tickets given back or handed to the agent
     * @throws TicketNotFoundException if the agent is not in the actor's tenant
     */
    public List<TicketId> setPresence(Actor actor, AgentId agentId, Presence presence) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(presence, "presence");
        TicketEngine e = engine();
        Agent updated = e.directory().setPresence(actor, agentId, presence);
        TenantState st = tenants.get(actor.tenantId());
        if (st != null && st.pool != null) {
            if (st.pool.agent(agentId).isEmpty()) {
                st.refreshAgents(e.directory().agents(Actor.system(actor.tenantId(), "routing")), now());
            }
            st.pool.setPresence(agentId, presence);
        }
        List<TicketId> changed = new ArrayList<>();
        Actor system = Actor.system(actor.tenantId(), "routing");
        if (presence == Presence.OFFLINE) {
            ViewQuery view = ViewQuery.builder().assignee(agentId).statuses(TicketStatus.NEW, TicketStatus.OPEN)
                    .sort(SortField.CREATED_AT, true).limit(PAGE).build();
            String cursor = null;
            List<Ticket> mine = new ArrayList<>();
            do {
                Page<Ticket> page = e.tickets().view(system, cursor == null ? view : view.toBuilder().after(cursor).build());
                mine.addAll(page.items());
                cursor = page.nextCursor().orElse(null);
            } while (cursor != null);
            for (Ticket t : mine) {
                TeamQueue q = t.team().map(queues::get).orElse(null);
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
            for (int i = 0; i < 1_000; i++) {
                Optional<Ticket> t = pushTo(system, updated);
                if (t.isEmpty()) {
                    break;
                }
                changed.add(t.get().id());
            }
        }
        return changed;
    }

    private Optional<Ticket> pushTo(Actor system, Agent agent) {
        return pull(system, agent.id(), true);
    }

    /** The load this node counts for an agent on a channel (for monitoring and tests). */
    public int load(TenantId tenantId, AgentId agentId, Channel channel) {
        TenantState st = tenants.get(Objects.requireNonNull(tenantId, "tenantId"));
        return st == null || st.pool == null ? 0 : st.pool.load(agentId, channel);
    }

    /** The configured queues by team. */
    public Map<TeamId, TeamQueue> queues() {
        return queues;
    }

    // ---- builder -------------------------------------------------------------------------------

    /** Builds a {@link Router}; each option may be set once, each team's queue once. */
    public static final class Builder {
        private final Map<TeamId, TeamQueue> queues = new LinkedHashMap<>();
        private String categoryPrefix;
        private String languagePrefix;
        private final Map<String, String> categorySkills = new HashMap<>();
        private Integer tierLevel;
        private String tierSkill;
        private Set<TicketStatus> loadStatuses;
        private Duration resyncInterval;
        private Duration agentRefresh;
        private Duration reservationTimeout;
        private Boolean verifyInStore;

        private Builder() {}

        private static void once(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set");
            }
        }

        private static Duration positive(Duration d, String option) {
            Objects.requireNonNull(d, option);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(option + " must be positive");
            }
            return d;
        }

        /** A team's queue; tickets of teams without one are not routed. */
        public Builder queue(TeamQueue queue) {
            Objects.requireNonNull(queue, "queue");
            if (queues.containsKey(queue.team())) {
                throw new IllegalStateException("a queue for team " + queue.team() + " was already added");
            }
            queues.put(queue.team(), queue);
            return this;
        }

        /** Prefix of category tags (default {@value #DEFAULT_CATEGORY_TAG_PREFIX}). */
        public Builder categoryTagPrefix(String prefix) {
            once(categoryPrefix, "categoryTagPrefix");
            categoryPrefix = nonBlank(prefix, "categoryTagPrefix");
            return this;
        }

        /** Prefix of the language tag (default {@value #DEFAULT_LANGUAGE_TAG_PREFIX}). */
        public Builder languageTagPrefix(String prefix) {
            once(languagePrefix, "languageTagPrefix");
            languagePrefix = nonBlank(prefix, "languageTagPrefix");
            return this;
        }

        /** The skill a category needs (defaults: logistics → tracking, address_change → address, pre_sale → presale, others → their id). */
        public Builder categorySkill(Category category, String skill) {
            Objects.requireNonNull(category, "category");
            if (categorySkills.containsKey(category.id())) {
                throw new IllegalStateException("the skill of " + category.id() + " was already set");
            }
            categorySkills.put(category.id(), nonBlank(skill, "skill"));
            return this;
        }

        /** Customers of at least this tier level need this skill (default level 3 = VIP, skill {@code vip}). */
        public Builder tierSkill(int minLevel, String skill) {
            once(tierLevel, "tierSkill");
            if (minLevel < 0 || minLevel > 99) {
                throw new IllegalArgumentException("tier level must be 0..99");
            }
            tierLevel = minLevel;
            tierSkill = nonBlank(skill, "skill");
            return this;
        }

        /** Statuses that count toward an agent's load (default NEW and OPEN). */
        public Builder loadStatuses(TicketStatus... statuses) {
            once(loadStatuses, "loadStatuses");
            if (statuses.length == 0) {
                throw new IllegalArgumentException("loadStatuses needs at least one status");
            }
            EnumSet<TicketStatus> s = EnumSet.noneOf(TicketStatus.class);
            for (TicketStatus t : statuses) {
                s.add(Objects.requireNonNull(t, "status"));
            }
            loadStatuses = s;
            return this;
        }

        /** How often loads are recounted from the store (default 5 minutes). */
        public Builder resyncInterval(Duration interval) {
            once(resyncInterval, "resyncInterval");
            resyncInterval = positive(interval, "resyncInterval");
            return this;
        }

        /** How often agents are re-read from the store (default 30 s). */
        public Builder agentRefresh(Duration refresh) {
            once(agentRefresh, "agentRefresh");
            agentRefresh = positive(refresh, "agentRefresh");
            return this;
        }

        /** How long reserved capacity waits for its assignment to commit (default 30 s). */
        public Builder reservationTimeout(Duration timeout) {
            once(reservationTimeout, "reservationTimeout");
            reservationTimeout = positive(timeout, "reservationTimeout");
            return this;
        }

        /** Re-read the chosen agent's load in the committing transaction (default true). */
        public Builder verifyInStore(boolean enabled) {
            once(verifyInStore, "verifyInStore");
            verifyInStore = enabled;
            return this;
        }

        private static String nonBlank(String s, String option) {
            Objects.requireNonNull(s, option);
            if (s.isBlank()) {
                throw new IllegalArgumentException(option + " must not be blank");
            }
            return s;
        }

        public Router build() {
            if (queues.isEmpty()) {
                throw new IllegalStateException("a router needs at least one queue");
            }
            for (TeamQueue q : queues.values()) {
                if (q.overflowTo().isPresent() && !queues.containsKey(q.overflowTo().get())) {
                    LOG.info("queue {} overflows to team {}, which has no queue: overflowed tickets wait for a pull by nobody",
                            q.team(), q.overflowTo().get());
                }
            }
            return new Router(this);
        }
    }
}
