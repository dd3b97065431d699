package dev.ticketkit.routing.rules;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.Directory;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.config.ConfigException;
import dev.ticketkit.config.LocatedTree;
import dev.ticketkit.core.Calendars;
import dev.ticketkit.core.condition.Conditions;
import dev.ticketkit.core.condition.FactCatalog;
import dev.ticketkit.core.condition.Facts;
import dev.ticketkit.core.spi.BusinessTime;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.TicketModule;
import java.util.concurrent.atomic.AtomicBoolean;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers and time-based automations, plugged into a {@link TicketEngine} as a {@link TicketModule}.
 *
 * <pre>{@code
 * RuleEngine rules = RuleEngine.builder().build();
 * TicketEngine engine = TicketEngine.builder().store(store).clock(clock)
 *         .calendar("cn-office", chinaOfficeHours)          // the engine's calendars, shared with SLA
 *         .module(classification).module(rules).module(router).module(sla)
 *         .build();                                          // installs, then binds the rules to the engine
 * RuleSet set = rules.parse(Path.of("rules/peak-day-rules.yaml"));   // checked against the engine's facts
 * rules.replace(shop, set);                                  // atomic, per tenant; teams and agents checked
 * }</pre>
 *
 * <p>Installed, it adds a command hook (triggers run in every command that touches a ticket, and automations are
 * scheduled or cancelled when a ticket enters or leaves their status) and the due-work handler of type
 * {@value #AUTOMATION_WORK_TYPE}; it takes the engine's clock and calendars. Conditions test the ticket, its
 * requester, the message, the command's events, elapsed times and every fact a module or the host registered
 * on the engine ({@code order.*}, {@code member.*}, ...): parse rule files after the engine is built, so that
 * those facts are known. Rule sets are per tenant: a tenant without one runs no rules. Replacing a tenant's set
 * is atomic: a command sees either the old set or the new one, never a mix. Install it after the modules whose
 * changes rules should see (classification) and before those that should see the rules' changes (routing,
 * SLA). Thread-safe; installed on one engine only.
 */
public final class RuleEngine implements TicketModule {
    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    /** The due-work type of automations. */
    public static final String AUTOMATION_WORK_TYPE = "rules.automation";
    /** Default number of passes over the triggers in one command (a pass after each that changed something). */
    public static final int DEFAULT_MAX_PASSES = 5;
    /** The hook's name: rule changes are recorded as made by {@code SYSTEM:rules}. */
    public static final String HOOK_NAME = "rules";
    /** Default text {@code {{customer.name}}} renders for a customer without a name. */
    public static final String DEFAULT_CUSTOMER_NAME_FALLBACK = "customer";

    private final int maxPasses;
    private final List<RuleListener> listeners;
    private final String customerNameFallback;
    private final ConcurrentHashMap<TenantId, AtomicReference<RuleSet>> sets = new ConcurrentHashMap<>();
    private final RulesHook hook;
    private final AtomicBoolean installed = new AtomicBoolean();
    private volatile Calendars calendars;
    private volatile Clock clock;
    private volatile TicketEngine engine;

    private RuleEngine(Builder b) {
        this.maxPasses = b.maxPasses > 0 ? b.maxPasses : DEFAULT_MAX_PASSES;
        this.listeners = List.copyOf(b.listeners);
        this.customerNameFallback = b.customerNameFallback != null ? b.customerNameFallback : DEFAULT_CUSTOMER_NAME_FALLBACK;
        this.hook = new RulesHook(this);
        LOG.info("rule engine: max passes {}, customer name fallback {} characters", maxPasses,
                customerNameFallback.length());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return HOOK_NAME;
    }

    /**
     * Registers the rules hook and the automation due-work handler, on the engine's clock and calendars.
     *
     * @throws IllegalStateException if this rule engine is already installed on an engine
     */
    @Override
    public void install(ModuleContext context) {
        Objects.requireNonNull(context, "context");
        if (!installed.compareAndSet(false, true)) {
            throw new IllegalStateException("the rule engine is already installed on an engine");
        }
        this.clock = context.clock();
        this.calendars = context.calendars();
        context.hook(hook);
        context.dueWorkHandler(AUTOMATION_WORK_TYPE, hook::fireAutomation);
    }

    /** Binds the rules to the built engine: its directory checks rule sets, its facts check conditions. */
    @Override
    public synchronized void bind(TicketEngine engine) {
        Objects.requireNonNull(engine, "engine");
        if (this.engine != null) {
            throw new IllegalStateException("the rule engine is already bound to an engine");
        }
        this.engine = engine;
    }

    // ---- loading -------------------------------------------------------------------------------

