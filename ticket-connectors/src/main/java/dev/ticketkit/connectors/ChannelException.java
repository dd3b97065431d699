package dev.ticketkit.connectors;

import dev.ticketkit.core.TicketException;
import java.util.Objects;

/**
 * A channel could not accept or deliver a message: for inbound, a signature mismatch, a stale or replayed
 * delivery, a malformed, oversized or undecryptable payload, or a message addressed to another app; for outbound,
 * a failed send.
 *
 * <p>Unchecked. Every instance carries a machine-readable {@link #reason()}, so that an endpoint can answer each
 * case as it should ({@link Reason#httpStatus()}):
 *
 * <pre>{@code
 * try {
 *     intake.acceptAll(adapter.parse(delivery));   // a DUPLICATE outcome is a success too: answer 200
 *     return 200;
 * } catch (ChannelException e) {
 *     log.warn("{} delivery refused: {} ({})", adapter.channel(), e.reason(), e.getMessage());
 *     return e.reason().httpStatus();               // 401, 409, 413, 400, 500 or 503
 * }
 * }</pre>
 *
 * <p>Messages say which check failed and never contain the payload, keys, tokens or customer data. Cryptographic
 * failures are not {@linkplain #isRetryable() retryable}: the same input will fail again.
 */
public class ChannelException extends TicketException {

    /**
     * Why a delivery was refused or a channel call failed, with the HTTP status an endpoint receiving the delivery
     * should answer.
     */
    public enum Reason {
        /**
         * The signature is missing, malformed or does not match (or the delivery is addressed to another app): the
         * request is not proven to come from the platform. Answer 401.
         */
        SIGNATURE(401),
        /**
         * Correctly signed, but the signed timestamp is outside the adapter's window: a captured request replayed
         * late, or a clock far off. Answer 401; the platform's own retry is signed anew and passes.
         */
        STALE(401),
        /**
         * The signed parameters of a delivery already taken were reused with other content (possible only where the
         * signature does not cover the whole delivery, as in WeChat's plain mode). A repetition of the same delivery
         * is not a replay: adapters let it through and intake answers it as a duplicate. Answer 409.
         */
        REPLAY(409),
        /** The body (or a part the adapter must hold whole) is over the adapter's size limit. Answer 413. */
        TOO_LARGE(413),
        /**
         * Authentic (where that was checked) but not readable: not the expected format, a required field missing or
         * of the wrong shape, a header or parameter missing or repeated. Answer 400.
         */
        MALFORMED(400),
        /** Of a kind the adapter does not implement, such as an unknown signature method. Answer 400. */
        UNSUPPORTED(400),
        /**
         * The delivery does not fit the adapter's configuration (such as an encrypted push to an adapter without a
         * key), or the platform refused the configured credentials: an administrator must act. Answer 500, so the
         * platform tries again once the configuration is fixed.
         */
        CONFIGURATION(500),
        /** A remote system (mail server, the platform's API) failed or could not be reached; usually retryable. Answer 503. */
        UNAVAILABLE(503),
        /** Thrown through a constructor without a reason (code written before reasons existed). Answer 400. */
        UNSPECIFIED(400);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status an endpoint that received the refused delivery should answer with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    /** Whether the same request may succeed later. */
    private final boolean retryable;
    private final Reason reason;

    /**
     * A non-retryable failure.
     *
     * @param reason  why, for the caller to act on
     * @param message which check failed, without payload or secrets
     */
    public ChannelException(Reason reason, String message) {
        this(reason, message, null, false);
    }

    /**
     * @param reason    why, for the caller to act on
     * @param message   which check failed, without payload or secrets
     * @param cause     the underlying failure, may be {@code null}
     * @param retryable whether sending the same request again may succeed
     */
    public ChannelException(Reason reason, String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryable = retryable;
    }

    /**
     * A non-retryable failure without a reason ({@link Reason#UNSPECIFIED}).
     *
     * @param message which check failed, without payload or secrets
     * @deprecated name the reason: {@link #ChannelException(Reason, String)}
     */
    @Deprecated
    public ChannelException(String message) {
        this(Reason.UNSPECIFIED, message, null, false);
    }

    /**
     * A failure without a reason ({@link Reason#UNSPECIFIED}).
     *
     * @param message   which check failed, without payload or secrets
     * @param cause     the underlying failure, may be {@code null}
     * @param retryable whether sending the same request again may succeed
     * @deprecated name the reason: {@link #ChannelException(Reason, String, Throwable, boolean)}
     */
    @Deprecated
    public ChannelException(String message, Throwable cause, boolean retryable) {
        this(Reason.UNSPECIFIED, message, cause, retryable);
    }

    /**
     * @return why the delivery was refused or the call failed; never {@code null}
     */
    public Reason reason() {
        return reason;
    }

    /**
     * @return whether the same request may succeed later (never for cryptographic failures)
     */
    public boolean isRetryable() {
        return retryable;
    }
}
