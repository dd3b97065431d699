package dev.ticketkit.core.condition;

/**
 * What a condition is tested against: a value per field name (see {@link ValueKind} for the Java types), and
 * for the {@code changed} operators the value before the current command. Implementations are cheap views
 * over a ticket, a customer, a message or an event; {@link TicketFacts} is the standard one.
 */
public interface Facts {

    /** Marks "no previous value known": the {@code changed} operators are then false. */
    Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "UNKNOWN";
        }
    };

    /** The field's current value, or {@code null} if unset. */
    Object value(String field);

    /**
     * The field's value before the current command: {@code null} if it was unset (or the ticket is new), or
     * {@link #UNKNOWN} when these facts don't track history (the default).
     */
    default Object previous(String field) {
        return UNKNOWN;
    }

    /**
     * All facts of a module's namespace, keyed without the namespace ({@code status} for {@code order.status}),
     * for templates that show them; empty when these facts have no such namespace. The default has none.
     */
    default java.util.Map<String, Object> namespace(String namespace) {
        return java.util.Map.of();
    }
}
