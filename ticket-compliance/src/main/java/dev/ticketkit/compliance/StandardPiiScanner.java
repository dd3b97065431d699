package dev.ticketkit.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The standard scanner: one pass over the text, by hand.
 *
 * <p>The main loop stops only at digits and at {@code '@'}. At a digit that starts a word it reads a
 * chain of digit groups joined by single spaces or hyphens (bounded: at most {@value #MAX_GROUPS}
 * groups and {@value #MAX_CHAIN_DIGITS} digits) and tries, in order, the grouped shapes (a mobile
 * number written {@code 138 1234 5678} or with a country code, a card written in fours) and then the
 * first group alone (ID number, mobile, card). If nothing fits it moves past the first group. At an
 * {@code '@'} it looks back at most {@value #MAX_LOCAL} characters for a local part and forward at
 * most {@value #MAX_DOMAIN} for a domain; an e-mail address wins over a number found inside it.
 * Every character is therefore looked at a bounded number of times.
 */
final class StandardPiiScanner implements PiiScanner {

    static final StandardPiiScanner INSTANCE = new StandardPiiScanner();

    static final int MAX_GROUPS = 8;
    static final int MAX_CHAIN_DIGITS = 24;
    static final int MAX_LOCAL = 64;
    static final int MAX_DOMAIN = 255;
    /** How far before a number context words are looked for. */
    static final int CONTEXT_WINDOW = 12;

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";

    private static final String[] CARD_WORDS = {"卡", "银行", "账号", "账户", "card", "account"};
    private static final String[] NOT_CARD_WORDS = {
        "订单", "单号", "运单", "快递", "物流", "中通", "圆通", "申通", "韵达", "顺丰", "京东", "邮政",
        "order", "tracking", "waybill", "invoice"
    };
    private static final String[] ID_WORDS = {"身份证", "证件", "id"};

    private StandardPiiScanner() {
    }

    @Override
    public List<PiiMatch> scan(String text) {
        Objects.requireNonNull(text, "text");
        List<PiiMatch> out = new ArrayList<>();
        int n = text.length();
        int floor = 0; // an e-mail's local part never starts inside the previous e-mail
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '@') {
                int end = email(text, i, floor, out);
                if (end > 0) {
                    floor = end;
                    i = end;
                } else {
                    i++;
                }
            } else if (digit(c) >= 0) {
                if (!startsWord(text, i)) {
                    i = runEnd(text, i, Integer.MAX_VALUE);
                    continue;
                }
                i = number(text, i, out);
            } else {
                i++;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- numbers

    /**
     * Tries the number starting at {@code start}; adds a match if one fits.
     *
     * @return where to continue: the end of the match, or the end of the first digit group
     */
    private static int number(String text, int start, List<PiiMatch> out) {
        int n = text.length();
        int firstEnd = runEnd(text, start, Integer.MAX_VALUE);

        // The chain of groups: starts[g], ends[g]; seps[g] is the separator before group g.
        int[] starts = new int[MAX_GROUPS];
        int[] ends = new int[MAX_GROUPS];
        char[] seps = new char[MAX_GROUPS];
        int groups = 1;
        starts[0] = start;
        ends[0] = firstEnd;
        int digits = firstEnd - start;
        boolean chainOk = digits <= MAX_CHAIN_DIGITS;
        int pos = firstEnd;
        while (chainOk && pos + 1 < n && isSeparator(text.charAt(pos)) && digit(text.charAt(pos + 1)) >= 0) {
            if (groups == MAX_GROUPS) {
                chainOk = false;
                break;
            }
            int e = runEnd(text, pos + 1, MAX_CHAIN_DIGITS - digits + 1);
            digits += e - (pos + 1);
            if (digits > MAX_CHAIN_DIGITS) {
                chainOk = false;
                break;
            }
            seps[groups] = text.charAt(pos);
            starts[groups] = pos + 1;
            ends[groups] = e;
            groups++;
            pos = e;
        }

        if (chainOk && groups > 1 && endsWord(text, ends[groups - 1])) {
            int end = groupedMatch(text, starts, ends, seps, groups, digits, out);
            if (end > 0) {
                return end;
            }
        }
        int end = singleRunMatch(text, start, firstEnd, out);
        return end > 0 ? end : firstEnd;
    }

    private static int groupedMatch(String text, int[] starts, int[] ends, char[] seps, int groups, int digits,
                                    List<PiiMatch> out) {
        int first = 0;
        int matchStart = starts[0];
        // A country code as its own group: 86 / 0086, optionally after '+'.
        if (isCountryCode(text, starts[0], ends[0])) {
            first = 1;
            matchStart = plusBefore(text, starts[0]);
        }
        int rest = groups - first;
        if (first == 1 && rest == 1 && ends[1] - starts[1] == 11 && isMobile(text, starts[1])) {
            out.add(new PiiMatch(PiiKind.CN_MOBILE, matchStart, ends[1]));
            return ends[1];
        }
        if (rest == 3 && len(starts, ends, first) == 3 && len(starts, ends, first + 1) == 4
                && len(starts, ends, first + 2) == 4 && seps[first + 1] == seps[first + 2]
                && isMobileDigits(text, starts, ends, first)) {
            out.add(new PiiMatch(PiiKind.CN_MOBILE, matchStart, ends[groups - 1]));
            return ends[groups - 1];
        }
        // A card written in groups: fours with the last group of 1 to 4, or the 4-6-5 form; one separator.
        if (digits >= 13 && digits <= 19 && sameSeparator(seps, groups)) {
            boolean fours = true;
            for (int g = 0; g < groups - 1; g++) {
                fours &= len(starts, ends, g) == 4;
            }
            int last = len(starts, ends, groups - 1);
            fours &= last >= 1 && last <= 4;
            boolean amex = groups == 3 && len(starts, ends, 0) == 4 && len(starts, ends, 1) == 6
                    && len(starts, ends, 2) == 5;
            if (fours || amex) {
                int[] d = new int[digits];
                int k = 0;
                for (int g = 0; g < groups; g++) {
                    for (int p = starts[g]; p < ends[g]; p++) {
                        d[k++] = digit(text.charAt(p));
                    }
                }
                if (isCard(text, starts[0], d)) {
                    out.add(new PiiMatch(PiiKind.BANK_CARD, starts[0], ends[groups - 1]));
                    return ends[groups - 1];
                }
            }
        }
        return -1;
    }

    private static int singleRunMatch(String text, int start, int end, List<PiiMatch> out) {
        int len = end - start;
        // 17 digits and an X check character.
        if (len == 17 && end < text.length() && isX(text.charAt(end)) && endsWord(text, end + 1)) {
            if (isId18(text, start)) {
                out.add(new PiiMatch(PiiKind.CN_ID_NUMBER, start, end + 1));
                return end + 1;
            }
            return -1;
        }
        if (!endsWord(text, end)) {
            return -1;
        }
        if (len == 18 && isId18(text, start)) {
            out.add(new PiiMatch(PiiKind.CN_ID_NUMBER, start, end));
            return end;
        }
        if (len == 15 && isId15(text, start)) {
            out.add(new PiiMatch(PiiKind.CN_ID_NUMBER, start, end));
            return end;
        }
        if (len == 11 && isMobile(text, start)) {
            out.add(new PiiMatch(PiiKind.CN_MOBILE, start, end));
            return end;
        }
        if (len == 13 && digit(text.charAt(start)) == 8 && digit(text.charAt(start + 1)) == 6
                && isMobile(text, start + 2)) {
            out.add(new PiiMatch(PiiKind.CN_MOBILE, plusBefore(text, start), end));
            return end;
        }
        if (len == 15 && digit(text.charAt(start)) == 0 && digit(text.charAt(start + 1)) == 0
                && digit(text.charAt(start + 2)) == 8 && digit(text.charAt(start + 3)) == 6
                && isMobile(text, start + 4)) {
            out.add(new PiiMatch(PiiKind.CN_MOBILE, plusBefore(text, start), end));
            return end;
        }
        if (len >= 13 && len <= 19) {
            int[] d = new int[len];
            for (int k = 0; k < len; k++) {
                d[k] = digit(text.charAt(start + k));
            }
            if (isCard(text, start, d)) {
                out.add(new PiiMatch(PiiKind.BANK_CARD, start, end));
                return end;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- rules

    static boolean isId18(String text, int start) {
        int first = digit(text.charAt(start));
        if (first < 1) {
            return false;
        }
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += digit(text.charAt(start + k)) * ID_WEIGHTS[k];
        }
        char expected = ID_CHECK.charAt(sum % 11);
        char actual = text.charAt(start + 17);
        boolean checkOk = expected == 'X' ? isX(actual) : digit(actual) == expected - '0';
        if (!checkOk) {
            return false;
        }
        int year = number(text, start + 6, 4);
        return year >= 1900 && year <= 2099
                && isDate(year, number(text, start + 10, 2), number(text, start + 12, 2));
    }

    /** The old 15-digit form: plausible date and a context word, since 15 digits also look like order numbers. */
    private static boolean isId15(String text, int start) {
        if (digit(text.charAt(start)) < 1) {
            return false;
        }
        int year = 1900 + number(text, start + 6, 2);
        return isDate(year, number(text, start + 8, 2), number(text, start + 10, 2))
                && hasWordBefore(text, start, ID_WORDS);
    }

    private static boolean isCard(String text, int start, int[] d) {
        if (!luhn(d)) {
            return false;
        }
        if (hasWordBefore(text, start, CARD_WORDS)) {
            return true;
        }
        return knownIssuer(d) && !hasWordBefore(text, start, NOT_CARD_WORDS);
    }

    static boolean luhn(int[] d) {
        int sum = 0;
        boolean dbl = false;
        for (int k = d.length - 1; k >= 0; k--) {
            int v = d[k];
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** An issuer prefix with a length that issuer uses. */
    static boolean knownIssuer(int[] d) {
        int len = d.length;
        int two = d[0] * 10 + d[1];
        int four = two * 100 + d[2] * 10 + d[3];
        if (d[0] == 4) {
            return len == 13 || len == 16 || len == 19; // Visa
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return len == 16; // Mastercard
        }
        if (two == 34 || two == 37) {
            return len == 15; // American Express
        }
        if (two == 35 || two == 62) {
            return len >= 16 && len <= 19; // JCB, UnionPay
        }
        return false;
    }

    private static boolean isMobile(String text, int start) {
        return digit(text.charAt(start)) == 1 && digit(text.charAt(start + 1)) >= 3;
    }

    private static boolean isMobileDigits(String text, int[] starts, int[] ends, int g) {
        return isMobile(text, starts[g]);
    }

    private static boolean isCountryCode(String text, int start, int end) {
        int len = end - start;
        if (len == 2) {
            return digit(text.charAt(start)) == 8 && digit(text.charAt(start + 1)) == 6;
        }
        return len == 4 && digit(text.charAt(start)) == 0 && digit(text.charAt(start + 1)) == 0
                && digit(text.charAt(start + 2)) == 8 && digit(text.charAt(start + 3)) == 6;
    }

    static boolean isDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int days = switch (month) {
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= days;
    }

    /**
     * Whether one of the words appears in the few characters before {@code start} (ASCII case ignored).
     * An ASCII word must not be glued to a letter before it, so "paid" is not "id".
     */
    private static boolean hasWordBefore(String text, int start, String[] words) {
        int from = Math.max(0, start - CONTEXT_WINDOW);
        String window = text.substring(from, start).toLowerCase(Locale.ROOT);
        for (String w : words) {
            int at = window.indexOf(w);
            while (at >= 0) {
                boolean ascii = w.charAt(0) < 128;
                if (!ascii || at == 0 && from == 0 || !isAsciiLetter(at == 0 ? text.charAt(from - 1) : window.charAt(at - 1))) {
                    return true;
                }
                at = window.indexOf(w, at + 1);
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- e-mail

    /**
     * Tries an e-mail address around the {@code '@'} at {@code at}. On success removes the number
     * matches it overlaps, adds it, and returns its end; otherwise returns -1.
     */
    private static int email(String text, int at, int floor, List<PiiMatch> out) {
        int n = text.length();
        int limit = Math.max(floor, at - MAX_LOCAL);
        int s = at;
        while (s > limit && isLocalChar(text.charAt(s - 1))) {
            s--;
        }
        if (s == at || (s == limit && s > floor && isLocalChar(text.charAt(s - 1)))) {
            return -1; // empty, or longer than a local part may be
        }
        while (s < at && !isAsciiLetterOrDigit(text.charAt(s))) {
            s++; // a local part starts with a letter or digit
        }
        if (s == at || text.charAt(at - 1) == '.') {
            return -1;
        }
        for (int p = s + 1; p < at; p++) {
            if (text.charAt(p) == '.' && text.charAt(p - 1) == '.') {
                return -1;
            }
        }
        int e = at + 1;
        int max = Math.min(n, at + 1 + MAX_DOMAIN + 1);
        while (e < max && isDomainChar(text.charAt(e))) {
            e++;
        }
        if (e - (at + 1) > MAX_DOMAIN) {
            return -1;
        }
        while (e > at + 1 && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '-')) {
            e--; // sentence punctuation after the address
        }
        if (!isDomain(text, at + 1, e)) {
            return -1;
        }
        while (!out.isEmpty() && out.get(out.size() - 1).end() > s) {
            out.remove(out.size() - 1);
        }
        out.add(new PiiMatch(PiiKind.EMAIL, s, e));
        return e;
    }

    private static boolean isDomain(String text, int from, int to) {
        int labels = 0;
        int labelStart = from;
        for (int p = from; p <= to; p++) {
            if (p == to || text.charAt(p) == '.') {
                int len = p - labelStart;
                if (len == 0 || len > 63 || text.charAt(labelStart) == '-' || text.charAt(p - 1) == '-') {
                    return false;
                }
                labels++;
                if (p == to) {
                    if (len < 2) {
                        return false;
                    }
                    for (int q = labelStart; q < to; q++) {
                        if (!isAsciiLetter(text.charAt(q))) {
                            return false;
                        }
                    }
                }
                labelStart = p + 1;
            }
        }
        return labels >= 2;
    }

    // ---------------------------------------------------------------- characters

    /** The value of an ASCII or full-width digit, or -1. */
    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= '\uFF10' && c <= '\uFF19') {
            return c - '\uFF10';
        }
        return -1;
    }

    private static boolean isX(char c) {
        return c == 'X' || c == 'x' || c == '\uFF38' || c == '\uFF58';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }

    /** Letters and digits that glue to a number: ASCII and full-width Latin letters and digits, '_'. */
    private static boolean isWordChar(char c) {
        return isAsciiLetterOrDigit(c) || c == '_' || digit(c) >= 0
                || (c >= '\uFF21' && c <= '\uFF3A') || (c >= '\uFF41' && c <= '\uFF5A');
    }

    private static boolean isLocalChar(char c) {
        return isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(char c) {
        return isAsciiLetterOrDigit(c) || c == '.' || c == '-';
    }

    /** A number may start here: not glued to a letter or digit, not the decimals or tail of another number. */
    private static boolean startsWord(String text, int i) {
        if (i == 0) {
            return true;
        }
        char p = text.charAt(i - 1);
        if (isWordChar(p)) {
            return false;
        }
        if ((p == '.' || p == '-') && i >= 2 && digit(text.charAt(i - 2)) >= 0) {
            return false;
        }
        return true;
    }

    /** A number may end here: not glued to a letter, digit or '@', not followed by decimals or more digits after a hyphen. */
    private static boolean endsWord(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char c = text.charAt(end);
        if (isWordChar(c) || c == '@') {
            return false;
        }
        if ((c == '.' || c == '-') && end + 1 < text.length() && digit(text.charAt(end + 1)) >= 0) {
            return false;
        }
        return true;
    }

    /** The end of the digit run at {@code start}, reading at most {@code max} digits. */
    private static int runEnd(String text, int start, int max) {
        int n = text.length();
        int e = start;
        while (e < n && e - start < max && digit(text.charAt(e)) >= 0) {
            e++;
        }
        return e;
    }

    private static int plusBefore(String text, int start) {
        if (start > 0 && (text.charAt(start - 1) == '+' || text.charAt(start - 1) == '\uFF0B')) {
            return start - 1;
        }
        return start;
    }

    private static boolean sameSeparator(char[] seps, int groups) {
        for (int g = 2; g < groups; g++) {
            if (seps[g] != seps[1]) {
                return false;
            }
        }
        return true;
    }

    private static int len(int[] starts, int[] ends, int g) {
        return ends[g] - starts[g];
    }

    private static int number(String text, int from, int count) {
        int v = 0;
        for (int k = 0; k < count; k++) {
            v = v * 10 + digit(text.charAt(from + k));
        }
        return v;
    }
}
