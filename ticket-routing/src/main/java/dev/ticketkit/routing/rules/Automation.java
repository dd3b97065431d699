package dev.ticketkit.routing.rules;

import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.condition.Condition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A time-based rule: when a ticket has been in {@code status} for {@code after} (calendar time, or business
 * hours on the rule set's calendar), and {@code when} still holds then, the actions run. Scheduled as due work
 * when the ticket enters the status (one occasion), cancelled when it leaves; it fires at most once per ticket
 * per occasion, and a later entry into the status is a new occasion. Conditions see the event
 * {@link RuleEvent#TICK}.
 *
 * @param id            unique in its rule set among automations
 * @param status        the status the ticket must stay in
 * @param after         how long, positive
 * @param businessHours whether {@code after} counts business hours of the rule set's calendar
 * @param when          the condition re-checked when it fires ({@code Condition.always()} for none)
 * @param actions       what it does (at least one)
 */
public record Automation(String id, TicketStatus status, Duration after, boolean businessHours, Condition when,
                         List<Action> actions) {
    public Automation {
        Objects.requireNonNull(id, "id");
        if (!Trigger.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an automation id holds 1 to 64 letters, digits and _.- only");
        }
        Objects.requireNonNull(status, "status");
        if (status == TicketStatus.CLOSED) {
            throw new IllegalArgumentException("automation " + id + ": a closed ticket can't change");
        }
        Objects.requireNonNull(after, "after");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("automation " + id + ": after must be positive");
        }
        Objects.requireNonNull(when, "when");
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("automation " + id + " has no action");
        }
    }
}
