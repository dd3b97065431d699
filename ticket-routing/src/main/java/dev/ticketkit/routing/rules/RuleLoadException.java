package dev.ticketkit.routing.rules;

import dev.ticketkit.core.TicketValidationException;

/**
 * A rule file (or a rule set built in code) that can't be loaded: bad syntax, an unknown key, field, operator,
 * team or agent, a value of the wrong type, a bad regular expression or template. The message reads
 * {@code peak-day-rules.yaml:14:18: rules[3].when.all[1].op: unknown operator "equalz"}; the parts are
 * available separately. Nothing of the file is applied.
 */
public class RuleLoadException extends TicketValidationException {
    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    public RuleLoadException(String source, int line, int column, String path, String problem) {
        super(prefix(source, line, column) + path, problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    private static String prefix(String source, int line, int column) {
        if (source == null || source.isEmpty()) {
            return line > 0 ? line + ":" + column + ": " : "";
        }
        return line > 0 ? source + ":" + line + ":" + column + ": " : source + ": ";
    }

    /** The file or source name, "" if none. */
    public String source() {
        return source == null ? "" : source;
    }

    /** The 1-based line of the mistake, or 0 when unknown (rules built in code). */
    public int line() {
        return line;
    }

    /** The 1-based column of the mistake, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The path of the mistake inside the file, such as {@code rules[3].when.all[1].op}. */
    public String path() {
        return path;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
