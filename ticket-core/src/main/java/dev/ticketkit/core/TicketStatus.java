package dev.ticketkit.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a ticket: {@code NEW -> OPEN -> PENDING | ON_HOLD -> SOLVED -> CLOSED}.
 *
 * <table>
 * <caption>Moves an actor may make with a status change</caption>
 * <tr><th>from</th><th>to</th></tr>
 * <tr><td>NEW</td><td>OPEN, PENDING, ON_HOLD, SOLVED</td></tr>
 * <tr><td>OPEN</td><td>PENDING, ON_HOLD, SOLVED</td></tr>
 * <tr><td>PENDING</td><td>OPEN, ON_HOLD, SOLVED</td></tr>
 * <tr><td>ON_HOLD</td><td>OPEN, PENDING, SOLVED</td></tr>
 * <tr><td>SOLVED</td><td>OPEN (reopen), CLOSED</td></tr>
 * <tr><td>CLOSED</td><td>none: closed is final</td></tr>
 * </table>
 *
 * <p>Besides these, messages move a ticket: an agent's first public reply moves NEW to OPEN; a customer's
 * reply moves PENDING, ON_HOLD and SOLVED back to OPEN; a customer's reply to a CLOSED ticket opens a
 * follow-up ticket linked to it. Merging closes the source ticket whatever its state.
 */
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED;

    /** Whether the ticket still needs work (anything before SOLVED). */
    public boolean isActive() {
        return this != SOLVED && this != CLOSED;
    }

    /** The statuses an explicit status change may move to from this one. */
    public Set<TicketStatus> allowedTargets() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, PENDING, ON_HOLD, SOLVED);
            case OPEN -> EnumSet.of(PENDING, ON_HOLD, SOLVED);
            case PENDING -> EnumSet.of(OPEN, ON_HOLD, SOLVED);
            case ON_HOLD -> EnumSet.of(OPEN, PENDING, SOLVED);
            case SOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    /** Whether an explicit status change may move from this status to {@code target}. */
    public boolean canMoveTo(TicketStatus target) {
        return allowedTargets().contains(target);
    }
}
