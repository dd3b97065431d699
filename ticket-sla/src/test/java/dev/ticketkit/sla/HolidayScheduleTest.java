package dev.ticketkit.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HolidayScheduleTest {

  private static HolidaySchedule parse(String json) {
    return HolidaySchedule.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<LocalDate> range(String first, String last) {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = LocalDate.parse(first); !d.isAfter(LocalDate.parse(last)); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }

  private static List<LocalDate> dates(String... days) {
    return Stream.of(days).map(LocalDate::parse).toList();
  }

  // ------------------------------------------------------------------ China mainland data

  @Test
  void chinaMainlandHasEveryOfficialHolidayOf2025And2026() {
    List<LocalDate> expected = new ArrayList<>();
    // 2025 (国办发明电〔2024〕12号)
    expected.addAll(range("2025-01-01", "2025-01-01"));
    expected.addAll(range("2025-01-28", "2025-02-04"));
    expected.addAll(range("2025-04-04", "2025-04-06"));
    expected.addAll(range("2025-05-01", "2025-05-05"));
    expected.addAll(range("2025-05-31", "2025-06-02"));
    expected.addAll(range("2025-10-01", "2025-10-08"));
    // 2026 (notice of 2025-11-04)
    expected.addAll(range("2026-01-01", "2026-01-03"));
    expected.addAll(range("2026-02-15", "2026-02-23"));
    expected.addAll(range("2026-04-04", "2026-04-06"));
    expected.addAll(range("2026-05-01", "2026-05-05"));
    expected.addAll(range("2026-06-19", "2026-06-21"));
    expected.addAll(range("2026-09-25", "2026-09-27"));
    expected.addAll(range("2026-10-01", "2026-10-07"));
    HolidaySchedule cn = HolidaySchedule.chinaMainland();
    assertThat(cn.holidays()).containsExactlyElementsOf(expected).hasSize(28 + 33);
  }

  @Test
  void chinaMainlandHasEveryMakeUpWorkdayOnAWeekend() {
    HolidaySchedule cn = HolidaySchedule.chinaMainland();
    assertThat(cn.workdays()).containsExactlyElementsOf(dates(
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"));
    assertThat(cn.workdays()).allSatisfy(d ->
        assertThat(d.getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    assertThat(cn.isMakeUpWorkday(LocalDate.of(2026, 2, 14))).isTrue();
    assertThat(cn.isMakeUpWorkday(LocalDate.of(2026, 2, 21))).isFalse();
    assertThat(cn.isHoliday(LocalDate.of(2026, 2, 23))).isTrue();
    assertThat(cn.isHoliday(LocalDate.of(2026, 2, 24))).isFalse();
  }

  @Test
  void chinaMainlandNamesItsSourcesAndIsLoadedOnce() {
    HolidaySchedule cn = HolidaySchedule.chinaMainland();
    assertThat(cn.name()).isEqualTo("China mainland");
    assertThat(cn.sources()).hasSize(2);
    assertThat(cn.sources().get(0)).contains("2025年部分节假日安排", "国办发明电〔2024〕12号", "2024-11-12");
    assertThat(cn.sources().get(1)).contains("2026年部分节假日安排", "2025-11-04");
    assertThat(HolidaySchedule.chinaMainland()).isSameAs(cn);
    assertThat(cn.toString()).isEqualTo("HolidaySchedule[China mainland, 61 holidays 2025-01-01..2026-10-07, 11 make-up workdays]");
  }

  // ------------------------------------------------------------------ JSON

  @Test
  void readsMinimalJson() {
    HolidaySchedule s = parse("{\"name\": \"Shop\", \"holidays\": [\"2025-12-25\", \"2025-12-24\"]}");
    assertThat(s.name()).isEqualTo("Shop");
    assertThat(s.holidays()).containsExactly(LocalDate.of(2025, 12, 24), LocalDate.of(2025, 12, 25));
    assertThat(s.workdays()).isEmpty();
    assertThat(s.sources()).isEmpty();
  }

  static Stream<Arguments> badJson() {
    return Stream.of(
        Arguments.of("{\"name\":\"X\",\"holidays\":[\"2025-01-01\",\"2025-01-02\",\"2025-01-03\",\"2025-13-01\"]}",
            "holidays[3]: not a date \"2025-13-01\""),
        Arguments.of("{\"name\":\"X\",\"holidays\":[\"2025-02-30\"]}", "holidays[0]: not a date \"2025-02-30\""),
        Arguments.of("{\"name\":\"X\",\"holidays\":[],\"workdays\":[\"1/2/2025\"]}", "workdays[0]: not a date \"1/2/2025\""),
        Arguments.of("{\"name\":\"X\",\"holidays\":[20250101]}", "1:25: holidays[0]: expected a date yyyy-MM-dd, got 20250101"),
        Arguments.of("{\"name\":\"X\",\"holidays\":[],\"holiday\":[]}", "holiday: unknown key \"holiday\""),
        Arguments.of("{\"holidays\":[]}", "missing key \"name\""),
        Arguments.of("{\"name\":\" \",\"holidays\":[]}", "name: expected text"),
        Arguments.of("{\"name\":\"X\"}", "missing key \"holidays\""),
        Arguments.of("{\"name\":\"X\",\"holidays\":\"2025-01-01\"}", "holidays: expected a list"),
        Arguments.of("{\"name\":\"X\",\"holidays\":[\"2025-01-01\",\"2025-01-01\"]}", "holidays[1]: duplicate date 2025-01-01"),
        Arguments.of("{\"name\":\"X\",\"holidays\":[\"2025-01-01\"],\"workdays\":[\"2025-01-04\",\"2025-01-01\"]}",
            "workdays[1]: 2025-01-01 is also listed in holidays"),
        Arguments.of("{\"name\":\"X\",\"holidays\":[],\"sources\":[1]}", "sources[0]: expected text"),
        Arguments.of("[]", "expected a map, got a list"),
        Arguments.of("", "the document is empty"),
        Arguments.of("{\"name\":\"X\",\n\"holidays\":[}", "2:13: not valid JSON"),
        Arguments.of("{\"name\":\"X\",\"name\":\"Y\",\"holidays\":[]}", "1:13: name: duplicate key \"name\""),
        Arguments.of("{\"name\":\"X\",\"holidays\":[]} {}", "more than one document"));
  }

  @ParameterizedTest
  @MethodSource("badJson")
  void badJsonIsRejectedWithThePathOfTheMistake(String json, String message) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(dev.ticketkit.config.ConfigException.class).hasMessageContaining(message);
  }

  @Test
  void readsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("shop.json");
    Files.writeString(good, "{\"name\":\"Shop\",\"sources\":[\"ops\"],\"holidays\":[\"2026-12-25\"],\"workdays\":[\"2026-12-27\"]}");
    HolidaySchedule s = HolidaySchedule.fromJson(good);
    assertThat(s.holidays()).containsExactly(LocalDate.of(2026, 12, 25));
    assertThat(s.workdays()).containsExactly(LocalDate.of(2026, 12, 27));
    assertThat(s.sources()).containsExactly("ops");

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"name\":\"Shop\",\"holidays\":[\"2026-12-32\"]}");
    assertThatThrownBy(() -> HolidaySchedule.fromJson(bad))
        .isInstanceOf(dev.ticketkit.config.ConfigException.class)
        .hasMessage("bad.json:1:28: holidays[0]: not a date \"2026-12-32\" (expected yyyy-MM-dd)");
    assertThatThrownBy(() -> HolidaySchedule.fromJson(dir.resolve("missing.json")))
        .isInstanceOf(dev.ticketkit.config.ConfigException.class).hasMessageContaining("missing.json");
  }

  // ------------------------------------------------------------------ values

  @Test
  void combinesSchedules() {
    HolidaySchedule company = HolidaySchedule.of("Company", dates("2026-12-24", "2026-12-25"), dates("2026-12-27"));
    HolidaySchedule both = HolidaySchedule.chinaMainland().and(company);
    assertThat(both.name()).isEqualTo("China mainland + Company");
    assertThat(both.holidays()).hasSize(63).contains(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 1, 1));
    assertThat(both.workdays()).hasSize(12).contains(LocalDate.of(2026, 12, 27));
    assertThat(both.sources()).isEqualTo(HolidaySchedule.chinaMainland().sources());

    HolidaySchedule conflicting = HolidaySchedule.of("Company", dates("2026-01-04"), List.of());
    assertThatThrownBy(() -> HolidaySchedule.chinaMainland().and(conflicting))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2026-01-04 is both a holiday and a make-up workday");
  }

  @Test
  void isImmutableAndChecksItsInput() {
    List<LocalDate> holidays = new ArrayList<>(dates("2026-12-25"));
    HolidaySchedule s = HolidaySchedule.of("Shop", holidays, List.of());
    holidays.add(LocalDate.of(2026, 12, 26));
    assertThat(s.holidays()).containsExactly(LocalDate.of(2026, 12, 25));
    assertThatThrownBy(() -> s.holidays().add(LocalDate.of(2026, 1, 1))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> HolidaySchedule.of("", List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HolidaySchedule.of("X", dates("2026-01-01"), dates("2026-01-01")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HolidaySchedule.of("X", java.util.Arrays.asList((LocalDate) null), List.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> s.isHoliday(null)).isInstanceOf(NullPointerException.class);
    assertThat(HolidaySchedule.of("Shop", dates("2026-12-25"), List.of())).isEqualTo(s);
  }
}
