package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.commerce.Money;
import java.util.Objects;

/**
 * What a {@link RefundGateway} paid.
 *
 * @param refundId the payment system's id of the refund
 * @param amount   the amount paid back
 */
public record RefundReceipt(String refundId, Money amount) {
    public RefundReceipt {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(amount, "amount");
    }
}
