package dev.ticketkit.connectors.intake;

import com.google.re2j.Matcher;
import dev.ticketkit.core.OrderRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds order numbers in text with a list of {@link OrderNumberPattern}s. A stretch of text claimed by an
 * earlier pattern is not matched again by a later one (so the 12 last digits of a Taobao number are never
 * also a JD number). Immutable and thread-safe.
 */
public final class OrderNumbers {
    /** Most order references taken from one message. */
    public static final int MAX_PER_MESSAGE = 10;

    private final List<OrderNumberPattern> patterns;

    private OrderNumbers(List<OrderNumberPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The {@linkplain OrderNumberPattern#defaults() default} patterns. */
    public static OrderNumbers ofDefaults() {
        return new OrderNumbers(OrderNumberPattern.defaults());
    }

    /** These patterns, tried in order; an empty list finds nothing. */
    public static OrderNumbers of(List<OrderNumberPattern> patterns) {
        Objects.requireNonNull(patterns, "patterns");
        patterns.forEach(p -> Objects.requireNonNull(p, "pattern"));
        return new OrderNumbers(patterns);
    }

    public List<OrderNumberPattern> patterns() {
        return patterns;
    }

    /**
     * How far from a long enough digit run a built-in pattern's match may reach (the Pinduoduo number starts seven
     * characters before its fifteen-digit run; the others start at most one before and end with it).
     */
    static final int WINDOW = 16;

    /** The distinct order references in the texts, in the order found, at most {@value #MAX_PER_MESSAGE}. */
    public List<OrderRef> find(String... texts) {
        return find(true, texts);
    }

    /**
     * {@link #find(String...)}; with {@code windowed}, a built-in pattern is tried only near the digit runs its
     * matches need (the same matches, in the same order, as trying it on the whole text, which tests check).
     */
    List<OrderRef> find(boolean windowed, String... texts) {
        Set<OrderRef> found = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || text.isEmpty()) {
                continue;
            }
            int[] runs = digitRuns(text); // start, end of every maximal run of ASCII digits, in order
            int longestRun = 0;
            for (int r = 0; r < runs.length; r += 2) {
                longestRun = Math.max(longestRun, runs[r + 1] - runs[r]);
            }
            boolean[] claimed = null;
            for (OrderNumberPattern p : patterns) {
                if (!p.canMatch(longestRun)) {
                    continue; // the built-in patterns need long digit runs: most messages skip every expression
                }
                if (claimed == null) {
                    claimed = new boolean[text.length()];
                }
                if (!windowed || p.minDigitRun() == 0) {
                    collect(p, text, 0, text.length(), claimed, found);
                    continue;
                }
                // search only the stretches around runs of at least minDigitRun digits, merged where they meet;
                // the checks of the characters around a match still see the text outside a stretch
                int n = text.length();
                int regionStart = -1;
                int regionEnd = -1;
                for (int r = 0; r < runs.length && found.size() < MAX_PER_MESSAGE; r += 2) {
                    if (runs[r + 1] - runs[r] < p.minDigitRun()) {
                        continue;
                    }
                    int from = Math.max(0, runs[r] - WINDOW);
                    int to = Math.min(n, runs[r + 1] + WINDOW);
                    if (regionStart >= 0 && from <= regionEnd) {
                        regionEnd = to; // meets the stretch before: one stretch
                    } else {
                        if (regionStart >= 0) {
                            collect(p, text, regionStart, regionEnd, claimed, found);
                        }
                        regionStart = from;
                        regionEnd = to;
                    }
                }
                if (regionStart >= 0) {
                    collect(p, text, regionStart, regionEnd, claimed, found);
                }
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * The matches of a pattern within {@code text[from, to)}, in order: the expression sees that stretch, the check
     * of the characters around a match sees the whole text. A match whose surroundings fail the check is passed
     * over and the search goes on from the next place a match may start, as a lookaround would have it.
     */
    private static void collect(OrderNumberPattern p, String text, int from, int to, boolean[] claimed, Set<OrderRef> found) {
        CharSequence stretch = from == 0 && to == text.length() ? text : text.substring(from, to);
        Matcher m = p.pattern().pattern().matcher(stretch);
        int at = nextStart(p, text, from, to, 0);
        while (found.size() < MAX_PER_MESSAGE && at <= stretch.length() && m.find(at)) {
            int start = from + m.start();
            int end = from + m.end();
            if (!p.startOk(text, start) || !p.endOk(text, end)) {
                at = nextStart(p, text, from, to, m.start() + 1);
                continue;
            }
            at = m.end() > m.start() ? m.end() : m.end() + 1; // after an empty match, move on by one
            if (isClaimed(claimed, start, end)) {
                continue;
            }
            String id = p.idOf(m);
            if (id != null) {
                found.add(OrderRef.of(p.platform(), id));
                for (int i = start; i < end; i++) {
                    claimed[i] = true;
                }
            }
        }
    }

    /** The first offset from {@code at} in the stretch at which the pattern's edges let a match start. */
    private static int nextStart(OrderNumberPattern p, String text, int from, int to, int at) {
        while (from + at < to && !p.startOk(text, from + at)) {
            at++; // inside a run of digits, say: no match of a built-in pattern starts here
        }
        return at;
    }

    /** The start and end of every maximal run of ASCII digits of at least two digits, in order, in one pass. */
    static int[] digitRuns(String text) {
        int[] out = new int[16];
        int size = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            int start = i++;
            while (i < n && (c = text.charAt(i)) >= '0' && c <= '9') {
                i++;
            }
            if (i - start < 2) {
                continue; // no pattern needs a run this short
            }
            if (size == out.length) {
                out = java.util.Arrays.copyOf(out, size * 2);
            }
            out[size++] = start;
            out[size++] = i;
        }
        return java.util.Arrays.copyOf(out, size);
    }

    private static boolean isClaimed(boolean[] claimed, int from, int to) {
        for (int i = from; i < to; i++) {
            if (claimed[i]) {
                return true;
            }
        }
        return false;
    }
}
