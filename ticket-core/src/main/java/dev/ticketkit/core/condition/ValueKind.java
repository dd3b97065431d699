package dev.ticketkit.core.condition;

import java.util.EnumSet;
import java.util.Set;

import static dev.ticketkit.core.condition.Operator.*;

/**
 * The type of a condition field, which decides the operators it accepts and how literals are read.
 * At run time {@link Facts} supply: {@code String} for TEXT, a {@code Collection<String>} for TEXT_SET,
 * a {@code Number} for NUMBER, a {@code Boolean}, an {@code Instant}, a {@code Duration}, and for ENUM the
 * constant's name (or the {@code Enum} itself). {@code null} means unset.
 */
public enum ValueKind {
    TEXT(EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, CONTAINS, NOT_CONTAINS, STARTS_WITH, MATCHES, IS_SET, NOT_SET,
            CHANGED, CHANGED_TO, CHANGED_FROM)),
    TEXT_SET(EnumSet.of(CONTAINS, NOT_CONTAINS, IN, NOT_IN, IS_SET, NOT_SET, CHANGED)),
    NUMBER(EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL, IS_SET,
            NOT_SET, CHANGED, CHANGED_TO, CHANGED_FROM)),
    BOOLEAN(EnumSet.of(EQUALS, NOT_EQUALS, IS_SET, NOT_SET, CHANGED, CHANGED_TO, CHANGED_FROM)),
    INSTANT(EnumSet.of(GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL, IS_SET, NOT_SET, CHANGED)),
    DURATION(EnumSet.of(GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL, IS_SET, NOT_SET)),
    /** One of a fixed, ordered list of constants ({@link FieldSpec#constants()}), e.g. priority LOW &lt; URGENT. */
    ENUM(EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL, IS_SET,
            NOT_SET, CHANGED, CHANGED_TO, CHANGED_FROM)),
    /** Typed only at run time (custom fields): literals are kept as given and compared by the value's type. */
    ANY(EnumSet.allOf(Operator.class));

    private final Set<Operator> operators;

    ValueKind(Set<Operator> operators) {
        this.operators = operators;
    }

    /** The operators a field of this kind accepts. */
    public Set<Operator> operators() {
        return operators;
    }
}
