package dev.ticketkit.sla;

import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLA metrics of one ticket at one instant, derived from its events by {@link Sla#state}. Every
 * cycle that has a target is listed (oldest first per metric); {@link #current(SlaMetric)} is the
 * latest. Immutable.
 */
public final class SlaState {
  private final TicketId ticketId;
  private final String policy;
  private final Priority priority;
  private final TicketStatus status;
  private final Instant evaluatedAt;
  private final List<MetricState> metrics;
  private final Instant dueAt;
  private final List<Untracked> untracked;
  private final List<TimelineStep> policySteps;

  /** A cycle no target measures (no policy, or none for the metric at the priority): shown by explain only. */
  record Untracked(SlaMetric metric, int cycle, Instant startedAt, Instant fulfilledAt, List<TimelineStep> timeline) {
  }

  SlaState(TicketId ticketId, String policy, Priority priority, TicketStatus status, Instant evaluatedAt,
      List<MetricState> metrics, Instant dueAt, List<Untracked> untracked, List<TimelineStep> policySteps) {
    this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
    this.policy = policy;
    this.priority = priority;
    this.status = status;
    this.evaluatedAt = evaluatedAt;
    this.metrics = List.copyOf(metrics);
    this.dueAt = dueAt;
    this.untracked = List.copyOf(untracked);
    this.policySteps = List.copyOf(policySteps);
  }

  /** @return the ticket */
  public TicketId ticketId() {
    return ticketId;
  }

  /** @return the name of the policy in force, or empty when none applies */
  public Optional<String> policy() {
    return Optional.ofNullable(policy);
  }

  /** @return the ticket's priority at the evaluation time */
  public Priority priority() {
    return priority;
  }

  /** @return the ticket's status at the evaluation time */
  public TicketStatus status() {
    return status;
  }

  /** @return the instant the metrics were evaluated at */
  public Instant evaluatedAt() {
    return evaluatedAt;
  }

  /** @return every measured cycle, by metric then cycle */
  public List<MetricState> metrics() {
    return metrics;
  }

  /**
   * The latest cycle of a metric.
   *
   * @param metric the metric
   * @return its latest measured cycle, or empty when it has none
   */
  public Optional<MetricState> current(SlaMetric metric) {
    MetricState found = null;
    for (MetricState s : metrics) {
      if (s.metric() == metric) {
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }

  /** @return the open cycles (active, paused, or breached and unfulfilled) */
  public List<MetricState> open() {
    return metrics.stream().filter(MetricState::open).toList();
  }

  /**
   * The soonest due instant of an open cycle whose clock runs (or that already breached): what the
   * ticket's {@code dueAt} is kept at, so that views sort by it.
   *
   * @return the instant, or empty when nothing is due
   */
  public Optional<Instant> dueAt() {
    return Optional.ofNullable(dueAt);
  }

  List<Untracked> untracked() {
    return untracked;
  }

  List<TimelineStep> policySteps() {
    return policySteps;
  }

  @Override
  public String toString() {
    return "SlaState[" + ticketId + " policy=" + policy + " " + priority + " " + status + " due=" + dueAt + " "
        + metrics.stream().map(m -> m.metric().key() + "#" + m.cycle() + "=" + m.status()).toList() + "]";
  }
}
