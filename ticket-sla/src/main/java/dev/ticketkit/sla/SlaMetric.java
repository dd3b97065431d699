package dev.ticketkit.sla;

import dev.ticketkit.core.TicketStatus;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The SLA metrics a policy can target, after Zendesk's published definitions (see the module
 * README for the full table of when each starts, pauses, is fulfilled and breaches).
 *
 * <p>{@link #key()} is the lower-case snake name used in policy files, due-work keys and the core
 * events {@code SlaWarning} / {@code SlaBreached}: {@code first_reply}, {@code next_reply},
 * {@code periodic_update}, {@code resolution}, {@code requester_wait}, {@code agent_work}.
 */
public enum SlaMetric {
  /** Ticket creation until the first public agent reply. */
  FIRST_REPLY,
  /** The oldest unanswered public customer message until the next public agent reply. */
  NEXT_REPLY,
  /** Each public agent reply until the next one, while the ticket is unsolved. */
  PERIODIC_UPDATE,
  /** Creation (or a reopen) until the ticket is solved; a reopen starts a new cycle. */
  RESOLUTION,
  /** Time the requester waits: accumulates while unsolved, paused in PENDING by default. */
  REQUESTER_WAIT,
  /** Time agents have the ticket: accumulates while unsolved, paused in PENDING and ON_HOLD by default. */
  AGENT_WORK;

  private final String key = name().toLowerCase(Locale.ROOT);

  /**
   * The metric's name in files and events.
   *
   * @return the lower-case snake name, such as {@code first_reply}
   */
  public String key() {
    return key;
  }

  /**
   * The statuses in which the metric's clock stops unless a policy says otherwise:
   * {@code PENDING} for {@link #REQUESTER_WAIT}, {@code PENDING} and {@code ON_HOLD} for
   * {@link #AGENT_WORK}, none for the others.
   *
   * @return a new mutable set
   */
  public Set<TicketStatus> defaultPauseStatuses() {
    return switch (this) {
      case REQUESTER_WAIT -> EnumSet.of(TicketStatus.PENDING);
      case AGENT_WORK -> EnumSet.of(TicketStatus.PENDING, TicketStatus.ON_HOLD);
      default -> EnumSet.noneOf(TicketStatus.class);
    };
  }

  /**
   * The metric with this key.
   *
   * @param key a name such as {@code next_reply} (upper case accepted)
   * @return the metric, or empty if there is none of that name
   */
  public static Optional<SlaMetric> ofKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    for (SlaMetric m : values()) {
      if (m.key.equalsIgnoreCase(key.trim())) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return key;
  }
}
