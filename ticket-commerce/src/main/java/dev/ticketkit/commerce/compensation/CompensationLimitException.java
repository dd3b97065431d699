package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.TicketException;
import java.util.Objects;

/**
 * A compensation would go beyond a limit of {@link CompensationLimits}: the approver's role limit, the granting
 * agent's daily budget, or the customer's cap. Nothing was granted; the message says which limit, how much it
 * allows and how much is used, and what happened to the compensation (nothing was written, or it went back to
 * {@link CompensationState#PENDING_APPROVAL} when the ledger refused it after it was approved).
 */
public class CompensationLimitException extends TicketException {
    /** Which limit. */
    public enum Limit {
        /** The most one of the actor's roles lets them grant at once. */
        ROLE_LIMIT,
        /** The most the granting agent may grant in one day, in the shop's zone. */
        DAILY_BUDGET,
        /** The most one customer may receive in the cap's period. */
        CUSTOMER_CAP
    }

    private final Limit limit;
    private final CompensationAmount amount;
    private final CompensationAmount max;

    /**
     * @param subject what was refused ({@code compensation CP2 on ticket ...}, or {@code a compensation})
     * @param limit   which limit
     * @param amount  the amount asked for
     * @param max     what the limit allows
     * @param used    what the limit has used already (zero for a role limit)
     * @param outcome what happened: {@code nothing was written}, {@code it is PENDING_APPROVAL again}
     */
    public CompensationLimitException(String subject, Limit limit, CompensationAmount amount, CompensationAmount max,
                                      CompensationAmount used, String outcome) {
        super(subject + ": " + amount + " is above the " + describe(limit) + " of " + max
                + (used.isZero() ? "" : " (" + used + " used)") + "; " + outcome);
        this.limit = Objects.requireNonNull(limit, "limit");
        this.amount = amount;
        this.max = max;
    }

    private static String describe(Limit limit) {
        return switch (limit) {
            case ROLE_LIMIT -> "actor's role limit";
            case DAILY_BUDGET -> "daily budget";
            case CUSTOMER_CAP -> "customer's cap";
        };
    }

    /** Which limit refused it. */
    public Limit limit() {
        return limit;
    }

    /** The amount asked for. */
    public CompensationAmount amount() {
        return amount;
    }

    /** What the limit allows. */
    public CompensationAmount max() {
        return max;
    }
}
