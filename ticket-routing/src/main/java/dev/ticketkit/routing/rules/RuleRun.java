package dev.ticketkit.routing.rules;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketId;
import java.util.List;
import java.util.Objects;

/**
 * What the rules did to one ticket in one command (or one automation firing), for a {@link RuleListener}: the
 * rules that fired in order, the actions that failed, and the rules a cut chain left out. Carries ids only.
 *
 * @param tenantId   the tenant
 * @param ticketId   the ticket
 * @param automation the automation that fired, or null for triggers
 * @param fired      ids of the rules that fired, in order
 * @param failures   actions that failed (and were skipped)
 * @param cut        ids of triggers that still matched when the pass limit was reached (empty normally)
 * @param passes     how many passes over the triggers ran
 * @param stopped    whether a {@code stop} action ended processing
 */
public record RuleRun(TenantId tenantId, TicketId ticketId, String automation, List<String> fired,
                      List<ActionFailure> failures, List<String> cut, int passes, boolean stopped) {
    public RuleRun {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(ticketId, "ticketId");
        fired = List.copyOf(fired);
        failures = List.copyOf(failures);
        cut = List.copyOf(cut);
    }

    /**
     * An action that failed.
     *
     * @param rule   the rule (trigger or automation) id
     * @param index  the action's index in the rule
     * @param action the action's kind, such as {@code reply}
     * @param error  a description without customer data (the exception type, or a TicketKit message)
     */
    public record ActionFailure(String rule, int index, String action, String error) {
    }
}
