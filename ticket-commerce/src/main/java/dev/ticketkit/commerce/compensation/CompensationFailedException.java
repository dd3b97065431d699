package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.TicketException;

/**
 * Paying a compensation failed: the host's {@link CompensationGateway} (or its {@link CompensationLedger}) threw or
 * its outcome is unknown. The failure recorded nothing: the compensation stays {@link CompensationState#APPROVED},
 * and a retry ({@code Compensations.pay}, or the approver approving again) calls the gateway with the same key, so
 * it pays at most once. The message names the compensation and the key, never the gateway's own message (it may
 * carry payment or customer details); the cause is the gateway's exception.
 */
public class CompensationFailedException extends TicketException {
    private final String compensationId;
    private final String idempotencyKey;

    /**
     * @param compensationId the compensation
     * @param idempotencyKey the key the gateway was (or the ledger would have been) called with
     * @param what           what failed: {@code the gateway}, {@code the ledger}
     * @param cause          the host's exception (only its class goes into the message)
     */
    public CompensationFailedException(String compensationId, String idempotencyKey, String what, Throwable cause) {
        super("compensation " + compensationId + " was not paid: " + what + " failed ("
                + cause.getClass().getSimpleName() + "), key " + idempotencyKey
                + "; it stays APPROVED and a retry pays at most once", cause);
        this.compensationId = compensationId;
        this.idempotencyKey = idempotencyKey;
    }

    /** The compensation that was not paid. */
    public String compensationId() {
        return compensationId;
    }

    /** The key to retry with (a retry through {@code Compensations} uses it by itself). */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
