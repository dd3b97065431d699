package dev.ticketkit.sla;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The business calendars SLA policies may name, supplied by the host: "office" for the shop's
 * opening hours, "warehouse" for the warehouse's. The name {@value #ALWAYS} is always present and
 * means calendar hours ({@link BusinessCalendar#always()}), as marketplace SLAs count. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * SlaCalendars calendars = SlaCalendars.builder().add("office", officeHours).build();
 * }</pre>
 */
public final class SlaCalendars {
  /** The name of the 24x7 calendar. */
  public static final String ALWAYS = "24x7";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final SlaCalendars ONLY_ALWAYS = new SlaCalendars(Map.of());

  private final Map<String, BusinessCalendar> byName;

  private SlaCalendars(Map<String, BusinessCalendar> byName) {
    TreeMap<String, BusinessCalendar> all = new TreeMap<>(byName);
    all.put(ALWAYS, BusinessCalendar.always());
    this.byName = Collections.unmodifiableMap(all);
  }

  /**
   * A registry with only the 24x7 calendar.
   *
   * @return the registry
   */
  public static SlaCalendars alwaysOnly() {
    return ONLY_ALWAYS;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The calendar of that name.
   *
   * @param name a calendar name
   * @return the calendar, or empty if none is registered under that name
   */
  public Optional<BusinessCalendar> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The calendar of that name.
   *
   * @param name a registered calendar name
   * @return the calendar
   * @throws IllegalArgumentException if none is registered under that name
   */
  public BusinessCalendar get(String name) {
    BusinessCalendar c = byName.get(name);
    if (c == null) {
      throw new IllegalArgumentException("unknown calendar \"" + name + "\"");
    }
    return c;
  }

  /**
   * The registered names, sorted, including {@value #ALWAYS}.
   *
   * @return the names
   */
  public Set<String> names() {
    return byName.keySet();
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "calendar name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a calendar name is 1 to 64 letters, digits and _.- (starting with a letter or digit)");
    }
    return name;
  }

  @Override
  public String toString() {
    return "SlaCalendars" + byName.keySet();
  }

  /** Collects named calendars; a name may be added once. */
  public static final class Builder {
    private final Map<String, BusinessCalendar> calendars = new TreeMap<>();

    private Builder() {
    }

    /**
     * Registers a calendar.
     *
     * @param name     1 to 64 letters, digits and {@code _.-}; not {@value SlaCalendars#ALWAYS}
     * @param calendar the calendar
     * @return this builder
     * @throws IllegalStateException if the name was already added
     */
    public Builder add(String name, BusinessCalendar calendar) {
      checkName(name);
      Objects.requireNonNull(calendar, "calendar");
      if (ALWAYS.equals(name)) {
        throw new IllegalArgumentException("\"" + ALWAYS + "\" is the built-in 24x7 calendar");
      }
      if (calendars.putIfAbsent(name, calendar) != null) {
        throw new IllegalStateException("calendar \"" + name + "\" was already added");
      }
      return this;
    }

    /**
     * The registry.
     *
     * @return the registry
     */
    public SlaCalendars build() {
      return new SlaCalendars(calendars);
    }
  }
}
