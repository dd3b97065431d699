package dev.ticketkit.connectors.intake;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to recognise one platform's order numbers in a customer's text: a regular expression whose group named
 * {@code id} (else group 1, else the whole match) is the order id, plus an optional check that rejects
 * look-alikes. Immutable and thread-safe.
 *
 * <p>The defaults ({@link #defaults()}), all bounded so that a longer run of digits or letters never matches:
 * <table>
 *   <caption>Default order number patterns</caption>
 *   <tr><th>platform</th><th>matches</th><th>rejects</th></tr>
 *   <tr><td>{@code TAOBAO} (Taobao and Tmall share order ids)</td><td>18 or 19 digits</td>
 *       <td>18-character mainland resident ID numbers (valid region digit, birth date and check digit)</td></tr>
 *   <tr><td>{@code JD}</td><td>11 or 12 digits</td><td>mainland mobile numbers ({@code 1[3-9]} + 9 digits),
 *       numbers right after {@code +} or inside amounts ({@code 12345678901.50})</td></tr>
 *   <tr><td>{@code PINDUODUO}</td><td>{@code YYMMDD-} and 15 digits, such as {@code 241111-123456789012345}</td>
 *       <td>an impossible date</td></tr>
 *   <tr><td>{@code SHOPIFY}</td><td>{@code #} and 4 to 10 digits, such as {@code #1001} (the order name, kept
 *       with its {@code #})</td><td>HTML character references ({@code &#1234;}) and {@code #} after a letter or digit</td></tr>
 * </table>
 * Digits touching letters, other digits or a hyphen never count (tracking numbers like {@code SF1234567890123}).
 */
public final class OrderNumberPattern {
    private static final String EDGE_BEFORE = "(?<![A-Za-z0-9+\\-_/.#])";
    private static final String EDGE_AFTER = "(?![A-Za-z0-9\\-_/]|[.,]\\d)";

    private final String platform;
    private final Pattern pattern;
    private final Predicate<String> accept;
    private final boolean namedId;
    /** A match needs a run of at least this many ASCII digits (0: not known, always try the expression). */
    private final int minDigitRun;

    private OrderNumberPattern(String platform, Pattern pattern, Predicate<String> accept, int minDigitRun) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.accept = Objects.requireNonNull(accept, "accept");
        this.namedId = pattern.pattern().contains("(?<id>");
        this.minDigitRun = minDigitRun;
        dev.ticketkit.core.OrderRef.of(platform, "x"); // checks the platform name early
    }

    /**
     * A pattern for {@code platform} (as in {@link dev.ticketkit.core.OrderRef#platform()}, such as {@code ERP}).
     *
     * @param regex the expression; its group named {@code id}, else group 1, else the whole match is the id
     * @throws IllegalArgumentException if the platform name or the expression is invalid
     */
    public static OrderNumberPattern of(String platform, String regex) {
        return of(platform, regex, s -> true);
    }

    /** Like {@link #of(String, String)}, with a check each candidate id must pass. */
    public static OrderNumberPattern of(String platform, String regex, Predicate<String> accept) {
        Objects.requireNonNull(regex, "regex");
        try {
            return new OrderNumberPattern(platform, Pattern.compile(regex), accept, 0);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("order number pattern for " + platform + " is not a valid expression", e);
        }
    }

    /** Taobao/Tmall: 18 or 19 digits, not a resident ID number. */
    public static OrderNumberPattern taobao() {
        return new OrderNumberPattern("TAOBAO", Pattern.compile(EDGE_BEFORE + "(\\d{18,19})" + EDGE_AFTER),
                id -> !looksLikeResidentId(id), 18);
    }

    /** JD: 11 or 12 digits, not a mobile number. */
    public static OrderNumberPattern jd() {
        return new OrderNumberPattern("JD", Pattern.compile(EDGE_BEFORE + "(\\d{11,12})" + EDGE_AFTER),
                id -> !(id.length() == 11 && id.charAt(0) == '1' && id.charAt(1) >= '3'), 11);
    }

    /** Pinduoduo: {@code YYMMDD-} and 15 digits with a real date. */
    public static OrderNumberPattern pinduoduo() {
        return new OrderNumberPattern("PINDUODUO", Pattern.compile(EDGE_BEFORE + "(\\d{6}-\\d{15})" + EDGE_AFTER),
                id -> validDate(2000 + Integer.parseInt(id.substring(0, 2)), Integer.parseInt(id.substring(2, 4)),
                        Integer.parseInt(id.substring(4, 6))), 15);
    }

    /** Shopify order names: {@code #} and 4 to 10 digits. */
    public static OrderNumberPattern shopify() {
        return new OrderNumberPattern("SHOPIFY", Pattern.compile("(?<![A-Za-z0-9&#])(#\\d{4,10})(?![\\d;]|[.,]\\d)"),
                id -> true, 4);
    }

    /** Taobao/Tmall, JD, Pinduoduo and Shopify, in that order. */
    public static java.util.List<OrderNumberPattern> defaults() {
        return java.util.List.of(taobao(), jd(), pinduoduo(), shopify());
    }

    public String platform() {
        return platform;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** Whether a text whose longest run of ASCII digits is {@code longestDigitRun} can hold a match at all. */
    boolean canMatch(int longestDigitRun) {
        return longestDigitRun >= minDigitRun;
    }

    /**
     * The shortest run of ASCII digits every match holds, 0 for patterns of {@link #of} (anything may match). Every
     * match of a built-in pattern lies within {@link OrderNumbers#WINDOW} characters of such a run, so only those
     * stretches of a text need searching.
     */
    int minDigitRun() {
        return minDigitRun;
    }

    /** The candidate id of a match, or null if the check rejects it. */
    String idOf(Matcher m) {
        String id;
        if (namedId) {
            id = m.group("id");
        } else if (m.groupCount() >= 1) {
            id = m.group(1);
        } else {
            id = m.group();
        }
        if (id == null || id.isEmpty() || id.length() > 64 || !accept.test(id)) {
            return null;
        }
        return id;
    }

    @Override
    public String toString() {
        return "OrderNumberPattern[" + platform + "]";
    }

    private static boolean validDate(int y, int m, int d) {
        try {
            LocalDate.of(y, m, d);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** An 18-digit mainland resident ID: region starting 1-8, a birth date 1900-2099 and a valid check digit. */
    static boolean looksLikeResidentId(String id) {
        if (id.length() != 18 || id.charAt(0) < '1' || id.charAt(0) > '8') {
            return false;
        }
        int year = Integer.parseInt(id.substring(6, 10));
        if (year < 1900 || year > 2099 || !validDate(year, Integer.parseInt(id.substring(10, 12)),
                Integer.parseInt(id.substring(12, 14)))) {
            return false;
        }
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * weights[i];
        }
        char check = "10X98765432".charAt(sum % 11);
        return check == id.charAt(17);
    }
}
