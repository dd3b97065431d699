package dev.ticketkit.sla;

import static dev.ticketkit.sla.BusinessCalendarChinaTest.SHANGHAI;
import static dev.ticketkit.sla.BusinessCalendarChinaTest.cst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Builder rules, precedence of special dates, MIDNIGHT, merging, never-open calendars, bad input. */
class BusinessCalendarBuilderTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final LocalTime NINE = LocalTime.of(9, 0);
  private static final LocalTime TEN = LocalTime.of(10, 0);

  private static Instant utc(String s) {
    return Instant.parse(s + "Z");
  }

  @Test
  void midnightAsToMeansEndOfDay() {
    BusinessCalendar cal = BusinessCalendar.builder(UTC)
        .hours(DayOfWeek.MONDAY, LocalTime.of(22, 0), LocalTime.MIDNIGHT)
        .hours(DayOfWeek.TUESDAY, LocalTime.MIDNIGHT, LocalTime.of(2, 0))
        .build(); // 2026-03-02 is a Monday
    assertThat(cal.plus(utc("2026-03-02T23:00:00"), Duration.ofHours(2))).isEqualTo(utc("2026-03-03T01:00:00"));
    assertThat(cal.between(utc("2026-03-02T00:00:00"), utc("2026-03-04T00:00:00"))).isEqualTo(Duration.ofHours(4));
    assertThat(cal.isOpen(utc("2026-03-02T21:59:59"))).isFalse();
    assertThat(cal.isOpen(utc("2026-03-02T23:59:59"))).isTrue();
    assertThat(cal.isOpen(utc("2026-03-03T00:00:00"))).isTrue();
    assertThat(cal.isOpen(utc("2026-03-03T02:00:00"))).isFalse();
    assertThat(cal.toString()).contains("MON 22:00-24:00", "TUE 00:00-02:00");
  }

  @Test
  void midnightToMidnightIsTheWholeDay() {
    BusinessCalendar cal = BusinessCalendar.builder(UTC)
        .hours(DayOfWeek.WEDNESDAY, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).build();
    assertThat(cal.between(utc("2026-03-02T00:00:00"), utc("2026-03-09T00:00:00"))).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void overlappingAndAdjacentIntervalsAreMerged() {
    BusinessCalendar cal = BusinessCalendar.builder(UTC)
        .hours(DayOfWeek.MONDAY, NINE, LocalTime.of(12, 0))
        .hours(DayOfWeek.MONDAY, LocalTime.of(14, 0), LocalTime.of(15, 0))
        .hours(DayOfWeek.MONDAY, LocalTime.of(11, 0), LocalTime.of(14, 0))
        .hours(DayOfWeek.MONDAY, TEN, LocalTime.of(10, 30))
        .build();
    assertThat(cal.between(utc("2026-03-02T00:00:00"), utc("2026-03-03T00:00:00"))).isEqualTo(Duration.ofHours(6));
    assertThat(cal.plus(utc("2026-03-02T09:00:00"), Duration.ofHours(6))).isEqualTo(utc("2026-03-02T15:00:00"));
    assertThat(cal.isOpen(utc("2026-03-02T12:30:00"))).isTrue();
    assertThat(cal.toString()).contains("MON 09:00-15:00");
  }

  @Test
  void makeUpWorkdayGetsMondayHoursWhateverTheCallOrder() {
    BusinessCalendar cal = BusinessCalendar.builder(SHANGHAI)
        .holidays(HolidaySchedule.chinaMainland())
        .hours(DayOfWeek.MONDAY, LocalTime.of(8, 0), TEN)
        .build();
    // Sunday 2026-01-04 is a make-up workday
    assertThat(cal.between(cst("2026-01-04T00:00"), cst("2026-01-05T00:00"))).isEqualTo(Duration.ofHours(2));
    assertThat(cal.isOpen(cst("2026-01-04T08:00"))).isTrue();
    assertThat(cal.isOpen(cst("2026-01-04T10:00"))).isFalse();
    assertThat(cal.between(cst("2026-01-11T00:00"), cst("2026-01-12T00:00"))).as("ordinary Sunday").isZero();
  }

  @Test
  void explicitDatesWinOverTheSchedule() {
    BusinessCalendar cal = BusinessCalendarChinaTest.officeHours()
        .workday(LocalDate.of(2026, 1, 4), LocalTime.of(13, 0), LocalTime.of(14, 0)) // make-up day
        .workday(LocalDate.of(2026, 10, 1), TEN, LocalTime.of(12, 0))                // National Day
        .holiday(LocalDate.of(2026, 2, 14))                                           // make-up day
        .holidays(HolidaySchedule.chinaMainland())
        .build();
    assertThat(cal.between(cst("2026-01-04T00:00"), cst("2026-01-05T00:00"))).isEqualTo(Duration.ofHours(1));
    assertThat(cal.isOpen(cst("2026-01-04T09:30"))).isFalse();
    assertThat(cal.between(cst("2026-10-01T00:00"), cst("2026-10-02T00:00"))).isEqualTo(Duration.ofHours(2));
    assertThat(cal.between(cst("2026-02-14T00:00"), cst("2026-02-15T00:00"))).isZero();
    assertThat(cal.between(cst("2026-02-28T00:00"), cst("2026-03-01T00:00"))).as("other make-up day").isEqualTo(Duration.ofHours(8));
  }

  @Test
  void workdayReplacesTheWeeklyHoursOfThatDate() {
    BusinessCalendar cal = BusinessCalendar.builder(UTC)
        .hours(DayOfWeek.MONDAY, NINE, LocalTime.of(17, 0))
        .workday(LocalDate.of(2026, 3, 2), LocalTime.of(20, 0), LocalTime.of(21, 0))
        .workday(LocalDate.of(2026, 3, 2), LocalTime.of(6, 0), LocalTime.of(7, 0))
        .build();
    assertThat(cal.between(utc("2026-03-02T00:00:00"), utc("2026-03-03T00:00:00"))).isEqualTo(Duration.ofHours(2));
    assertThat(cal.isOpen(utc("2026-03-02T09:00:00"))).isFalse();
    assertThat(cal.plus(utc("2026-03-02T06:30:00"), Duration.ofHours(1))).isEqualTo(utc("2026-03-02T20:30:00"));
    assertThat(cal.between(utc("2026-03-09T00:00:00"), utc("2026-03-10T00:00:00"))).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void neverOpenCalendarThrowsInsteadOfLooping() {
    for (ZoneId zone : List.of(UTC, ZoneId.of("America/New_York"))) {
      BusinessCalendar cal = BusinessCalendar.builder(zone).build();
      Instant t = utc("2026-01-01T00:00:00");
      assertThatThrownBy(() -> cal.plus(t, Duration.ofHours(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no open time after 2026-01-01T00:00:00Z");
      assertThat(cal.plus(t, Duration.ZERO)).isEqualTo(t);
      assertThat(cal.between(t, t.plus(Duration.ofDays(3650)))).isZero();
      assertThat(cal.isOpen(t)).isFalse();
    }
  }

  @Test
  void calendarWithOnlyDateSpecificHoursRunsOutAfterTheLastOne() {
    BusinessCalendar cal = BusinessCalendar.builder(UTC).workday(LocalDate.of(2026, 1, 5), NINE, TEN).build();
    assertThat(cal.plus(utc("2026-01-01T00:00:00"), Duration.ofHours(1))).isEqualTo(utc("2026-01-05T10:00:00"));
    assertThat(cal.plus(utc("2026-01-05T09:30:00"), Duration.ofMinutes(30))).isEqualTo(utc("2026-01-05T10:00:00"));
    assertThatThrownBy(() -> cal.plus(utc("2026-01-05T09:30:00"), Duration.ofMinutes(31)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no open time");
    assertThatThrownBy(() -> cal.plus(utc("2026-01-06T00:00:00"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no open time");
  }

  @Test
  void aYearOfHolidaysIsJumpedOver() {
    BusinessCalendar.Builder b = BusinessCalendar.builder(UTC);
    for (DayOfWeek d : DayOfWeek.values()) {
      b.hours(d, NINE, LocalTime.of(17, 0));
    }
    for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
      b.holiday(d);
    }
    BusinessCalendar cal = b.build();
    assertThat(cal.plus(utc("2026-01-01T00:00:00"), Duration.ofHours(1))).isEqualTo(utc("2027-01-01T10:00:00"));
    assertThat(cal.between(utc("2026-01-01T00:00:00"), utc("2027-01-02T00:00:00"))).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void alwaysIsPlainArithmetic() {
    BusinessCalendar cal = BusinessCalendar.always();
    Instant t = Instant.parse("2026-03-08T06:59:59.5Z");
    assertThat(cal.plus(t, Duration.ofDays(400))).isEqualTo(t.plus(Duration.ofDays(400)));
    assertThat(cal.between(t, t.plusSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(cal.isOpen(t)).isTrue();
    assertThat(cal.zone()).isEqualTo(ZoneOffset.UTC);
    assertThat(BusinessCalendar.always()).isSameAs(cal);
  }

  @Test
  void zoneIsTheBuildersZone() {
    assertThat(BusinessCalendar.builder(SHANGHAI).build().zone()).isEqualTo(SHANGHAI);
  }

  @Test
  void nullArgumentsAreRejectedAtOnce() {
    BusinessCalendar.Builder b = BusinessCalendar.builder(UTC);
    assertThatThrownBy(() -> BusinessCalendar.builder(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.hours(null, NINE, TEN)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.hours(DayOfWeek.MONDAY, null, TEN)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.hours(DayOfWeek.MONDAY, NINE, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.holiday(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.workday(null, NINE, TEN)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.holidays(null)).isInstanceOf(NullPointerException.class);
    BusinessCalendar cal = b.build();
    assertThatThrownBy(() -> cal.plus(null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cal.plus(Instant.EPOCH, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cal.between(null, Instant.EPOCH)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cal.isOpen(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void badIntervalsAreRejectedAtOnce() {
    BusinessCalendar.Builder b = BusinessCalendar.builder(UTC);
    assertThatThrownBy(() -> b.hours(DayOfWeek.MONDAY, TEN, NINE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from must be before to: 10:00-09:00");
    assertThatThrownBy(() -> b.hours(DayOfWeek.MONDAY, TEN, TEN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.hours(DayOfWeek.MONDAY, LocalTime.of(9, 0, 0, 500), TEN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> b.hours(DayOfWeek.MONDAY, NINE, LocalTime.MAX))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LocalTime.MIDNIGHT");
    assertThatThrownBy(() -> b.workday(LocalDate.of(2026, 1, 1), TEN, NINE)).isInstanceOf(IllegalArgumentException.class);
    // the rejected calls left nothing behind
    assertThat(b.build().between(utc("2026-01-01T00:00:00"), utc("2026-01-08T00:00:00"))).isZero();
  }

  @Test
  void aDateCannotBeBothHolidayAndWorkday() {
    LocalDate day = LocalDate.of(2026, 5, 1);
    assertThatThrownBy(() -> BusinessCalendar.builder(UTC).holiday(day).workday(day, NINE, TEN))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("2026-05-01");
    assertThatThrownBy(() -> BusinessCalendar.builder(UTC).workday(day, NINE, TEN).holiday(day))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("2026-05-01");
    BusinessCalendar twice = BusinessCalendar.builder(UTC)
        .hours(DayOfWeek.FRIDAY, NINE, TEN).holiday(day).holiday(day).build();
    assertThat(twice.isOpen(utc("2026-05-01T09:30:00"))).isFalse();
  }

  @Test
  void conflictingSchedulesAreRejected() {
    LocalDate day = LocalDate.of(2026, 2, 14);
    HolidaySchedule companyOff = HolidaySchedule.of("company", List.of(day), List.of());
    BusinessCalendar.Builder b = BusinessCalendar.builder(SHANGHAI).holidays(HolidaySchedule.chinaMainland());
    assertThatThrownBy(() -> b.holidays(companyOff))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-02-14");
  }

  @Test
  void negativeDurationsAndReversedRangesAreRejected() {
    BusinessCalendar cal = BusinessCalendarChinaTest.china();
    Instant t = cst("2026-03-02T10:00");
    assertThatThrownBy(() -> cal.plus(t, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> cal.between(t, t.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
    assertThat(cal.plus(t, Duration.ZERO)).isEqualTo(t);
    Instant closed = cst("2026-03-07T10:00"); // Saturday
    assertThat(cal.plus(closed, Duration.ZERO)).isEqualTo(closed);
  }
}
