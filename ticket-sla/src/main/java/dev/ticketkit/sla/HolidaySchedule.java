package dev.ticketkit.sla;

import dev.ticketkit.config.LocatedTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A named, immutable set of public holidays (closed all day) and make-up workdays (days that are
 * normally off, usually a Saturday or Sunday, but are worked to compensate for a bridged
 * holiday, as in China's 调休).
 *
 * <p>A schedule knows dates only, not hours: {@link BusinessCalendar.Builder#holidays(HolidaySchedule)}
 * closes every holiday and opens every make-up workday with the calendar's Monday hours.
 *
 * <p>Schedules come from {@link #chinaMainland()}, from JSON ({@link #fromJson(InputStream)},
 * {@link #fromJson(Path)}), from code ({@link #of(String, Collection, Collection)}), and can be
 * combined with {@link #and(HolidaySchedule)}. The JSON format is:
 *
 * <pre>{@code
 * {
 *   "name": "China mainland",
 *   "sources": ["国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)"],
 *   "holidays": ["2026-01-01", "2026-01-02", "2026-01-03"],
 *   "workdays": ["2026-01-04"]
 * }
 * }</pre>
 *
 * <p>{@code name} and {@code holidays} are required, {@code sources} and {@code workdays}
 * optional; every date is ISO {@code yyyy-MM-dd} and listed once; other fields are rejected.
 *
 * @param name     a human-readable name, never blank
 * @param sources  where the dates come from (e.g. the official notices), possibly empty
 * @param holidays the holidays, sorted, unmodifiable
 * @param workdays the make-up workdays, sorted, unmodifiable, disjoint from {@code holidays}
 */
public record HolidaySchedule(
    String name, List<String> sources, NavigableSet<LocalDate> holidays, NavigableSet<LocalDate> workdays) {

  /** Classpath location of the data behind {@link #chinaMainland()}. */
  static final String CHINA_MAINLAND_RESOURCE = "/dev/ticketkit/sla/holidays/cn-mainland.json";

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException     if a component or an element is null
   * @throws IllegalArgumentException if the name is blank or a date is both a holiday and a
   *                                  workday
   */
  public HolidaySchedule {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
    holidays = sortedCopy(holidays, "holidays");
    workdays = sortedCopy(workdays, "workdays");
    for (LocalDate day : workdays) {
      if (holidays.contains(day)) {
        throw new IllegalArgumentException(
            "schedule '" + name + "': " + day + " is both a holiday and a make-up workday");
      }
    }
  }

  /**
   * A schedule built in code, with no sources.
   *
   * @param name     a human-readable name
   * @param holidays days closed all day
   * @param workdays make-up workdays (opened with the calendar's Monday hours)
   * @return the schedule
   * @throws IllegalArgumentException if the name is blank or a date is in both collections
   */
  public static HolidaySchedule of(String name, Collection<LocalDate> holidays, Collection<LocalDate> workdays) {
    return new HolidaySchedule(name, List.of(), new TreeSet<>(requireElements(holidays, "holidays")),
        new TreeSet<>(requireElements(workdays, "workdays")));
  }

  /**
   * The official public holidays and make-up workdays of mainland China for 2025 and 2026, from
   * the State Council General Office notices (国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号,
   * 2024-11-12; 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04). Dates outside those years are
   * not covered: they follow the plain weekly hours.
   *
   * @return the shared schedule (loaded once from a resource in this jar)
   */
  public static HolidaySchedule chinaMainland() {
    return ChinaMainland.SCHEDULE;
  }

  /**
   * Reads a schedule from JSON (format in the class comment). The stream is read to the end but
   * not closed.
   *
   * @param json UTF-8 JSON
   * @return the schedule
   * @throws dev.ticketkit.config.ConfigException naming the line, column and path of the mistake, e.g.
   *         {@code 4:5: holidays[3]: not a date "2025-13-01" (expected yyyy-MM-dd)}, for malformed JSON, a
   *         missing or unknown field, a bad or duplicate date, or a date that is both a holiday and a workday
   */
  public static HolidaySchedule fromJson(InputStream json) {
    Objects.requireNonNull(json, "json");
    return HolidayScheduleJson.read(LocatedTree.read("", new java.io.InputStreamReader(json,
        java.nio.charset.StandardCharsets.UTF_8), LocatedTree.Format.JSON));
  }

  /**
   * Reads a schedule from a file, JSON if its name ends in {@code .json}, else YAML (same shape); like
   * {@link #fromJson(InputStream)}, with the file name in error messages.
   *
   * @param file the file
   * @return the schedule
   * @throws dev.ticketkit.config.ConfigException as for {@link #fromJson(InputStream)}, and if the file cannot be read
   */
  public static HolidaySchedule fromJson(Path file) {
    Objects.requireNonNull(file, "file");
    return HolidayScheduleJson.read(LocatedTree.read(file));
  }

  /**
   * Whether the date is a holiday of this schedule.
   *
   * @param day a date
   * @return true if closed all day by this schedule
   */
  public boolean isHoliday(LocalDate day) {
    return holidays.contains(Objects.requireNonNull(day, "day"));
  }

  /**
   * Whether the date is a make-up workday of this schedule.
   *
   * @param day a date
   * @return true if worked by this schedule although normally off
   */
  public boolean isMakeUpWorkday(LocalDate day) {
    return workdays.contains(Objects.requireNonNull(day, "day"));
  }

  /**
   * This schedule together with another (e.g. national holidays and a company's own days off):
   * the union of holidays, the union of workdays, both names joined with {@code " + "}, both
   * source lists.
   *
   * @param other another schedule
   * @return the combined schedule
   * @throws IllegalArgumentException if a date is a holiday in one and a workday in the other
   */
  public HolidaySchedule and(HolidaySchedule other) {
    Objects.requireNonNull(other, "other");
    NavigableSet<LocalDate> h = new TreeSet<>(holidays);
    h.addAll(other.holidays);
    NavigableSet<LocalDate> w = new TreeSet<>(workdays);
    w.addAll(other.workdays);
    List<String> s = new ArrayList<>(sources);
    other.sources.stream().filter(x -> !s.contains(x)).forEach(s::add);
    return new HolidaySchedule(name + " + " + other.name, s, h, w);
  }

  /** A short description: name and counts, not every date. */
  @Override
  public String toString() {
    return "HolidaySchedule[" + name + ", " + holidays.size() + " holidays"
        + (holidays.isEmpty() ? "" : " " + holidays.first() + ".." + holidays.last())
        + ", " + workdays.size() + " make-up workdays]";
  }

  private static NavigableSet<LocalDate> sortedCopy(NavigableSet<LocalDate> days, String what) {
    return Collections.unmodifiableNavigableSet(new TreeSet<>(requireElements(days, what)));
  }

  private static <T extends Collection<LocalDate>> T requireElements(T days, String what) {
    Objects.requireNonNull(days, what);
    for (LocalDate day : days) {
      Objects.requireNonNull(day, () -> what + " contains null");
    }
    return days;
  }

  /** Lazy holder: the resource is parsed on first use only. */
  private static final class ChinaMainland {
    static final HolidaySchedule SCHEDULE = load();

    private static HolidaySchedule load() {
      try (InputStream in = HolidaySchedule.class.getResourceAsStream(CHINA_MAINLAND_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + CHINA_MAINLAND_RESOURCE);
        }
        return HolidayScheduleJson.read(LocatedTree.read(CHINA_MAINLAND_RESOURCE, in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + CHINA_MAINLAND_RESOURCE, e);
      }
    }
  }
}
