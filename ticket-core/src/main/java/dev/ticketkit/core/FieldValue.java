package dev.ticketkit.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A typed custom-field value. Build with the static factories: {@code FieldValue.text("...")}. */
public sealed interface FieldValue {

    /** The field type this value fits. */
    FieldType type();

    static FieldValue text(String value) {
        return new Text(value);
    }

    static FieldValue number(BigDecimal value) {
        return new Number(value);
    }

    static FieldValue number(long value) {
        return new Number(BigDecimal.valueOf(value));
    }

    static FieldValue bool(boolean value) {
        return new Bool(value);
    }

    static FieldValue date(LocalDate value) {
        return new Date(value);
    }

    static FieldValue choice(String option) {
        return new Choice(option);
    }

    static FieldValue choices(String... options) {
        return new Choices(Set.of(options));
    }

    /** Free text. */
    record Text(String value) implements FieldValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public FieldType type() {
            return FieldType.TEXT;
        }
    }

    /**
     * A decimal number; compared by value, so {@code 1.0} equals {@code 1}. The value is kept exact (trailing zeros
     * stripped, so {@code 20} is held as {@code 2E+1}); {@link #plain()} and {@link #toString()} write it without an
     * exponent: {@code 20}, {@code 20.5}, {@code 0.001}.
     */
    record Number(BigDecimal value) implements FieldValue {
        /** Longest plain form written; a longer one (a huge exponent) is written in scientific notation. */
        private static final int MAX_PLAIN_LENGTH = 100;

        public Number {
            Objects.requireNonNull(value, "value");
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }

        /**
         * The value in plain notation, as people write numbers: {@code 20}, {@code 20.5}, {@code -0.001}, never
         * {@code 2E+1}. A value whose plain form would be longer than 100 characters (such as {@code 1E+1000})
         * is written in scientific notation instead, so that printing a number never allocates without bound.
         */
        public String plain() {
            int scale = value.scale();
            long length = scale <= 0 ? (long) value.precision() - scale : Math.max(value.precision(), scale + 1L) + 1;
            return length <= MAX_PLAIN_LENGTH ? value.toPlainString() : value.toString();
        }

        /** {@code Number[value=20]}: the value in {@linkplain #plain() plain} notation. */
        @Override
        public String toString() {
            return "Number[value=" + plain() + "]";
        }

        @Override
        public FieldType type() {
            return FieldType.NUMBER;
        }
    }

    /** A yes/no value. */
    record Bool(boolean value) implements FieldValue {
        @Override
        public FieldType type() {
            return FieldType.BOOLEAN;
        }
    }

    /** A calendar date without time or zone. */
    record Date(LocalDate value) implements FieldValue {
        public Date {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public FieldType type() {
            return FieldType.DATE;
        }
    }

    /** One option of a single-select field. */
    record Choice(String value) implements FieldValue {
        public Choice {
            Checks.notBlank(value, "option");
        }

        @Override
        public FieldType type() {
            return FieldType.SINGLE_SELECT;
        }
    }

    /** Options of a multi-select field, kept sorted. */
    record Choices(Set<String> values) implements FieldValue {
        public Choices {
            Objects.requireNonNull(values, "values");
            values.forEach(v -> Checks.notBlank(v, "option"));
            values = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
        }

        @Override
        public FieldType type() {
            return FieldType.MULTI_SELECT;
        }
    }
}
