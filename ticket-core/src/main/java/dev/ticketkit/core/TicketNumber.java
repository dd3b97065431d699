package dev.ticketkit.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The human-readable number of a ticket, unique within its tenant, such as {@code TK-000123}.
 * Numbers are allocated per tenant by the store, so they stay unique when several nodes create tickets at once.
 *
 * <p>This type owns the syntax of a number (a prefix of 1 to 8 upper-case letters, {@code -}, 1 to 18 digits)
 * and of the <em>ticket token</em>, the number in square brackets that channels put in a subject so that an
 * answer finds its ticket again: {@code "Where is my parcel? [TK-000123]"}. {@link #token()} writes it,
 * {@link #tokenIn(CharSequence)} and {@link #tokensIn(CharSequence)} find it, {@link #stripTokens(CharSequence)}
 * takes it out. Searching runs on {@link Regex} (RE2/J), so it takes time linear in the text, however the text
 * is made.
 *
 * @param prefix   1 to 8 upper-case letters
 * @param sequence the per-tenant sequence, from 1
 */
public record TicketNumber(String prefix, long sequence) implements Comparable<TicketNumber> {
    /** The syntax of a prefix; the same in java.util.regex and RE2. */
    private static final String PREFIX_SYNTAX = "[A-Z]{1,8}";
    /** The syntax of a sequence; 18 digits always fit a {@code long}. */
    private static final String SEQUENCE_SYNTAX = "[0-9]{1,18}";
    /** Java's {@code \s}, spelled out because RE2's {@code \s} leaves out the vertical tab. */
    private static final String SPACE = "[\\t\\n\\x0B\\f\\r ]";

    private static final Pattern PREFIX = Pattern.compile(PREFIX_SYNTAX);
    private static final Pattern TEXT = Pattern.compile("(" + PREFIX_SYNTAX + ")-(" + SEQUENCE_SYNTAX + ")");
    private static final Regex TOKEN = Regex.of("\\[(" + PREFIX_SYNTAX + ")-(" + SEQUENCE_SYNTAX + ")\\]");
    private static final Regex SPACED_TOKEN = Regex.of(
            SPACE + "*\\[" + PREFIX_SYNTAX + "-" + SEQUENCE_SYNTAX + "\\]" + SPACE + "*");

    public TicketNumber {
        Checks.token(prefix, "ticket number prefix", PREFIX);
        if (sequence < 1) {
            throw new IllegalArgumentException("ticket number sequence must be positive: " + sequence);
        }
    }

    /** Whether a text is a valid number prefix: 1 to 8 upper-case ASCII letters, such as {@code TK}. */
    public static boolean isPrefix(String prefix) {
        return prefix != null && PREFIX.matcher(prefix).matches();
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

    /** The ticket token for this number: {@code [TK-000123]}. */
    public String token() {
        return "[" + this + "]";
    }

    /**
     * Every ticket token in a text, in the order they appear. A bracketed number no ticket can have (sequence
     * 0, such as {@code [TK-0]}) is not a token; lower-case prefixes, other brackets and numbers without brackets
     * are not either.
     */
    public static List<TicketNumber> tokensIn(CharSequence text) {
        Objects.requireNonNull(text, "text");
        List<TicketNumber> found = new ArrayList<>();
        for (com.google.re2j.Matcher m = TOKEN.pattern().matcher(text); m.find(); ) {
            long sequence = Long.parseLong(m.group(2));
            if (sequence >= 1) {
                found.add(new TicketNumber(m.group(1), sequence));
            }
        }
        return found;
    }

    /**
     * The last ticket token in a subject, if any: the newest one when a subject carries several (a forwarded
     * answer to one ticket written into another keeps both).
     */
    public static Optional<TicketNumber> tokenIn(CharSequence subject) {
        List<TicketNumber> all = tokensIn(subject);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The text without ticket tokens: each bracketed number (also one no ticket can have, such as
     * {@code [TK-0]}) and the white space around it becomes one space, and the result is stripped.
     * {@code "Re: Size [TK-000123]"} becomes {@code "Re: Size"}, {@code "a[TK-1]b"} becomes {@code "a b"}.
     */
    public static String stripTokens(CharSequence text) {
        Objects.requireNonNull(text, "text");
        return SPACED_TOKEN.pattern().matcher(text).replaceAll(" ").strip();
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
