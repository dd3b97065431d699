package dev.ticketkit.sla;

import dev.ticketkit.core.spi.BusinessTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Business hours in a time zone: weekly opening hours (several intervals a day), holidays,
 * date-specific working days (such as China's make-up workdays), and the arithmetic SLA clocks
 * need — {@link #plus(Instant, Duration) due instants}, {@link #between(Instant, Instant) open
 * time elapsed} and {@link #isOpen(Instant)}.
 *
 * <pre>{@code
 * BusinessCalendar cal = BusinessCalendar.builder(ZoneId.of("Asia/Shanghai"))
 *     .hours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
 *     .hours(DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.of(18, 0))
 *     // ... other days
 *     .holidays(HolidaySchedule.chinaMainland())
 *     .build();
 * Instant due = cal.plus(createdAt, Duration.ofHours(8));
 * }</pre>
 *
 * <h2>What "open" means</h2>
 *
 * An instant is open when its local date-time in the calendar's zone falls inside one of that
 * date's intervals, {@code from} inclusive and {@code to} exclusive. Business time is real elapsed
 * time while open. So across a DST gap an interval edge that does not exist moves forward to the
 * end of the gap (09:00–10:00 is 1 hour, 01:00–04:00 on a spring-forward night is 2), and across
 * an overlap a repeated hour counts twice (01:00–04:00 on a fall-back night is 4 hours). A 24x7
 * calendar therefore measures exactly what the clock on the wall measures, in any zone.
 *
 * <p>The hours of a date are, in order of precedence: its {@link Builder#workday workday} hours
 * if any were given; closed if it is a {@link Builder#holiday holiday}; closed if it is a holiday
 * of a {@link Builder#holidays schedule}; Monday's weekly hours if it is a make-up workday of a
 * schedule; otherwise the weekly hours of its day of the week. Interval bounds are whole seconds.
 *
 * <h2>Cost</h2>
 *
 * {@link #plus} and {@link #between} cost O(log n) in the number n of special dates per constant
 * UTC-offset stretch of the zone (one for Asia/Shanghai or UTC, about two a year in zones with
 * DST), whatever the span: weekly open time and the corrections of special dates are kept as
 * prefix sums, and the result is found by binary search and division rather than by stepping.
 *
 * <p>Instances are immutable and thread-safe. A calendar is a {@link BusinessTime}, so modules that
 * must not depend on this one (rules measuring "pending for 72 business hours") can use it; unlike
 * {@link BusinessTime#always()}, {@link #between} rejects a reversed range instead of returning
 * zero.
 */
public final class BusinessCalendar implements BusinessTime {

  private static final Logger LOG = LoggerFactory.getLogger(BusinessCalendar.class);

  private static final int SECONDS_PER_DAY = 86_400;
  private static final int NANOS_PER_SECOND = 1_000_000_000;
  private static final int[] EMPTY = new int[0];

  private static final BusinessCalendar ALWAYS = alwaysOpen();

  private final ZoneId zone;
  private final ZoneRules rules;
  /** True only for {@link #always()}: plain instant arithmetic. */
  private final boolean alwaysOpen;
  /** Weekly hours, index 0 = Monday; each array is sorted, merged [from, to) second-of-day pairs. */
  private final int[][] weekly;
  /** weekPrefix[i] = open seconds of Monday .. day i-1; weekPrefix[7] = whole week. */
  private final long[] weekPrefix;
  private final long weekTotal;
  /** Epoch days of dates whose hours differ from (or override) the weekly hours, ascending. */
  private final long[] specialDays;
  private final int[][] specialHours;
  /**
   * correction[i] = sum over special dates 0 .. i-1 of (their open seconds - the weekly open
   * seconds of their day of week); length n + 1.
   */
  private final long[] correction;
  private final String description;

  private BusinessCalendar(ZoneId zone, int[][] weekly, long[] specialDays, int[][] specialHours,
      boolean alwaysOpen, String description) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.alwaysOpen = alwaysOpen;
    this.weekly = weekly;
    this.weekPrefix = new long[8];
    for (int d = 0; d < 7; d++) {
      weekPrefix[d + 1] = weekPrefix[d] + length(weekly[d]);
    }
    this.weekTotal = weekPrefix[7];
    this.specialDays = specialDays;
    this.specialHours = specialHours;
    this.correction = new long[specialDays.length + 1];
    for (int i = 0; i < specialDays.length; i++) {
      correction[i + 1] = correction[i] + length(specialHours[i]) - length(weekly[dayOfWeekIndex(specialDays[i])]);
    }
    this.description = description;
  }

  /**
   * Starts a calendar in the given zone. With no {@link Builder#hours hours} it is never open.
   *
   * @param zone the zone whose local dates and times the hours refer to
   * @return a new builder
   */
  public static Builder builder(ZoneId zone) {
    return new Builder(Objects.requireNonNull(zone, "zone"));
  }

  /**
   * A calendar that is always open (24x7, in UTC), for marketplace SLAs that run on elapsed time:
   * {@code plus} is {@link Instant#plus}, {@code between} is {@link Duration#between}.
   *
   * @return the shared always-open calendar
   */
  public static BusinessCalendar always() {
    return ALWAYS;
  }

  /**
   * The zone the hours are in.
   *
   * @return the zone ({@link ZoneOffset#UTC} for {@link #always()})
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Whether the calendar is open at the instant: its local time is within an interval of its local
   * date, {@code from} inclusive, {@code to} exclusive.
   *
   * @param t an instant
   * @return true if open
   */
  @Override
  public boolean isOpen(Instant t) {
    Objects.requireNonNull(t, "t");
    if (alwaysOpen) {
      return true;
    }
    return openSecond(t.getEpochSecond() + offsetSeconds(t));
  }

  /**
   * The earliest instant at which {@code businessTime} of open time has passed since
   * {@code start}. If that much has passed exactly when an interval ends, the result is that end
   * (not the next opening). Starting while closed, the clock starts at the next opening.
   *
   * @param start        when the clock starts
   * @param businessTime how much open time must pass; {@link Duration#ZERO} returns {@code start}
   * @return the due instant
   * @throws IllegalArgumentException if {@code businessTime} is negative
   * @throws IllegalStateException    if the calendar has no more open time after some point (no
   *                                  weekly hours and no later working date) before the amount is
   *                                  reached
   * @throws java.time.DateTimeException if the result is beyond the range of {@link Instant}
   *                                     (or {@link ArithmeticException} for absurd amounts)
   */
  @Override
  public Instant plus(Instant start, Duration businessTime) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(businessTime, "businessTime");
    if (businessTime.isNegative()) {
      throw new IllegalArgumentException("businessTime must not be negative: " + businessTime);
    }
    if (businessTime.isZero()) {
      return start;
    }
    if (alwaysOpen) {
      return start.plus(businessTime);
    }
    Instant t = start;
    long remainingSeconds = businessTime.getSeconds();
    int remainingNanos = businessTime.getNano();
    while (true) {
      int offset = offsetSeconds(t);
      ZoneOffsetTransition next = rules.nextTransition(t);
      long local = t.getEpochSecond() + offset;
      long openSeconds = openBefore(local);
      if (weekTotal == 0 && openSeconds >= correction[specialDays.length]) {
        throw neverOpen(start, businessTime, t);
      }
      // target = open time elapsed at t (since the calendar's origin) + remaining
      long targetSeconds = Math.addExact(openSeconds, remainingSeconds);
      long targetNanos = (long) partialNanos(t, local) + remainingNanos;
      if (targetNanos >= NANOS_PER_SECOND) {
        targetSeconds = Math.addExact(targetSeconds, 1);
        targetNanos -= NANOS_PER_SECOND;
      }
      if (next != null) {
        long segmentEnd = openBefore(next.toEpochSecond() + offset);
        if (targetSeconds > segmentEnd || (targetSeconds == segmentEnd && targetNanos > 0)) {
          // not reached before the offset changes: carry the rest into the next stretch
          remainingSeconds = targetSeconds - segmentEnd;
          remainingNanos = (int) targetNanos;
          t = next.getInstant();
          continue;
        }
      } else if (weekTotal == 0) {
        long last = correction[specialDays.length];
        if (targetSeconds > last || (targetSeconds == last && targetNanos > 0)) {
          throw neverOpen(start, businessTime, t);
        }
      }
      long resultLocal = targetNanos == 0 ? localAt(targetSeconds) : localAt(targetSeconds + 1) - 1;
      return Instant.ofEpochSecond(resultLocal - offset, targetNanos);
    }
  }

  /**
   * The open time between two instants.
   *
   * @param from the start, inclusive
   * @param to   the end, exclusive; not before {@code from}
   * @return the open time, {@link Duration#ZERO} if {@code from} equals {@code to}
   * @throws IllegalArgumentException if {@code to} is before {@code from} (a negative business
   *                                  duration is almost always a mistake in the caller's order)
   */
  @Override
  public Duration between(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
    }
    if (alwaysOpen) {
      return Duration.between(from, to);
    }
    long seconds = 0;
    long nanos = 0;
    Instant t = from;
    while (t.isBefore(to)) {
      int offset = offsetSeconds(t);
      ZoneOffsetTransition next = rules.nextTransition(t);
      Instant end = next == null || !next.getInstant().isBefore(to) ? to : next.getInstant();
      long localStart = t.getEpochSecond() + offset;
      long localEnd = end.getEpochSecond() + offset;
      seconds += openBefore(localEnd) - openBefore(localStart);
      nanos += partialNanos(end, localEnd) - partialNanos(t, localStart);
      t = end;
    }
    return Duration.ofSeconds(seconds, nanos);
  }

  /** A summary: zone, weekly hours, number and range of special dates. */
  @Override
  public String toString() {
    return description;
  }

  // ---------------------------------------------------------------- local-time arithmetic
  //
  // "local" values are seconds since 1970-01-01T00:00 in local time (epoch day * 86400 + second
  // of day). openBefore(L) is the open time from a fixed origin up to local L; it is
  // non-decreasing and rises by one per open second, so differences give open time and the
  // inverse (localAt) gives due times.

  private int offsetSeconds(Instant t) {
    return rules.getOffset(t).getTotalSeconds();
  }

  /** Index 0 = Monday; epoch day 0 (1970-01-01) was a Thursday. */
  private static int dayOfWeekIndex(long epochDay) {
    return (int) Math.floorMod(epochDay + 3, 7L);
  }

  /** Open seconds of the weekly hours from the origin (Monday 1969-12-29) to the start of day. */
  private long weeklyBefore(long epochDay) {
    long k = epochDay + 3;
    return Math.floorDiv(k, 7L) * weekTotal + weekPrefix[(int) Math.floorMod(k, 7L)];
  }

  /** Open seconds from the origin up to local second {@code local}. */
  private long openBefore(long local) {
    long day = Math.floorDiv(local, (long) SECONDS_PER_DAY);
    int secondOfDay = (int) (local - day * SECONDS_PER_DAY);
    int pos = Arrays.binarySearch(specialDays, day);
    int specialsBefore;
    int[] hours;
    if (pos >= 0) {
      specialsBefore = pos;
      hours = specialHours[pos];
    } else {
      specialsBefore = -pos - 1;
      hours = weekly[dayOfWeekIndex(day)];
    }
    long sum = weeklyBefore(day) + correction[specialsBefore];
    for (int i = 0; i < hours.length && hours[i] < secondOfDay; i += 2) {
      sum += Math.min(hours[i + 1], secondOfDay) - hours[i];
    }
    return sum;
  }

  /** Whether the local second [local, local + 1) is open. */
  private boolean openSecond(long local) {
    long day = Math.floorDiv(local, (long) SECONDS_PER_DAY);
    int secondOfDay = (int) (local - day * SECONDS_PER_DAY);
    int[] hours = hoursOf(day);
    for (int i = 0; i < hours.length && hours[i] <= secondOfDay; i += 2) {
      if (secondOfDay < hours[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /** The nanos of {@code t} that count as open time (its second is open), else 0. */
  private int partialNanos(Instant t, long local) {
    int nanos = t.getNano();
    return nanos != 0 && openSecond(local) ? nanos : 0;
  }

  private int[] hoursOf(long day) {
    int pos = Arrays.binarySearch(specialDays, day);
    return pos >= 0 ? specialHours[pos] : weekly[dayOfWeekIndex(day)];
  }

  /**
   * The smallest local second L with openBefore(L) == target. Requires that such an L exists,
   * i.e. target is reachable (weekTotal > 0, or target <= total open time of the special dates).
   */
  private long localAt(long target) {
    // first special date whose end-of-day cumulative reaches the target
    int lo = 0;
    int hi = specialDays.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (weeklyBefore(specialDays[mid] + 1) + correction[mid + 1] >= target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int j = lo;
    long day;
    int[] hours;
    if (j < specialDays.length && weeklyBefore(specialDays[j]) + correction[j] < target) {
      day = specialDays[j];
      hours = specialHours[j];
    } else {
      // In the run of regular days before special date j (or after the last one), where
      // openBefore(start of day d) = weeklyBefore(d) + correction[j]: the last day d whose start
      // is still short of the target is the day the target is reached in.
      if (weekTotal == 0) {
        throw new IllegalStateException("unreachable target " + target); // guarded by callers
      }
      long v = target - correction[j] - 1;
      long weeks = Math.floorDiv(v, weekTotal);
      long rest = v - weeks * weekTotal;
      int d = 6;
      while (weekPrefix[d] > rest) {
        d--;
      }
      day = 7 * weeks - 3 + d;
      hours = weekly[d];
    }
    long rest = target - (weeklyBefore(day) + correction[j]);
    for (int i = 0; i < hours.length; i += 2) {
      int length = hours[i + 1] - hours[i];
      if (rest <= length) {
        return day * SECONDS_PER_DAY + hours[i] + rest;
      }
      rest -= length;
    }
    throw new AssertionError("target " + target + " not within day " + LocalDate.ofEpochDay(day));
  }

  private IllegalStateException neverOpen(Instant start, Duration amount, Instant at) {
    return new IllegalStateException("calendar has no open time after " + at
        + " (no weekly hours and no later working date), so " + amount + " of business time from "
        + start + " is never reached: " + this);
  }

  private static long length(int[] hours) {
    long sum = 0;
    for (int i = 0; i < hours.length; i += 2) {
      sum += hours[i + 1] - hours[i];
    }
    return sum;
  }

  private static BusinessCalendar alwaysOpen() {
    int[][] weekly = new int[7][];
    Arrays.fill(weekly, new int[] {0, SECONDS_PER_DAY});
    return new BusinessCalendar(ZoneOffset.UTC, weekly, new long[0], new int[0][], true,
        "BusinessCalendar[always open]");
  }

  // ---------------------------------------------------------------- builder

  /**
   * Builds a {@link BusinessCalendar}. Each argument is checked when given. Not thread-safe; a
   * builder may build several calendars.
   */
  public static final class Builder {
    private final ZoneId zone;
    private final Map<DayOfWeek, List<int[]>> hours = new EnumMap<>(DayOfWeek.class);
    private final TreeMap<LocalDate, List<int[]>> workdays = new TreeMap<>();
    private final TreeSet<LocalDate> holidays = new TreeSet<>();
    private HolidaySchedule schedule;

    private Builder(ZoneId zone) {
      this.zone = zone;
    }

    /**
     * Adds an opening interval to every {@code day} of the week. Repeatable: several intervals a
     * day (e.g. 09:00–12:00 and 13:00–18:00); overlapping or adjacent ones are merged.
     *
     * @param day  the day of the week
     * @param from opening time, inclusive
     * @param to   closing time, exclusive; {@link LocalTime#MIDNIGHT} means the end of the day
     * @return this builder
     * @throws IllegalArgumentException if {@code from} is not before {@code to} (unless {@code to}
     *                                  is MIDNIGHT) or a time has a fraction of a second
     */
    public Builder hours(DayOfWeek day, LocalTime from, LocalTime to) {
      Objects.requireNonNull(day, "day");
      hours.computeIfAbsent(day, d -> new ArrayList<>()).add(interval(from, to));
      return this;
    }

    /**
     * Closes a date all day. Repeating the same date is harmless.
     *
     * @param day the date
     * @return this builder
     * @throws IllegalStateException if {@link #workday} hours were given for the date
     */
    public Builder holiday(LocalDate day) {
      Objects.requireNonNull(day, "day");
      if (workdays.containsKey(day)) {
        throw new IllegalStateException(day + " already has workday hours; it cannot also be a holiday");
      }
      holidays.add(day);
      return this;
    }

    /**
     * Gives a date its own hours, replacing its weekly hours and any schedule's holiday or
     * make-up workday on that date. Repeatable for several intervals on the same date.
     *
     * @param day  the date
     * @param from opening time, inclusive
     * @param to   closing time, exclusive; {@link LocalTime#MIDNIGHT} means the end of the day
     * @return this builder
     * @throws IllegalArgumentException as for {@link #hours}
     * @throws IllegalStateException    if the date was declared a {@link #holiday}
     */
    public Builder workday(LocalDate day, LocalTime from, LocalTime to) {
      Objects.requireNonNull(day, "day");
      int[] interval = interval(from, to);
      if (holidays.contains(day)) {
        throw new IllegalStateException(day + " is already a holiday; it cannot also have workday hours");
      }
      workdays.computeIfAbsent(day, d -> new ArrayList<>()).add(interval);
      return this;
    }

    /**
     * Applies a schedule: its holidays are closed, its make-up workdays get Monday's weekly hours
     * (as configured when {@link #build()} runs). Explicit {@link #holiday} and {@link #workday}
     * dates win over the schedule. Repeatable: schedules are combined with
     * {@link HolidaySchedule#and}.
     *
     * @param schedule the schedule
     * @return this builder
     * @throws IllegalArgumentException if a date is a holiday in one schedule and a workday in
     *                                  another
     */
    public Builder holidays(HolidaySchedule schedule) {
      Objects.requireNonNull(schedule, "schedule");
      this.schedule = this.schedule == null ? schedule : this.schedule.and(schedule);
      return this;
    }

    /**
     * Builds the calendar; starts nothing and reads no clock.
     *
     * @return an immutable calendar
     */
    public BusinessCalendar build() {
      int[][] weekly = new int[7][];
      for (DayOfWeek day : DayOfWeek.values()) {
        weekly[day.ordinal()] = merge(hours.get(day));
      }
      TreeMap<LocalDate, int[]> special = new TreeMap<>();
      if (schedule != null) {
        schedule.holidays().forEach(d -> special.put(d, EMPTY));
        schedule.workdays().forEach(d -> special.put(d, weekly[DayOfWeek.MONDAY.ordinal()]));
      }
      holidays.forEach(d -> special.put(d, EMPTY));
      workdays.forEach((d, intervals) -> special.put(d, merge(intervals)));

      long[] days = new long[special.size()];
      int[][] dayHours = new int[special.size()][];
      int i = 0;
      for (Map.Entry<LocalDate, int[]> e : special.entrySet()) {
        days[i] = e.getKey().toEpochDay();
        dayHours[i] = e.getValue();
        i++;
      }
      BusinessCalendar calendar = new BusinessCalendar(zone, weekly, days, dayHours, false,
          describe(weekly, special));
      LOG.debug("built {}", calendar);
      return calendar;
    }

    private String describe(int[][] weekly, TreeMap<LocalDate, int[]> special) {
      StringBuilder sb = new StringBuilder("BusinessCalendar[").append(zone);
      for (DayOfWeek day : DayOfWeek.values()) {
        int[] h = weekly[day.ordinal()];
        if (h.length > 0) {
          sb.append(", ").append(day.name(), 0, 3);
          for (int k = 0; k < h.length; k += 2) {
            sb.append(' ').append(time(h[k])).append('-').append(time(h[k + 1]));
          }
        }
      }
      if (weekly[0].length + weekly[1].length + weekly[2].length + weekly[3].length + weekly[4].length
          + weekly[5].length + weekly[6].length == 0) {
        sb.append(", no weekly hours");
      }
      if (!special.isEmpty()) {
        sb.append(", ").append(special.size()).append(" special dates ")
            .append(special.firstKey()).append("..").append(special.lastKey());
      }
      return sb.append(']').toString();
    }

    private static String time(int secondOfDay) {
      return secondOfDay == SECONDS_PER_DAY ? "24:00" : LocalTime.ofSecondOfDay(secondOfDay).toString();
    }

    private static int[] interval(LocalTime from, LocalTime to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (from.getNano() != 0 || to.getNano() != 0) {
        throw new IllegalArgumentException("hours must be whole seconds: " + from + "-" + to
            + " (use LocalTime.MIDNIGHT as 'to' for the end of the day)");
      }
      int start = from.toSecondOfDay();
      int end = to.equals(LocalTime.MIDNIGHT) ? SECONDS_PER_DAY : to.toSecondOfDay();
      if (start >= end) {
        throw new IllegalArgumentException("from must be before to: " + from + "-" + to
            + " (an interval cannot cross midnight; split it over two days)");
      }
      return new int[] {start, end};
    }

    /** Sorted, merged (overlapping or adjacent joined) flat [from, to, from, to, ...] array. */
    private static int[] merge(List<int[]> intervals) {
      if (intervals == null || intervals.isEmpty()) {
        return EMPTY;
      }
      List<int[]> sorted = new ArrayList<>(intervals);
      sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
      int[] out = new int[sorted.size() * 2];
      int n = 0;
      for (int[] iv : sorted) {
        if (n > 0 && iv[0] <= out[n - 1]) {
          out[n - 1] = Math.max(out[n - 1], iv[1]);
        } else {
          out[n++] = iv[0];
          out[n++] = iv[1];
        }
      }
      return Arrays.copyOf(out, n);
    }
  }
}
