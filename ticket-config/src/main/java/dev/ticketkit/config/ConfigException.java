package dev.ticketkit.config;

import dev.ticketkit.core.TicketValidationException;
import java.util.Objects;

/**
 * A file a merchant edits (SLA policies, rules, classifier settings, holiday schedules, ...) that can't be used,
 * located as precisely as it is known: {@code sla.yaml:14:24: policies[2].targets.URGENT.first_reply: expected a
 * duration such as 4h, 30m or PT4H}. Every loader of such files throws this or a subclass of it, so every
 * mistake reads the same. Messages quote the file's own text (keys, names), never ticket or customer data.
 * Nothing of the file is applied.
 */
public class ConfigException extends TicketValidationException {
    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    /**
     * A mistake at a position.
     *
     * @param source  the file or resource name, "" when not known
     * @param line    1-based line, 0 when not known
     * @param column  1-based column, 0 when not known
     * @param path    the path inside the document such as {@code policies[2].targets}, "" for the whole document
     * @param problem what is wrong
     */
    public ConfigException(String source, int line, int column, String path, String problem) {
        this(source, line, column, path, problem, null);
    }

    /** A mistake at a position, with its cause (such as the parser's exception). */
    public ConfigException(String source, int line, int column, String path, String problem, Throwable cause) {
        super(Objects.requireNonNull(path, "path"), message(source, line, column, path, problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.path = path;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The message of a located mistake: {@code source:line:col: path: problem}, leaving out what is unknown. */
    public static String message(String source, int line, int column, String path, String problem) {
        StringBuilder out = new StringBuilder();
        if (source != null && !source.isEmpty()) {
            out.append(source);
        }
        if (line > 0) {
            out.append(out.length() > 0 ? ":" : "line ").append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        if (out.length() > 0) {
            out.append(": ");
        }
        if (path != null && !path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(problem).toString();
    }

    /** The file or resource name, "" when not known. */
    public String source() {
        return source;
    }

    /** The 1-based line of the mistake, 0 when not known (e.g. rules built in code). */
    public int line() {
        return line;
    }

    /** The 1-based column of the mistake, 0 when not known. */
    public int column() {
        return column;
    }

    /** The path of the mistake inside the document, such as {@code rules[3].when.all[1].op}; "" for the document. */
    public String path() {
        return path;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
