package dev.ticketkit.connectors.email;

/**
 * Thrown when a raw MIME message is rejected rather than parsed best-effort: it is larger than
 * {@link EmailParser.Builder#maxMessageBytes(int)}, its top-level header section exceeds the header
 * limits, or the input stream fails.
 *
 * <p>Unchecked. Messages name the limit that was hit and never contain addresses, subjects or
 * message content. (It will later derive from the core's {@code TicketException}.)
 */
public class EmailParseException extends dev.ticketkit.core.TicketException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, without personal data
     */
    public EmailParseException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, without personal data
     * @param cause the underlying failure, may be {@code null}
     */
    public EmailParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
