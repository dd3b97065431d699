package dev.ticketkit.compliance;

import java.util.Objects;

/**
 * Personal data found in a text.
 *
 * @param kind  what it is
 * @param start where it starts (a char index into the scanned text)
 * @param end   where it ends (exclusive)
 */
public record PiiMatch(PiiKind kind, int start, int end) {
    public PiiMatch {
        Objects.requireNonNull(kind, "kind");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
