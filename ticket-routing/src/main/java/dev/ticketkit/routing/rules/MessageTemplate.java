package dev.ticketkit.routing.rules;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
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
 * such as {@code {{#ticket.tags}}{{.}} {{/ticket.tags}}}). A placeholder with no value renders as nothing.
 * Immutable and thread-safe.
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
            return factory.compile(new StringReader(text), "template");
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
     * Renders the template over a scope of nested maps ({@code ticket -> {number: ...}}) for a target.
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
        return name.equals(".") || FIELDS.contains(name) || (name.startsWith("order.") && name.length() > "order.".length());
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
            return new DefaultMustacheVisitor(this) {
                @Override
                public void value(TemplateContext tc, String variable, boolean encoded) {
                    String name = variable.strip();
                    if (!encoded) {
                        throw new BadPlaceholder("unescaped placeholder \"" + name + "\" on line " + tc.line()
                                + " of the template: write {{" + name + "}}, values are escaped for the target");
                    }
                    check(tc, name);
                    super.value(tc, variable, encoded);
                }

                @Override
                public void iterable(TemplateContext tc, String variable, Mustache mustache) {
                    check(tc, variable.strip());
                    super.iterable(tc, variable, mustache);
                }

                @Override
                public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
                    check(tc, variable.strip());
                    super.notIterable(tc, variable, mustache);
                }
            };
        }

        private static void check(TemplateContext tc, String name) {
            if (!known(name)) {
                int dot = name.indexOf('.');
                String root = dot < 0 ? name : name.substring(0, dot);
                String hint = ROOTS.contains(root) ? "see MessageTemplate.FIELDS" : "use ticket.*, customer.*, order.*, rule.* or message.*";
                throw new BadPlaceholder("unknown placeholder \"" + name + "\" on line " + tc.line() + " of the template (" + hint + ")");
            }
        }
    }
}
