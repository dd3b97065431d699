package dev.ticketkit.core;

import dev.ticketkit.core.internal.DefaultTicketEngine;
import dev.ticketkit.core.internal.EngineSettings;
import dev.ticketkit.core.condition.FactCatalog;
import dev.ticketkit.core.spi.BusinessTime;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWorkHandler;
import dev.ticketkit.core.spi.FactSource;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.TicketModule;
import dev.ticketkit.core.spi.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The entry point: a thread-safe ticketing engine over a {@link TicketStore}.
 *
 * <pre>{@code
 * try (TicketEngine engine = TicketEngine.builder().build()) {        // in-memory store, system clock
 *     Ticket t = engine.tickets().create(actor, NewTicket.builder(customerId, "Where is my parcel?")
 *             .channel(Channel.EMAIL).message("Ordered on Monday, nothing yet").build());
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} starts no thread. Due work (SLA timers, automations) runs when you call
 * {@link #runDueWork()}, or on a background thread named {@code ticketkit-duework-1} after {@link #start()};
 * {@link #close()} stops it.
 */
public interface TicketEngine extends AutoCloseable {

    static Builder builder() {
        return new Builder();
    }

    /** Ticket commands and queries. */
    Tickets tickets();

    /** Customer commands and queries. */
    Customers customers();

    /** Agents, teams and custom field definitions. */
    Directory directory();

    /** The engine's clock. */
    Clock clock();

    /** The business calendars registered on the builder ({@code 24x7} always). */
    Calendars calendars();

    /** Every fact conditions may test: the ticket's, the requester's, and every registered {@link FactSource}'s. */
    FactCatalog facts();

    /** The names of the installed modules, in installation order. */
    List<String> modules();

    /**
     * Runs the due work that is due now on this thread and returns how many items ran (including ones that
     * failed and were rescheduled). Tests call it by hand after advancing their clock.
     */
    int runDueWork();

    /**
     * Heartbeat of due work: extends the lease of every item this engine claimed and has not started yet (those
     * waiting in the claimed batch behind a slow handler) to now + the lease, so that another node does not take
     * over work of a node that is slow but alive. The running item needs no lease: its transaction deletes its
     * row before the handler runs, which the database keeps locked until commit. Returns how many leases this
     * node still held. After
     * {@link #start()} a thread named {@code ticketkit-lease-1} calls it every third of the lease while work is
     * held, and the runner itself renews waiting items between two items; call it by hand when you drive due
     * work by hand ({@link #runDueWork()} from your own scheduler, or a test with a hand-moved clock).
     */
    int renewDueWorkLeases();

    /** Starts the background due-work thread and its lease heartbeat. Idempotent. */
    void start();

    /** Stops the background thread (waiting a bounded time) and closes nothing it was given. Idempotent. */
    @Override
    void close();

    /**
     * Builds a {@link TicketEngine}. Each option is checked when set ({@link IllegalArgumentException}); a
     * single-valued option set twice is an {@link IllegalStateException}.
     */
    final class Builder {
        /** Default prefix of ticket numbers. */
        public static final String DEFAULT_NUMBER_PREFIX = "TK";
        /** Default number of times a command without an expected version is retried after a conflict. */
        public static final int DEFAULT_MAX_CONFLICT_RETRIES = 50;
        /** Default longest wait of the background due-work thread between polls of the store. */
        public static final Duration DEFAULT_DUE_WORK_POLL_INTERVAL = Duration.ofMillis(250);
        /** Default lease on claimed due work; another node may take it over after this long. */
        public static final Duration DEFAULT_DUE_WORK_LEASE = Duration.ofSeconds(60);
        /** Default number of due-work items claimed at once. */
        public static final int DEFAULT_DUE_WORK_BATCH_SIZE = 100;
        /** Default number of attempts before failing due work is dropped (and logged). */
        public static final int DEFAULT_DUE_WORK_MAX_ATTEMPTS = 10;
        /** Default number of ticket numbers an engine reserves per tenant at a time. */
        public static final int DEFAULT_TICKET_NUMBER_BLOCK = 50;
        /** The largest {@link #ticketNumberBlock(int)}. */
        public static final int MAX_TICKET_NUMBER_BLOCK = 10_000;

        private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

        private TicketStore store;
        private Clock clock;
        private Limits limits;
        private String numberPrefix;
        private Integer ticketNumberBlock;
        private String nodeId;
        private Integer maxConflictRetries;
        private Duration pollInterval;
        private Duration lease;
        private Integer batchSize;
        private Integer maxAttempts;
        /** Hooks, listeners and modules in the order they were added: modules install at their place. */
        private final List<Registration> registrations = new ArrayList<>();

        /** A hook, a listener or a module, as added. */
        private record Registration(Object what, int kind) {
            static final int HOOK = 0;
            static final int LISTENER = 1;
            static final int MODULE = 2;
        }

        private boolean registered(Object o, int kind) {
            for (Registration r : registrations) {
                if (r.what() == o && r.kind() == kind) {
                    return true;
                }
            }
            return false;
        }
        private final Map<String, DueWorkHandler> handlers = new LinkedHashMap<>();
        private final List<FactSource> factSources = new ArrayList<>();
        private final Calendars.Builder calendars = Calendars.builder();
        private boolean built;

        private Builder() {}

        private static void once(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set");
            }
        }

        /** The store (default: {@link TicketStore#inMemory()}). The engine does not close it. */
        public Builder store(TicketStore store) {
            once(this.store, "store");
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock for every timestamp and due time (default {@link Clock#systemUTC()}). */
        public Builder clock(Clock clock) {
            once(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Input limits (default {@link Limits#ofDefaults()}). */
        public Builder limits(Limits limits) {
            once(this.limits, "limits");
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Prefix of ticket numbers, 1 to 8 upper-case letters (default {@value #DEFAULT_NUMBER_PREFIX}). */
        public Builder numberPrefix(String prefix) {
            once(this.numberPrefix, "numberPrefix");
            Objects.requireNonNull(prefix, "prefix");
            if (!TicketNumber.isPrefix(prefix)) {
                throw new IllegalArgumentException("numberPrefix must be 1 to 8 upper-case letters");
            }
            this.numberPrefix = prefix;
            return this;
        }

        /**
         * How many ticket numbers the engine reserves per tenant at a time (default
         * {@value #DEFAULT_TICKET_NUMBER_BLOCK}, at most {@value #MAX_TICKET_NUMBER_BLOCK}). The engine takes numbers
         * from a block it holds in memory and reserves the next block through
         * {@link TicketStore#reserveTicketNumbers} in a short transaction of the store's own, so no command holds the
         * tenant's counter and one tenant's tickets can be created on several nodes at once.
         *
         * <p>Numbers are unique per tenant and increase on each engine, but not across engines: each node numbers
         * from its own blocks, so a ticket made on one node may carry a lower number than one made earlier on
         * another. Gaps are normal: a command that fails or rolls back leaves its number unused, and so do the
         * numbers an engine holds when it closes or its node crashes (before a create it keeps half a block more than
         * the creates under way need: up to a block and a half per tenant, or a batch's size and half a block). {@code 1} reserves every number on its own, one
         * short transaction per ticket: numbers then follow the order in which commands asked for them, across
         * nodes too, and gaps come only from failed commands. Larger blocks cost fewer counter transactions and leave
         * larger gaps at a restart.
         *
         * @throws IllegalArgumentException if {@code size} is not between 1 and {@value #MAX_TICKET_NUMBER_BLOCK}
         */
        public Builder ticketNumberBlock(int size) {
            once(this.ticketNumberBlock, "ticketNumberBlock");
            if (size < 1 || size > MAX_TICKET_NUMBER_BLOCK) {
                throw new IllegalArgumentException("ticketNumberBlock must be between 1 and " + MAX_TICKET_NUMBER_BLOCK);
            }
            this.ticketNumberBlock = size;
            return this;
        }

        /** This node's name in due-work claims (default: random). Must differ between nodes. */
        public Builder nodeId(String nodeId) {
            once(this.nodeId, "nodeId");
            Objects.requireNonNull(nodeId, "nodeId");
            if (!NODE.matcher(nodeId).matches()) {
                throw new IllegalArgumentException("nodeId must be 1 to 64 characters of [A-Za-z0-9._:-]");
            }
            this.nodeId = nodeId;
            return this;
        }

        /** Retries of a command without expected version after a conflict (default {@value #DEFAULT_MAX_CONFLICT_RETRIES}). */
        public Builder maxConflictRetries(int retries) {
            once(this.maxConflictRetries, "maxConflictRetries");
            if (retries < 0) {
                throw new IllegalArgumentException("maxConflictRetries must not be negative");
            }
            this.maxConflictRetries = retries;
            return this;
        }

        /** Longest wait between polls of the background due-work thread (default 250 ms). */
        public Builder dueWorkPollInterval(Duration interval) {
            once(this.pollInterval, "dueWorkPollInterval");
            this.pollInterval = positive(interval, "dueWorkPollInterval");
            return this;
        }

        /** Lease on claimed due work (default 60 s). */
        public Builder dueWorkLease(Duration lease) {
            once(this.lease, "dueWorkLease");
            this.lease = positive(lease, "dueWorkLease");
            return this;
        }

        /** Items claimed at once (default {@value #DEFAULT_DUE_WORK_BATCH_SIZE}). */
        public Builder dueWorkBatchSize(int size) {
            once(this.batchSize, "dueWorkBatchSize");
            if (size < 1) {
                throw new IllegalArgumentException("dueWorkBatchSize must be positive");
            }
            this.batchSize = size;
            return this;
        }

        /** Attempts before failing due work is dropped (default {@value #DEFAULT_DUE_WORK_MAX_ATTEMPTS}). */
        public Builder dueWorkMaxAttempts(int attempts) {
            once(this.maxAttempts, "dueWorkMaxAttempts");
            if (attempts < 1) {
                throw new IllegalArgumentException("dueWorkMaxAttempts must be positive");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** Adds a hook; hooks run in the order added (a module's hooks at the module's place). */
        public Builder hook(CommandHook hook) {
            Objects.requireNonNull(hook, "hook");
            if (registered(hook, Registration.HOOK)) {
                throw new IllegalStateException("hook " + hook.name() + " was already added");
            }
            registrations.add(new Registration(hook, Registration.HOOK));
            return this;
        }

        /** Adds a listener for committed events; listeners run in the order added. */
        public Builder listener(TicketEventListener listener) {
            Objects.requireNonNull(listener, "listener");
            if (registered(listener, Registration.LISTENER)) {
                throw new IllegalStateException("listener was already added");
            }
            registrations.add(new Registration(listener, Registration.LISTENER));
            return this;
        }

        /**
         * Adds a feature module (SLA, rules, routing, classification, ...). {@link #build()} installs the modules in
         * the order added, each at its place among the hooks and listeners added directly, then binds each to the
         * built engine. See {@link TicketModule} for the recommended order.
         *
         * @throws IllegalStateException if the module, or another of the same name, was already added
         */
        public Builder module(TicketModule module) {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(module.name(), "module name");
            for (Registration r : registrations) {
                if (r.kind() == Registration.MODULE && (r.what() == module
                        || ((TicketModule) r.what()).name().equals(module.name()))) {
                    throw new IllegalStateException("module " + module.name() + " was already added");
                }
            }
            registrations.add(new Registration(module, Registration.MODULE));
            return this;
        }

        /**
         * Registers a business calendar every module shares (SLA targets and rules name it). {@code 24x7} is always
         * there.
         *
         * @throws IllegalArgumentException for a bad name
         * @throws IllegalStateException    if the name is taken
         */
        public Builder calendar(String name, BusinessTime calendar) {
            calendars.add(name, calendar);
            return this;
        }

        /** Registers every calendar of a registry built beforehand (for policy and rule files read before the engine). */
        public Builder calendars(Calendars registry) {
            calendars.addAll(Objects.requireNonNull(registry, "calendars"));
            return this;
        }

        /**
         * Adds the host's own facts for conditions (e.g. {@code order.*} from its OMS when the commerce module is
         * not used). One source per namespace in the engine.
         */
        public Builder factSource(FactSource source) {
            factSources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Registers the handler for due work of this type; one handler per type. */
        public Builder dueWorkHandler(String type, DueWorkHandler handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
            if (type.isBlank() || type.length() > 64) {
                throw new IllegalArgumentException("due work type must be 1 to 64 characters");
            }
            if (handlers.containsKey(type)) {
                throw new IllegalStateException("a handler for due work type " + type + " was already registered");
            }
            handlers.put(type, handler);
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        /**
         * Installs the modules, builds the engine (starting no thread) and binds the modules to it.
         *
         * @throws IllegalStateException if called twice, or if modules register the same hook, due-work type or
         *                               fact namespace twice
         */
        public TicketEngine build() {
            if (built) {
                throw new IllegalStateException("build() was already called on this builder");
            }
            built = true;
            Clock engineClock = clock != null ? clock : Clock.systemUTC();
            Limits engineLimits = limits != null ? limits : Limits.ofDefaults();
            String node = nodeId != null ? nodeId : "node-" + UUID.randomUUID().toString().substring(0, 8);
            Calendars engineCalendars = calendars.build();
            List<CommandHook> hooks = new ArrayList<>();
            List<TicketEventListener> listeners = new ArrayList<>();
            Map<String, DueWorkHandler> dueHandlers = new LinkedHashMap<>(handlers);
            List<FactSource> sources = new ArrayList<>(factSources);
            List<TicketModule> modules = new ArrayList<>();
            dev.ticketkit.core.spi.MessageProtection[] protection = new dev.ticketkit.core.spi.MessageProtection[1];
            for (Registration r : registrations) {
                if (r.kind() == Registration.HOOK) {
                    CommandHook h = (CommandHook) r.what();
                    addOnce(hooks, h, "hook " + h.name());
                } else if (r.kind() == Registration.LISTENER) {
                    addOnce(listeners, (TicketEventListener) r.what(), "listener");
                } else {
                    TicketModule m = (TicketModule) r.what();
                    Installing ctx = new Installing(m.name(), engineClock, engineCalendars, engineLimits, node, hooks,
                            listeners, dueHandlers, sources, protection);
                    m.install(ctx);
                    ctx.done = true;
                    modules.add(m);
                }
            }
            EngineSettings settings = new EngineSettings(
                    store != null ? store : TicketStore.inMemory(),
                    store == null,
                    engineClock,
                    engineLimits,
                    numberPrefix != null ? numberPrefix : DEFAULT_NUMBER_PREFIX,
                    ticketNumberBlock != null ? ticketNumberBlock : DEFAULT_TICKET_NUMBER_BLOCK,
                    node,
                    maxConflictRetries != null ? maxConflictRetries : DEFAULT_MAX_CONFLICT_RETRIES,
                    pollInterval != null ? pollInterval : DEFAULT_DUE_WORK_POLL_INTERVAL,
                    lease != null ? lease : DEFAULT_DUE_WORK_LEASE,
                    batchSize != null ? batchSize : DEFAULT_DUE_WORK_BATCH_SIZE,
                    maxAttempts != null ? maxAttempts : DEFAULT_DUE_WORK_MAX_ATTEMPTS,
                    List.copyOf(hooks),
                    List.copyOf(listeners),
                    Map.copyOf(dueHandlers),
                    engineCalendars,
                    FactCatalog.of(sources),
                    modules.stream().map(TicketModule::name).toList(),
                    protection[0] != null ? protection[0] : dev.ticketkit.core.spi.MessageProtection.NONE);
            TicketEngine engine = new DefaultTicketEngine(settings);
            for (TicketModule m : modules) {
                m.bind(engine);
            }
            return engine;
        }

        private static <T> void addOnce(List<T> list, T item, String what) {
            if (list.contains(item)) {
                throw new IllegalStateException(what + " was already added");
            }
            list.add(item);
        }

        /** The context a module installs through; valid until its install returns. */
        private static final class Installing implements ModuleContext {
            private final String module;
            private final Clock clock;
            private final Calendars calendars;
            private final Limits limits;
            private final String nodeId;
            private final List<CommandHook> hooks;
            private final List<TicketEventListener> listeners;
            private final Map<String, DueWorkHandler> handlers;
            private final List<FactSource> sources;
            private final dev.ticketkit.core.spi.MessageProtection[] protection;
            boolean done;

            Installing(String module, Clock clock, Calendars calendars, Limits limits, String nodeId,
                       List<CommandHook> hooks, List<TicketEventListener> listeners,
                       Map<String, DueWorkHandler> handlers, List<FactSource> sources,
                       dev.ticketkit.core.spi.MessageProtection[] protection) {
                this.module = module;
                this.clock = clock;
                this.calendars = calendars;
                this.limits = limits;
                this.nodeId = nodeId;
                this.hooks = hooks;
                this.listeners = listeners;
                this.handlers = handlers;
                this.sources = sources;
                this.protection = protection;
            }

            private void open() {
                if (done) {
                    throw new IllegalStateException("module " + module + " registered after its install returned");
                }
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Calendars calendars() {
                return calendars;
            }

            @Override
            public Limits limits() {
                return limits;
            }

            @Override
            public String nodeId() {
                return nodeId;
            }

            @Override
            public ModuleContext hook(CommandHook hook) {
                open();
                addOnce(hooks, Objects.requireNonNull(hook, "hook"), "hook " + hook.name());
                return this;
            }

            @Override
            public ModuleContext listener(TicketEventListener listener) {
                open();
                addOnce(listeners, Objects.requireNonNull(listener, "listener"), "listener of module " + module);
                return this;
            }

            @Override
            public ModuleContext dueWorkHandler(String type, DueWorkHandler handler) {
                open();
                Objects.requireNonNull(type, "type");
                Objects.requireNonNull(handler, "handler");
                if (type.isBlank() || type.length() > 64) {
                    throw new IllegalArgumentException("due work type must be 1 to 64 characters");
                }
                if (handlers.putIfAbsent(type, handler) != null) {
                    throw new IllegalStateException("a handler for due work type " + type + " was already registered");
                }
                return this;
            }

            @Override
            public ModuleContext factSource(FactSource source) {
                open();
                sources.add(Objects.requireNonNull(source, "source"));
                return this;
            }

            @Override
            public ModuleContext messageProtection(dev.ticketkit.core.spi.MessageProtection p) {
                open();
                Objects.requireNonNull(p, "protection");
                if (protection[0] != null) {
                    throw new IllegalStateException("a message protection was already registered; module " + module
                            + " cannot register another");
                }
                protection[0] = p;
                return this;
            }
        }
    }
}
