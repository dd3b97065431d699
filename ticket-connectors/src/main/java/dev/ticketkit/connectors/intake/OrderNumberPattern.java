package dev.ticketkit.connectors.intake;

import com.google.re2j.Matcher;
import dev.ticketkit.core.Regex;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How to recognise one platform's order numbers in a customer's text: a regular expression whose group named
 * {@code id} (else group 1, else the whole match) is the order id, plus an optional check that rejects
 * look-alikes. Expressions are in RE2 syntax and run with RE2/J ({@link Regex}), so a search takes time linear in
 * the text whatever the expression; RE2 has no lookaround or backreferences, and an expression that uses them is
 * refused when the pattern is built. Immutable and thread-safe.
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
 * Digits touching letters, other digits or a hyphen never count (tracking numbers like {@code SF1234567890123}):
 * the built-in patterns check the characters around a match in code, where a backtracking engine would use
 * lookbehind and lookahead.
 */
public final class OrderNumberPattern {
    /** Characters (besides ASCII letters and digits) that may not come right before a built-in match. */
    private static final String NOT_BEFORE = "+-_/.#";
    /** Characters (besides ASCII letters and digits) that may not come right after a built-in match. */
    private static final String NOT_AFTER = "-_/";

    /** A check of the characters around a match in the whole text, where a backtracking engine would look around. */
    private interface Edges {
        /** Whether a match may start at {@code start}: a check of the character before it only. */
        boolean startOk(CharSequence text, int start);

        /** Whether a match may end at {@code end} (exclusive): a check of the characters after it only. */
        boolean endOk(CharSequence text, int end);

        Edges NONE = new Edges() {
            @Override
            public boolean startOk(CharSequence text, int start) {
                return true;
            }

            @Override
            public boolean endOk(CharSequence text, int end) {
                return true;
            }
        };
    }

    /** The edges of the digit patterns: nothing of {@link #NOT_BEFORE} before, of {@link #NOT_AFTER} after, and no amount. */
    private static final Edges DIGIT_EDGES = new Edges() {
        @Override
        public boolean startOk(CharSequence t, int start) {
            if (start == 0) {
                return true;
            }
            char c = t.charAt(start - 1);
            return !asciiLetterOrDigit(c) && NOT_BEFORE.indexOf(c) < 0;
        }

        @Override
        public boolean endOk(CharSequence t, int end) {
            if (end == t.length()) {
                return true;
            }
            char c = t.charAt(end);
            return !asciiLetterOrDigit(c) && NOT_AFTER.indexOf(c) < 0 && !decimalPoint(t, end);
        }
    };

    /** The edges of a Shopify order name: no letter, digit, {@code &} or {@code #} before; no digit, {@code ;} or decimals after. */
    private static final Edges SHOPIFY_EDGES = new Edges() {
        @Override
        public boolean startOk(CharSequence t, int start) {
            if (start == 0) {
                return true;
            }
            char c = t.charAt(start - 1);
            return !asciiLetterOrDigit(c) && c != '&' && c != '#';
        }

        @Override
        public boolean endOk(CharSequence t, int end) {
            if (end == t.length()) {
                return true;
            }
            char c = t.charAt(end);
            return !asciiDigit(c) && c != ';' && !decimalPoint(t, end);
        }
    };

    private final String platform;
    private final Regex regex;
    private final Predicate<String> accept;
    private final Edges edges;
    private final boolean namedId;
    /** A match needs a run of at least this many ASCII digits (0: not known, always try the expression). */
    private final int minDigitRun;

