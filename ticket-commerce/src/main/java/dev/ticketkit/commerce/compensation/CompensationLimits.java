package dev.ticketkit.commerce.compensation;

import dev.ticketkit.commerce.Money;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Role;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How much a shop's people may compensate, immutable: a limit per role, a daily budget per agent, a cap per customer.
 * One per tenant, given through a {@link CompensationLimitsSource}. Money limits are in the shop's one currency;
 * points limits stand apart from money (a coupon never uses up a points limit).
 *
 * <pre>{@code
 * CompensationLimits limits = CompensationLimits.builder("CNY", ZoneId.of("Asia/Shanghai"))
 *         .role("agent", Money.of("20", "CNY"), 200)              // at once, per compensation: money, points
 *         .role("senior", Money.of("100", "CNY"), 1_000)
 *         .role("supervisor", Money.of("500", "CNY"), 5_000)
 *         .dailyBudget("agent", Money.of("50", "CNY"), 500)       // what one agent may grant in a day
 *         .customerCap(Money.of("100", "CNY"), 1_000, 30)         // what one customer may get in 30 days
 *         .build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Role limit:</b> the most an actor may grant at once on their own authority, and the most they may
 *       approve. The highest limit among the actor's roles ({@link Role#name()}) applies. An actor none of whose
 *       roles has a limit grants nothing on their own (every request waits for approval) and approves nothing.</li>
 *   <li><b>Daily budget:</b> the most one agent may grant in a day (what they granted on their own authority and
 *       what they approved), the day in the shop's {@link #zone()}. The highest budget among the actor's roles that
 *       have one applies; an actor none of whose roles has one has no budget. A request that fits the role limit but
 *       not what is left of the day's budget waits for approval.</li>
 *   <li><b>Customer cap:</b> the most one customer may receive over a number of days (today and the days before it,
 *       in the shop's zone), on all their tickets, from everyone. A request or an approval above it is refused.</li>
 * </ul>
 *
 * <p>Defaults: no role limits, no budgets, no cap. Budgets and caps are counted in the host's
 * {@link CompensationLedger}, across tickets and nodes.
 */
public final class CompensationLimits {
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Currency currency;
    private final ZoneId zone;
    private final Map<String, Limit> roles;
    private final Map<String, Limit> budgets;
    private final Limit cap;
    private final int capDays;

    /** Money and points, together. */
    private record Limit(Money money, long points) {
        CompensationAmount of(CompensationKind kind) {
            return kind.inPoints() ? CompensationAmount.points(points) : CompensationAmount.of(money);
        }

        @Override
        public String toString() {
            return money + " / " + points + " points";
        }
    }

    private CompensationLimits(Builder b) {
        this.currency = b.currency;
        this.zone = b.zone;
        this.roles = Map.copyOf(b.roles);
        this.budgets = Map.copyOf(b.budgets);
        this.cap = b.cap;
        this.capDays = b.capDays;
    }

    /**
     * A builder for a shop whose money is in {@code currency} and whose days are in {@code zone}.
     *
     * @param currency an ISO 4217 code, such as {@code CNY}
     * @throws IllegalArgumentException if the code is unknown
     */
    public static Builder builder(String currency, ZoneId zone) {
        return new Builder(currency, zone);
    }

    /** The shop's currency: every money compensation is in it. */
    public Currency currency() {
        return currency;
    }

    /** The shop's zone: where a day of the daily budget and of the customer cap starts and ends. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The most the actor may grant at once (and approve) of this kind: the highest limit among their roles, in the
     * kind's unit; zero if none of their roles has one.
     */
    public CompensationAmount roleLimit(Actor actor, CompensationKind kind) {
        return highest(roles, actor, kind).orElseGet(() -> zero(kind));
    }

    /** The most the actor may grant in a day of this kind: the highest budget among their roles; empty if none. */
    public Optional<CompensationAmount> dailyBudget(Actor actor, CompensationKind kind) {
        return highest(budgets, actor, kind);
    }

    /** The most one customer may receive of this kind in {@link #customerCapDays()}; empty if there is no cap. */
    public Optional<CompensationAmount> customerCap(CompensationKind kind) {
        Objects.requireNonNull(kind, "kind");
        return cap == null ? Optional.empty() : Optional.of(cap.of(kind));
    }

    /** The days the customer cap counts (today and the days before it); 0 if there is no cap. */
    public int customerCapDays() {
        return capDays;
    }

    private Optional<CompensationAmount> highest(Map<String, Limit> limits, Actor actor, CompensationKind kind) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        CompensationAmount best = null;
        for (Role r : actor.roles()) {
            Limit l = limits.get(r.name());
            if (l != null && (best == null || l.of(kind).greaterThan(best))) {
                best = l.of(kind);
            }
        }
        return Optional.ofNullable(best);
    }

    private CompensationAmount zero(CompensationKind kind) {
        return kind.inPoints() ? CompensationAmount.points(0) : CompensationAmount.of(Money.zero(currency));
    }

    /** The settings, for a log line: {@code CompensationLimits[CNY, Asia/Shanghai, roles {...}, ...]}. */
    @Override
    public String toString() {
        return "CompensationLimits[" + currency.getCurrencyCode() + ", " + zone + ", roles " + new TreeMap<>(roles)
                + ", daily budgets " + new TreeMap<>(budgets)
                + ", customer cap " + (cap == null ? "none" : cap + " in " + capDays + " days") + "]";
    }

    /**
     * Builds {@link CompensationLimits}. Each argument is checked at once ({@link IllegalArgumentException}); an
     * option set twice, for the same role, is an {@link IllegalStateException}.
     */
    public static final class Builder {
        private final Currency currency;
        private final ZoneId zone;
        private final Map<String, Limit> roles = new TreeMap<>();
        private final Map<String, Limit> budgets = new TreeMap<>();
        private Limit cap;
        private int capDays;

        private Builder(String currency, ZoneId zone) {
            Objects.requireNonNull(currency, "currency");
            try {
                this.currency = Currency.getInstance(currency.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("currency: " + currency + " is not an ISO 4217 code");
            }
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        /**
         * The most an actor with this role may grant at once, and approve.
         *
         * @param role            a {@link Role#name()}
         * @param perCompensation money, in the shop's currency (zero: none on their own)
         * @param points          points (zero: none on their own)
         */
        public Builder role(String role, Money perCompensation, long points) {
            put(roles, "role", role, limit(perCompensation, points, "role " + role));
            return this;
        }

        /**
         * The most one agent with this role may grant in a day (on their own authority and by approving).
         *
         * @param role   a {@link Role#name()} that has a {@link #role} limit
         * @param perDay money, in the shop's currency
         * @param points points
         */
        public Builder dailyBudget(String role, Money perDay, long points) {
            put(budgets, "dailyBudget", role, limit(perDay, points, "daily budget of " + role));
            return this;
        }

        /**
         * The most one customer may receive in {@code days} days (today and the {@code days - 1} before it).
         *
         * @param days 1 to 3,660
         */
        public Builder customerCap(Money money, long points, int days) {
            Limit l = limit(money, points, "customer cap");
            if (days < 1 || days > 3_660) {
                throw new IllegalArgumentException("customerCap: days must be 1 to 3660, not " + days);
            }
            if (cap != null) {
                throw new IllegalStateException("customerCap is set already");
            }
            cap = l;
            capDays = days;
            return this;
        }

        private Limit limit(Money money, long points, String what) {
            Objects.requireNonNull(money, "money");
            if (!money.currency().equals(currency)) {
                throw new IllegalArgumentException(what + ": " + money + " is not in the shop's currency "
                        + currency.getCurrencyCode());
            }
            if (points < 0) {
                throw new IllegalArgumentException(what + ": points must not be negative");
            }
            return new Limit(money, points);
        }

        private static void put(Map<String, Limit> map, String option, String role, Limit limit) {
            Objects.requireNonNull(role, "role");
            if (!ROLE_NAME.matcher(role).matches()) {
                throw new IllegalArgumentException(option + ": " + role + " is not a role name");
            }
            if (map.containsKey(role)) {
                throw new IllegalStateException(option + " for role " + role + " is set already");
            }
            map.put(role, limit);
        }

        /** @throws IllegalStateException if a daily budget names a role that has no limit */
        public CompensationLimits build() {
            for (String role : budgets.keySet()) {
                if (!roles.containsKey(role)) {
                    throw new IllegalStateException("dailyBudget for role " + role + ", which has no role limit");
                }
            }
            return new CompensationLimits(this);
        }
    }
}
