package dev.ticketkit.routing.rules;

import dev.ticketkit.core.condition.Condition;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule that runs inside a command: when the command raises one of the events in {@code on} and the
 * condition holds, the actions run, at most once per command. Triggers run in the order of their rule set.
 *
 * @param id      unique in its rule set: letters, digits and {@code _.-}, 1 to 64 characters
 * @param on      the events it listens to (not {@link RuleEvent#TICK}); default {@code created, updated}
 * @param when    the condition over {@link RuleFields#SCHEMA} ({@code Condition.always()} for none)
 * @param actions what it does, in order (at least one)
 */
public record Trigger(String id, Set<RuleEvent> on, Condition when, List<Action> actions) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    /** The events a trigger listens to when its file says nothing. */
    public static final Set<RuleEvent> DEFAULT_EVENTS = Set.of(RuleEvent.CREATED, RuleEvent.UPDATED);

    public Trigger {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a rule id holds 1 to 64 letters, digits and _.- only");
        }
        on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
        if (on.isEmpty()) {
            throw new IllegalArgumentException("trigger " + id + " listens to no event");
        }
        if (on.contains(RuleEvent.TICK)) {
            throw new IllegalArgumentException("trigger " + id + ": \"tick\" is for automations");
        }
        Objects.requireNonNull(when, "when");
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("trigger " + id + " has no action");
        }
    }

    /** A trigger on the default events. */
    public static Trigger of(String id, Condition when, Action... actions) {
        return new Trigger(id, DEFAULT_EVENTS, when, List.of(actions));
    }
}
