package dev.ticketkit.routing.rules;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Mustache template for replies, notes, notifications and child tasks, compiled once when rules are loaded.
 * Values are HTML-escaped ({@code {{ticket.subject}}}); partials ({@code {{> x}}}) are not allowed, and every
 * top-level placeholder must start with one of {@code ticket.}, {@code customer.}, {@code order.},
 * {@code rule.} or {@code message.} (see the README for the names). A placeholder with no value renders as
 * nothing. Immutable and thread-safe.
 */
public final class MessageTemplate {
    /** Roots a placeholder may start with. */
    public static final Set<String> ROOTS = Set.of("ticket", "customer", "order", "rule", "message");
    private static final DefaultMustacheFactory FACTORY = new NoPartials();

    private final String text;
    private final Mustache mustache;

    private MessageTemplate(String text, Mustache mustache) {
        this.text = text;
        this.mustache = mustache;
    }

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException for a syntax error, a partial or an unknown placeholder root
     */
    public static MessageTemplate of(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > 20_000) {
            throw new IllegalArgumentException("a template must be at most 20000 characters");
        }
        Mustache m;
        try {
            m = FACTORY.compile(new StringReader(text), "template");
        } catch (MustacheException e) {
            throw new IllegalArgumentException("bad template: " + firstLine(e.getMessage()));
        }
        for (Code c : m.getCodes()) {
            String name = c.getName();
            if (name != null && !name.isEmpty() && !name.equals(".")) {
                int dot = name.indexOf('.');
                String root = dot < 0 ? name : name.substring(0, dot);
                if (!ROOTS.contains(root)) {
                    throw new IllegalArgumentException("unknown placeholder \"" + name + "\" (use ticket.*, customer.*, order.*, rule.* or message.*)");
                }
            }
        }
        return new MessageTemplate(text, m);
    }

    /** The template's source text. */
    public String text() {
        return text;
    }

    /**
     * Renders the template over a scope of nested maps ({@code ticket -> {number: ...}}).
     *
     * @throws RuleActionException when rendering fails
     */
    public String render(Map<String, ?> scope) {
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, scope).flush();
        } catch (MustacheException | java.io.IOException e) {
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

    /** A factory that refuses partials, so templates can't read files or resources. */
    private static final class NoPartials extends DefaultMustacheFactory {
        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheException("partials are not allowed");
        }
    }
}
