package dev.ticketkit.core;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The human-readable number of a ticket, unique within its tenant, such as {@code TK-000123}.
 * Numbers are allocated per tenant by the store, so they stay unique when several nodes create tickets at once.
 *
 * @param prefix   1 to 8 upper-case letters
 * @param sequence the per-tenant sequence, from 1
 */
public record TicketNumber(String prefix, long sequence) implements Comparable<TicketNumber> {
    private static final Pattern PREFIX = Pattern.compile("[A-Z]{1,8}");
    private static final Pattern TEXT = Pattern.compile("([A-Z]{1,8})-(\\d{1,18})");

    public TicketNumber {
        Checks.token(prefix, "ticket number prefix", PREFIX);
        if (sequence < 1) {
            throw new IllegalArgumentException("ticket number sequence must be positive: " + sequence);
        }
    }

    public static TicketNumber of(String prefix, long sequence) {
        return new TicketNumber(prefix, sequence);
    }

    /**
     * Parses {@code TK-000123}; leading zeros are optional.
     *
     * @throws IllegalArgumentException if the text is not a ticket number
     */
    public static TicketNumber parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a ticket number (expected like TK-000123)");
        }
        return new TicketNumber(m.group(1), Long.parseLong(m.group(2)));
    }

    @Override
    public int compareTo(TicketNumber o) {
        int c = prefix.compareTo(o.prefix);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    /** The text form, zero-padded to at least six digits: {@code TK-000123}. */
    @Override
    public String toString() {
        String digits = Long.toString(sequence);
        StringBuilder sb = new StringBuilder(prefix.length() + 1 + Math.max(6, digits.length())).append(prefix).append('-');
        for (int i = digits.length(); i < 6; i++) {
            sb.append('0'); // at least six digits: TK-000042
        }
        return sb.append(digits).toString();
    }
}
