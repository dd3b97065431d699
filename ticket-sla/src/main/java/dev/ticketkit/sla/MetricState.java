package dev.ticketkit.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One cycle of one SLA metric of a ticket, as derived from the ticket's events at a point in time.
 * First reply, requester wait and agent work have one cycle per ticket; next reply, periodic update
 * and resolution may have several (each unanswered customer message, each agent update, each
 * reopen).
 *
 * @param metric         the metric
 * @param cycle          0 for the first cycle of this metric on this ticket, then 1, 2, ...
 * @param status         where it stands
 * @param policy         the policy whose target applies
 * @param target         the target in force (frozen when the cycle ended)
 * @param startedAt      when the cycle started
 * @param dueAt          when the target is (or was) reached: the breach instant; null while paused
 *                       or when it ended before reaching it
 * @param warnAt         when the warning is due, null if none
 * @param used           the target's calendar time counted so far (up to the evaluation time or the
 *                       end), excluding pauses
 * @param fulfilledAt    when the cycle ended, null while open
 * @param breachedAt     when the target was exceeded, null if it was not
 * @param warned         whether the {@code SlaWarning} event was raised in this cycle
 * @param breachReported whether the {@code SlaBreached} event was raised in this cycle
 * @param timeline       what happened, oldest first
 */
public record MetricState(SlaMetric metric, int cycle, MetricStatus status, String policy, SlaTarget target,
    Instant startedAt, Instant dueAt, Instant warnAt, Duration used, Instant fulfilledAt, Instant breachedAt,
    boolean warned, boolean breachReported, List<TimelineStep> timeline) {

  /** Checks the parts and copies the timeline. */
  public MetricState {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(used, "used");
    timeline = List.copyOf(timeline);
  }

  /** @return whether the cycle has not ended (active, paused, or breached and still unfulfilled) */
  public boolean open() {
    return fulfilledAt == null;
  }

  /**
   * The time left before the target is reached, in the target's calendar time.
   *
   * @return target minus used (negative once breached)
   */
  public Duration remaining() {
    return target.time().minus(used);
  }
}