    private OrderNumberPattern(String platform, Regex regex, Predicate<String> accept, Edges edges, int minDigitRun) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.regex = Objects.requireNonNull(regex, "regex");
        this.accept = Objects.requireNonNull(accept, "accept");
        this.edges = edges;
        this.namedId = regex.pattern().namedGroups().containsKey("id");
        this.minDigitRun = minDigitRun;
        dev.ticketkit.core.OrderRef.of(platform, "x"); // checks the platform name early
    }

    /**
     * A pattern for {@code platform} (as in {@link dev.ticketkit.core.OrderRef#platform()}, such as {@code ERP}).
     *
     * @param regex the expression in RE2 syntax, such as {@code \bSO-(?<id>\d{6})\b}; its group named {@code id},
     *              else group 1, else the whole match is the id
     * @throws IllegalArgumentException if the platform name is invalid, or the expression is: a syntax error, a
     *                                  construct RE2 can't run (lookahead, lookbehind, backreferences), or too large
     *                                  (see {@link Regex}); the message names the problem
     */
    public static OrderNumberPattern of(String platform, String regex) {
        return of(platform, regex, s -> true);
    }

    /** Like {@link #of(String, String)}, with a check each candidate id must pass. */
    public static OrderNumberPattern of(String platform, String regex, Predicate<String> accept) {
        Objects.requireNonNull(regex, "regex");
        Regex compiled;
        try {
            compiled = Regex.of(regex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("order number pattern for " + platform + ": " + e.getMessage(), e);
        }
        return new OrderNumberPattern(platform, compiled, accept, Edges.NONE, 0);
    }

    /** Taobao/Tmall: 18 or 19 digits, not a resident ID number. */
    public static OrderNumberPattern taobao() {
        return new OrderNumberPattern("TAOBAO", Regex.of("(\\d{18,19})"), id -> !looksLikeResidentId(id), DIGIT_EDGES, 18);
    }

    /** JD: 11 or 12 digits, not a mobile number. */
    public static OrderNumberPattern jd() {
        return new OrderNumberPattern("JD", Regex.of("(\\d{11,12})"),
                id -> !(id.length() == 11 && id.charAt(0) == '1' && id.charAt(1) >= '3'), DIGIT_EDGES, 11);
    }

    /** Pinduoduo: {@code YYMMDD-} and 15 digits with a real date. */
    public static OrderNumberPattern pinduoduo() {
        return new OrderNumberPattern("PINDUODUO", Regex.of("(\\d{6}-\\d{15})"),
                id -> validDate(2000 + Integer.parseInt(id.substring(0, 2)), Integer.parseInt(id.substring(2, 4)),
                        Integer.parseInt(id.substring(4, 6))), DIGIT_EDGES, 15);
    }

    /** Shopify order names: {@code #} and 4 to 10 digits. */
    public static OrderNumberPattern shopify() {
        return new OrderNumberPattern("SHOPIFY", Regex.of("(#\\d{4,10})"), id -> true, SHOPIFY_EDGES, 4);
    }

    /** Taobao/Tmall, JD, Pinduoduo and Shopify, in that order. */
    public static java.util.List<OrderNumberPattern> defaults() {
        return java.util.List.of(taobao(), jd(), pinduoduo(), shopify());
    }

    public String platform() {
        return platform;
    }

    /**
     * The expression (RE2 syntax). For the built-in patterns it is the part the engine matches, such as
     * {@code (\d{18,19})}; the characters around a match are checked in code.
     */
    public Regex pattern() {
        return regex;
    }

    /** Whether the character before {@code start} of the whole text lets a match start there. */
    boolean startOk(CharSequence text, int start) {
        return edges.startOk(text, start);
    }

    /** Whether the characters after {@code end} (exclusive) of the whole text let a match end there. */
    boolean endOk(CharSequence text, int end) {
        return edges.endOk(text, end);
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
        return accepts(id) ? id : null;
    }

    /** Whether a candidate id passes the length limit and the pattern's check of look-alikes. */
    boolean accepts(String id) {
        return id != null && !id.isEmpty() && id.length() <= 64 && accept.test(id);
    }

    @Override
    public String toString() {
        return "OrderNumberPattern[" + platform + "]";
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean asciiLetterOrDigit(char c) {
        return asciiDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Whether a {@code .} or {@code ,} and a digit start at {@code i}: the match is the whole part of an amount. */
    private static boolean decimalPoint(CharSequence t, int i) {
        char c = t.charAt(i);
        return (c == '.' || c == ',') && i + 1 < t.length() && asciiDigit(t.charAt(i + 1));
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
