package dev.ticketkit.core;

/** A status change the lifecycle does not allow (see {@link TicketStatus}). Names both states. */
public class IllegalTransitionException extends TicketException {
    private final TicketStatus from;
    private final TicketStatus to;

    public IllegalTransitionException(TicketId ticketId, TicketStatus from, TicketStatus to) {
        this(ticketId, from, to, from == TicketStatus.CLOSED ? "closed tickets are final" : "allowed: " + from.allowedTargets());
    }

    public IllegalTransitionException(TicketId ticketId, TicketStatus from, TicketStatus to, String reason) {
        super("illegal transition " + from + " -> " + to + " on ticket " + ticketId + " (" + reason + ")");
        this.from = from;
        this.to = to;
    }

    public TicketStatus from() {
        return from;
    }

    public TicketStatus to() {
        return to;
    }
}
