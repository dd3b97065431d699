package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.TicketValidationException;

/** A move a compensation's state does not allow; names both states. Nothing was written. */
public class CompensationTransitionException extends TicketValidationException {
    private final CompensationState from;
    private final CompensationState to;

    public CompensationTransitionException(String compensationId, CompensationState from, CompensationState to) {
        super("compensation", "compensation " + compensationId + " cannot go from " + from + " to " + to + " ("
                + (from.isFinal() ? from + " is final" : "allowed: " + from.allowed()) + ")");
        this.from = from;
        this.to = to;
    }

    /** The state it is in. */
    public CompensationState from() {
        return from;
    }

    /** The state it was asked to move to. */
    public CompensationState to() {
        return to;
    }
}
