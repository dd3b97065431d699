package dev.ticketkit.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one duration grammar of every file a merchant edits: ISO-8601 ({@code PT4H}, {@code P2D},
 * {@code PT1H30M}) or the short form of whole units, largest first, optionally separated by spaces:
 * {@code 2d}, {@code 4h}, {@code 1h30m}, {@code 90s}, {@code 1d 12h}, {@code 250ms}. Units: {@code d} (24 hours),
 * {@code h}, {@code m}, {@code s}, {@code ms}. Negative durations are not written in files.
 */
public final class Durations {
    /** The grammar in words, for error messages. */
    public static final String EXPECTED = "a duration such as 4h, 30m, 1h30m, 90s, 2d or PT4H";

    private Durations() {
    }

    /** The duration of a text of this grammar, or empty (also for other types, blank text and overflow). */
    public static Optional<Duration> parse(Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            return Optional.empty();
        }
        String t = s.strip();
        if (t.length() > 64) {
            return Optional.empty();
        }
        char c0 = t.charAt(0);
        if (c0 == 'P' || c0 == 'p') {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        return shortForm(t.toLowerCase(Locale.ROOT));
    }

    private static Optional<Duration> shortForm(String t) {
        Duration total = Duration.ZERO;
        int i = 0;
        int lastUnit = -1;
        int n = t.length();
        try {
            while (i < n) {
                while (i < n && t.charAt(i) == ' ') {
                    i++;
                }
                if (i == n) {
                    break;
                }
                int start = i;
                while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                    i++;
                }
                if (i == start || i - start > 12) {
                    return Optional.empty();
                }
                long amount = Long.parseLong(t.substring(start, i));
                int unit;
                if (t.startsWith("ms", i)) {
                    unit = 4;
                    i += 2;
                } else if (i < n && "dhms".indexOf(t.charAt(i)) >= 0) {
                    unit = "dhms".indexOf(t.charAt(i));
                    i++;
                } else {
                    return Optional.empty();
                }
                if (unit <= lastUnit) {
                    return Optional.empty(); // each unit once, largest first
                }
                lastUnit = unit;
                total = total.plus(switch (unit) {
                    case 0 -> Duration.ofDays(amount);
                    case 1 -> Duration.ofHours(amount);
                    case 2 -> Duration.ofMinutes(amount);
                    case 3 -> Duration.ofSeconds(amount);
                    default -> Duration.ofMillis(amount);
                });
            }
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        return lastUnit < 0 ? Optional.empty() : Optional.of(total);
    }

    /** The short form: {@code 1h30m}, {@code 45s}, {@code 250ms}, {@code 0s} (days as hours: {@code 48h}). */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        StringBuilder out = new StringBuilder();
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int ms = d.toMillisPart();
        if (h > 0) {
            out.append(h).append('h');
        }
        if (m > 0) {
            out.append(m).append('m');
        }
        if (s > 0) {
            out.append(s).append('s');
        }
        if (ms > 0) {
            out.append(ms).append("ms");
        }
        return out.length() == 0 ? "0s" : out.toString();
    }
}
