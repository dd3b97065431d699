package dev.ticketkit.routing.rules;

import dev.ticketkit.config.ConfigException;

import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.condition.Condition;
import dev.ticketkit.core.condition.ConditionException;
import dev.ticketkit.core.condition.Conditions;
import dev.ticketkit.core.condition.Facts;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, compiled set of triggers and automations, as loaded from one file
 * ({@link RuleEngine#parse}) or built in code ({@link #of}). Triggers are indexed by the tests their conditions
 * hold (see the README), so that evaluating many rules costs little. A rule set is installed for a tenant with
 * {@link RuleEngine#replace}. Thread-safe.
 */
public final class RuleSet {
    private final String name;
    private final String calendar;
    private final List<Trigger> triggers;
    private final List<Automation> automations;
    private final Map<String, Automation> automationsById;
    private final TriggerIndex index;
    private final Locator locator;
    private final String customerNameFallback;

    /** Where a path of the source file is, for errors found after parsing (unknown teams and agents). */
    interface Locator {
        /** {line, column} of the path or its nearest known parent; {0, 0} when unknown. */
        int[] locate(String path);

        Locator NONE = path -> new int[] {0, 0};
    }

    /** A reference to a team or agent in an action, checked against the tenant's directory on replace. */
    record Reference(boolean team, String id, String path) {
    }

    RuleSet(String name, String calendar, List<Trigger> triggers, List<Automation> automations, Locator locator,
            String customerNameFallback) {
        this.name = Objects.requireNonNull(name, "name");
        this.calendar = calendar;
        this.customerNameFallback = customerNameFallback;
        this.triggers = List.copyOf(triggers);
        this.automations = List.copyOf(automations);
        this.locator = locator;
        Map<String, Automation> byId = new HashMap<>();
        for (int i = 0; i < this.automations.size(); i++) {
            Automation a = this.automations.get(i);
            if (byId.putIfAbsent(a.id(), a) != null) {
                throw error("automations[" + i + "].id", "duplicate automation id \"" + a.id() + "\"");
            }
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < this.triggers.size(); i++) {
            if (!ids.add(this.triggers.get(i).id())) {
                throw error("rules[" + i + "].id", "duplicate rule id \"" + this.triggers.get(i).id() + "\"");
            }
        }
        this.automationsById = Map.copyOf(byId);
        this.index = new TriggerIndex(this.triggers);
    }

    /**
     * A rule set built in code. Conditions are checked against {@link RuleFields#SCHEMA}.
     *
     * @param name     a name for logs and errors
     * @param calendar the name of the business calendar for {@code elapsed.business.*} and business-hours
     *                 automations (registered on the engine), or null for none
     * @throws ConfigException naming the rule and the path of a mistake
     */
    public static RuleSet of(String name, String calendar, List<Trigger> triggers, List<Automation> automations) {
        return of(name, calendar, triggers, automations, dev.ticketkit.core.condition.FactCatalog.basic());
    }

    /**
     * A rule set built in code whose conditions may test module facts: checked against {@link RuleFields#SCHEMA}
     * and {@code facts} (an engine's {@code facts()}).
     *
     * @throws ConfigException naming the rule and the path of a mistake
     */
    public static RuleSet of(String name, String calendar, List<Trigger> triggers, List<Automation> automations,
                             dev.ticketkit.core.condition.FactCatalog facts) {
        dev.ticketkit.core.condition.FieldSchema schema = RuleFields.schema(facts);
        List<Trigger> bound = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            Trigger t = triggers.get(i);
            bound.add(new Trigger(t.id(), t.on(), bind(name, t.when(), "rules[" + i + "].when", schema), t.actions()));
        }
        List<Automation> boundAutos = new ArrayList<>();
        for (int i = 0; i < automations.size(); i++) {
            Automation a = automations.get(i);
            boundAutos.add(new Automation(a.id(), a.status(), a.after(), a.businessHours(),
                    bind(name, a.when(), "automations[" + i + "].when", schema), a.actions()));
        }
        return new RuleSet(name, calendar, bound, boundAutos, Locator.NONE, null);
    }

    /**
     * This rule set with the text {@code {{customer.name}}} renders for a customer without a name (WeChat, JD and
     * other marketplace buyers often have none), such as {@code "亲"}; without it the engine's
     * {@link RuleEngine.Builder#customerNameFallback(String)} applies. A file sets it with
     * {@code customer_name_fallback: 亲}.
     *
     * @throws IllegalArgumentException if the text is blank or longer than {@value #MAX_FALLBACK_LENGTH} characters
     */
    public RuleSet withCustomerNameFallback(String fallback) {
        Objects.requireNonNull(fallback, "fallback");
        String problem = fallbackProblem(fallback);
        if (problem != null) {
            throw new IllegalArgumentException("customer name fallback " + problem);
        }
        return new RuleSet(name, calendar, triggers, automations, locator, fallback);
    }

    /** The text {@code {{customer.name}}} renders for a customer without a name, if this rule set names one. */
    public Optional<String> customerNameFallback() {
        return Optional.ofNullable(customerNameFallback);
    }

    /** Longest customer name fallback, in characters. */
    public static final int MAX_FALLBACK_LENGTH = 64;

    /** What is wrong with a customer name fallback, or null. */
    static String fallbackProblem(String fallback) {
        if (fallback.isBlank()) {
            return "must not be blank";
        }
        if (fallback.length() > MAX_FALLBACK_LENGTH) {
            return "must be at most " + MAX_FALLBACK_LENGTH + " characters";
        }
        return null;
    }

    /** A rule set with triggers only and no calendar. */
    public static RuleSet of(String name, List<Trigger> triggers) {
        return of(name, null, triggers, List.of());
    }

    private static Condition bind(String source, Condition c, String path, dev.ticketkit.core.condition.FieldSchema schema) {
        try {
            return Conditions.bind(c, schema);
        } catch (ConditionException e) {
            throw new ConfigException(source, 0, 0, e.path().isEmpty() ? path : path + "." + e.path(),
                    e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    /** The name (the file name when loaded from a file). */
    public String name() {
        return name;
    }

    /** The business calendar's name, if the rule set names one. */
    public Optional<String> calendar() {
        return Optional.ofNullable(calendar);
    }

    public List<Trigger> triggers() {
        return triggers;
    }

    public List<Automation> automations() {
        return automations;
    }

    /** The automation with this id. */
    public Optional<Automation> automation(String id) {
        return Optional.ofNullable(automationsById.get(id));
    }

    /** Whether some trigger or automation needs business hours. */
    boolean needsCalendar() {
        for (Automation a : automations) {
            if (a.businessHours() || a.when().fields().stream().anyMatch(f -> f.startsWith(RuleFields.BUSINESS))) {
                return true;
            }
        }
        for (Trigger t : triggers) {
            if (t.when().fields().stream().anyMatch(f -> f.startsWith(RuleFields.BUSINESS))) {
                return true;
            }
        }
        return false;
    }

    TriggerIndex index() {
        return index;
    }

    ConfigException error(String path, String problem) {
        int[] at = locator.locate(path);
        return new ConfigException(name, at[0], at[1], path, problem);
    }

    /** The teams and agents the actions name. */
    List<Reference> references() {
        List<Reference> out = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            collect(triggers.get(i).actions(), "rules[" + i + "].actions", out);
        }
        for (int i = 0; i < automations.size(); i++) {
            collect(automations.get(i).actions(), "automations[" + i + "].actions", out);
        }
        return out;
    }

    private static void collect(List<Action> actions, String path, List<Reference> out) {
        for (int j = 0; j < actions.size(); j++) {
            String p = path + "[" + j + "]";
            Action a = actions.get(j);
            TeamId team = a instanceof Action.SetTeam s ? s.team()
                    : a instanceof Action.Escalate e ? e.team()
                    : a instanceof Action.CreateChildTask c ? c.team() : null;
            if (team != null) {
                out.add(new Reference(true, team.value(), p + "." + (a instanceof Action.Escalate ? "escalate.team"
                        : a instanceof Action.CreateChildTask ? "create_task.team" : "set_team")));
            }
            if (a instanceof Action.SetAssignee s && s.agent() != null) {
                AgentId agent = s.agent();
                out.add(new Reference(false, agent.value(), p + ".set_assignee"));
            }
        }
    }

    /** What a {@link TriggerVisitor} tells the evaluation after a trigger matched. */
    public enum Flow {
        /** The visitor changed nothing the conditions read: go on. */
        CONTINUE,
        /** The visitor applied the trigger's actions: later triggers see the changed facts. */
        CHANGED,
        /** Stop: no later trigger is looked at. */
        STOP
    }

    /** Called for each trigger that matches, in rule order. */
    @FunctionalInterface
    public interface TriggerVisitor {
        Flow matched(Trigger trigger);
    }

    /**
     * Evaluates the triggers that listen to one of {@code events} against the facts, in order, and calls the
     * visitor for each that holds. When the visitor reports {@link Flow#CHANGED} after a trigger whose actions
     * touch fields the conditions read, the remaining triggers are looked up again against the changed facts.
     * This is one pass of what the engine does inside a command (which adds repeated passes, at most once per
     * trigger, and applies the actions); use it to route facts of your own, as the benchmark does.
     *
     * @return how many triggers matched
     */
    public int evaluate(Facts facts, Set<RuleEvent> events, TriggerVisitor visitor) {
        int mask = 0;
        for (RuleEvent e : events) {
            mask |= e.bit();
        }
        return evaluate(facts, mask, null, visitor, null);
    }

    /**
     * One pass: triggers not in {@code done}; matched ones are added to {@code done}. {@code stopped}[0] is set
     * when the visitor said STOP.
     */
    int evaluate(Facts facts, int eventMask, long[] done, TriggerVisitor visitor, boolean[] stopped) {
        TriggerIndex ix = index;
        if (ix.size() == 0) {
            return 0;
        }
        long[] unsure = ix.newBits();
        long[] cand = ix.candidates(facts, eventMask, done, 0, unsure);
        int matched = 0;
        int r = TriggerIndex.next(cand, 0);
        while (r >= 0) {
            if (ix.holds(r, facts, unsure)) {
                matched++;
                if (done != null) {
                    TriggerIndex.set(done, r);
                }
                Flow f = visitor.matched(ix.trigger(r));
                if (f == Flow.STOP) {
                    if (stopped != null) {
                        stopped[0] = true;
                    }
                    return matched;
                }
                if (f == Flow.CHANGED && ix.rescanAfter(r)) {
                    cand = ix.candidates(facts, eventMask, done, r + 1, unsure);
                }
            }
            r = TriggerIndex.next(cand, r + 1);
        }
        return matched;
    }

    /** Events as a set, for the public API. */
    static Set<RuleEvent> eventSet(int mask) {
        Set<RuleEvent> out = EnumSet.noneOf(RuleEvent.class);
        for (RuleEvent e : RuleEvent.values()) {
            if ((mask & e.bit()) != 0) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "RuleSet[" + name + ", " + triggers.size() + " rules, " + automations.size() + " automations]";
    }
}
