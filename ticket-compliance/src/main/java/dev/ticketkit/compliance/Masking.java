package dev.ticketkit.compliance;

import java.util.List;
import java.util.Objects;

/**
 * Masks for personal data shown to agents, in logs or in exports.
 *
 * <ul>
 *   <li>mobile: first 3 and last 4 digits, {@code 138****5678} (a country code is dropped);</li>
 *   <li>e-mail: first and last character of the local part, {@code c***l@example.com}
 *       ({@code c***@example.com} for a one-character local part);</li>
 *   <li>ID number: first 6 and last 4, stars between keeping the length, {@code 110101********1234};</li>
 *   <li>bank card: every digit but the last 4 masked, grouped from the left in fours,
 *       {@code **** **** **** 1234};</li>
 *   <li>address: the region kept, the street replaced by {@code ****}.</li>
 * </ul>
 *
 * <p>Full-width digits in a value are masked like ASCII ones; the mask is always ASCII.
 * All methods are static and thread-safe.
 */
public final class Masking {

    /** What replaces a masked street. */
    public static final String STREET_MASK = "****";

    private Masking() {
    }

    /**
     * The mask of one value.
     *
     * @param kind  what the value is
     * @param value the value as found in the text (separators and a country code allowed)
     * @return the masked value
     * @throws IllegalArgumentException if the value cannot be of that kind (too few digits, no '@', ...)
     */
    public static String mask(PiiKind kind, String value) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        return switch (kind) {
            case CN_MOBILE -> maskMobile(value);
            case EMAIL -> maskEmail(value);
            case CN_ID_NUMBER -> maskId(value);
            case BANK_CARD -> maskCard(value);
        };
    }

    /**
     * The text with every match replaced by the mask of the text it covers.
     *
     * @param text    the text the matches were found in
     * @param matches matches in text order, non-overlapping, inside the text (as {@link PiiScanner#scan} gives)
     * @return the masked text
     * @throws IllegalArgumentException if the matches are out of order, overlap or fall outside the text
     */
    public static String maskAll(String text, List<PiiMatch> matches) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(matches, "matches");
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        for (PiiMatch m : matches) {
            Objects.requireNonNull(m, "match");
            if (m.start() < pos || m.end() > text.length()) {
                throw new IllegalArgumentException("match " + m.start() + ".." + m.end()
                        + " out of order, overlapping or outside a text of " + text.length() + " chars");
            }
            out.append(text, pos, m.start());
            out.append(mask(m.kind(), text.substring(m.start(), m.end())));
            pos = m.end();
        }
        out.append(text, pos, text.length());
        return out.toString();
    }

    /**
     * A structured address masked "to the district": the region is kept, the street replaced by {@value #STREET_MASK}.
     *
     * @param region province, city and district, e.g. {@code 浙江省杭州市西湖区}
     * @param street the rest (street, number, building, room)
     * @return e.g. {@code 浙江省杭州市西湖区****}; just the region if the street is blank
     */
    public static String maskAddress(String region, String street) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(street, "street");
        return street.isBlank() ? region : region + STREET_MASK;
    }

    private static String maskMobile(String value) {
        String d = digits(value, false);
        if (d.length() < 11) {
            throw new IllegalArgumentException("a mobile number has 11 digits, got " + d.length());
        }
        d = d.substring(d.length() - 11); // without the country code
        return d.substring(0, 3) + "****" + d.substring(7);
    }

    private static String maskEmail(String value) {
        int at = value.lastIndexOf('@');
        if (at < 1 || at == value.length() - 1) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        String local = value.substring(0, at);
        int first = local.codePointAt(0);
        int last = local.codePointBefore(local.length());
        StringBuilder out = new StringBuilder().appendCodePoint(first).append("***");
        if (local.codePointCount(0, local.length()) > 1) {
            out.appendCodePoint(last);
        }
        return out.append(value, at, value.length()).toString();
    }

    private static String maskId(String value) {
        String d = digits(value, true);
        if (d.length() != 18 && d.length() != 15) {
            throw new IllegalArgumentException("an ID number has 18 or 15 characters, got " + d.length());
        }
        return d.substring(0, 6) + "*".repeat(d.length() - 10) + d.substring(d.length() - 4);
    }

    private static String maskCard(String value) {
        String d = digits(value, false);
        if (d.length() < 5) {
            throw new IllegalArgumentException("a card number has more than 4 digits, got " + d.length());
        }
        String plain = "*".repeat(d.length() - 4) + d.substring(d.length() - 4);
        StringBuilder out = new StringBuilder(plain.length() + plain.length() / 4);
        for (int k = 0; k < plain.length(); k++) {
            if (k > 0 && k % 4 == 0) {
                out.append(' ');
            }
            out.append(plain.charAt(k));
        }
        return out.toString();
    }

    /** The ASCII digits of a value (full-width ones converted), and an upper-case X if {@code withX}. */
    private static String digits(String value, boolean withX) {
        StringBuilder d = new StringBuilder(value.length());
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            int v = StandardPiiScanner.digit(c);
            if (v >= 0) {
                d.append((char) ('0' + v));
            } else if (withX && (c == 'X' || c == 'x' || c == '\uFF38' || c == '\uFF58')) {
                d.append('X');
            }
        }
        return d.toString();
    }
}
