package dev.ticketkit.connectors.wechat;

/**
 * A message from a channel could not be accepted: for {@link WeChatCrypto}, a signature mismatch,
 * a malformed or undecryptable payload, or a message addressed to another app id.
 *
 * <p>Unchecked. Messages say which check failed and never contain the payload, keys, tokens or
 * customer data. Cryptographic failures are not {@linkplain #isRetryable() retryable}: the same
 * input will fail again.
 *
 * <p>Provisional home: this type is meant to move to {@code dev.ticketkit.connectors} and to
 * derive from the core's {@code TicketException} once the module depends on {@code ticket-core}.
 */
public class ChannelException extends RuntimeException {

    /** Serialization version (the class is not meant to be serialized). */
    private static final long serialVersionUID = 1L;

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
