package dev.ticketkit.core;

/**
 * The ticket (or customer, agent, team) does not exist in the actor's tenant. Another tenant's id gets this
 * exception too, so ids never leak across tenants.
 */
public class TicketNotFoundException extends TicketException {
    private final String id;

    public TicketNotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
        this.id = String.valueOf(id);
    }

    /** The id that was looked up. */
    public String id() {
        return id;
    }
}
