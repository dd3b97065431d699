package dev.ticketkit.commerce;

import dev.ticketkit.core.TicketValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency, never a {@code double}: a {@link BigDecimal} at the currency's scale (two
 * places for CNY and USD, none for JPY). Amounts in after-sales are never negative: prices, paid amounts, refunds
 * and coupons are all zero or more, and a negative one is refused where it enters.
 *
 * <pre>{@code
 * Money paid = Money.of("199.00", "CNY");
 * Money refund = Money.of("20", "CNY");         // stored as 20.00
 * paid.minus(refund);                            // 179.00 CNY
 * }</pre>
 *
 * @param amount   zero or more, with no more decimal places than the currency has
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /**
     * @throws TicketValidationException if the amount is negative or has more decimal places than the currency
     */
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new TicketValidationException("amount", "must not be negative");
        }
        int scale = Math.max(0, currency.getDefaultFractionDigits());
        try {
            amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new TicketValidationException("amount", "has more than " + scale + " decimal places for "
                    + currency.getCurrencyCode());
        }
    }

    /**
     * An amount from its decimal text and an ISO 4217 code.
     *
     * @throws TicketValidationException if the text is not a decimal number or the code is unknown
     */
    public static Money of(String amount, String currency) {
        Objects.requireNonNull(amount, "amount");
        BigDecimal value;
        try {
            value = new BigDecimal(amount.strip());
        } catch (NumberFormatException e) {
            throw new TicketValidationException("amount", "is not a decimal number");
        }
        return new Money(value, currency(currency));
    }

    /** An amount in a currency. */
    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount, currency(currency));
    }

    /** Zero in a currency. */
    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    private static Currency currency(String code) {
        Objects.requireNonNull(code, "currency");
        try {
            return Currency.getInstance(code.strip());
        } catch (IllegalArgumentException e) {
            throw new TicketValidationException("currency", "is not an ISO 4217 code");
        }
    }

    /** The sum; both in the same currency. */
    public Money plus(Money other) {
        return new Money(amount.add(same(other).amount), currency);
    }

    /**
     * The difference; both in the same currency.
     *
     * @throws TicketValidationException if {@code other} is the larger
     */
    public Money minus(Money other) {
        return new Money(amount.subtract(same(other).amount), currency);
    }

    /** Whether this is zero. */
    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** Compares amounts of the same currency. */
    @Override
    public int compareTo(Money other) {
        return amount.compareTo(same(other).amount);
    }

    /** Whether this is more than {@code other} (same currency). */
    public boolean greaterThan(Money other) {
        return compareTo(other) > 0;
    }

    private Money same(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new TicketValidationException("currency", currency.getCurrencyCode() + " and "
                    + other.currency.getCurrencyCode() + " do not mix");
        }
        return other;
    }

    /** {@code 199.00 CNY}. */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
