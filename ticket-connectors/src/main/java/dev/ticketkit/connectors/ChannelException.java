package dev.ticketkit.connectors;

import dev.ticketkit.core.TicketException;

/**
 * A channel could not accept or deliver a message: for inbound, a signature mismatch, a malformed or
 * undecryptable payload, or a message addressed to another app; for outbound, a failed send.
 *
 * <p>Unchecked. Messages say which check failed and never contain the payload, keys, tokens or
 * customer data. Cryptographic failures are not {@linkplain #isRetryable() retryable}: the same
 * input will fail again.
 */
public class ChannelException extends TicketException {

    /** Whether the same request may succeed later. */
    private final boolean retryable;

    /**
     * A non-retryable failure.
     *
     * @param message which check failed, without payload or secrets
     */
    public ChannelException(String message) {
        this(message, null, false);
    }

    /**
     * @param message which check failed, without payload or secrets
     * @param cause the underlying failure, may be {@code null}
     * @param retryable whether sending the same request again may succeed
     */
    public ChannelException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * @return whether the same request may succeed later (never for cryptographic failures)
     */
    public boolean isRetryable() {
        return retryable;
    }
}
