package dev.ticketkit.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares the fast calendar with {@link ReferenceCalendar} on random calendars, zones and
 * instants (fixed seeds, so a failure reproduces). Starts cluster around DST transitions and
 * special dates, where the fast path is most likely to be wrong.
 */
class BusinessCalendarPropertyTest {

  private static final List<ZoneId> ZONES = List.of(
      ZoneId.of("Asia/Shanghai"), ZoneId.of("America/New_York"), ZoneId.of("Europe/Berlin"), ZoneId.of("UTC"));
  private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  private static final long RANGE_SECONDS = Duration.ofDays(2 * 365).getSeconds();

  @Test
  void fastCalendarAgreesWithReferenceOnRandomCalendars() {
    Random random = new Random(20260308L);
    int compared = 0;
    for (int c = 0; c < 120; c++) {
      ReferenceCalendar ref = randomCalendar(random, ZONES.get(c % ZONES.size()));
      BusinessCalendar cal = ref.toBusinessCalendar();
      List<Instant> hotSpots = hotSpots(ref);
      for (int k = 0; k < 25; k++) {
        Instant a = randomInstant(random, hotSpots);
        String where = "case " + c + "/" + k + " " + cal + " from " + a;

        Instant b = a.plusSeconds(random.nextBoolean()
            ? random.nextInt(20 * 86_400) : (long) random.nextInt(400) * 86_400 + random.nextInt(86_400));
        assertThat(cal.between(a, b)).as(where + " to " + b).isEqualTo(ref.between(a, b));

        Duration amount = randomAmount(random);
        Instant expected;
        try {
          expected = ref.plus(a, amount);
        } catch (IllegalStateException neverOpen) {
          assertThatThrownBy(() -> cal.plus(a, amount)).as(where + " plus " + amount)
              .isInstanceOf(IllegalStateException.class).hasMessageContaining("no open time");
          continue;
        }
        Instant due = cal.plus(a, amount);
        assertThat(due).as(where + " plus " + amount).isEqualTo(expected);
        assertThat(cal.between(a, due)).as(where + " between(a, plus(a, d))").isEqualTo(amount);

        Instant probe = randomInstant(random, hotSpots);
        assertThat(cal.isOpen(probe)).as(where + " isOpen " + probe).isEqualTo(ref.isOpen(probe));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(2000);
  }

  @Test
  void referenceAgreesWithMinuteStepping() {
    Random random = new Random(7L);
    for (int c = 0; c < 60; c++) {
      ReferenceCalendar ref = randomCalendar(random, ZONES.get(c % ZONES.size()));
      List<Instant> hotSpots = hotSpots(ref);
      for (int k = 0; k < 3; k++) {
        Instant a = randomInstant(random, hotSpots);
        a = a.minusSeconds(a.getEpochSecond() % 60).minusNanos(a.getNano());
        Instant b = a.plusSeconds(60L * random.nextInt(3 * 24 * 60));
        assertThat(ref.between(a, b)).as("%s %s..%s", ref.zone, a, b).isEqualTo(ref.minuteStepBetween(a, b));
      }
    }
  }

  /** Weekly hours on 15-minute steps, often crossing 01:00–03:00 (DST), plus special dates. */
  static ReferenceCalendar randomCalendar(Random random, ZoneId zone) {
    ReferenceCalendar ref = new ReferenceCalendar(zone);
    boolean noWeeklyHours = random.nextInt(15) == 0;
    if (!noWeeklyHours) {
      for (DayOfWeek day : DayOfWeek.values()) {
        int n = random.nextInt(10) < 2 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          LocalTime[] iv = randomInterval(random);
          ref.hours(day, iv[0], iv[1]);
        }
      }
    }
    List<LocalDate> used = new ArrayList<>();
    int holidays = random.nextInt(30);
    for (int i = 0; i < holidays; i++) {
      LocalDate d = randomDate(random);
      used.add(d);
      ref.holiday(d);
    }
    int workdays = random.nextInt(noWeeklyHours ? 20 : 8);
    for (int i = 0; i < workdays; i++) {
      LocalDate d = randomDate(random);
      if (used.contains(d)) {
        continue;
      }
      int n = 1 + random.nextInt(2);
      for (int j = 0; j < n; j++) {
        LocalTime[] iv = randomInterval(random);
        ref.workday(d, iv[0], iv[1]);
      }
    }
    if (random.nextBoolean()) {
      ref.holidays(HolidaySchedule.chinaMainland());
    }
    return ref;
  }

  private static LocalTime[] randomInterval(Random random) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return new LocalTime[] {LocalTime.MIDNIGHT, LocalTime.MIDNIGHT};
    }
    int from;
    int to;
    if (kind <= 3) { // around the usual DST hours
      from = random.nextInt(16); // 00:00 .. 03:45
      to = from + 1 + random.nextInt(12);
    } else {
      from = random.nextInt(96);
      to = from + 1 + random.nextInt(96 - from);
    }
    return new LocalTime[] {quarter(from), to >= 96 ? LocalTime.MIDNIGHT : quarter(to)};
  }

  private static LocalTime quarter(int q) {
    return LocalTime.of(q / 4, (q % 4) * 15);
  }

  private static LocalDate randomDate(Random random) {
    return LocalDate.of(2025, 1, 1).plusDays(random.nextInt(2 * 365 + 200));
  }

  /** DST transitions of the zone in 2025-2026 and China's special dates. */
  private static List<Instant> hotSpots(ReferenceCalendar ref) {
    List<Instant> out = new ArrayList<>();
    for (ZoneOffsetTransition t = ref.zone.getRules().nextTransition(FROM);
        t != null && t.getInstant().isBefore(FROM.plusSeconds(RANGE_SECONDS)); t = ref.zone.getRules().nextTransition(t.getInstant())) {
      out.add(t.getInstant());
    }
    for (LocalDate d : HolidaySchedule.chinaMainland().workdays()) {
      out.add(d.atStartOfDay(ref.zone).toInstant());
    }
    return out;
  }

  private static Instant randomInstant(Random random, List<Instant> hotSpots) {
    Instant base = random.nextInt(3) == 0 || hotSpots.isEmpty()
        ? FROM.plusSeconds((long) (random.nextDouble() * RANGE_SECONDS))
        : hotSpots.get(random.nextInt(hotSpots.size())).plusSeconds(random.nextInt(4 * 86_400) - 3 * 86_400);
    switch (random.nextInt(4)) {
      case 0:
        return base.minusSeconds(base.getEpochSecond() % 900); // on a quarter hour: edges
      case 1:
        return base.plusNanos(random.nextInt(1_000_000_000));
      default:
        return base;
    }
  }

  private static Duration randomAmount(Random random) {
    switch (random.nextInt(5)) {
      case 0:
        return Duration.ZERO;
      case 1:
        return Duration.ofMinutes(15L * (1 + random.nextInt(16)));
      case 2:
        return Duration.ofSeconds(random.nextInt(3 * 86_400), random.nextInt(1_000_000_000));
      default:
        return Duration.ofSeconds((long) (random.nextDouble() * 2_000 * 3_600));
    }
  }
}
