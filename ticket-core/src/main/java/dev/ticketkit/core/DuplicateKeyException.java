package dev.ticketkit.core;

/**
 * A store write hit a unique key: an idempotency key, an external message id, a customer identity or a
 * ticket number that already exists. The engine handles the cases it expects (for example a racing
 * create with the same idempotency key returns the ticket the other writer made).
 */
public class DuplicateKeyException extends TicketStoreException {
    private final String key;

    /**
     * @param key names the unique key, such as {@code idempotency_key} or {@code external_message_id}; never
     *            its value
     */
    public DuplicateKeyException(String key, Throwable cause) {
        super("duplicate " + key, null, cause);
        this.key = key;
    }

    public DuplicateKeyException(String key, String sqlState, Throwable cause) {
        super("duplicate " + key, sqlState, cause);
        this.key = key;
    }

    /** Which unique key was hit. */
    public String key() {
        return key;
    }
}
