package dev.ticketkit.core;

import dev.ticketkit.core.spi.BusinessTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The engine's business calendars by name: registered once on the engine builder
 * ({@link TicketEngine.Builder#calendar(String, BusinessTime)}) and shared by every module (SLA policies and
 * rules name them). {@value #ALWAYS} (round the clock) is always there. Immutable and thread-safe.
 *
 * <pre>{@code
 * BusinessCalendar service = BusinessCalendar.builder(ZoneId.of("Asia/Shanghai"))...build();   // ticket-sla
 * TicketEngine engine = TicketEngine.builder().calendar("cn-service", service).module(sla).build();
 * }</pre>
 */
public final class Calendars {
    /** The name of the round-the-clock calendar, always registered. */
    public static final String ALWAYS = "24x7";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Calendars ALWAYS_ONLY = new Calendars(Map.of(ALWAYS, BusinessTime.always()));

    private final Map<String, BusinessTime> byName;

    private Calendars(Map<String, BusinessTime> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /**
     * Checks a calendar name: 1 to 64 characters of {@code [A-Za-z0-9_.-]}, starting with a letter or digit.
     *
     * @return the name
     * @throws IllegalArgumentException if it is not one
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "calendar name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a calendar name is 1 to 64 characters of [A-Za-z0-9_.-]");
        }
        return name;
    }

    /** Only {@value #ALWAYS}. */
    public static Calendars alwaysOnly() {
        return ALWAYS_ONLY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The calendar with this name. */
    public Optional<BusinessTime> find(String name) {
        return Optional.ofNullable(byName.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * The calendar with this name.
     *
     * @throws IllegalArgumentException naming the known calendars if there is none
     */
    public BusinessTime get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown calendar \"" + name
                + "\" (known: " + String.join(", ", names()) + ")"));
    }

    /** The names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
    }

    @Override
    public String toString() {
        return "Calendars" + names();
    }

    /** Builds {@link Calendars}; a name registered twice is an {@link IllegalStateException}. */
    public static final class Builder {
        private final Map<String, BusinessTime> byName = new LinkedHashMap<>(Map.of(ALWAYS, BusinessTime.always()));

        private Builder() {
        }

        /**
         * Registers a calendar.
         *
         * @param name 1 to 64 characters of {@code [A-Za-z0-9_.-]}, starting with a letter or digit
         * @throws IllegalArgumentException for a bad name
         * @throws IllegalStateException    if the name is taken (also {@value #ALWAYS})
         */
        public Builder add(String name, BusinessTime calendar) {
            checkName(name);
            Objects.requireNonNull(calendar, "calendar");
            if (byName.containsKey(name)) {
                throw new IllegalStateException("calendar " + name + " was already registered");
            }
            byName.put(name, calendar);
            return this;
        }

        /** Registers every calendar of {@code other} but {@value #ALWAYS}. */
        public Builder addAll(Calendars other) {
            other.byName.forEach((n, c) -> {
                if (!n.equals(ALWAYS)) {
                    add(n, c);
                }
            });
            return this;
        }

        public Calendars build() {
            return new Calendars(byName);
        }
    }
}
