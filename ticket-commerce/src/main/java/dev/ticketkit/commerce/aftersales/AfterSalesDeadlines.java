package dev.ticketkit.commerce.aftersales;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a case may wait for the shop, and what happens when it waited too long. Deadlines are due work: they
 * fire once across all nodes, and a case that moved on in time is left alone.
 *
 * @param decideWithin  how long a request may wait for approval or rejection (marketplaces commonly give 48 hours)
 * @param onUndecided   {@link Action#PROCEED}: the request is approved (the platforms' rule when a shop stays
 *                      silent); {@link Action#ESCALATE}: the ticket becomes urgent and is tagged
 *                      {@value AfterSales#OVERDUE_TAG}
 * @param receiveWithin how long returned goods may be in transit back before the shop confirms receipt
 * @param onNotReceived {@link Action#PROCEED}: the goods are taken as received, and with a refund gateway the
 *                      refund of a return is released right after (paid through the gateway, outside the command);
 *                      {@link Action#ESCALATE} as above
 */
public record AfterSalesDeadlines(Duration decideWithin, Action onUndecided, Duration receiveWithin, Action onNotReceived) {
    /** What a missed deadline does. */
    public enum Action {
        /** The case takes its next step as if the shop had: approve, or take the return as received. */
        PROCEED,
        /** The ticket becomes urgent and tagged, and the case records the escalation; it stays where it is. */
        ESCALATE
    }

    public AfterSalesDeadlines {
        positive(decideWithin, "decideWithin");
        Objects.requireNonNull(onUndecided, "onUndecided");
        positive(receiveWithin, "receiveWithin");
        Objects.requireNonNull(onNotReceived, "onNotReceived");
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    /** 48 hours to decide, 10 days for a return to arrive; both escalate. */
    public static AfterSalesDeadlines defaults() {
        return new AfterSalesDeadlines(Duration.ofHours(48), Action.ESCALATE, Duration.ofDays(10), Action.ESCALATE);
    }
}
