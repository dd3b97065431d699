package dev.ticketkit.core;

/** The command expected a version the ticket no longer has: someone else changed it first. Reload and retry. */
public class TicketConflictException extends TicketException {
    private final String id;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param id              the ticket (or customer) id
     * @param expectedVersion the version the command expected
     * @param actualVersion   the version found, or -1 if unknown
     */
    public TicketConflictException(Object id, long expectedVersion, long actualVersion) {
        super("version conflict on " + id + ": expected version " + expectedVersion
                + (actualVersion >= 0 ? " but found " + actualVersion : " but it has changed"));
        this.id = String.valueOf(id);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String id() {
        return id;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** The version found, or -1 if the store could not tell. */
    public long actualVersion() {
        return actualVersion;
    }
}
