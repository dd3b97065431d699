package dev.ticketkit.benchmarks;

import dev.ticketkit.sla.BusinessCalendar;
import dev.ticketkit.sla.HolidaySchedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Business-time arithmetic on a China calendar (Asia/Shanghai, Mon-Fri 09:00-12:00 and
 * 13:00-18:00, official 2025/2026 holidays and make-up workdays).
 *
 * <p>{@code plusOneYear} and {@code betweenOneYear} span a calendar year (target: at most 2 µs);
 * {@code plusOneWeek} and {@code naiveMinuteSteppingPlusOneWeek} compute the same due time (40
 * business hours) with {@link BusinessCalendar} and with a naive minute-by-minute loop, so the
 * report carries the speed-up in the same run. {@code plusOneYearNewYork} shows the cost of DST
 * (America/New_York, Mon-Fri 09:00-17:00). Start instants are fixed (no system clock) and
 * rotate over a few weekdays, Saturdays and holidays so no single branch is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BusinessCalendarBenchmark {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final LocalTime[][] HOURS = {
      {LocalTime.of(9, 0), LocalTime.of(12, 0)}, {LocalTime.of(13, 0), LocalTime.of(18, 0)}};

  private BusinessCalendar calendar;
  private BusinessCalendar newYork;
  private HolidaySchedule schedule;
  private Instant[] starts;
  private Duration oneYearOfBusinessTime;
  private Duration oneWeekOfBusinessTime;
  private Duration oneYear;
  private int next;

  @Setup
  public void setUp() {
    schedule = HolidaySchedule.chinaMainland();
    BusinessCalendar.Builder builder = BusinessCalendar.builder(SHANGHAI);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
        for (LocalTime[] interval : HOURS) {
          builder.hours(day, interval[0], interval[1]);
        }
      }
    }
    calendar = builder.holidays(schedule).build();
    BusinessCalendar.Builder ny = BusinessCalendar.builder(ZoneId.of("America/New_York"));
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
        ny.hours(day, LocalTime.of(9, 0), LocalTime.of(17, 0));
      }
    }
    newYork = ny.build();
    starts = new Instant[] {
        at("2025-01-24T17:30"), at("2025-03-03T09:00"), at("2025-05-17T11:00"), at("2025-06-02T12:30"),
        at("2025-09-26T15:45"), at("2025-10-08T10:00"), at("2025-11-14T08:00"), at("2025-12-31T17:59")};
    oneYearOfBusinessTime = Duration.ofHours(248 * 8);
    oneWeekOfBusinessTime = Duration.ofHours(40);
    oneYear = Duration.ofDays(365);
  }

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  private Instant nextStart() {
    Instant start = starts[next];
    next = (next + 1) & 7;
    return start;
  }

  @Benchmark
  public Instant plusOneYear() {
    return calendar.plus(nextStart(), oneYearOfBusinessTime);
  }

  @Benchmark
  public Duration betweenOneYear() {
    Instant start = nextStart();
    return calendar.between(start, start.plus(oneYear));
  }

  /** The same span in a zone with DST: the year is split at its two offset transitions. */
  @Benchmark
  public Instant plusOneYearNewYork() {
    return newYork.plus(nextStart(), oneYearOfBusinessTime);
  }

  @Benchmark
  public Instant plusOneWeek() {
    return calendar.plus(nextStart(), oneWeekOfBusinessTime);
  }

  /** Baseline: the obvious implementation, one minute at a time (starts are whole minutes). */
  @Benchmark
  public Instant naiveMinuteSteppingPlusOneWeek() {
    Instant t = nextStart();
    long minutesLeft = oneWeekOfBusinessTime.toMinutes();
    while (minutesLeft > 0) {
      if (naiveIsOpen(t)) {
        minutesLeft--;
      }
      t = t.plusSeconds(60);
    }
    return t;
  }

  private boolean naiveIsOpen(Instant t) {
    LocalDateTime local = LocalDateTime.ofInstant(t, SHANGHAI);
    LocalDate date = local.toLocalDate();
    if (schedule.isHoliday(date)) {
      return false;
    }
    DayOfWeek day = date.getDayOfWeek();
    if (!schedule.isMakeUpWorkday(date) && (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY)) {
      return false;
    }
    LocalTime time = local.toLocalTime();
    for (LocalTime[] interval : HOURS) {
      if (!time.isBefore(interval[0]) && time.isBefore(interval[1])) {
        return true;
      }
    }
    return false;
  }
}
