package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.core.TicketValidationException;

/** A move the case's type does not allow from its state; names both states. Nothing was written. */
public class CaseTransitionException extends TicketValidationException {
    private final CaseState from;
    private final CaseState to;

    public CaseTransitionException(String caseId, CaseType type, CaseState from, CaseState to) {
        super("case", "case " + caseId + " (" + type + ") cannot go from " + from + " to " + to + " (allowed: "
                + (from.allowed(type).isEmpty() ? "none, " + from + " is final" : from.allowed(type)) + ")");
        this.from = from;
        this.to = to;
    }

    public CaseState from() {
        return from;
    }

    public CaseState to() {
        return to;
    }
}
