package dev.ticketkit.sla;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@link HolidaySchedule} JSON with errors that name the JSON path of the mistake. */
final class HolidayScheduleJson {

  private static final Set<String> FIELDS = Set.of("name", "sources", "holidays", "workdays");

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private HolidayScheduleJson() {}

  static HolidaySchedule read(InputStream in) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IllegalArgumentException("not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read holiday schedule JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("top level: expected a JSON object with fields " + FIELDS);
    }
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String field = entry.getKey();
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(field + ": unknown field (expected name, sources, holidays, workdays)");
      }
    }

    JsonNode nameNode = root.get("name");
    if (nameNode == null) {
      throw new IllegalArgumentException("name: missing");
    }
    if (!nameNode.isTextual() || nameNode.asText().isBlank()) {
      throw new IllegalArgumentException("name: expected a non-blank string, got " + nameNode);
    }
    List<String> sources = new ArrayList<>();
    JsonNode sourcesNode = root.get("sources");
    if (sourcesNode != null) {
      requireArray(sourcesNode, "sources");
      for (int i = 0; i < sourcesNode.size(); i++) {
        JsonNode s = sourcesNode.get(i);
        if (!s.isTextual()) {
          throw new IllegalArgumentException("sources[" + i + "]: expected a string, got " + s);
        }
        sources.add(s.asText());
      }
    }
    JsonNode holidaysNode = root.get("holidays");
    if (holidaysNode == null) {
      throw new IllegalArgumentException("holidays: missing");
    }
    NavigableSet<LocalDate> holidays = dates(holidaysNode, "holidays");
    NavigableSet<LocalDate> workdays = new TreeSet<>();
    JsonNode workdaysNode = root.get("workdays");
    if (workdaysNode != null) {
      workdays = dates(workdaysNode, "workdays");
      for (int i = 0; i < workdaysNode.size(); i++) {
        LocalDate day = LocalDate.parse(workdaysNode.get(i).asText());
        if (holidays.contains(day)) {
          throw new IllegalArgumentException(
              "workdays[" + i + "]: " + day + " is also listed in holidays");
        }
      }
    }
    return new HolidaySchedule(nameNode.asText(), sources, holidays, workdays);
  }

  private static NavigableSet<LocalDate> dates(JsonNode array, String path) {
    requireArray(array, path);
    NavigableSet<LocalDate> out = new TreeSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      String at = path + "[" + i + "]";
      if (!node.isTextual()) {
        throw new IllegalArgumentException(at + ": expected a date string yyyy-MM-dd, got " + node);
      }
      LocalDate day;
      try {
        day = LocalDate.parse(node.asText());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(at + ": not a date " + node + " (expected yyyy-MM-dd)", e);
      }
      if (!out.add(day)) {
        throw new IllegalArgumentException(at + ": duplicate date " + day);
      }
    }
    return out;
  }

  private static void requireArray(JsonNode node, String path) {
    if (!node.isArray()) {
      throw new IllegalArgumentException(path + ": expected an array, got " + node.getNodeType());
    }
  }
}
