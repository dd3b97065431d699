package dev.ticketkit.commerce.compensation;

/**
 * The host's system that gives compensations: issues the coupon, pays the partial refund, credits the points.
 * Implemented by the host and given to {@code Commerce.Builder.compensation}.
 *
 * <p><b>Idempotent by key.</b> TicketKit calls it with a key the compensation owns
 * ({@code <tenant>/<ticket>/<compensation-id>}, {@link CompensationGrant#idempotencyKey()}). Called again with a key
 * it has seen, it must not give again and must return the first call's receipt: a retry after a timeout, a crash
 * between granting and recording, or two people pressing the button at once then give once.
 *
 * <p><b>Outside any command.</b> It is called with no ticket locked and may take its time. A call that throws
 * records nothing on the ticket; the compensation stays {@link CompensationState#APPROVED} and is retried with the
 * same key. It may be called from several threads at once.
 */
@FunctionalInterface
public interface CompensationGateway {

    /**
     * Gives the compensation, once per key.
     *
     * @return the receipt of what was given under this key (the first call's receipt when the key is seen again)
     * @throws Exception if giving failed or its outcome is unknown; nothing is recorded and the call may be retried
     *                   with the same key
     */
    CompensationReceipt grant(CompensationGrant grant) throws Exception;
}
