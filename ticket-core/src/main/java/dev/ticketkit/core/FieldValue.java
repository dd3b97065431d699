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

    /** A decimal number; compared by value, so {@code 1.0} equals {@code 1}. */
    record Number(BigDecimal value) implements FieldValue {
        public Number {
            Objects.requireNonNull(value, "value");
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
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
