package dev.ticketkit.sla;

import dev.ticketkit.core.Calendars;

import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.condition.Condition;
import dev.ticketkit.core.condition.Conditions;
import dev.ticketkit.core.condition.TicketFacts;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An SLA policy: the condition that selects it and, per priority, a target for each metric it
 * measures, plus per metric the statuses that pause its clock and an optional warning. Built in
 * code with {@link #builder(String)} or read from a file with {@link SlaPolicies#fromYaml}.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * SlaPolicy vip = SlaPolicy.builder("vip")
 *     .when(Condition.where("customer.tier", Operator.GREATER_OR_EQUAL, 3))
 *     .calendar("office")                                        // business hours
 *     .target(Priority.URGENT, SlaMetric.FIRST_REPLY, Duration.ofMinutes(30))
 *     .target(Priority.URGENT, SlaMetric.RESOLUTION, Duration.ofHours(8), Calendars.ALWAYS)
 *     .warning(WarningThreshold.percent(80))
 *     .build();
 * }</pre>
 */
public final class SlaPolicy {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,52}");
  private static final Set<TicketStatus> PAUSABLE =
      EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD);

  private final String name;
  private final Condition when;
  private final String calendar;
  private final Map<Priority, Map<SlaMetric, SlaTarget>> targets;
  private final Map<SlaMetric, Set<TicketStatus>> pauseIn;
  private final Map<SlaMetric, WarningThreshold> warnings;

  private SlaPolicy(Builder b) {
    this.name = b.name;
    this.when = b.when;
    this.calendar = b.calendar;
    EnumMap<Priority, Map<SlaMetric, SlaTarget>> t = new EnumMap<>(Priority.class);
    b.targets.forEach((p, byMetric) -> {
      EnumMap<SlaMetric, SlaTarget> copy = new EnumMap<>(SlaMetric.class);
      byMetric.forEach((m, target) -> copy.put(m,
          new SlaTarget(target.time(), target.calendar() == null ? b.calendar : target.calendar())));
      t.put(p, Collections.unmodifiableMap(copy));
    });
    this.targets = Collections.unmodifiableMap(t);
    EnumMap<SlaMetric, Set<TicketStatus>> pauses = new EnumMap<>(SlaMetric.class);
    for (SlaMetric m : SlaMetric.values()) {
      Set<TicketStatus> s = b.pauseIn.get(m);
      pauses.put(m, Collections.unmodifiableSet(s != null ? EnumSet.copyOf(s) : m.defaultPauseStatuses()));
    }
    this.pauseIn = Collections.unmodifiableMap(pauses);
    EnumMap<SlaMetric, WarningThreshold> w = new EnumMap<>(SlaMetric.class);
    for (SlaMetric m : SlaMetric.values()) {
      WarningThreshold x = b.warnings.containsKey(m) ? b.warnings.get(m) : b.warning;
      if (x != null) {
        w.put(m, x);
      }
    }
    this.warnings = Collections.unmodifiableMap(w);
  }

  /**
   * A builder for a policy.
   *
   * @param name 1 to 53 lower-case letters, digits and {@code _.-}, starting with a letter or digit
   *             (so that the tag {@code sla_policy:<name>} can name it)
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @return the policy's name */
  public String name() {
    return name;
  }

  /** @return the condition that selects the policy, bound to {@link TicketFacts#SCHEMA} */
  public Condition when() {
    return when;
  }

  /** @return the calendar of targets that name none ({@value Calendars#ALWAYS} by default) */
  public String calendar() {
    return calendar;
  }

  /**
   * The target of a metric at a priority.
   *
   * @param priority the ticket's priority
   * @param metric   the metric
   * @return the target, or empty when the policy does not measure the metric at that priority
   */
  public Optional<SlaTarget> target(Priority priority, SlaMetric metric) {
    Map<SlaMetric, SlaTarget> m = targets.get(priority);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(metric));
  }

  /** @return every target, by priority then metric */
  public Map<Priority, Map<SlaMetric, SlaTarget>> targets() {
    return targets;
  }

  /**
   * The statuses that stop a metric's clock under this policy.
   *
   * @param metric the metric
   * @return the statuses (the metric's defaults unless the policy set its own)
   */
  public Set<TicketStatus> pauseIn(SlaMetric metric) {
    return pauseIn.get(metric);
  }

  /**
   * The warning of a metric.
   *
   * @param metric the metric
   * @return the threshold, or empty for no warning
   */
  public Optional<WarningThreshold> warning(SlaMetric metric) {
    return Optional.ofNullable(warnings.get(metric));
  }

  @Override
  public String toString() {
    return "SlaPolicy[" + name + " when " + when.describe() + "]";
  }

  /**
   * Builds a {@link SlaPolicy}. Each call is checked at once; a single-valued option set twice is
   * an {@link IllegalStateException}.
   */
  public static final class Builder {
    private final String name;
    private Condition when = Condition.always();
    private boolean whenSet;
    private String calendar = Calendars.ALWAYS;
    private boolean calendarSet;
    private WarningThreshold warning;
    private final Map<Priority, Map<SlaMetric, PendingTarget>> targets = new EnumMap<>(Priority.class);
    private final Map<SlaMetric, Set<TicketStatus>> pauseIn = new EnumMap<>(SlaMetric.class);
    private final Map<SlaMetric, WarningThreshold> warnings = new EnumMap<>(SlaMetric.class);

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "a policy name is 1 to 53 lower-case letters, digits and _.- starting with a letter or digit");
      }
      this.name = name;
    }

    /**
     * The condition that selects the policy (default: always). It is checked against
     * {@link TicketFacts#SCHEMA} here.
     *
     * @param condition the condition
     * @return this builder
     * @throws dev.ticketkit.core.condition.ConditionException naming the mistake
     */
    public Builder when(Condition condition) {
      if (whenSet) {
        throw new IllegalStateException("when was already set");
      }
      this.when = Conditions.bind(Objects.requireNonNull(condition, "condition"), TicketFacts.SCHEMA);
      this.whenSet = true;
      return this;
    }

    /**
     * The calendar of targets added without one (default {@value Calendars#ALWAYS}).
     *
     * @param calendarName a name in the host's {@link Calendars} (registered on the engine)
     * @return this builder
     */
    public Builder calendar(String calendarName) {
      if (calendarSet) {
        throw new IllegalStateException("calendar was already set");
      }
      this.calendar = Calendars.checkName(calendarName);
      this.calendarSet = true;
      return this;
    }

    /**
     * A target on the policy's calendar.
     *
     * @param priority the priority
     * @param metric   the metric
     * @param time     the target, positive
     * @return this builder
     * @throws IllegalStateException if that priority and metric already have a target
     */
    public Builder target(Priority priority, SlaMetric metric, Duration time) {
      return put(priority, metric, time, null);
    }

    /**
     * A target on a named calendar.
     *
     * @param priority     the priority
     * @param metric       the metric
     * @param time         the target, positive
     * @param calendarName a name in the host's {@link Calendars} (registered on the engine), or {@value Calendars#ALWAYS}
     * @return this builder
     * @throws IllegalStateException if that priority and metric already have a target
     */
    public Builder target(Priority priority, SlaMetric metric, Duration time, String calendarName) {
      return put(priority, metric, time, Calendars.checkName(calendarName));
    }

    private Builder put(Priority priority, SlaMetric metric, Duration time, String cal) {
      Objects.requireNonNull(priority, "priority");
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(time, "time");
      if (time.isNegative() || time.isZero()) {
        throw new IllegalArgumentException("an SLA target must be positive: " + time);
      }
      Map<SlaMetric, PendingTarget> byMetric = targets.computeIfAbsent(priority, p -> new EnumMap<>(SlaMetric.class));
      if (byMetric.containsKey(metric)) {
        throw new IllegalStateException("target " + priority + " " + metric.key() + " was already set");
      }
      // a null calendar is resolved to the policy's calendar in build()
      byMetric.put(metric, new PendingTarget(time, cal));
      return this;
    }

    /**
     * The statuses that stop the metric's clock, replacing its defaults
     * ({@link SlaMetric#defaultPauseStatuses()}); none means it never pauses.
     *
     * @param metric   the metric
     * @param statuses some of NEW, OPEN, PENDING, ON_HOLD
     * @return this builder
     */
    public Builder pauseIn(SlaMetric metric, TicketStatus... statuses) {
      Objects.requireNonNull(metric, "metric");
      if (pauseIn.containsKey(metric)) {
        throw new IllegalStateException("pause statuses of " + metric.key() + " were already set");
      }
      Set<TicketStatus> set = EnumSet.noneOf(TicketStatus.class);
      for (TicketStatus s : statuses) {
        Objects.requireNonNull(s, "status");
        if (!PAUSABLE.contains(s)) {
          throw new IllegalArgumentException("a metric can pause in NEW, OPEN, PENDING or ON_HOLD, not " + s);
        }
        set.add(s);
      }
      pauseIn.put(metric, set);
      return this;
    }

    /**
     * The warning of every metric that has no warning of its own (default: none).
     *
     * @param threshold the threshold
     * @return this builder
     */
    public Builder warning(WarningThreshold threshold) {
      if (warning != null) {
        throw new IllegalStateException("warning was already set");
      }
      this.warning = Objects.requireNonNull(threshold, "threshold");
      return this;
    }

    /**
     * The warning of one metric.
     *
     * @param metric    the metric
     * @param threshold the threshold, or null for no warning on this metric
     * @return this builder
     */
    public Builder warning(SlaMetric metric, WarningThreshold threshold) {
      Objects.requireNonNull(metric, "metric");
      if (warnings.containsKey(metric)) {
        throw new IllegalStateException("warning of " + metric.key() + " was already set");
      }
      warnings.put(metric, threshold);
      return this;
    }

    /**
     * The policy.
     *
     * @return the policy
     */
    public SlaPolicy build() {
      return new SlaPolicy(this);
    }
  }

  /** A target whose calendar may still be the policy's (null until build). */
  private record PendingTarget(Duration time, String calendar) {
  }
}
