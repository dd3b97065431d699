package dev.ticketkit.core.condition;

import dev.ticketkit.core.Regex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A condition over {@link Facts}: a test of one field ({@code priority gte HIGH}) or a combination
 * ({@code all}, {@code any}, {@code not}), nested freely. The same model serves SLA policies and rules. Built
 * in code with the factories below, or read from a JSON/YAML tree with {@link Conditions#parse}; either way,
 * {@link Conditions#bind} checks fields, operators and literals against a {@link FieldSchema} once, so that
 * mistakes are load errors. Immutable and thread-safe.
 *
 * <pre>{@code
 * Condition vipLogistics = Condition.all(
 *     Condition.where("customer.tier", Operator.GREATER_OR_EQUAL, 3),
 *     Condition.where("tags", Operator.CONTAINS, "category:logistics"),
 *     Condition.not(Condition.where("status", Operator.IN, List.of("SOLVED", "CLOSED"))));
 * boolean hit = vipLogistics.test(TicketFacts.of(ticket, customer));
 * }</pre>
 */
public sealed interface Condition {

    /** Whether the facts satisfy this condition. */
    boolean test(Facts facts);

    /** A compact, readable form such as {@code all(priority gte HIGH, not(tags contains "vip"))}. */
    String describe();

    /** Every field this condition reads, for indexing. */
    default List<String> fields() {
        List<String> out = new ArrayList<>();
        collectFields(this, out);
        return List.copyOf(out);
    }

    private static void collectFields(Condition c, List<String> out) {
        if (c instanceof All a) {
            a.conditions().forEach(x -> collectFields(x, out));
        } else if (c instanceof Any a) {
            a.conditions().forEach(x -> collectFields(x, out));
        } else if (c instanceof Not n) {
            collectFields(n.condition(), out);
        } else if (c instanceof Test t && !out.contains(t.field())) {
            out.add(t.field());
        }
    }

    /** True when every condition is (true for none). */
    static Condition all(Condition... conditions) {
        return new All(Arrays.asList(conditions));
    }

    static Condition all(List<? extends Condition> conditions) {
        return new All(List.copyOf(conditions));
    }

    /** True when at least one condition is (false for none). */
    static Condition any(Condition... conditions) {
        return new Any(Arrays.asList(conditions));
    }

    static Condition any(List<? extends Condition> conditions) {
        return new Any(List.copyOf(conditions));
    }

    static Condition not(Condition condition) {
        return new Not(condition);
    }

    /** The condition that always holds. */
    static Condition always() {
        return All.EMPTY;
    }

    /**
     * A test of one field. The literal is a String, Number, Boolean, Instant or Duration (a collection for
     * {@code in}/{@code not_in}; none for unary operators). For {@code matches} it is an expression in RE2 syntax:
     * a String, a {@link Regex}, or a {@code java.util.regex.Pattern} (its text is compiled by RE2/J, keeping the
     * flags CASE_INSENSITIVE, MULTILINE and DOTALL), compiled here once. Other fields unchecked until
     * {@link Conditions#bind} is applied.
     *
     * @throws ConditionException for a missing literal, a bad regular expression (one RE2 can't run, such as a
     *                            lookbehind or a backreference) and similar
     */
    static Condition where(String field, Operator op, Object literal) {
        return Test.unbound(field, op, literal);
    }

    /** {@code field is_set} / {@code not_set} / {@code changed}. */
    static Condition where(String field, Operator unaryOp) {
        return Test.unbound(field, unaryOp, null);
    }

    /** All of the conditions. */
    record All(List<Condition> conditions) implements Condition {
        static final All EMPTY = new All(List.of());

        public All {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean test(Facts facts) {
            for (Condition c : conditions) {
                if (!c.test(facts)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String describe() {
            return conditions.isEmpty() ? "always"
                    : conditions.stream().map(Condition::describe).collect(Collectors.joining(", ", "all(", ")"));
        }
    }

    /** Any of the conditions. */
    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean test(Facts facts) {
            for (Condition c : conditions) {
                if (c.test(facts)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return conditions.stream().map(Condition::describe).collect(Collectors.joining(", ", "any(", ")"));
        }
    }

    /** The negation of a condition. */
    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public boolean test(Facts facts) {
            return !condition.test(facts);
        }

        @Override
        public String describe() {
            return "not(" + condition.describe() + ")";
        }
    }

    /**
     * A test of one field.
     *
     * @param field   the field name
     * @param op      the operator
     * @param literal the normalised literal: null for unary operators, an unmodifiable List for
     *                {@code in}/{@code not_in}, a compiled {@link Regex} for {@code matches}
     * @param spec    the field's declaration once bound to a schema; null for an unbound test
     */
    record Test(String field, Operator op, Object literal, FieldSpec spec) implements Condition {

        public Test {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            if (field.isBlank()) {
                throw new ConditionException("field", "must not be blank");
            }
            if (op.unary() && literal != null) {
                throw new ConditionException("value", "operator \"" + op.symbol() + "\" takes no value");
            }
            if (!op.unary() && literal == null) {
                throw new ConditionException("value", "operator \"" + op.symbol() + "\" needs a value");
            }
            if (op.takesList() && !(literal instanceof List<?>)) {
                throw new ConditionException("value", "operator \"" + op.symbol() + "\" needs a list");
            }
            if (op == Operator.MATCHES && !(literal instanceof Regex)) {
                throw new ConditionException("value", "operator \"matches\" needs a regular expression");
            }
        }

        static Test unbound(String field, Operator op, Object literal) {
            Objects.requireNonNull(op, "op");
            Object normalised = literal;
            if (op.takesList() && literal != null) {
                normalised = literal instanceof Collection<?> c ? List.copyOf(c) : List.of(literal);
            } else if (op == Operator.MATCHES && literal != null) {
                normalised = Conditions.regexLiteral(literal, "value");
            }
            return new Test(field, op, normalised, null);
        }

        @Override
        public boolean test(Facts facts) {
            Object actual = facts.value(field);
            return switch (op) {
                case EQUALS -> actual instanceof Collection<?> c ? anyEq(c, literal) : Literals.eq(actual, literal, spec);
                case NOT_EQUALS -> !(actual instanceof Collection<?> c ? anyEq(c, literal) : Literals.eq(actual, literal, spec));
                case IN -> in(actual);
                case NOT_IN -> !in(actual);
                case CONTAINS -> contains(actual);
                case NOT_CONTAINS -> !contains(actual);
                case STARTS_WITH -> actual instanceof String s && s.regionMatches(true, 0, literal.toString(), 0,
                        literal.toString().length());
                case MATCHES -> matches(actual);
                case GREATER_THAN -> cmp(actual, c -> c > 0);
                case GREATER_OR_EQUAL -> cmp(actual, c -> c >= 0);
                case LESS_THAN -> cmp(actual, c -> c < 0);
                case LESS_OR_EQUAL -> cmp(actual, c -> c <= 0);
                case IS_SET -> Literals.isSet(actual);
                case NOT_SET -> !Literals.isSet(actual);
                case CHANGED -> changed(facts, actual);
                case CHANGED_TO -> changed(facts, actual) && Literals.eq(actual, literal, spec);
                case CHANGED_FROM -> changed(facts, actual) && Literals.eq(facts.previous(field), literal, spec);
            };
        }

        private boolean changed(Facts facts, Object actual) {
            Object before = facts.previous(field);
            return before != Facts.UNKNOWN && !Literals.sameValue(before, actual);
        }

        private boolean anyEq(Collection<?> values, Object lit) {
            for (Object v : values) {
                if (Literals.eq(v, lit, spec)) {
                    return true;
                }
            }
            return false;
        }

        private boolean in(Object actual) {
            List<?> options = (List<?>) literal;
            if (actual instanceof Collection<?> c) {
                for (Object v : c) {
                    for (Object o : options) {
                        if (Literals.eq(v, o, spec)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            for (Object o : options) {
                if (Literals.eq(actual, o, spec)) {
                    return true;
                }
            }
            return false;
        }

        private boolean contains(Object actual) {
            if (actual instanceof Collection<?> c) {
                return anyEq(c, literal);
            }
            return actual instanceof String s && Literals.containsText(s, literal.toString()) != null;
        }

        private boolean matches(Object actual) {
            Regex r = (Regex) literal;
            if (actual instanceof Collection<?> c) {
                for (Object v : c) {
                    if (v != null && r.find(v.toString())) {
                        return true;
                    }
                }
                return false;
            }
            return actual != null && r.find(actual.toString());
        }

        private boolean cmp(Object actual, java.util.function.IntPredicate accept) {
            Integer c = Literals.compare(actual, literal, spec);
            return c != null && accept.test(c);
        }

        @Override
        public String describe() {
            if (literal == null) {
                return field + " " + op.symbol();
            }
            return field + " " + op.symbol() + " " + show(literal);
        }

        private String show(Object v) {
            if (v instanceof List<?> l) {
                return l.stream().map(this::show).collect(Collectors.joining(", ", "[", "]"));
            }
            if (spec != null && spec.kind() == ValueKind.ENUM) {
                return String.valueOf(v);
            }
            if (v instanceof Regex r) {
                return r.toString();
            }
            if (v instanceof java.math.BigDecimal d) {
                return Literals.plain(d);
            }
            if (v instanceof String s) {
                return "\"" + s + "\"";
            }
            return String.valueOf(v);
        }
    }
}
