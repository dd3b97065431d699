package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.core.TicketException;

/**
 * The host's {@link RefundGateway} failed: nothing was recorded, and a retry uses the same idempotency key. The
 * message names the case and the key, never the gateway's own message (it may carry payment details); the cause is
 * the gateway's exception.
 */
public class RefundFailedException extends TicketException {
    private final String idempotencyKey;

    public RefundFailedException(String caseId, String idempotencyKey, Throwable cause) {
        super("refund of case " + caseId + " failed (" + cause.getClass().getSimpleName() + "), key " + idempotencyKey
                + "; retrying pays at most once", cause);
        this.idempotencyKey = idempotencyKey;
    }

    /** The key the gateway was called with. */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
