package dev.ticketkit.commerce.context;

import dev.ticketkit.commerce.Money;
import dev.ticketkit.core.MemberTier;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer's membership in the shop's loyalty programme.
 *
 * @param tier          the tier (level and name, as {@code customer.tier} uses them)
 * @param points        the points balance, zero or more
 * @param since         when they joined
 * @param lifetimeValue what they have paid in all, in the shop's currency
 */
public record Member(MemberTier tier, long points, Instant since, Money lifetimeValue) {
    public Member {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lifetimeValue, "lifetimeValue");
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative");
        }
    }
}
