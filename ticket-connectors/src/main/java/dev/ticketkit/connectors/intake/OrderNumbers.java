package dev.ticketkit.connectors.intake;

import dev.ticketkit.core.OrderRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;

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

    /** The distinct order references in the texts, in the order found, at most {@value #MAX_PER_MESSAGE}. */
    public List<OrderRef> find(String... texts) {
        Set<OrderRef> found = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || text.isEmpty()) {
                continue;
            }
            int longestRun = longestDigitRun(text);
            boolean[] claimed = null;
            for (OrderNumberPattern p : patterns) {
                if (!p.canMatch(longestRun)) {
                    continue; // the built-in patterns need long digit runs: most messages skip every expression
                }
                if (claimed == null) {
                    claimed = new boolean[text.length()];
                }
                Matcher m = p.pattern().matcher(text);
                while (m.find() && found.size() < MAX_PER_MESSAGE) {
                    if (isClaimed(claimed, m.start(), m.end())) {
                        continue;
                    }
                    String id = p.idOf(m);
                    if (id != null) {
                        found.add(OrderRef.of(p.platform(), id));
                        for (int i = m.start(); i < m.end(); i++) {
                            claimed[i] = true;
                        }
                    }
                }
            }
        }
        return new ArrayList<>(found);
    }

    static int longestDigitRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                run++;
                if (run > longest) {
                    longest = run;
                }
            } else {
                run = 0;
            }
        }
        return longest;
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
