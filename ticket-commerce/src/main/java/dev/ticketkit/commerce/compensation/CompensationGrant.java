package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketId;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link CompensationGateway} is asked to give.
 *
 * @param idempotencyKey the key this compensation owns, {@code <tenant>/<ticket>/<compensation-id>}: give once per key
 * @param tenant         the shop
 * @param ticket         the ticket it was granted on
 * @param compensationId its id on the ticket
 * @param customer       who receives it
 * @param kind           coupon, partial refund or points
 * @param amount         money for coupons and refunds, points for points
 * @param orders         the orders the ticket references (a partial refund is paid on one of them), maybe empty
 * @param reason         why, as the requester wrote it
 */
public record CompensationGrant(String idempotencyKey, TenantId tenant, TicketId ticket, String compensationId,
                               CustomerId customer, CompensationKind kind, CompensationAmount amount,
                               List<OrderRef> orders, String reason) {
    public CompensationGrant {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(compensationId, "compensationId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        orders = List.copyOf(orders);
        Objects.requireNonNull(reason, "reason");
    }
}
