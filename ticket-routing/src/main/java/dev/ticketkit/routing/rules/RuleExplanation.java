package dev.ticketkit.routing.rules;

import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.condition.Conditions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why each rule of a tenant's rule set would or would not fire for a ticket and event
 * ({@link RuleEngine#explain}). Nothing is changed by explaining.
 *
 * @param ticketId the ticket
 * @param events   the events explained
 * @param rules    one entry per trigger (and, for {@link RuleEvent#TICK}, per automation), in order
 */
public record RuleExplanation(TicketId ticketId, Set<RuleEvent> events, List<Rule> rules) {
    public RuleExplanation {
        events = Set.copyOf(events);
        rules = List.copyOf(rules);
    }

    /**
     * One rule.
     *
     * @param id        the rule id
     * @param automation whether it is an automation
     * @param listens   whether it listens to one of the events (automations: whether the ticket is in its status)
     * @param matched   whether it would fire (listens and the condition holds)
     * @param condition the evaluated condition, test by test
     */
    public record Rule(String id, boolean automation, boolean listens, boolean matched, Conditions.Explanation condition) {
        /** The first test that failed, such as {@code customer.tier gte 2 (was 0)}, or empty when it matched. */
        public Optional<String> failure() {
            if (matched) {
                return Optional.empty();
            }
            if (!listens) {
                return Optional.of(automation ? "the ticket is not in the automation's status" : "does not listen to these events");
            }
            return condition.firstFailure().map(f -> f.actual() == null ? f.condition().describe()
                    : f.condition().describe() + " (was " + f.actual() + ")");
        }
    }

    /** The ids of the rules that would fire, in order. */
    public List<String> matched() {
        return rules.stream().filter(Rule::matched).map(Rule::id).toList();
    }

    /** One block per rule: a mark, the id, and for a miss the failing test; then the condition tree. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Rule r : rules) {
            out.append(r.matched() ? "MATCH " : "miss  ").append(r.automation() ? "automation " : "rule ").append(r.id());
            r.failure().ifPresent(f -> out.append(" -- ").append(f));
            out.append('\n');
            if (r.listens()) {
                r.condition().render().lines().forEach(l -> out.append("    ").append(l).append('\n'));
            }
        }
        return out.toString();
    }
}
