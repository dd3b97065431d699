package dev.ticketkit.sla;

import dev.ticketkit.config.Durations;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When an SLA metric warns before it breaches: at a percentage of its target, or a fixed amount of
 * the target's own time (business time on a business calendar) before the due instant. A warning
 * whose point lies at or before the start of the clock (say "2 hours before" on a 1-hour target)
 * is not raised.
 *
 * @param percent of the target, 1 to 99, or 0 when {@link #before} is used
 * @param before  time before the due instant, or null when {@link #percent} is used
 */
public record WarningThreshold(int percent, Duration before) {

  /** Validates that exactly one of the two forms is given. */
  public WarningThreshold {
    if (before == null) {
      if (percent < 1 || percent > 99) {
        throw new IllegalArgumentException("warning percent must be 1 to 99: " + percent);
      }
    } else {
      if (percent != 0) {
        throw new IllegalArgumentException("a warning is either a percent or a time before due, not both");
      }
      if (before.isNegative() || before.isZero()) {
        throw new IllegalArgumentException("warning time before due must be positive: " + before);
      }
    }
  }

  /**
   * Warn when this share of the target has been used.
   *
   * @param percent 1 to 99
   * @return the threshold
   */
  public static WarningThreshold percent(int percent) {
    return new WarningThreshold(percent, null);
  }

  /**
   * Warn this long (in the target's calendar time) before the due instant.
   *
   * @param before a positive duration
   * @return the threshold
   */
  public static WarningThreshold before(Duration before) {
    return new WarningThreshold(0, Objects.requireNonNull(before, "before"));
  }

  /**
   * How much of the target must be used for the warning to fire.
   *
   * @param target the metric's target
   * @return the used time at which to warn, or empty when that point is not after the start
   */
  public Optional<Duration> usedAt(Duration target) {
    Duration at = before == null
        ? Duration.ofNanos(target.toNanos() / 100 * percent + target.toNanos() % 100 * percent / 100)
        : target.minus(before);
    return at.isNegative() || at.isZero() ? Optional.empty() : Optional.of(at);
  }

  @Override
  public String toString() {
    return before == null ? percent + "%" : Durations.format(before) + " before due";
  }
}
