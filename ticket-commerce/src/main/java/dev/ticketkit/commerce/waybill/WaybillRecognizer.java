package dev.ticketkit.commerce.waybill;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Finds waybill numbers in customers' messages, with the carrier, without mistaking a phone number, an ID number or
 * an order number for one.
 *
 * <p>Numbers with the carrier's prefix are recognised anywhere: SF ({@code SF1234567890123}), JD
 * ({@code JDVA12345678901}), YTO ({@code YT1234567890123}), J&amp;T ({@code JT1234567890123}), and UPU S10 postal
 * numbers ({@code EA123456785CN}) whose check digit is right (EMS when they end in {@code CN}). Carriers whose
 * numbers are digits only (ZTO, STO, Yunda, domestic EMS, bare SF) are recognised only when the carrier's name comes
 * shortly before the number (within {@value #CONTEXT} characters: {@code 中通快递单号 75312345678901}) and no
 * nearer word says it is something else (订单, order, 手机, 电话, phone, 身份证). Eleven-digit mobiles, 18-character
 * ID numbers and marketplace order numbers (18 or 19 digits) are never in range of a digits-only carrier; a mobile
 * with its country code (86 and 11 digits) is refused outright.
 *
 * <p>The scan is one linear pass over at most {@value #MAX_TEXT} characters (the rest of a longer text is not
 * searched); no regular expression runs on the text. Thread-safe, stateless.
 */
public final class WaybillRecognizer {
    /** The longest text searched; beyond it nothing is found. */
    public static final int MAX_TEXT = 100_000;
    /** How far before a digits-only number the carrier's name may be. */
    public static final int CONTEXT = 20;

    private record Clue(String word, Carrier carrier, int minDigits, int maxDigits, boolean lengthsBetween) {
        boolean fits(int n) {
            return lengthsBetween ? n >= minDigits && n <= maxDigits : n == minDigits || n == maxDigits;
        }
    }

    /** Carrier names before digits-only numbers, and the lengths their numbers have. */
    private static final List<Clue> CLUES = List.of(
            new Clue("中通", Carrier.ZTO, 12, 14, false), new Clue("ZTO", Carrier.ZTO, 12, 14, false),
            new Clue("申通", Carrier.STO, 12, 15, true), new Clue("STO", Carrier.STO, 12, 15, true),
            new Clue("韵达", Carrier.YUNDA, 13, 15, false), new Clue("YUNDA", Carrier.YUNDA, 13, 15, false),
            new Clue("邮政", Carrier.EMS, 13, 13, false), new Clue("EMS", Carrier.EMS, 13, 13, false),
            new Clue("顺丰", Carrier.SF, 12, 12, false));

    /** Words that say a number nearby is not a waybill. */
    private static final List<String> NOT_A_WAYBILL = List.of("订单", "ORDER", "手机", "电话", "PHONE", "TEL", "身份证",
            "手机号", "MOBILE");

    private WaybillRecognizer() {
    }

    /** The waybill numbers in a text, each once (its first occurrence), in the order they appear. */
    public static List<Waybill> find(CharSequence text) {
        Objects.requireNonNull(text, "text");
        int length = Math.min(text.length(), MAX_TEXT);
        List<Waybill> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int i = 0;
        while (i < length) {
            if (!isAsciiAlnum(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < length && isAsciiAlnum(text.charAt(i))) {
                i++;
            }
            if (i - start < 12 || i - start > 17) {
                continue; // no waybill is this short or long; skips words and long numbers quickly
            }
            String token = text.subSequence(start, i).toString().toUpperCase(Locale.ROOT);
            Carrier carrier = prefixed(token);
            if (carrier == null && allDigits(token, 0)) {
                carrier = byContext(text, start, token);
            }
            if (carrier != null && seen.add(token)) {
                found.add(new Waybill(carrier, token, start, i));
            }
        }
        return List.copyOf(found);
    }

    /** The carrier of a number that carries its prefix, or null. */
    static Carrier prefixed(String t) {
        int n = t.length();
        if (t.startsWith("SF") && (n == 14 || n == 15) && allDigits(t, 2)) {
            return Carrier.SF;
        }
        if (t.startsWith("YT") && n == 15 && allDigits(t, 2)) {
            return Carrier.YTO;
        }
        if (t.startsWith("JT") && n == 15 && allDigits(t, 2)) {
            return Carrier.JT;
        }
        if (t.startsWith("JD")) {
            int letters = 2;
            while (letters < n && letters < 4 && isLetter(t.charAt(letters))) {
                letters++;
            }
            int digits = n - letters;
            if (digits >= 11 && digits <= 13 && allDigits(t, letters)) {
                return Carrier.JD;
            }
        }
        if (n == 13 && isLetter(t.charAt(0)) && isLetter(t.charAt(1)) && isLetter(t.charAt(11)) && isLetter(t.charAt(12))
                && allDigits(t.substring(0, 11), 2) && s10CheckDigitOk(t)) {
            return t.endsWith("CN") ? Carrier.EMS : Carrier.POST;
        }
        return null;
    }

    /**
     * UPU S10: weights 8 6 4 2 3 5 9 7 over the eight serial digits; the check is 11 minus the sum modulo 11, with 10
     * written 0 and 11 written 5.
     */
    static boolean s10CheckDigitOk(String t) {
        int[] weights = {8, 6, 4, 2, 3, 5, 9, 7};
        int sum = 0;
        for (int k = 0; k < 8; k++) {
            sum += (t.charAt(2 + k) - '0') * weights[k];
        }
        int check = 11 - sum % 11;
        if (check == 10) {
            check = 0;
        } else if (check == 11) {
            check = 5;
        }
        return t.charAt(10) - '0' == check;
    }

    /** The carrier named shortly before a digits-only number, if the nearest clue is a carrier's and it fits. */
    private static Carrier byContext(CharSequence text, int start, String digits) {
        if (digits.length() == 13 && digits.startsWith("86") && digits.charAt(2) == '1' && digits.charAt(3) >= '3') {
            return null; // +86 and a mobile
        }
        String before = text.subSequence(Math.max(0, start - CONTEXT), start).toString().toUpperCase(Locale.ROOT);
        int bestAt = -1;
        Clue best = null;
        for (Clue c : CLUES) {
            int at = lastWord(before, c.word);
            if (at >= 0 && at + c.word.length() > bestAt) {
                bestAt = at + c.word.length();
                best = c;
            }
        }
        if (best == null) {
            return null;
        }
        for (String w : NOT_A_WAYBILL) {
            int at = lastWord(before, w);
            if (at >= 0 && at + w.length() > bestAt) {
                return null; // "中通 ... 订单号 123...": the nearer word wins
            }
        }
        // a clue can be shared by carriers with the same name but other lengths: pick the carrier the length fits
        for (Clue c : CLUES) {
            if (c.carrier == best.carrier && c.word.equals(best.word) && c.fits(digits.length())) {
                return c.carrier;
            }
        }
        return null;
    }

    /** The last occurrence of a word; a Latin word must stand alone ({@code EMS}, not the end of {@code ITEMS}). */
    private static int lastWord(String hay, String word) {
        boolean latin = isLetter(word.charAt(0));
        int at = hay.lastIndexOf(word);
        while (at >= 0 && latin && (at > 0 && isLetter(hay.charAt(at - 1))
                || at + word.length() < hay.length() && isLetter(hay.charAt(at + word.length())))) {
            at = at == 0 ? -1 : hay.lastIndexOf(word, at - 1);
        }
        return at;
    }

    private static boolean allDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int k = from; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
