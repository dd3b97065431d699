package dev.ticketkit.commerce.compensation;

/**
 * What a buyer is compensated with. Coupons and partial refunds are money ({@link CompensationAmount.Cash}, in the
 * shop's currency); points are points ({@link CompensationAmount.Points}). A partial refund is money going back
 * through the payment system: requesting, approving or rejecting one also needs {@code refund.execute}
 * ({@link dev.ticketkit.commerce.aftersales.AfterSales#REFUND}), so a role without it cannot touch refunds.
 */
public enum CompensationKind {
    /** A coupon for the buyer's next order, worth an amount of money. */
    COUPON,
    /** Part of the order's money paid back. */
    PARTIAL_REFUND,
    /** Loyalty points credited to the buyer's membership. */
    POINTS;

    /** Whether this kind is given in points (else in money). */
    public boolean inPoints() {
        return this == POINTS;
    }
}
