package dev.ticketkit.sla;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading and writing the durations of policy files: {@code PT4H}, {@code 4h}, {@code 1h30m}, {@code 2d}, {@code 90s}. */
final class Durations {
  private static final Pattern SHORT =
      Pattern.compile("(?:(\\d{1,6})d)?\\s*(?:(\\d{1,7})h)?\\s*(?:(\\d{1,9})m)?\\s*(?:(\\d{1,10})s)?");

  private Durations() {
  }

  static Optional<Duration> parse(Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      return Optional.empty();
    }
    String t = s.trim();
    if (t.charAt(0) == 'P' || t.charAt(0) == 'p') {
      try {
        return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
    if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null)) {
      return Optional.empty();
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusDays(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusHours(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(3)));
    }
    if (m.group(4) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(4)));
    }
    return Optional.of(d);
  }

  /** {@code 1h30m}, {@code 45s}, {@code 0s}; sub-second parts as milliseconds ({@code 250ms}). */
  static String format(Duration d) {
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
