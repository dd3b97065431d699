package dev.ticketkit.sla;

import dev.ticketkit.config.LocatedTree;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@link HolidaySchedule} files through the configuration foundation; mistakes name their position. */
final class HolidayScheduleJson {

  private static final Set<String> FIELDS = Set.of("name", "sources", "holidays", "workdays");

  private HolidayScheduleJson() {}

  static HolidaySchedule read(LocatedTree tree) {
    Map<String, Object> root = tree.map(tree.root(), "");
    tree.onlyKeys(root, FIELDS, "");
    tree.requireKeys(root, Set.of("name", "holidays"), "");
    String name = tree.text(root.get("name"), "name");
    List<String> sources = new ArrayList<>();
    if (root.containsKey("sources")) {
      List<Object> list = tree.list(root.get("sources"), "sources");
      for (int i = 0; i < list.size(); i++) {
        sources.add(tree.text(list.get(i), "sources[" + i + "]"));
      }
    }
    NavigableSet<LocalDate> holidays = dates(tree, root.get("holidays"), "holidays");
    NavigableSet<LocalDate> workdays = new TreeSet<>();
    if (root.containsKey("workdays")) {
      List<Object> list = tree.list(root.get("workdays"), "workdays");
      workdays = dates(tree, list, "workdays");
      for (int i = 0; i < list.size(); i++) {
        LocalDate day = LocalDate.parse((String) list.get(i));
        if (holidays.contains(day)) {
          throw tree.error("workdays[" + i + "]", day + " is also listed in holidays");
        }
      }
    }
    return new HolidaySchedule(name, sources, holidays, workdays);
  }

  private static NavigableSet<LocalDate> dates(LocatedTree tree, Object value, String path) {
    List<Object> list = tree.list(value, path);
    NavigableSet<LocalDate> out = new TreeSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = path + "[" + i + "]";
      Object node = list.get(i);
      if (!(node instanceof String s)) {
        throw tree.error(at, "expected a date yyyy-MM-dd, got " + LocatedTree.describe(node));
      }
      LocalDate day;
      try {
        day = LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        throw tree.error(at, "not a date " + LocatedTree.describe(node) + " (expected yyyy-MM-dd)");
      }
      if (!out.add(day)) {
        throw tree.error(at, "duplicate date " + day);
      }
    }
    return out;
  }
}
