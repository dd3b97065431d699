package dev.ticketkit.sla;

import java.util.Objects;
import java.util.Optional;

/**
 * Which policy a ticket gets and why.
 *
 * @param policy the policy, or null when none applies
 * @param reason why
 * @param tag    the {@code sla_policy:} tag that chose it, "" otherwise
 */
public record PolicySelection(SlaPolicy policy, Reason reason, String tag) {
  private static final PolicySelection NONE = new PolicySelection(null, Reason.NONE, "");

  /** Why a policy was chosen. */
  public enum Reason {
    /** The ticket's {@code sla_policy:<name>} tag names it. */
    TAG,
    /** It is the first policy whose condition holds. */
    CONDITION,
    /** No policy applies. */
    NONE
  }

  /** Checks that the parts agree. */
  public PolicySelection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(tag, "tag");
    if ((policy == null) != (reason == Reason.NONE)) {
      throw new IllegalArgumentException("a selection has a policy exactly when its reason is not NONE");
    }
  }

  /** @return the selection of no policy */
  public static PolicySelection none() {
    return NONE;
  }

  /** @return the chosen policy's name, or empty */
  public Optional<String> name() {
    return policy == null ? Optional.empty() : Optional.of(policy.name());
  }
}
