package dev.ticketkit.sla;

import dev.ticketkit.core.TicketException;
import java.util.Objects;

/**
 * An SLA policy file (or policy built in code) that can't be used. The message names where the
 * mistake is, as precisely as it is known: the source (a file name), the line and column from the
 * parser, and the path inside the document, e.g.
 * {@code sla.yaml:14:24: policies[2].targets.URGENT.first_reply: expected a duration such as 4h, 30m or PT4H}.
 * Messages quote the policy's own text (names, keys), never ticket or customer data.
 */
public class SlaPolicyException extends TicketException {
  private final String source;
  private final int line;
  private final int column;
  private final String path;
  private final String problem;

  /**
   * A mistake at a position.
   *
   * @param source  the file or resource name, or "" when not known
   * @param line    1-based line, or 0 when not known
   * @param column  1-based column, or 0 when not known
   * @param path    the path inside the document, such as {@code policies[2].targets}; "" for the root
   * @param problem what is wrong
   */
  public SlaPolicyException(String source, int line, int column, String path, String problem) {
    super(message(source, line, column, path, problem));
    this.source = Objects.requireNonNull(source, "source");
    this.line = line;
    this.column = column;
    this.path = Objects.requireNonNull(path, "path");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /**
   * A mistake at a position, with its cause (such as the parser's exception).
   *
   * @param source  the file or resource name, or ""
   * @param line    1-based line, or 0
   * @param column  1-based column, or 0
   * @param path    the path inside the document
   * @param problem what is wrong
   * @param cause   the cause
   */
  public SlaPolicyException(String source, int line, int column, String path, String problem, Throwable cause) {
    super(message(source, line, column, path, problem), cause);
    this.source = Objects.requireNonNull(source, "source");
    this.line = line;
    this.column = column;
    this.path = Objects.requireNonNull(path, "path");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  private static String message(String source, int line, int column, String path, String problem) {
    StringBuilder out = new StringBuilder();
    if (!source.isEmpty()) {
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
    if (!path.isEmpty()) {
      out.append(path).append(": ");
    }
    return out.append(problem).toString();
  }

  /** @return the file or resource name, "" when not known */
  public String source() {
    return source;
  }

  /** @return the 1-based line of the mistake, 0 when not known */
  public int line() {
    return line;
  }

  /** @return the 1-based column of the mistake, 0 when not known */
  public int column() {
    return column;
  }

  /** @return the path of the mistake inside the document, such as {@code policies[2].targets.URGENT.first_reply} */
  public String path() {
    return path;
  }

  /** @return what is wrong, without the position */
  public String problem() {
    return problem;
  }
}
