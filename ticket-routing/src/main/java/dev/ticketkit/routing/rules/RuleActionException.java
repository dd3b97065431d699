package dev.ticketkit.routing.rules;

import dev.ticketkit.core.TicketException;

/**
 * An action of a rule could not be carried out (a template that renders to nothing, a custom field the tenant
 * does not define). The rule engine catches it, logs it and reports it; the other actions still run.
 */
public class RuleActionException extends TicketException {
    public RuleActionException(String message) {
        super(message);
    }
}
