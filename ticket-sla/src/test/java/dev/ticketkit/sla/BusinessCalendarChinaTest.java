package dev.ticketkit.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Hand-checked vectors on Asia/Shanghai office hours with a lunch break and the official holidays. */
class BusinessCalendarChinaTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** Mon-Fri 09:00-12:00 and 13:00-18:00 (8 hours a day), no holidays. */
  static BusinessCalendar.Builder officeHours() {
    BusinessCalendar.Builder b = BusinessCalendar.builder(SHANGHAI);
    for (DayOfWeek d : new DayOfWeek[] {DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY}) {
      b.hours(d, LocalTime.of(9, 0), LocalTime.of(12, 0)).hours(d, LocalTime.of(13, 0), LocalTime.of(18, 0));
    }
    return b;
  }

  static BusinessCalendar china() {
    return officeHours().holidays(HolidaySchedule.chinaMainland()).build();
  }

  static Instant cst(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  // ------------------------------------------------------------------ lunch break

  @Test
  void plusSkipsTheLunchBreak() {
    BusinessCalendar cal = officeHours().build(); // 2025-03-03 is a Monday
    assertThat(cal.plus(cst("2025-03-03T11:00"), Duration.ofHours(2))).isEqualTo(cst("2025-03-03T14:00"));
    assertThat(cal.plus(cst("2025-03-03T12:30"), Duration.ofHours(1))).isEqualTo(cst("2025-03-03T14:00"));
    assertThat(cal.plus(cst("2025-03-03T08:00"), Duration.ofHours(1))).isEqualTo(cst("2025-03-03T10:00"));
    assertThat(cal.plus(cst("2025-03-07T17:00"), Duration.ofHours(2))).isEqualTo(cst("2025-03-10T10:00"));
  }

  @Test
  void plusEndingExactlyAtLunchReturnsTheStartOfLunch() {
    BusinessCalendar cal = officeHours().build();
    assertThat(cal.plus(cst("2025-03-03T09:00"), Duration.ofHours(3))).isEqualTo(cst("2025-03-03T12:00"));
    assertThat(cal.plus(cst("2025-03-03T09:00"), Duration.ofHours(8))).isEqualTo(cst("2025-03-03T18:00"));
  }

  @Test
  void betweenCountsOnlyOpenTime() {
    BusinessCalendar cal = officeHours().build();
    assertThat(cal.between(cst("2025-03-03T09:00"), cst("2025-03-03T18:00"))).isEqualTo(Duration.ofHours(8));
    assertThat(cal.between(cst("2025-03-03T11:30"), cst("2025-03-03T13:30"))).isEqualTo(Duration.ofHours(1));
    assertThat(cal.between(cst("2025-03-03T12:00"), cst("2025-03-03T13:00"))).isZero();
    assertThat(cal.between(cst("2025-03-03T00:00"), cst("2025-03-10T00:00"))).isEqualTo(Duration.ofHours(40));
    assertThat(cal.between(cst("2025-03-03T10:00"), cst("2025-03-03T10:00"))).isZero();
  }

  @Test
  void isOpenIncludesFromAndExcludesTo() {
    BusinessCalendar cal = officeHours().build();
    assertThat(cal.isOpen(cst("2025-03-03T08:59:59"))).isFalse();
    assertThat(cal.isOpen(cst("2025-03-03T09:00"))).isTrue();
    assertThat(cal.isOpen(cst("2025-03-03T11:59:59.999999999"))).isTrue();
    assertThat(cal.isOpen(cst("2025-03-03T12:00"))).isFalse();
    assertThat(cal.isOpen(cst("2025-03-03T13:00"))).isTrue();
    assertThat(cal.isOpen(cst("2025-03-03T18:00"))).isFalse();
    assertThat(cal.isOpen(cst("2025-03-08T10:00"))).as("Saturday").isFalse();
  }

  @Test
  void fractionsOfASecondAreKept() {
    BusinessCalendar cal = officeHours().build();
    assertThat(cal.plus(cst("2025-03-03T11:59:59.5"), Duration.ofSeconds(1))).isEqualTo(cst("2025-03-03T13:00:00.5"));
    assertThat(cal.between(cst("2025-03-03T11:59:59.25"), cst("2025-03-03T13:00:00.5")))
        .isEqualTo(Duration.ofMillis(1250));
    assertThat(cal.plus(cst("2025-03-03T12:10:00.7"), Duration.ofNanos(1))).isEqualTo(cst("2025-03-03T13:00:00.000000001"));
  }

  // ------------------------------------------------------------------ official holidays

  @Test
  void springFestival2025MakeUpSundayCountsAsOpen() {
    BusinessCalendar cal = china();
    // Fri 17:30 + 8h: 0.5h Friday, Saturday closed, make-up Sunday 2025-01-26 gives 7.5h by 17:30
    assertThat(cal.plus(cst("2025-01-24T17:30"), Duration.ofHours(8))).isEqualTo(cst("2025-01-26T17:30"));
    // + 24h: 0.5 Fri + 8 Sun + 8 Mon 27th, closed Jan 28 - Feb 4, then 7.5h on Wed Feb 5
    assertThat(cal.plus(cst("2025-01-24T17:30"), Duration.ofHours(24))).isEqualTo(cst("2025-02-05T17:30"));
    assertThat(cal.isOpen(cst("2025-02-08T10:00"))).as("make-up Saturday").isTrue();
    assertThat(cal.isOpen(cst("2025-02-04T10:00"))).as("last day of the festival").isFalse();
  }

  @Test
  void springFestival2026LandsAfterTheHoliday() {
    BusinessCalendar cal = china();
    // Friday before the festival: the make-up Saturday 2026-02-14 is a working day
    assertThat(cal.plus(cst("2026-02-13T17:30"), Duration.ofHours(8))).isEqualTo(cst("2026-02-14T17:30"));
    // from the make-up Saturday: 0.5h, then closed Feb 15-23, then 7.5h on Tue Feb 24
    assertThat(cal.plus(cst("2026-02-14T17:30"), Duration.ofHours(8))).isEqualTo(cst("2026-02-24T17:30"));
    assertThat(cal.plus(cst("2026-02-13T17:30"), Duration.ofHours(16))).isEqualTo(cst("2026-02-24T17:30"));
    assertThat(cal.between(cst("2026-02-13T09:00"), cst("2026-02-25T09:00"))).isEqualTo(Duration.ofHours(24));
    assertThat(cal.isOpen(cst("2026-02-28T10:00"))).as("make-up Saturday after the festival").isTrue();
    assertThat(cal.isOpen(cst("2026-03-07T10:00"))).as("ordinary Saturday").isFalse();
  }

  @Test
  void nationalDay2025WithMakeUpDaysOnBothSides() {
    BusinessCalendar cal = china();
    // Fri 26, Sun 28 (make-up), Mon 29, Tue 30, Oct 1-8 closed, Thu 9, Fri 10, Sat 11 (make-up): 7 days
    assertThat(cal.between(cst("2025-09-26T00:00"), cst("2025-10-13T00:00"))).isEqualTo(Duration.ofHours(7 * 8));
    assertThat(cal.plus(cst("2025-09-30T17:00"), Duration.ofHours(2))).isEqualTo(cst("2025-10-09T10:00"));
  }

  @Test
  void singleDayAndShortHolidays() {
    BusinessCalendar cal = china();
    // New Year 2025: Wednesday Jan 1 only
    assertThat(cal.plus(cst("2024-12-31T17:00"), Duration.ofHours(2))).isEqualTo(cst("2025-01-02T10:00"));
    // Dragon Boat 2025: Sat May 31 - Mon Jun 2
    assertThat(cal.plus(cst("2025-05-30T18:00"), Duration.ofHours(1))).isEqualTo(cst("2025-06-03T10:00"));
    // Labour Day 2026: Fri May 1 - Tue May 5, make-up Saturday May 9
    assertThat(cal.plus(cst("2026-04-30T18:00"), Duration.ofHours(1))).isEqualTo(cst("2026-05-06T10:00"));
    assertThat(cal.isOpen(cst("2026-05-09T09:00"))).isTrue();
    // National Day 2026 ends Oct 7; Thu Oct 8 is an ordinary working day (in 2025 it was a holiday)
    assertThat(cal.isOpen(cst("2026-10-08T10:00"))).isTrue();
    assertThat(cal.isOpen(cst("2025-10-08T10:00"))).isFalse();
  }

  @Test
  void wholeYearsHave248WorkingDays() {
    BusinessCalendar cal = china();
    // 2025: 261 weekdays - 18 weekday holidays + 5 make-up days; 2026: 261 - 19 + 6
    assertThat(cal.between(cst("2025-01-01T00:00"), cst("2026-01-01T00:00"))).isEqualTo(Duration.ofHours(248 * 8));
    assertThat(cal.between(cst("2026-01-01T00:00"), cst("2027-01-01T00:00"))).isEqualTo(Duration.ofHours(248 * 8));
    assertThat(cal.plus(cst("2026-01-01T00:00"), Duration.ofHours(248 * 8))).isEqualTo(cst("2026-12-31T18:00"));
  }
}
