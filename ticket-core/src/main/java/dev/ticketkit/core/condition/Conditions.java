package dev.ticketkit.core.condition;

import dev.ticketkit.core.Regex;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reading conditions from JSON/YAML trees, checking them against a {@link FieldSchema}, and explaining their
 * outcome. The tree is the plain Java form a JSON or YAML parser produces (maps, lists, strings, numbers,
 * booleans):
 *
 * <pre>
 * all:
 *   - { field: priority, op: gte, value: HIGH }
 *   - any:
 *       - { field: tags, op: contains, value: vip }
 *       - not: { field: channel, op: starts_with, value: E }
 * </pre>
 *
 * A group is a map with exactly one key, {@code all} or {@code any} (a list) or {@code not} (a condition); a
 * test is a map with {@code field}, {@code op} and {@code value} ({@code value} is left out for
 * {@code is_set}, {@code not_set} and {@code changed}; {@code in} and {@code not_in} take a list). Every
 * mistake is a {@link ConditionException} whose path points at it.
 */
public final class Conditions {
    private static final Set<String> TEST_KEYS = Set.of("field", "op", "value");

    private Conditions() {
    }

    /**
     * Reads and binds a condition tree.
     *
     * @param tree   the parsed JSON/YAML node
     * @param schema the fields the condition may use
     * @param path   where the tree sits, for messages (e.g. {@code rules[3].when}); may be empty
     * @throws ConditionException naming the path of the first mistake
     */
    public static Condition parse(Object tree, FieldSchema schema, String path) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new ConditionException(path, "expected a condition (a map with all/any/not or field/op/value), got "
                    + kind(tree));
        }
        if (map.size() == 1) {
            Object key = map.keySet().iterator().next();
            Object value = map.values().iterator().next();
            if ("all".equals(key) || "any".equals(key)) {
                String here = join(path, key.toString());
                if (!(value instanceof List<?> list)) {
                    throw new ConditionException(here, "expected a list of conditions, got " + kind(value));
                }
                List<Condition> parts = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    parts.add(parse(list.get(i), schema, here + "[" + i + "]"));
                }
                return "all".equals(key) ? Condition.all(parts) : Condition.any(parts);
            }
            if ("not".equals(key)) {
                return Condition.not(parse(value, schema, join(path, "not")));
            }
        }
        for (Object key : map.keySet()) {
            if (!TEST_KEYS.contains(String.valueOf(key))) {
                String hint = map.size() > 1 && Set.of("all", "any", "not").contains(String.valueOf(key))
                        ? " (a group must be alone in its map)" : " (expected all, any, not, or field/op/value)";
                throw new ConditionException(join(path, String.valueOf(key)), "unknown key \"" + key + "\"" + hint);
            }
        }
        Object field = map.get("field");
        if (!(field instanceof String name) || name.isBlank()) {
            throw new ConditionException(join(path, "field"), field == null ? "missing" : "expected a field name, got " + kind(field));
        }
        Object opValue = map.get("op");
        if (!(opValue instanceof String opName)) {
            throw new ConditionException(join(path, "op"), opValue == null ? "missing" : "expected an operator name, got " + kind(opValue));
        }
        Operator op = Operator.of(opName).orElseThrow(() ->
                new ConditionException(join(path, "op"), "unknown operator \"" + opName + "\""));
        return test(name, op, map.containsKey("value") ? map.get("value") : null, map.containsKey("value"), schema, path);
    }

    /**
     * Checks a condition built in code against a schema and converts its literals to the fields' types.
     *
     * @throws ConditionException naming the path of the first mistake (e.g. {@code all[1].value})
     */
    public static Condition bind(Condition condition, FieldSchema schema) {
        return bind(condition, schema, "");
    }

    private static Condition bind(Condition condition, FieldSchema schema, String path) {
        if (condition instanceof Condition.All a) {
            List<Condition> parts = new ArrayList<>();
            for (int i = 0; i < a.conditions().size(); i++) {
                parts.add(bind(a.conditions().get(i), schema, join(path, "all") + "[" + i + "]"));
            }
            return Condition.all(parts);
        }
        if (condition instanceof Condition.Any a) {
            List<Condition> parts = new ArrayList<>();
            for (int i = 0; i < a.conditions().size(); i++) {
                parts.add(bind(a.conditions().get(i), schema, join(path, "any") + "[" + i + "]"));
            }
            return Condition.any(parts);
        }
        if (condition instanceof Condition.Not n) {
            return Condition.not(bind(n.condition(), schema, join(path, "not")));
        }
        Condition.Test t = (Condition.Test) condition;
        return test(t.field(), t.op(), t.literal(), t.literal() != null, schema, path);
    }

    private static Condition test(String name, Operator op, Object value, boolean hasValue, FieldSchema schema,
                                  String path) {
        FieldSpec spec = schema.find(name).orElseThrow(() ->
                new ConditionException(join(path, "field"), "unknown field \"" + name + "\""));
        if (!spec.kind().operators().contains(op)) {
            throw new ConditionException(join(path, "op"), "operator \"" + op.symbol() + "\" does not apply to "
                    + name + " (" + spec.kind().name().toLowerCase(Locale.ROOT) + ")");
        }
        String valuePath = join(path, "value");
        if (op.unary()) {
            if (hasValue && value != null) {
                throw new ConditionException(valuePath, "operator \"" + op.symbol() + "\" takes no value");
            }
            return new Condition.Test(name, op, null, spec);
        }
        if (value == null) {
            throw new ConditionException(valuePath, hasValue ? "must not be null" : "missing");
        }
        Object literal;
        if (op.takesList()) {
            Collection<?> items = value instanceof Collection<?> c ? c : List.of(value);
            if (items.isEmpty()) {
                throw new ConditionException(valuePath, "must list at least one value");
            }
            List<Object> out = new ArrayList<>(items.size());
            int i = 0;
            for (Object item : items) {
                out.add(literal(spec, element(spec), item, valuePath + "[" + i++ + "]"));
            }
            literal = List.copyOf(out);
        } else if (op == Operator.MATCHES) {
            if (value instanceof Regex r) {
                literal = r;
            } else if (value instanceof String regex) {
                literal = compileRegex(regex, valuePath);
            } else {
                throw new ConditionException(valuePath, "expected a regular expression, got " + kind(value));
            }
        } else if (spec.kind() == ValueKind.TEXT_SET) {
            literal = literal(spec, ValueKind.TEXT, value, valuePath);
        } else {
            literal = literal(spec, spec.kind(), value, valuePath);
        }
        return new Condition.Test(name, op, literal, spec);
    }

    private static ValueKind element(FieldSpec spec) {
        return spec.kind() == ValueKind.TEXT_SET ? ValueKind.TEXT : spec.kind();
    }

    private static Object literal(FieldSpec spec, ValueKind kind, Object value, String path) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            throw new ConditionException(path, "expected a single value, got " + kind(value));
        }
        return switch (kind) {
            case TEXT -> value instanceof String s ? s : String.valueOf(value);
            case TEXT_SET -> String.valueOf(value);
            case NUMBER -> number(spec, value, path);
            case BOOLEAN -> Literals.bool(value).orElseThrow(() ->
                    new ConditionException(path, "expected true or false for " + spec.name() + ", got " + kind(value)));
            case INSTANT -> {
                Instant i = Literals.instant(value).orElseThrow(() -> new ConditionException(path,
                        "expected an ISO-8601 instant such as 2026-11-11T00:00:00Z for " + spec.name()));
                yield i;
            }
            case DURATION -> {
                Duration d = Literals.duration(value).orElseThrow(() -> new ConditionException(path,
                        "expected a duration such as PT72H, 72h or 1h30m for " + spec.name()));
                if (d.isNegative()) {
                    throw new ConditionException(path, "a duration must not be negative");
                }
                yield d;
            }
            case ENUM -> {
                int rank = spec.rank(String.valueOf(value));
                if (rank < 0) {
                    throw new ConditionException(path, "\"" + value + "\" is not one of " + String.join(", ", spec.constants()));
                }
                yield spec.constants().get(rank);
            }
            case ANY -> value instanceof String || value instanceof Boolean ? value
                    : Literals.number(value).map(Object.class::cast).orElse(String.valueOf(value));
        };
    }

    /** A number, or for a field with named values (the member tiers) one of the names. */
    private static BigDecimal number(FieldSpec spec, Object value, String path) {
        java.util.Optional<BigDecimal> n = Literals.number(value);
        if (n.isPresent()) {
            return n.get();
        }
        if (spec.namedValues().isEmpty()) {
            throw new ConditionException(path, "expected a number for " + spec.name() + ", got " + kind(value));
        }
        if (value instanceof String s) {
            n = spec.namedValue(s);
            if (n.isPresent()) {
                return n.get();
            }
        }
        throw new ConditionException(path, "expected a number or one of " + String.join(", ", spec.namedValues().keySet())
                + " for " + spec.name() + ", got " + kind(value));
    }

    /** Compiles the literal of {@code matches} with RE2/J ({@link Regex}); a problem is a load error at the path. */
    static Regex compileRegex(String regex, String path) {
        try {
            return Regex.of(regex);
        } catch (IllegalArgumentException e) {
            throw new ConditionException(path, e.getMessage());
        }
    }

    /**
     * The literal of {@code matches} built in code: a String or a {@link Regex}; a {@code java.util.regex.Pattern}
     * is read as RE2 syntax, keeping its flags CASE_INSENSITIVE, MULTILINE and DOTALL (UNICODE_CASE always holds).
     */
    static Regex regexLiteral(Object literal, String path) {
        if (literal instanceof Regex r) {
            return r;
        }
        if (literal instanceof String s) {
            return compileRegex(s, path);
        }
        if (literal instanceof java.util.regex.Pattern p) {
            int flags = p.flags() & ~java.util.regex.Pattern.UNICODE_CASE;
            StringBuilder inline = new StringBuilder();
            if ((flags & java.util.regex.Pattern.CASE_INSENSITIVE) != 0) inline.append('i');
            if ((flags & java.util.regex.Pattern.MULTILINE) != 0) inline.append('m');
            if ((flags & java.util.regex.Pattern.DOTALL) != 0) inline.append('s');
            int rest = flags & ~(java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.MULTILINE
                    | java.util.regex.Pattern.DOTALL);
            if (rest != 0) {
                throw new ConditionException(path, "a java.util.regex.Pattern with flags other than CASE_INSENSITIVE, "
                        + "MULTILINE and DOTALL can't be matched with RE2; pass the expression as a String");
            }
            return compileRegex(inline.isEmpty() ? p.pattern() : "(?" + inline + ")" + p.pattern(), path);
        }
        throw new ConditionException(path, "operator \"matches\" needs a regular expression");
    }

    /**
     * Evaluates a condition and tells why it holds or not: each test with its outcome, and for a failure the
     * first test that decided it. For explain screens and support; values shown are the facts' own.
     */
    public static Explanation explain(Condition condition, Facts facts) {
        if (condition instanceof Condition.All a) {
            List<Explanation> parts = a.conditions().stream().map(c -> explain(c, facts)).toList();
            return new Explanation(condition, parts.stream().allMatch(Explanation::result), parts, null);
        }
        if (condition instanceof Condition.Any a) {
            List<Explanation> parts = a.conditions().stream().map(c -> explain(c, facts)).toList();
            return new Explanation(condition, parts.stream().anyMatch(Explanation::result), parts, null);
        }
        if (condition instanceof Condition.Not n) {
            Explanation inner = explain(n.condition(), facts);
            return new Explanation(condition, !inner.result(), List.of(inner), null);
        }
        Condition.Test t = (Condition.Test) condition;
        return new Explanation(condition, t.test(facts), List.of(), show(facts.value(t.field())));
    }

    private static String show(Object v) {
        if (v == null) {
            return "unset";
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        String s = v instanceof BigDecimal d ? Literals.plain(d) : String.valueOf(v);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    /**
     * The outcome of one condition node.
     *
     * @param condition the node
     * @param result    whether it held
     * @param children  the outcomes of its parts (empty for a test)
     * @param actual    for a test, the value it saw ("unset" for none), shortened to 80 characters
     */
    public record Explanation(Condition condition, boolean result, List<Explanation> children, String actual) {
        public Explanation {
            children = List.copyOf(children);
        }

        /** The first test that made this node false (depth first), or empty when it held. */
        public java.util.Optional<Explanation> firstFailure() {
            if (result && !(condition instanceof Condition.Not)) {
                return java.util.Optional.empty();
            }
            if (condition instanceof Condition.Test) {
                return result ? java.util.Optional.empty() : java.util.Optional.of(this);
            }
            if (condition instanceof Condition.Not) {
                return result ? java.util.Optional.empty() : java.util.Optional.of(this);
            }
            for (Explanation child : children) {
                if (!child.result()) {
                    java.util.Optional<Explanation> f = child.firstFailure();
                    if (f.isPresent()) {
                        return f;
                    }
                }
            }
            return java.util.Optional.of(this);
        }

        /** One line per node, indented, e.g. {@code ✗ priority gte HIGH (was NORMAL)}. */
        public String render() {
            StringBuilder out = new StringBuilder();
            render(out, 0);
            return out.toString();
        }

        private void render(StringBuilder out, int depth) {
            out.append("  ".repeat(depth)).append(result ? "✓ " : "✗ ");
            if (condition instanceof Condition.All a) {
                out.append(a.conditions().isEmpty() ? "always" : "all");
            } else if (condition instanceof Condition.Any) {
                out.append("any");
            } else if (condition instanceof Condition.Not) {
                out.append("not");
            } else {
                out.append(condition.describe()).append(" (was ").append(actual).append(')');
            }
            out.append('\n');
            for (Explanation child : children) {
                child.render(out, depth + 1);
            }
        }
    }

    private static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }

    private static String kind(Object value) {
        if (value == null) return "null";
        if (value instanceof Map<?, ?>) return "a map";
        if (value instanceof Collection<?>) return "a list";
        if (value instanceof String s) return "text \"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
        if (value instanceof Number) return "the number " + value;
        if (value instanceof Boolean) return value.toString();
        return value.getClass().getSimpleName();
    }
}
