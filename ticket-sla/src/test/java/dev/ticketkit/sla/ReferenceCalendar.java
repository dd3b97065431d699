package dev.ticketkit.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deliberately slow and simple business calendar: the same rules as {@link BusinessCalendar},
 * written from the definition ("open when the local date-time falls in an interval of its date")
 * without any of its arithmetic. It also builds the real calendar from the same spec, so a test
 * can compare the two.
 */
final class ReferenceCalendar {

  final ZoneId zone;
  private final ZoneRules rules;
  private final Map<DayOfWeek, List<LocalTime[]>> weekly = new EnumMap<>(DayOfWeek.class);
  private final Map<LocalDate, List<LocalTime[]>> workdays = new HashMap<>();
  private final Set<LocalDate> holidays = new HashSet<>();
  private HolidaySchedule schedule;

  ReferenceCalendar(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
  }

  ReferenceCalendar hours(DayOfWeek day, LocalTime from, LocalTime to) {
    weekly.computeIfAbsent(day, d -> new ArrayList<>()).add(new LocalTime[] {from, to});
    return this;
  }

  ReferenceCalendar workday(LocalDate day, LocalTime from, LocalTime to) {
    workdays.computeIfAbsent(day, d -> new ArrayList<>()).add(new LocalTime[] {from, to});
    return this;
  }

  ReferenceCalendar holiday(LocalDate day) {
    holidays.add(day);
    return this;
  }

  ReferenceCalendar holidays(HolidaySchedule s) {
    schedule = s;
    return this;
  }

  /** The real calendar with the same configuration. */
  BusinessCalendar toBusinessCalendar() {
    BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
    weekly.forEach((day, list) -> list.forEach(iv -> b.hours(day, iv[0], iv[1])));
    workdays.forEach((day, list) -> list.forEach(iv -> b.workday(day, iv[0], iv[1])));
    holidays.forEach(b::holiday);
    if (schedule != null) {
      b.holidays(schedule);
    }
    return b.build();
  }

  List<LocalTime[]> hoursOn(LocalDate date) {
    if (workdays.containsKey(date)) {
      return workdays.get(date);
    }
    if (holidays.contains(date) || (schedule != null && schedule.isHoliday(date))) {
      return List.of();
    }
    if (schedule != null && schedule.isMakeUpWorkday(date)) {
      return weekly.getOrDefault(DayOfWeek.MONDAY, List.of());
    }
    return weekly.getOrDefault(date.getDayOfWeek(), List.of());
  }

  boolean isOpen(Instant t) {
    LocalDateTime ldt = LocalDateTime.ofInstant(t, zone);
    LocalTime time = ldt.toLocalTime();
    for (LocalTime[] iv : hoursOn(ldt.toLocalDate())) {
      boolean afterStart = !time.isBefore(iv[0]);
      boolean beforeEnd = iv[1].equals(LocalTime.MIDNIGHT) || time.isBefore(iv[1]);
      if (afterStart && beforeEnd) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every instant in [a, b] at which the open state may change: each interval edge of each date,
   * mapped through every offset valid at that local time (or to the end of the gap), and every
   * offset transition; plus a and b. Between two consecutive ones the state is constant.
   */
  List<Instant> events(Instant a, Instant b) {
    TreeSet<Instant> out = new TreeSet<>();
    out.add(a);
    out.add(b);
    LocalDate first = LocalDate.ofInstant(a, zone).minusDays(1);
    LocalDate last = LocalDate.ofInstant(b, zone).plusDays(1);
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      for (LocalTime[] iv : hoursOn(d)) {
        addLocal(out, d.atTime(iv[0]));
        addLocal(out, iv[1].equals(LocalTime.MIDNIGHT) ? d.plusDays(1).atStartOfDay() : d.atTime(iv[1]));
      }
    }
    for (ZoneOffsetTransition tr = rules.nextTransition(a.minusSeconds(1));
        tr != null && !tr.getInstant().isAfter(b); tr = rules.nextTransition(tr.getInstant())) {
      out.add(tr.getInstant());
    }
    return new ArrayList<>(out.subSet(a, true, b, true));
  }

  private void addLocal(Set<Instant> out, LocalDateTime ldt) {
    List<ZoneOffset> offsets = rules.getValidOffsets(ldt);
    if (offsets.isEmpty()) {
      out.add(rules.getTransition(ldt).getInstant());
    }
    for (ZoneOffset o : offsets) {
      out.add(ldt.toInstant(o));
    }
  }

  Duration between(Instant a, Instant b) {
    List<Instant> ev = events(a, b);
    Duration sum = Duration.ZERO;
    for (int i = 0; i + 1 < ev.size(); i++) {
      if (isOpen(ev.get(i))) {
        sum = sum.plus(Duration.between(ev.get(i), ev.get(i + 1)));
      }
    }
    return sum;
  }

  /** Walks 30-day windows of events; gives up (IllegalStateException) after 20 years. */
  Instant plus(Instant start, Duration amount) {
    if (amount.isZero()) {
      return start;
    }
    Duration remaining = amount;
    Instant windowStart = start;
    Instant giveUp = start.plus(Duration.ofDays(20 * 366));
    while (windowStart.isBefore(giveUp)) {
      Instant windowEnd = windowStart.plus(Duration.ofDays(30));
      List<Instant> ev = events(windowStart, windowEnd);
      for (int i = 0; i + 1 < ev.size(); i++) {
        if (isOpen(ev.get(i))) {
          Duration open = Duration.between(ev.get(i), ev.get(i + 1));
          if (open.compareTo(remaining) >= 0) {
            return ev.get(i).plus(remaining);
          }
          remaining = remaining.minus(open);
        }
      }
      windowStart = windowEnd;
    }
    throw new IllegalStateException("reference: no open time within 20 years");
  }

  /** Open time counted minute by minute; only valid when every edge is on a whole minute. */
  Duration minuteStepBetween(Instant a, Instant b) {
    long minutes = 0;
    for (Instant t = a; t.isBefore(b); t = t.plusSeconds(60)) {
      if (isOpen(t)) {
        minutes++;
      }
    }
    return Duration.ofMinutes(minutes);
  }
}
