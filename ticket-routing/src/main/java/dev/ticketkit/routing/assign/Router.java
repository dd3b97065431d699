package dev.ticketkit.routing.assign;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEventListener;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.TicketModule;
import dev.ticketkit.routing.Category;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p><b>How it plugs in.</b> The router is a {@link TicketModule}: {@link #install} adds the hook (assigns inside
 * the command that puts a ticket into a routed team without an assignee), the listener (keeps agents' loads from
 * committed events) and the due-work handlers {@value #RETRY_TYPE} (re-tries when a skill relaxes) and
 * {@value #OVERFLOW_TYPE} (moves a waiting ticket to the overflow team), on the engine's clock; the engine binds
 * itself ({@link #bind}) once built, and {@link #next}, {@link #route}, {@link #setPresence} and {@link #resync}
 * command it.
 *
 * <p><b>Parts.</b> This class is the entry point and the wiring; the work is done by package-private parts, one
 * per responsibility: the load ledger of each tenant (agents, loads, reservations and holdings, the booking of
 * committed events), the recount of loads from the store, the in-command assignment hook with its due work, the
 * pull queue ({@link #next}, {@link #route}) and presence changes ({@link #setPresence}).
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
    /** The module's and the hook's name, and the system actor the router reads and commits as. */
    static final String ACTOR_NAME = "routing";

    private final RouterConfig config;
    private final EngineBinding binding = new EngineBinding();
    private final TenantLedgers ledgers;
    private final AssignmentHook hook;
    private final PullQueue pulls;
    private final PresenceChanges presence;
    private final TicketEventListener listener;

    private Router(Builder b) {
        Map<String, String> skills = new HashMap<>(defaultCategorySkills());
        skills.putAll(b.categorySkills);
        config = new RouterConfig(b.queues,
                b.categoryPrefix != null ? b.categoryPrefix : DEFAULT_CATEGORY_TAG_PREFIX,
                b.languagePrefix != null ? b.languagePrefix : DEFAULT_LANGUAGE_TAG_PREFIX,
                skills,
                b.tierLevel != null ? b.tierLevel : DEFAULT_TIER_LEVEL,
                b.tierSkill != null ? b.tierSkill : DEFAULT_TIER_SKILL,
                b.loadStatuses != null ? b.loadStatuses : Set.of(TicketStatus.NEW, TicketStatus.OPEN),
                b.resyncInterval != null ? b.resyncInterval : DEFAULT_RESYNC_INTERVAL,
                b.agentRefresh != null ? b.agentRefresh : DEFAULT_AGENT_REFRESH,
                b.reservationTimeout != null ? b.reservationTimeout : DEFAULT_RESERVATION_TIMEOUT,
                b.verifyInStore == null || b.verifyInStore);
        ledgers = new TenantLedgers(config, binding, new Recount(config));
        hook = new AssignmentHook(config, ledgers);
        pulls = new PullQueue(config, binding, ledgers);
        presence = new PresenceChanges(config, binding, ledgers, pulls);
        listener = ledgers::onEvents;
        LOG.info("router: {} queue(s) {}, load statuses {}, resync {}, agent refresh {}, verify in store {}",
                config.queues().size(), config.queues().values(), config.loadStatuses(), config.resyncInterval(),
                config.agentRefresh(), config.verifyInStore());
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
        return ACTOR_NAME;
    }

    /**
     * Adds the hook, the listener and both due-work handlers, on the engine's clock.
     *
     * @throws IllegalStateException if the router is already installed on an engine
     */
    @Override
    public void install(ModuleContext context) {
        Objects.requireNonNull(context, "context");
        binding.install(context.clock());
        context.hook(hook).listener(listener)
                .dueWorkHandler(RETRY_TYPE, hook.retryHandler())
                .dueWorkHandler(OVERFLOW_TYPE, hook.overflowHandler());
    }

    /**
     * Binds the engine that {@link #next}, {@link #route} and {@link #setPresence} command.
     *
     * @throws IllegalStateException if the router is already bound to an engine
     */
    @Override
    public void bind(TicketEngine engine) {
        binding.bind(engine);
    }

    /** The hook that assigns tickets landing in a routed team queue. */
    CommandHook hook() {
        return hook;
    }

    /** The listener that keeps agents' loads from committed events. */
    TicketEventListener listener() {
        return listener;
    }

    // ---- pull, route, presence, recount ----------------------------------------------------------

    /**
     * Pull: assigns the agent the best unassigned ticket of their routed teams, in work-queue order (priority,
     * then SLA due time, then age: {@link SortField#QUEUE}), that they qualify for and have capacity for.
     * The actor is the agent and commits the assignment, with the ticket's version, so a ticket another agent
     * or node took meanwhile is skipped.
     *
     * @return the assigned ticket, or empty if nothing fits
     * @throws IllegalArgumentException if the actor is not an agent
     * @throws TicketNotFoundException  if the agent does not exist in the actor's tenant
     * @throws IllegalStateException    if the router is not bound to an engine
     */
    public Optional<Ticket> next(Actor agentActor) {
        Objects.requireNonNull(agentActor, "agentActor");
        AgentId id = agentActor.agentId().orElseThrow(() -> new IllegalArgumentException("next(actor) needs an agent actor"));
        return pulls.pull(agentActor, id, false);
    }

    /**
     * Routes one ticket now (a "route this" button, or after changing queues): assigns it in its team's queue
     * by the queue's rules, committing with the version read.
     *
     * @return the agent, or empty if nobody may take it now (or it is assigned, inactive or not in a routed team)
     * @throws TicketNotFoundException if the ticket is not in the actor's tenant (or the actor may not see it)
     * @throws IllegalStateException   if the router is not bound to an engine
     */
    public Optional<AgentId> route(Actor actor, TicketId ticketId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(ticketId, "ticketId");
        return pulls.route(actor, ticketId);
    }

    /**
     * Changes an agent's presence through the directory and tells routing at once. Going {@link Presence#OFFLINE}
     * gives back the agent's untouched tickets (active, assigned to them, no agent reply yet) in teams whose
     * queue {@linkplain TeamQueue#returnOnOffline() returns on offline}; the hook then routes them to others.
     * Coming {@link Presence#ONLINE} fills the agent up to capacity from their push queues.
     *
     * @return the tickets given back or handed to the agent
     * @throws TicketNotFoundException if the agent is not in the actor's tenant
     * @throws IllegalStateException   if the router is not bound to an engine
     */
    public List<TicketId> setPresence(Actor actor, AgentId agentId, Presence presence) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(presence, "presence");
        return this.presence.setPresence(actor, agentId, presence);
    }

    /**
     * Recounts the tenant's loads (and re-reads its agents) from the store now; normally done every
     * {@link Builder#resyncInterval}. Call it after an outage or when several nodes share the database and
     * you want a fresh count at once.
     *
     * @throws IllegalStateException if the router is not bound to an engine
     */
    public void resync(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        ledgers.resync(tenantId);
    }

    /** The load this node counts for an agent on a channel (for monitoring and tests). */
    public int load(TenantId tenantId, AgentId agentId, Channel channel) {
        LoadLedger ledger = ledgers.existing(Objects.requireNonNull(tenantId, "tenantId"));
        return ledger == null || ledger.pool() == null ? 0 : ledger.pool().load(agentId, channel);
    }

    /** The configured queues by team. */
    public Map<TeamId, TeamQueue> queues() {
        return config.queues();
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
