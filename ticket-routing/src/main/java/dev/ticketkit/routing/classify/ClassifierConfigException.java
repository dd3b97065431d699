package dev.ticketkit.routing.classify;

import dev.ticketkit.core.TicketValidationException;

/**
 * A classifier configuration that can't be used: unreadable JSON/YAML, an unknown category or option, a bad
 * keyword or weight. {@link #field()} is the path of the mistake (such as {@code categories.refund.add[2]});
 * {@link #line()} and {@link #column()} point into the file when the parser knew them (else -1).
 */
public class ClassifierConfigException extends TicketValidationException {
    private final int line;
    private final int column;

    public ClassifierConfigException(String path, String problem, int line, int column) {
        super(path, problem + (line > 0 ? " (line " + line + ", column " + column + ")" : ""));
        this.line = line;
        this.column = column;
    }

    public ClassifierConfigException(String path, String problem) {
        this(path, problem, -1, -1);
    }

    /** The 1-based line of the mistake, or -1. */
    public int line() {
        return line;
    }

    /** The 1-based column of the mistake, or -1. */
    public int column() {
        return column;
    }
}
