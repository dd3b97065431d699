package dev.ticketkit.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DST in America/New_York (2026-03-08 02:00 -> 03:00, 2026-11-01 02:00 -> 01:00) and Europe/Berlin
 * (2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00). Instants are written with their offset.
 */
class BusinessCalendarDstTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  static BusinessCalendar everyDay(ZoneId zone, LocalTime from, LocalTime to) {
    BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
    for (DayOfWeek d : DayOfWeek.values()) {
      b.hours(d, from, to);
    }
    return b.build();
  }

  static BusinessCalendar weekdays(ZoneId zone, LocalTime from, LocalTime to) {
    BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
        b.hours(d, from, to);
      }
    }
    return b.build();
  }

  @Test
  void twentyFourHourCalendarMeasuresRealTimeInNewYork() {
    BusinessCalendar cal = everyDay(NEW_YORK, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    assertThat(cal.between(at("2026-03-08T00:00-05:00"), at("2026-03-09T00:00-04:00"))).isEqualTo(Duration.ofHours(23));
    assertThat(cal.between(at("2026-11-01T00:00-04:00"), at("2026-11-02T00:00-05:00"))).isEqualTo(Duration.ofHours(25));
    assertThat(cal.plus(at("2026-03-08T00:00-05:00"), Duration.ofHours(24))).isEqualTo(at("2026-03-09T01:00-04:00"));
    assertThat(cal.plus(at("2026-11-01T00:00-04:00"), Duration.ofHours(24))).isEqualTo(at("2026-11-01T23:00-05:00"));
    for (Instant start : List.of(at("2026-03-07T22:15-05:00"), at("2026-11-01T01:30-04:00"), at("2026-11-01T01:30-05:00"))) {
      for (Duration d : List.of(Duration.ofMinutes(45), Duration.ofHours(5), Duration.ofHours(1000))) {
        assertThat(cal.plus(start, d)).isEqualTo(start.plus(d));
        assertThat(cal.between(start, start.plus(d))).isEqualTo(d);
      }
    }
    assertThat(cal.between(at("2026-01-01T00:00-05:00"), at("2027-01-01T00:00-05:00"))).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void twentyFourHourCalendarMeasuresRealTimeInBerlin() {
    BusinessCalendar cal = everyDay(BERLIN, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    assertThat(cal.between(at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00"))).isEqualTo(Duration.ofHours(23));
    assertThat(cal.between(at("2026-10-25T00:00+02:00"), at("2026-10-26T00:00+01:00"))).isEqualTo(Duration.ofHours(25));
    assertThat(cal.plus(at("2026-10-24T12:00+02:00"), Duration.ofHours(24))).isEqualTo(at("2026-10-25T11:00+01:00"));
  }

  @Test
  void intervalSpanningSpringForwardLosesTheSkippedHour() {
    BusinessCalendar ny = everyDay(NEW_YORK, LocalTime.of(1, 0), LocalTime.of(4, 0));
    // open 01:00-02:00 EST and 03:00-04:00 EDT
    assertThat(ny.between(at("2026-03-08T00:00-05:00"), at("2026-03-09T00:00-04:00"))).isEqualTo(Duration.ofHours(2));
    assertThat(ny.plus(at("2026-03-08T01:30-05:00"), Duration.ofHours(1))).isEqualTo(at("2026-03-08T03:30-04:00"));

    BusinessCalendar berlin = everyDay(BERLIN, LocalTime.MIDNIGHT, LocalTime.of(6, 0));
    assertThat(berlin.between(at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00"))).isEqualTo(Duration.ofHours(5));
  }

  @Test
  void intervalSpanningFallBackCountsTheRepeatedHourTwice() {
    BusinessCalendar ny = everyDay(NEW_YORK, LocalTime.of(1, 0), LocalTime.of(4, 0));
    // open 01:00 EDT (05:00Z) to 04:00 EST (09:00Z)
    assertThat(ny.between(at("2026-11-01T00:00-04:00"), at("2026-11-02T00:00-05:00"))).isEqualTo(Duration.ofHours(4));
    assertThat(ny.plus(at("2026-11-01T01:30-04:00"), Duration.ofHours(1))).isEqualTo(at("2026-11-01T01:30-05:00"));
    assertThat(ny.isOpen(at("2026-11-01T01:59-05:00"))).isTrue();

    BusinessCalendar berlin = everyDay(BERLIN, LocalTime.MIDNIGHT, LocalTime.of(6, 0));
    assertThat(berlin.between(at("2026-10-25T00:00+02:00"), at("2026-10-26T00:00+01:00"))).isEqualTo(Duration.ofHours(7));
    assertThat(berlin.plus(at("2026-10-25T02:30+02:00"), Duration.ofHours(1))).isEqualTo(at("2026-10-25T02:30+01:00"));
  }

  @Test
  void intervalStartingInTheGapOpensWhenTheGapEnds() {
    BusinessCalendar cal = BusinessCalendar.builder(NEW_YORK)
        .hours(DayOfWeek.SUNDAY, LocalTime.of(2, 30), LocalTime.of(5, 0)).build();
    // 02:30 does not exist on 2026-03-08: open from 03:00 EDT (07:00Z) to 05:00 EDT
    assertThat(cal.between(at("2026-03-08T00:00-05:00"), at("2026-03-09T00:00-04:00"))).isEqualTo(Duration.ofHours(2));
    assertThat(cal.isOpen(at("2026-03-08T07:00:00Z"))).isTrue();
    assertThat(cal.plus(at("2026-03-08T00:00-05:00"), Duration.ofHours(1))).isEqualTo(at("2026-03-08T04:00-04:00"));
  }

  @Test
  void intervalInsideTheGapHasNoOpenTimeThatDay() {
    BusinessCalendar cal = BusinessCalendar.builder(NEW_YORK)
        .hours(DayOfWeek.SUNDAY, LocalTime.of(2, 0), LocalTime.of(3, 0)).build();
    assertThat(cal.between(at("2026-03-08T00:00-05:00"), at("2026-03-09T00:00-04:00"))).isZero();
    assertThat(cal.plus(at("2026-03-08T00:00-05:00"), Duration.ofMinutes(30))).isEqualTo(at("2026-03-15T02:30-04:00"));
  }

  @Test
  void officeHoursAcrossTheDstWeekKeepEightHourDays() {
    BusinessCalendar ny = weekdays(NEW_YORK, LocalTime.of(9, 0), LocalTime.of(17, 0));
    assertThat(ny.between(at("2026-03-02T00:00-05:00"), at("2026-03-16T00:00-04:00"))).isEqualTo(Duration.ofHours(80));
    assertThat(ny.plus(at("2026-03-06T16:00-05:00"), Duration.ofHours(2))).isEqualTo(at("2026-03-09T10:00-04:00"));
    assertThat(ny.plus(at("2026-10-30T16:00-04:00"), Duration.ofHours(2))).isEqualTo(at("2026-11-02T10:00-05:00"));

    BusinessCalendar berlin = weekdays(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0));
    assertThat(berlin.plus(at("2026-03-27T16:00+01:00"), Duration.ofHours(2))).isEqualTo(at("2026-03-30T10:00+02:00"));
    assertThat(berlin.between(at("2026-03-23T00:00+01:00"), at("2026-04-06T00:00+02:00"))).isEqualTo(Duration.ofHours(80));
    assertThat(berlin.between(at("2026-10-19T00:00+02:00"), at("2026-11-02T00:00+01:00"))).isEqualTo(Duration.ofHours(80));
  }
}
