package dev.ticketkit.sla;

import dev.ticketkit.config.Durations;

import dev.ticketkit.core.Calendars;

import java.time.Duration;
import java.util.Objects;

/**
 * One target of a policy: how much time a metric may take for one priority, and on which calendar
 * that time is counted ({@value Calendars#ALWAYS} for calendar hours, or the name of a business
 * calendar in the host's {@link Calendars} (registered on the engine)).
 *
 * @param time     the target, positive
 * @param calendar the calendar's name
 */
public record SlaTarget(Duration time, String calendar) {

  /** Validates the target. */
  public SlaTarget {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(calendar, "calendar");
    if (time.isNegative() || time.isZero()) {
      throw new IllegalArgumentException("an SLA target must be positive: " + time);
    }
    Calendars.checkName(calendar);
  }

  /**
   * A target on a calendar.
   *
   * @param time     the target, positive
   * @param calendar the calendar's name
   * @return the target
   */
  public static SlaTarget of(Duration time, String calendar) {
    return new SlaTarget(time, calendar);
  }

  @Override
  public String toString() {
    return Durations.format(time) + " (" + calendar + ")";
  }
}
