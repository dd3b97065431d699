package dev.ticketkit.routing.rules;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.DefaultMustache;
import com.github.mustachejava.reflect.AbstractObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Mustache template for replies, notes, notifications and child tasks, compiled once when rules are loaded.
 *
 * <p>Values are written for a {@link Target}: for {@link Target#HTML} they are HTML-escaped
 * ({@code <} becomes {@code &lt;}), for {@link Target#TEXT} (plain-text replies, notes, notification
 * attributes, task subjects) they are written as they are, since nothing there interprets markup. The
 * unescaped forms {@code {{{x}}}} and {@code {{& x}}} are rejected, so no template can put a customer's text
 * into HTML unescaped. Partials ({@code {{> x}}}) are not allowed. Every placeholder, also inside a section, must
 * be one of {@link #FIELDS}, an {@code order.<key>} or {@code .} (the current element of a section over a list,
 * such as {@code {{#ticket.tags}}{{.}} {{/ticket.tags}}}); inside a section over an {@code order.<key>} list, a
 * name without one of the {@link #ROOTS} is a key of the element ({@code {{#order.items}}{{sku}}{{/order.items}}}).
 * A placeholder with no value renders as nothing.
 *
 * <p>Templates only read data: a name is looked up as a key of a {@code Map} (a dotted name key by key), a
 * section iterates a {@code List}, another {@code Collection} or an array, and a value is written if it is a
 * String, a number (in plain notation: {@code 20}, not {@code 2E+1}), a boolean, a character, an enum constant (its
 * name) or a {@code java.time} value. No method or field of any other object is ever called or read, so a
 * template can't act on the host's objects: {@code {{order.items.clear}}} renders nothing and clears nothing.
 * Other objects in the scope are treated as absent. Immutable and thread-safe.
 */
public final class MessageTemplate {
    /** Roots a placeholder may start with. */
    public static final Set<String> ROOTS = Set.of("ticket", "customer", "order", "rule", "message");
    /** The placeholders a template may use, besides {@code order.<key>}. */
    public static final Set<String> FIELDS = Set.of(
            "ticket.id", "ticket.number", "ticket.subject", "ticket.status", "ticket.priority", "ticket.channel",
            "ticket.type", "ticket.team", "ticket.assignee", "ticket.tags",
            "customer.name", "customer.tier", "customer.tier_name",
            "message.text", "message.author", "message.channel",
            "rule.id");

    /** What a rendered template becomes, which decides how placeholder values are escaped. */
    public enum Target {
        /** Plain text (a reply's text, a note, a notification attribute): values verbatim. */
        TEXT,
        /** HTML (a reply's HTML body): values HTML-escaped. */
        HTML
    }

    /** How deep {@link #model} follows nested maps, lists and records. */
    static final int MAX_MODEL_DEPTH = 8;

    private static final DefaultMustacheFactory HTML_FACTORY = new Factory(true);
    private static final DefaultMustacheFactory TEXT_FACTORY = new Factory(false);

    private final String text;
    private final Mustache html;
    private final Mustache plain;

    private MessageTemplate(String text, Mustache html, Mustache plain) {
        this.text = text;
        this.html = html;
        this.plain = plain;
    }

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException for a syntax error, a partial, an unescaped placeholder or an unknown
     *                                  placeholder (naming it and its line in the template)
     */
    public static MessageTemplate of(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > 20_000) {
            throw new IllegalArgumentException("a template must be at most 20000 characters");
        }
        return new MessageTemplate(text, compile(HTML_FACTORY, text), compile(TEXT_FACTORY, text));
    }

    private static Mustache compile(DefaultMustacheFactory factory, String text) {
        try {
            Mustache m = factory.compile(new StringReader(text), "template");
            if (m instanceof Checked c && !c.elementKeys.isEmpty()) {
                Placeholder p = c.elementKeys.get(0); // a bare name outside any section over an order.<key> list
                throw new IllegalArgumentException("unknown placeholder \"" + p.name + "\" on line " + p.line
                        + " of the template (use ticket.*, customer.*, order.*, rule.* or message.*; a name without"
                        + " them is a key of the element inside a section over an order.<key> list)");
            }
            return m;
        } catch (MustacheException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BadPlaceholder bad) {
                    throw new IllegalArgumentException(bad.getMessage());
                }
            }
            throw new IllegalArgumentException("bad template: " + firstLine(e.getMessage()));
        } catch (BadPlaceholder e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The template's source text. */
    public String text() {
        return text;
    }

    /**
     * Renders the template over a scope of nested maps ({@code ticket -> {number: ...}}) for a target. Only map
     * keys, collections, arrays and the scalar values listed in the class description are read; any other object
     * in the scope renders as nothing.
     *
     * @throws RuleActionException when rendering fails
     */
    public String render(Map<String, ?> scope, Target target) {
        Objects.requireNonNull(target, "target");
        StringWriter out = new StringWriter();
        try {
            (target == Target.HTML ? html : plain).execute(out, scope).flush();
        } catch (MustacheException | IOException e) {
            throw new RuleActionException("template failed to render");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "MessageTemplate[" + text.length() + " chars]";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // mustache.java names the template and line: keep the message short and free of the template text
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    static boolean known(String name) {
        return name.equals(".") || FIELDS.contains(name) || isOrder(name);
    }

    private static boolean isOrder(String name) {
        return name.startsWith("order.") && name.length() > "order.".length();
    }

    /** Whether a name starts with none of the {@link #ROOTS}: a key of the current element of an order list. */
    private static boolean isElementKey(String name) {
        int dot = name.indexOf('.');
        return !name.equals(".") && !name.isEmpty() && !ROOTS.contains(dot < 0 ? name : name.substring(0, dot));
    }

    // ---- the data templates may read ---------------------------------------------------------------------

    /**
     * A copy of a value that templates can read: maps (String keys) and lists of such values, Strings, numbers,
     * booleans, characters, enum constants and {@code java.time} values. A record becomes a map of its components,
     * an {@code Optional} its content, a collection or array a list; anything else, and anything nested deeper
     * than {@value #MAX_MODEL_DEPTH} levels, is left out. Used for the order facts a provider returns.
     */
    static Object model(Object value) {
        return model(value, 0);
    }

    private static Object model(Object v, int depth) {
        if (v == null || depth > MAX_MODEL_DEPTH) {
            return null;
        }
        if (scalar(v)) {
            return v;
        }
        if (v instanceof java.util.Optional<?> o) {
            return model(o.orElse(null), depth);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> {
                if (k instanceof String key) {
                    Object converted = model(x, depth + 1);
                    if (converted != null) {
                        out.put(key, converted);
                    }
                }
            });
            return out;
        }
        if (v instanceof java.util.Collection<?> c) {
            List<Object> out = new java.util.ArrayList<>(c.size());
            for (Object x : c) {
                Object converted = model(x, depth + 1);
                if (converted != null) {
                    out.add(converted);
                }
            }
            return out;
        }
        if (v.getClass().isArray()) {
            List<Object> out = new java.util.ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                Object converted = model(java.lang.reflect.Array.get(v, i), depth + 1);
                if (converted != null) {
                    out.add(converted);
                }
            }
            return out;
        }
        if (v instanceof Record r) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            try {
                for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
                    Object converted = model(c.getAccessor().invoke(r), depth + 1);
                    if (converted != null) {
                        out.put(c.getName(), converted);
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // a record we may not read (not public) or whose accessor fails: left out
            }
            return out;
        }
        return null;
    }

    /** Values written as text: Strings, JDK numbers, booleans, characters, enum constants and java.time values. */
    private static boolean scalar(Object v) {
        return v instanceof String || v instanceof Boolean || v instanceof Character || v instanceof Enum<?>
                || v instanceof Integer || v instanceof Long || v instanceof BigDecimal || v instanceof Double
                || v instanceof Short || v instanceof Byte || v instanceof Float || v instanceof java.math.BigInteger
                || v instanceof java.util.concurrent.atomic.AtomicInteger || v instanceof java.util.concurrent.atomic.AtomicLong
                || v.getClass().getPackageName().equals("java.time");
    }

    /** What a template may see of a value: itself if it is data (a scalar, map, collection or array), else nothing. */
    private static Object readable(Object v) {
        return v == null || scalar(v) || v instanceof Map<?, ?> || v instanceof java.util.Collection<?>
                || v.getClass().isArray() ? v : null;
    }

    /** The text of a value: numbers in plain notation, enum constants by name, collections as [a, b]; maps as "". */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return plain(d);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? plain(BigDecimal.valueOf(d).stripTrailingZeros()) : String.valueOf(d);
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof java.util.Collection<?> c) {
            StringBuilder out = new StringBuilder("[");
            for (Object x : c) {
                out.append(out.length() > 1 ? ", " : "").append(text(readable(x)));
            }
            return out.append(']').toString();
        }
        return scalar(v) ? v.toString() : ""; // JDK scalars only; maps, arrays and other objects write nothing
    }

    /** A decimal without an exponent (its scale kept: 899.00 stays 899.00, 2E+1 is 20), unless that is very long. */
    private static String plain(BigDecimal d) {
        int scale = d.scale();
        long length = scale <= 0 ? (long) d.precision() - scale : Math.max(d.precision(), scale + 1L) + 1;
        return length <= 100 ? d.toPlainString() : d.toString();
    }

    /** The value of a name over the scopes, innermost first: map keys only. */
    static Object lookup(String name, List<Object> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            return null;
        }
        if (name.equals(".")) {
            return readable(scopes.get(scopes.size() - 1));
        }
        String[] parts = name.split("\\.", -1);
        Object value = null;
        boolean found = false;
        for (int i = scopes.size() - 1; i >= 0 && !found; i--) {
            if (scopes.get(i) instanceof Map<?, ?> m && m.containsKey(parts[0])) {
                value = m.get(parts[0]);
                found = true;
            }
        }
        for (int k = 1; k < parts.length && value != null; k++) {
            value = value instanceof Map<?, ?> m ? m.get(parts[k]) : null; // never a method or field of an object
        }
        return readable(value);
    }

    /** Resolves names as map keys only and writes values with {@link #text}; see the class description. */
    private static final class DataOnlyHandler extends AbstractObjectHandler {
        @Override
        public Wrapper find(String name, List<Object> scopes) {
            return s -> lookup(name, s);
        }

        @Override
        public Binding createBinding(String name, TemplateContext tc, Code code) {
            return scopes -> lookup(name, scopes);
        }

        @Override
        public Object coerce(Object object) {
            return readable(object);
        }

        @Override
        public String stringify(Object object) {
            return text(object);
        }
    }

    /** A name found while compiling and where it is. */
    private record Placeholder(String name, int line) {
    }

    /** A compiled (part of a) template with the bare names in it not yet known to be element keys. */
    private static final class Checked extends DefaultMustache {
        final List<Placeholder> elementKeys;

        Checked(TemplateContext tc, DefaultMustacheFactory df, Code[] codes, String name, List<Placeholder> elementKeys) {
            super(tc, df, codes, name);
            this.elementKeys = List.copyOf(elementKeys);
        }
    }

    /** A mistake in a placeholder, found while compiling. */
    private static final class BadPlaceholder extends RuntimeException {
        BadPlaceholder(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A factory that refuses partials (so templates can't read files or resources), checks every placeholder at
     * any depth, and escapes values for HTML or writes them verbatim.
     */
    private static final class Factory extends DefaultMustacheFactory {
        private final boolean escapeHtml;

        Factory(boolean escapeHtml) {
            this.escapeHtml = escapeHtml;
            setObjectHandler(new DataOnlyHandler());
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheException("partials are not allowed");
        }

        @Override
        public void encode(String value, Writer writer) {
            if (escapeHtml) {
                super.encode(value, writer);
            } else {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new MustacheException("could not write", e);
                }
            }
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            Factory factory = this;
            return new DefaultMustacheVisitor(this) {
                // bare names met in this part of the template, known only once the enclosing sections are
                private final List<Placeholder> elementKeys = new java.util.ArrayList<>();

                @Override
                public Mustache mustache(TemplateContext tc) {
                    return new Checked(tc, factory, list.toArray(new Code[0]), tc.file(), elementKeys);
                }

                @Override
                public void value(TemplateContext tc, String variable, boolean encoded) {
                    String name = variable.strip();
                    if (!encoded) {
                        throw new BadPlaceholder("unescaped placeholder \"" + name + "\" on line " + tc.line()
                                + " of the template: write {{" + name + "}}, values are escaped for the target");
                    }
                    check(tc, name, elementKeys);
                    super.value(tc, variable, encoded);
                }

                @Override
                public void iterable(TemplateContext tc, String variable, Mustache mustache) {
                    String name = variable.strip();
                    check(tc, name, elementKeys);
                    if (!isOrder(name) && mustache instanceof Checked inner) {
                        elementKeys.addAll(inner.elementKeys); // bare names are element keys of an order list only
                    }
                    super.iterable(tc, variable, mustache);
                }

                @Override
                public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
                    check(tc, variable.strip(), elementKeys);
                    if (mustache instanceof Checked inner) {
                        elementKeys.addAll(inner.elementKeys);
                    }
                    super.notIterable(tc, variable, mustache);
                }
            };
        }

        private static void check(TemplateContext tc, String name, List<Placeholder> elementKeys) {
            if (isElementKey(name)) {
                elementKeys.add(new Placeholder(name, tc.line()));
            } else if (!known(name)) {
                int dot = name.indexOf('.');
                String root = dot < 0 ? name : name.substring(0, dot);
                String hint = ROOTS.contains(root) ? "see MessageTemplate.FIELDS" : "use ticket.*, customer.*, order.*, rule.* or message.*";
                throw new BadPlaceholder("unknown placeholder \"" + name + "\" on line " + tc.line() + " of the template (" + hint + ")");
            }
        }
    }
}
