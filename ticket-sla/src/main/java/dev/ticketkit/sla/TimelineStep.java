package dev.ticketkit.sla;

import java.time.Instant;
import java.util.Objects;

/**
 * One step in the life of an SLA metric cycle, for {@link SlaExplanation}.
 *
 * @param at     when
 * @param kind   what happened
 * @param detail a short description (a status, a reason, a target); no ticket or customer text
 */
public record TimelineStep(Instant at, Kind kind, String detail) {

  /** What happened. */
  public enum Kind {
    /** The cycle started. */
    STARTED,
    /** The clock stopped because of the ticket's status. */
    PAUSED,
    /** The clock runs again. */
    RESUMED,
    /** A policy or priority change gave the cycle a new target (or none). */
    RETARGETED,
    /** A solved ticket was reopened and the cycle continues. */
    REOPENED,
    /** The warning event was raised. */
    WARNED,
    /** The target was exceeded. */
    BREACHED,
    /** The breach event was raised. */
    BREACH_REPORTED,
    /** The cycle ended: a reply, or the ticket was solved. */
    FULFILLED
  }

  /** Checks the parts. */
  public TimelineStep {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return at + " " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
