package dev.ticketkit.sla;

import dev.ticketkit.config.Durations;

import dev.ticketkit.core.Customer;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.condition.Conditions;
import dev.ticketkit.core.condition.TicketFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a ticket has the SLA it has: which policy applies and why (its {@code sla_policy:} tag, or
 * each policy's condition evaluated against the ticket with {@link Conditions#explain}), and per
 * metric cycle the timeline (started, paused/resumed, re-targeted, warned, breached, fulfilled)
 * with target, time used and due instant. {@link #render()} prints it for support staff. It shows
 * ids, statuses, policy names and condition values (such as the ticket's tags or channel); it never
 * includes message text.
 *
 * @param ticketId  the ticket
 * @param number    the ticket's number, such as {@code TK-000123}
 * @param selection the policy the ticket's current fields select
 * @param tag       the {@code sla_policy:} tag on the ticket, "" if none
 * @param checks    every policy's condition, in order, as evaluated now
 * @param state     the metrics, derived from the events
 */
public record SlaExplanation(TicketId ticketId, String number, PolicySelection selection, String tag,
    List<PolicyCheck> checks, SlaState state) {

  /**
   * One policy's condition against the ticket.
   *
   * @param policy      the policy's name
   * @param matched     whether the condition holds
   * @param explanation the condition's evaluation, test by test
   */
  public record PolicyCheck(String policy, boolean matched, Conditions.Explanation explanation) {
    /** Checks the parts. */
    public PolicyCheck {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(explanation, "explanation");
    }
  }

  /** Checks the parts and copies the list. */
  public SlaExplanation {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(tag, "tag");
    checks = List.copyOf(checks);
    Objects.requireNonNull(state, "state");
  }

  static SlaExplanation of(Ticket ticket, Customer requester, SlaPolicies policies, SlaState state) {
    TicketFacts facts = TicketFacts.of(ticket, requester);
    List<PolicyCheck> checks = new ArrayList<>();
    for (SlaPolicy p : policies.list()) {
      Conditions.Explanation e = Conditions.explain(p.when(), facts);
      checks.add(new PolicyCheck(p.name(), e.result(), e));
    }
    String tag = ticket.tags().stream().filter(t -> t.startsWith(SlaPolicies.TAG_PREFIX)).findFirst().orElse("");
    return new SlaExplanation(ticket.id(), ticket.number().toString(), policies.select(ticket, requester), tag, checks,
        state);
  }

  /**
   * The policy recorded on the ticket (the one its metrics use).
   *
   * @return its name, or empty
   */
  public Optional<String> appliedPolicy() {
    return state.policy();
  }

  /**
   * A readable report, one line per fact.
   *
   * @return the text
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("SLA of ").append(number).append(" (").append(ticketId).append(") at ").append(state.evaluatedAt())
        .append(": status ").append(state.status()).append(", priority ").append(state.priority()).append('\n');
    out.append("policy: ").append(state.policy().orElse("none"));
    switch (selection.reason()) {
      case TAG -> out.append(" (chosen by tag ").append(selection.tag()).append(")");
      case CONDITION -> out.append(" (first policy whose condition holds)");
      case NONE -> out.append(" (no policy's condition holds)");
    }
    if (!selection.name().equals(state.policy())) {
      out.append(" - the ticket's fields now select ").append(selection.name().orElse("none"))
          .append(", applied at its next change");
    }
    out.append('\n');
    if (!tag.isEmpty() && selection.reason() != PolicySelection.Reason.TAG) {
      out.append("  tag ").append(tag).append(" names no policy; conditions decide\n");
    }
    for (int i = 0; i < checks.size(); i++) {
      PolicyCheck c = checks.get(i);
      out.append("  ").append(i + 1).append(". ").append(c.policy()).append(c.matched() ? ": matches" : ": no match");
      c.explanation().firstFailure().ifPresent(f -> out.append(" - fails at ").append(f.condition().describe())
          .append(f.actual() == null ? "" : " (was " + f.actual() + ")"));
      out.append('\n');
      for (String line : c.explanation().render().split("\n")) {
        if (!line.isBlank()) {
          out.append("       ").append(line).append('\n');
        }
      }
    }
    for (TimelineStep s : state.policySteps()) {
      out.append("  ").append(s).append('\n');
    }
    out.append("metrics:\n");
    if (state.metrics().isEmpty() && state.untracked().isEmpty()) {
      out.append("  none\n");
    }
    for (MetricState m : state.metrics()) {
      out.append("  ").append(m.metric().key()).append(" #").append(m.cycle()).append(": ").append(m.status())
          .append(", target ").append(m.target()).append(" of ").append(m.policy())
          .append(", used ").append(Durations.format(m.used()));
      if (m.dueAt() != null) {
        out.append(", due ").append(m.dueAt());
      }
      if (m.warnAt() != null) {
        out.append(", warning at ").append(m.warnAt());
      }
      out.append('\n');
      for (TimelineStep s : m.timeline()) {
        out.append("    ").append(s).append('\n');
      }
    }
    for (SlaState.Untracked u : state.untracked()) {
      out.append("  ").append(u.metric().key()).append(" #").append(u.cycle()).append(": not measured (no target)")
          .append(u.fulfilledAt() == null ? ", open" : ", ended " + u.fulfilledAt()).append('\n');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
