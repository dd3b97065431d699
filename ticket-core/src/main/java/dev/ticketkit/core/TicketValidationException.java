package dev.ticketkit.core;

/**
 * Input the engine rejects: a blank subject, an oversize field, an unknown custom field, a value of the
 * wrong type, an unknown agent or team. Nothing was written.
 */
public class TicketValidationException extends TicketException {
    private final String field;

    public TicketValidationException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** For subclasses that write their own message (such as a configuration file's located error). */
    protected TicketValidationException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The input that was rejected, such as {@code subject} or {@code customFields.order_type}. */
    public String field() {
        return field;
    }
}
