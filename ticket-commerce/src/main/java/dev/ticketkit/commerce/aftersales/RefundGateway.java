package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.commerce.Money;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.TenantId;

/**
 * The host's payment system: pays money back on an order. Implemented by the host; optional (without it,
 * {@link AfterSales#refunded} records refunds the host made itself).
 *
 * <p><b>Idempotent by key.</b> TicketKit calls it with a key the case owns ({@code <tenant>/<ticket>/<case>/refund-<n>},
 * {@code n} the case's n-th refund). Called again with a key it has seen, it must not pay again and must return the
 * first call's receipt: a retry after a timeout, a crash between paying and recording, or two agents pressing the
 * button at once then pay once. Called outside any command: it may take its time (the ticket is not locked).
 */
@FunctionalInterface
public interface RefundGateway {

    /**
     * Pays {@code amount} back on {@code order}, once per key.
     *
     * @return what was paid under this key (the first call's receipt when the key is seen again)
     * @throws Exception if the payment failed or its outcome is unknown; the refund is not recorded and may be
     *                   retried (with the same key)
     */
    RefundReceipt refund(TenantId tenant, OrderRef order, Money amount, String idempotencyKey) throws Exception;
}