    /**
     * Parses a rule file; YAML unless the name ends in {@code .json}.
     *
     * @param source the file name, used in errors ({@code peak.yaml:12:9: rules[3]...})
     * @throws ConfigException naming the file, line, column and path of the first mistake
     */
    public RuleSet parse(String source, String text) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        return parse(source, new StringReader(text));
    }

    /** Parses a rule file from a stream (UTF-8); YAML unless the name ends in {@code .json}. */
    public RuleSet parse(String source, InputStream in) {
        Objects.requireNonNull(in, "in");
        return parse(source, new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Parses a rule file; YAML unless its name ends in {@code .json}. */
    public RuleSet parse(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName().toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(name, r);
        } catch (IOException e) {
            throw new ConfigException(name, 0, 0, "", "could not be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private RuleSet parse(String source, Reader reader) {
        TicketEngine e = engine;
        Calendars c = calendars;
        return RuleFileReader.read(LocatedTree.read(source, reader, LocatedTree.Format.of(source)),
                c == null ? null : c.names(), RuleFields.schema(e == null ? FactCatalog.basic() : e.facts()));
    }

    /**
     * Installs a rule set for a tenant, replacing its current one atomically, after checking that its calendar
     * is registered and that every team and agent it names exists in the tenant's directory in the bound engine
     * ({@link #bind}), read as {@code SYSTEM:rules}.
     *
     * @throws ConfigException for an unknown team, agent or calendar (the tenant keeps its current set)
     * @throws IllegalStateException if no engine is bound: bind one, or pass a {@link DirectoryCheck}
     *                               ({@link DirectoryCheck#none()} to skip the check on purpose)
     */
    public void replace(TenantId tenant, RuleSet set) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(set, "set");
        TicketEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("no directory to check the teams and agents of rule set " + set.name()
                    + " against: install the rules on an engine and build it first, or pass DirectoryCheck.of(..),"
                    + " or DirectoryCheck.none() to skip the check");
        }
        Directory dir = e.directory();
        DirectoryCheck check = set.references().isEmpty() ? DirectoryCheck.none()
                : DirectoryCheck.of(dir, Actor.system(tenant, HOOK_NAME));
        install(tenant, set, check);
    }

    /**
     * Installs a rule set for a tenant, replacing its current one atomically, after checking that its calendar
     * is registered and that every team and agent it names passes {@code directory}
     * ({@link DirectoryCheck#none()} checks nothing).
     *
     * @throws ConfigException for an unknown team, agent or calendar (the tenant keeps its current set)
     */
    public void replace(TenantId tenant, RuleSet set, DirectoryCheck directory) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(directory, "directory");
        install(tenant, set, directory);
    }

    private void install(TenantId tenant, RuleSet set, DirectoryCheck directory) {
        for (RuleSet.Reference ref : set.references()) {
            boolean ok = ref.team() ? directory.hasTeam(ref.id()) : directory.hasAgent(ref.id());
            if (!ok) {
                throw set.error(ref.path(), "unknown " + (ref.team() ? "team" : "agent") + " \"" + ref.id() + "\" in tenant " + tenant);
            }
        }
        checkCalendar(set);
        sets.computeIfAbsent(tenant, k -> new AtomicReference<>()).set(set);
        LOG.info("tenant {}: installed rule set {} ({} rules, {} automations{})", tenant, set.name(),
                set.triggers().size(), set.automations().size(),
                directory == DirectoryCheck.none() && !set.references().isEmpty() ? ", teams and agents not checked" : "");
    }

    private void checkCalendar(RuleSet set) {
        Calendars c = calendars;
        if (set.calendar().isPresent() && (c == null || c.find(set.calendar().get()).isEmpty())) {
            throw set.error("calendar", "unknown calendar \"" + set.calendar().get() + "\"");
        }
        if (set.calendar().isEmpty() && set.needsCalendar()) {
            throw set.error("calendar", "business hours are used but the rule set names no calendar");
        }
    }

    /** Removes a tenant's rules; its scheduled automations find nothing to do when they come due. */
    public void remove(TenantId tenant) {
        AtomicReference<RuleSet> ref = sets.get(Objects.requireNonNull(tenant, "tenant"));
        if (ref != null) {
            ref.set(null);
        }
    }

    /** The tenant's current rule set. */
    public Optional<RuleSet> current(TenantId tenant) {
        AtomicReference<RuleSet> ref = sets.get(Objects.requireNonNull(tenant, "tenant"));
        return ref == null ? Optional.empty() : Optional.ofNullable(ref.get());
    }

    // ---- explaining ----------------------------------------------------------------------------

    /**
     * Explains the tenant's rules (the ticket's tenant) for a ticket and one event, at the builder's clock's time.
     * For {@link RuleEvent#TICK} the automations are explained instead of the triggers.
     */
    public RuleExplanation explain(Ticket ticket, Customer requester, RuleEvent event) {
        Clock c = clock;
        if (c == null) {
            throw new IllegalStateException("install the rules on an engine first: explain uses the engine's clock");
        }
        return explain(ticket, requester, null, Set.of(event), c.instant());
    }

    /**
     * Explains the rules for a ticket, its requester (nullable), the message that came in (nullable) and the
     * events, at {@code now}. "changed" tests are false here: there is no command.
     */
    public RuleExplanation explain(Ticket ticket, Customer requester, Message message, Set<RuleEvent> events, Instant now) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(now, "now");
        if (requester != null && !requester.tenantId().equals(ticket.tenantId())) {
            throw new IllegalArgumentException("the requester belongs to another tenant");
        }
        RuleSet set = current(ticket.tenantId()).orElse(null);
        List<RuleExplanation.Rule> out = new ArrayList<>();
        if (set == null) {
            return new RuleExplanation(ticket.id(), events, out);
        }
        int mask = 0;
        for (RuleEvent e : events) {
            mask |= e.bit();
        }
        TicketEngine e = engine;
        FactCatalog catalog = e == null ? FactCatalog.basic() : e.facts();
        Facts base = catalog.of(ticket, requester);
        RuleFacts facts = new RuleFacts(() -> ticket, () -> base, requester, null, message, mask, null, null, now,
                calendarOf(set), customerNameFallback(set));
        if (events.contains(RuleEvent.TICK)) {
            for (Automation a : set.automations()) {
                boolean listens = ticket.status() == a.status();
                Conditions.Explanation x = Conditions.explain(a.when(), facts);
                out.add(new RuleExplanation.Rule(a.id(), true, listens, listens && x.result(), x));
            }
        }
        for (Trigger t : set.triggers()) {
            boolean listens = t.on().stream().anyMatch(events::contains);
            Conditions.Explanation x = Conditions.explain(t.when(), facts);
            out.add(new RuleExplanation.Rule(t.id(), false, listens, listens && x.result(), x));
        }
        return new RuleExplanation(ticket.id(), events, out);
    }

    // ---- for the hook --------------------------------------------------------------------------

    BusinessTime calendarOf(RuleSet set) {
        Calendars c = calendars;
        return c == null ? null : set.calendar().flatMap(c::find).orElse(null);
    }

    /** What {@code {{customer.name}}} renders for a customer without a name under this rule set. */
    String customerNameFallback(RuleSet set) {
        return set.customerNameFallback().orElse(customerNameFallback);
    }

    int maxPasses() {
        return maxPasses;
    }

    void report(RuleRun run) {
        for (RuleListener l : listeners) {
            try {
                l.onRun(run);
            } catch (RuntimeException e) {
                LOG.warn("rule listener {} failed: {}", l.getClass().getName(), e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Builds a {@link RuleEngine}. Each option is checked when set; an option set twice is an
     * {@link IllegalStateException}.
     */
    public static final class Builder {
        private int maxPasses;
        private final List<RuleListener> listeners = new ArrayList<>();
        private String customerNameFallback;

        private Builder() {
        }

        /**
         * Passes over the triggers in one command, 1 to 100 (default {@value #DEFAULT_MAX_PASSES}): after a pass in
         * which a trigger changed the ticket, triggers that did not fire yet are evaluated again, up to this bound.
         * A chain still going at the bound is cut, logged with its rules, and the command commits.
         */
        public Builder maxPasses(int passes) {
            if (passes < 1 || passes > 100) {
                throw new IllegalArgumentException("maxPasses must be 1 to 100");
            }
            if (maxPasses != 0) {
                throw new IllegalStateException("maxPasses is already set");
            }
            maxPasses = passes;
            return this;
        }

        /** Adds a listener to rule runs. */
        public Builder listener(RuleListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * What {@code {{customer.name}}} renders for a customer without a name, so that a sentence never has a hole
         * in it (default {@value #DEFAULT_CUSTOMER_NAME_FALLBACK}; "亲" suits Chinese templates). Marketplace and
         * WeChat buyers often have no name. A rule set's {@code customer_name_fallback} takes precedence.
         *
         * @throws IllegalArgumentException if blank or longer than {@value RuleSet#MAX_FALLBACK_LENGTH} characters
         */
        public Builder customerNameFallback(String fallback) {
            Objects.requireNonNull(fallback, "fallback");
            String problem = RuleSet.fallbackProblem(fallback);
            if (problem != null) {
                throw new IllegalArgumentException("customerNameFallback " + problem);
            }
            if (customerNameFallback != null) {
                throw new IllegalStateException("customerNameFallback is already set");
            }
            customerNameFallback = fallback;
            return this;
        }

        public RuleEngine build() {
            return new RuleEngine(this);
        }
    }

    AtomicReference<RuleSet> ref(TenantId tenant) {
        return sets.get(tenant);
    }
}
