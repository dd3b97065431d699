package dev.ticketkit.core.condition;

import dev.ticketkit.core.TicketValidationException;

/**
 * A condition that can't be built: an unknown field or operator, a literal of the wrong type, a bad regular
 * expression. {@link #field()} is the path of the mistake, such as {@code when.all[1].op}; the message reads
 * {@code when.all[1].op: unknown operator "equalz"}. Loaders of rule and policy files prefix the path with
 * the file and position.
 */
public class ConditionException extends TicketValidationException {

    public ConditionException(String path, String problem) {
        super(path, problem);
    }

    /** The path of the mistake inside the condition tree. */
    public String path() {
        return field();
    }
}
