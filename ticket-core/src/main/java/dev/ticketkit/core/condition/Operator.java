package dev.ticketkit.core.condition;

import java.util.Locale;
import java.util.Optional;

/**
 * The operators of a {@link Condition.Test}. Each has the name used in rule and policy files
 * ({@code "equals"}, {@code "gte"}, ...). Which operators a field accepts depends on its {@link ValueKind}.
 */
public enum Operator {
    /** The value equals the literal (text exactly; enums ignoring case; numbers numerically). */
    EQUALS("equals"),
    /** The value does not equal the literal; an unset value is "not equal". */
    NOT_EQUALS("not_equals"),
    /** The value is one of a list of literals; for a set (tags), any element is. */
    IN("in"),
    /** The value is none of a list of literals; for a set, no element is. */
    NOT_IN("not_in"),
    /** Text contains the literal, ignoring case; a set holds the literal exactly. */
    CONTAINS("contains"),
    /** The negation of {@link #CONTAINS}. */
    NOT_CONTAINS("not_contains"),
    /** Text starts with the literal, ignoring case. */
    STARTS_WITH("starts_with"),
    /**
     * Text contains a match of the regular expression, in RE2 syntax (no lookaround or backreferences), compiled
     * once when the condition is built and matched in time linear in the text ({@link dev.ticketkit.core.Regex}).
     */
    MATCHES("matches"),
    /** Greater than: numbers, durations, instants, and ordered enums such as priority. */
    GREATER_THAN("gt"),
    /** Greater than or equal. */
    GREATER_OR_EQUAL("gte"),
    /** Less than. */
    LESS_THAN("lt"),
    /** Less than or equal. */
    LESS_OR_EQUAL("lte"),
    /** The value is set: not null, not blank text, not an empty set. Takes no literal. */
    IS_SET("is_set"),
    /** The negation of {@link #IS_SET}. Takes no literal. */
    NOT_SET("not_set"),
    /** This command changed the value (needs {@link Facts#previous}). Takes no literal. */
    CHANGED("changed"),
    /** This command changed the value, and it now equals the literal. */
    CHANGED_TO("changed_to"),
    /** This command changed the value, and it equalled the literal before. */
    CHANGED_FROM("changed_from");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The name used in files, such as {@code "starts_with"}. */
    public String symbol() {
        return symbol;
    }

    /** Whether the operator takes no literal. */
    public boolean unary() {
        return this == IS_SET || this == NOT_SET || this == CHANGED;
    }

    /** Whether the literal is a list of values. */
    public boolean takesList() {
        return this == IN || this == NOT_IN;
    }

    /** Whether the operator orders values. */
    public boolean ordering() {
        return this == GREATER_THAN || this == GREATER_OR_EQUAL || this == LESS_THAN || this == LESS_OR_EQUAL;
    }

    /** The operator with this file name (case-insensitive; {@code "regex"}, {@code ">="} and similar aliases accepted). */
    public static Optional<Operator> of(String symbol) {
        if (symbol == null) {
            return Optional.empty();
        }
        String s = symbol.trim().toLowerCase(Locale.ROOT);
        for (Operator op : values()) {
            if (op.symbol.equals(s)) {
                return Optional.of(op);
            }
        }
        return Optional.ofNullable(switch (s) {
            case "eq", "=", "==", "is" -> EQUALS;
            case "ne", "!=", "is_not" -> NOT_EQUALS;
            case "regex" -> MATCHES;
            case ">" -> GREATER_THAN;
            case ">=" -> GREATER_OR_EQUAL;
            case "<" -> LESS_THAN;
            case "<=" -> LESS_OR_EQUAL;
            default -> null;
        });
    }
}
