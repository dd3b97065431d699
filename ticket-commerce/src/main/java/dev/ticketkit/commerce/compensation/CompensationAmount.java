package dev.ticketkit.commerce.compensation;

import dev.ticketkit.commerce.Money;
import dev.ticketkit.core.TicketValidationException;
import java.util.Objects;

/**
 * What a compensation gives: money ({@link Cash}, for coupons and partial refunds) or loyalty points ({@link Points}).
 * Money is a {@link Money} (a {@code BigDecimal} with its currency, never a {@code double}); points are a whole
 * count. The two never mix: adding or comparing money with points, or money of two currencies, is a
 * {@link TicketValidationException}. An amount is never negative; a compensation is always more than zero.
 *
 * <pre>{@code
 * CompensationAmount coupon = CompensationAmount.of(Money.of("20", "CNY"));   // 20.00 CNY
 * CompensationAmount points = CompensationAmount.points(500);                  // 500 points
 * coupon.unit();                                                               // "CNY"
 * points.unit();                                                               // "points"
 * }</pre>
 */
public sealed interface CompensationAmount permits CompensationAmount.Cash, CompensationAmount.Points {

    /** The {@link #unit()} of points. */
    String POINTS = "points";

    /** Money: a coupon's value or a refund. */
    static Cash of(Money money) {
        return new Cash(money);
    }

    /** Money from its decimal text and ISO 4217 code ({@code of("20", "CNY")}). */
    static Cash of(String amount, String currency) {
        return new Cash(Money.of(amount, currency));
    }

    /** A number of loyalty points. */
    static Points points(long points) {
        return new Points(points);
    }

    /**
     * An amount from its {@link #value()} text and its {@link #unit()}: how events and ledgers store amounts.
     *
     * @throws TicketValidationException if the text is not a number of that unit or the unit is unknown
     */
    static CompensationAmount parse(String value, String unit) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        if (POINTS.equals(unit)) {
            try {
                return new Points(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                throw new TicketValidationException("amount", "is not a whole number of points");
            }
        }
        return of(value, unit);
    }

    /** Zero of a unit: an ISO 4217 code or {@link #POINTS}. */
    static CompensationAmount zero(String unit) {
        return parse("0", unit);
    }

    /** The currency's ISO 4217 code for money, {@link #POINTS} for points. Amounts of one unit add up. */
    String unit();

    /** The amount as plain text without its unit ({@code 20.00}, {@code 500}). */
    String value();

    /** Whether this is zero. */
    boolean isZero();

    /**
     * The sum of two amounts of one unit.
     *
     * @throws TicketValidationException if the units differ (money and points, or two currencies)
     */
    CompensationAmount plus(CompensationAmount other);

    /**
     * Whether this is more than {@code other}, of the same unit.
     *
     * @throws TicketValidationException if the units differ
     */
    boolean greaterThan(CompensationAmount other);

    private static void sameUnit(CompensationAmount a, CompensationAmount b) {
        Objects.requireNonNull(b, "other");
        if (!a.unit().equals(b.unit())) {
            throw new TicketValidationException("amount", a.unit() + " and " + b.unit() + " do not mix");
        }
    }

    /**
     * Money: coupons and partial refunds.
     *
     * @param money zero or more (as every {@link Money})
     */
    record Cash(Money money) implements CompensationAmount {
        public Cash {
            Objects.requireNonNull(money, "money");
        }

        @Override
        public String unit() {
            return money.currency().getCurrencyCode();
        }

        @Override
        public String value() {
            return money.amount().toPlainString();
        }

        @Override
        public boolean isZero() {
            return money.isZero();
        }

        @Override
        public Cash plus(CompensationAmount other) {
            sameUnit(this, other);
            return new Cash(money.plus(((Cash) other).money));
        }

        @Override
        public boolean greaterThan(CompensationAmount other) {
            sameUnit(this, other);
            return money.greaterThan(((Cash) other).money);
        }

        /** {@code 20.00 CNY}. */
        @Override
        public String toString() {
            return money.toString();
        }
    }

    /**
     * Loyalty points.
     *
     * @param points zero or more
     */
    record Points(long points) implements CompensationAmount {
        /** @throws TicketValidationException if negative */
        public Points {
            if (points < 0) {
                throw new TicketValidationException("amount", "must not be negative");
            }
        }

        @Override
        public String unit() {
            return POINTS;
        }

        @Override
        public String value() {
            return Long.toString(points);
        }

        @Override
        public boolean isZero() {
            return points == 0;
        }

        @Override
        public Points plus(CompensationAmount other) {
            sameUnit(this, other);
            try {
                return new Points(Math.addExact(points, ((Points) other).points));
            } catch (ArithmeticException e) {
                throw new TicketValidationException("amount", "too many points");
            }
        }

        @Override
        public boolean greaterThan(CompensationAmount other) {
            sameUnit(this, other);
            return points > ((Points) other).points;
        }

        /** {@code 500 points}. */
        @Override
        public String toString() {
            return points + " " + POINTS;
        }
    }
}
