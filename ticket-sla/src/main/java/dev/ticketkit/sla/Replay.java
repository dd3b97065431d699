package dev.ticketkit.sla;

import dev.ticketkit.core.Calendars;
import dev.ticketkit.core.spi.BusinessTime;

import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Derives the SLA metrics of one ticket from its events: the single place that defines the metric
 * semantics (see the README's table). Live hooks, timers, explain and reports all call it, so what
 * they say agrees by construction. Not thread-safe; one instance per evaluation.
 */
final class Replay {
  private final SlaPolicies policies;
  private final Calendars calendars;

  private TicketId ticketId;
  private TicketStatus status = TicketStatus.NEW;
  private Priority priority = Priority.NORMAL;
  private String policyName;
  private final List<TimelineStep> policySteps = new ArrayList<>();
  private boolean agentInitiated;
  private boolean firstReplyPhaseOver;
  private final Map<SlaMetric, List<Cycle>> cycles = new EnumMap<>(SlaMetric.class);
  private Instant last = Instant.MIN;

  private Replay(SlaPolicies policies, Calendars calendars) {
    this.policies = policies;
    this.calendars = calendars;
    for (SlaMetric m : SlaMetric.values()) {
      cycles.put(m, new ArrayList<>());
    }
  }

  /** Replays the events (one ticket's, oldest first) and evaluates every metric at {@code now}. */
  static SlaState run(List<TicketEvent> events, Instant now, SlaPolicies policies, Calendars calendars) {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(now, "now");
    if (events.isEmpty()) {
      throw new IllegalArgumentException("no events: a ticket has at least its creation event");
    }
    Replay r = new Replay(policies, calendars);
    for (TicketEvent e : events) {
      r.step(e);
    }
    return r.finish(now.isBefore(r.last) ? r.last : now);
  }

  // ---- one event ------------------------------------------------------------------------------

  private void step(TicketEvent e) {
    if (ticketId == null) {
      ticketId = e.ticketId();
    } else if (!ticketId.equals(e.ticketId())) {
      throw new IllegalArgumentException("events of two tickets: " + ticketId + " and " + e.ticketId());
    }
    Instant t = e.occurredAt();
    if (t.isBefore(last)) {
      t = last; // events are in order; a clock that stepped back must not make time run backwards
    }
    // a reply or a solve exactly at the due instant is in time; anything else at that instant comes after it
    advance(t, !fulfils(e));
    last = t;
    apply(e, t);
    updateRunning(t);
    retarget(t);
  }

  private static boolean fulfils(TicketEvent e) {
    if (e instanceof TicketEvent.MessageAdded m) {
      return m.visibility() == Visibility.PUBLIC && m.authorKind() == AuthorKind.AGENT;
    }
    return e instanceof TicketEvent.StatusChanged s && !s.to().isActive();
  }

  private void apply(TicketEvent e, Instant t) {
    if (e instanceof TicketEvent.TicketCreated c) {
      status = c.ticket().status();
      priority = c.ticket().priority();
      start(SlaMetric.FIRST_REPLY, t, "ticket created");
      start(SlaMetric.RESOLUTION, t, "ticket created");
      start(SlaMetric.REQUESTER_WAIT, t, "ticket created");
      start(SlaMetric.AGENT_WORK, t, "ticket created");
    } else if (e instanceof TicketEvent.MessageAdded m) {
      if (m.visibility() != Visibility.PUBLIC) {
        return;
      }
      if (m.authorKind() == AuthorKind.AGENT) {
        agentReply(m, t);
      } else if (m.authorKind() == AuthorKind.CUSTOMER) {
        customerMessage(t);
      }
    } else if (e instanceof TicketEvent.StatusChanged s) {
      TicketStatus from = status;
      status = s.to();
      boolean wasDone = !from.isActive();
      if (!status.isActive() && !wasDone) {
        String why = status == TicketStatus.SOLVED ? "ticket solved" : "ticket closed";
        for (SlaMetric m : SlaMetric.values()) {
          fulfil(m, t, why, true);
        }
      } else if (from == TicketStatus.SOLVED && status.isActive()) {
        start(SlaMetric.RESOLUTION, t, "ticket reopened");
        reopen(SlaMetric.REQUESTER_WAIT, t);
        reopen(SlaMetric.AGENT_WORK, t);
      }
    } else if (e instanceof TicketEvent.PriorityChanged p) {
      priority = p.to();
    } else if (e instanceof TicketEvent.ExtensionEvent x && Sla.POLICY_EVENT.equals(x.name())) {
      String name = x.attributes().getOrDefault("policy", "");
      policyName = name.isBlank() ? null : name;
      policySteps.add(new TimelineStep(t, TimelineStep.Kind.RETARGETED,
          (policyName == null ? "no policy applies" : "policy " + policyName + " applied")
              + (x.attributes().containsKey("reason") ? ": " + x.attributes().get("reason") : "")));
    } else if (e instanceof TicketEvent.SlaBreached b) {
      SlaMetric.ofKey(b.metric()).map(this::latest).ifPresent(c -> {
        c.breachReported = true;
        c.steps.add(new TimelineStep(t, TimelineStep.Kind.BREACH_REPORTED, "due " + b.dueAt()));
      });
    } else if (e instanceof TicketEvent.SlaWarning w) {
      SlaMetric.ofKey(w.metric()).map(this::latest).ifPresent(c -> {
        c.warned = true;
        c.steps.add(new TimelineStep(t, TimelineStep.Kind.WARNED, "due " + w.dueAt()));
      });
    }
  }

  private void agentReply(TicketEvent.MessageAdded m, Instant t) {
    Cycle frt = open(SlaMetric.FIRST_REPLY);
    if (m.meta().ticketVersion() == 1 && frt != null && frt.start.equals(t) && !firstReplyPhaseOver) {
      // an agent opened the ticket with a public message: an outbound ticket, first reply waits for the customer
      agentInitiated = true;
      cycles.get(SlaMetric.FIRST_REPLY).remove(frt);
    } else if (frt != null) {
      fulfil(SlaMetric.FIRST_REPLY, t, "first agent reply", false);
      firstReplyPhaseOver = true;
    }
    fulfil(SlaMetric.NEXT_REPLY, t, "agent reply", false);
    fulfil(SlaMetric.PERIODIC_UPDATE, t, "agent update", false);
    if (status.isActive()) {
      start(SlaMetric.PERIODIC_UPDATE, t, "agent reply");
    }
  }

  private void customerMessage(Instant t) {
    if (status == TicketStatus.CLOSED) {
      return;
    }
    if (!firstReplyPhaseOver) {
      if (agentInitiated && open(SlaMetric.FIRST_REPLY) == null) {
        start(SlaMetric.FIRST_REPLY, t, "first customer message");
      }
      return; // first reply covers the customer's messages until the first agent reply
    }
    if (open(SlaMetric.NEXT_REPLY) == null) {
      start(SlaMetric.NEXT_REPLY, t, "oldest unanswered customer message");
    }
  }

  // ---- cycles ---------------------------------------------------------------------------------

  private Cycle open(SlaMetric m) {
    List<Cycle> list = cycles.get(m);
    if (list.isEmpty()) {
      return null;
    }
    Cycle c = list.get(list.size() - 1);
    return c.fulfilledAt == null ? c : null;
  }

  private Cycle latest(SlaMetric m) {
    List<Cycle> list = cycles.get(m);
    return list.isEmpty() ? null : list.get(list.size() - 1);
  }

  private void start(SlaMetric m, Instant t, String why) {
    if (open(m) != null) {
      return;
    }
    List<Cycle> list = cycles.get(m);
    Cycle c = new Cycle(m, list.size(), t);
    c.steps.add(new TimelineStep(t, TimelineStep.Kind.STARTED, why));
    list.add(c);
  }

  private void reopen(SlaMetric m, Instant t) {
    Cycle c = latest(m);
    if (c == null) {
      start(m, t, "ticket reopened");
      return;
    }
    if (c.fulfilledAt != null) {
      c.fulfilledAt = null;
      c.steps.add(new TimelineStep(t, TimelineStep.Kind.REOPENED, "ticket reopened"));
    }
  }

  private void fulfil(SlaMetric m, Instant t, String why, boolean bySolve) {
    Cycle c = open(m);
    if (c == null) {
      return;
    }
    if (bySolve && c.start.equals(t) && c.steps.size() == 1) {
      // started and solved in the same instant (an agent logs a call and solves it): nothing to measure
      cycles.get(m).remove(c);
      if (m == SlaMetric.FIRST_REPLY) {
        firstReplyPhaseOver = true;
      }
      return;
    }
    if (c.runningSince != null) {
      c.closed.add(new Instant[] {c.runningSince, t});
      c.runningSince = null;
    }
    c.fulfilledAt = t;
    c.steps.add(new TimelineStep(t, TimelineStep.Kind.FULFILLED, why));
    if (m == SlaMetric.FIRST_REPLY) {
      firstReplyPhaseOver = true;
    }
  }

  private SlaPolicy policy() {
    return policyName == null ? null : policies.find(policyName).orElse(null);
  }

  private void updateRunning(Instant t) {
    SlaPolicy p = policy();
    for (SlaMetric m : SlaMetric.values()) {
      Cycle c = open(m);
      if (c == null) {
        continue;
      }
      Set<TicketStatus> pause = p == null ? m.defaultPauseStatuses() : p.pauseIn(m);
      boolean run = status.isActive() && !pause.contains(status);
      if (run && c.runningSince == null) {
        c.runningSince = t;
        TimelineStep lastStep = c.steps.get(c.steps.size() - 1);
        if (!lastStep.at().equals(t) || lastStep.kind() == TimelineStep.Kind.PAUSED) {
          c.steps.add(new TimelineStep(t, TimelineStep.Kind.RESUMED, "status " + status));
        }
      } else if (!run && c.runningSince != null) {
        c.closed.add(new Instant[] {c.runningSince, t});
        c.runningSince = null;
        c.steps.add(new TimelineStep(t, TimelineStep.Kind.PAUSED, "status " + status));
      } else if (!run && c.steps.size() == 1 && c.start.equals(t) && c.closed.isEmpty()) {
        c.steps.add(new TimelineStep(t, TimelineStep.Kind.PAUSED, "status " + status));
      }
    }
  }

  private void retarget(Instant t) {
    SlaPolicy p = policy();
    for (SlaMetric m : SlaMetric.values()) {
      Cycle c = open(m);
      if (c == null) {
        continue;
      }
      SlaTarget next = p == null ? null : p.target(priority, m).orElse(null);
      String nextPolicy = next == null ? null : p.name();
      if (Objects.equals(next, c.target) && Objects.equals(nextPolicy, c.policy)) {
        continue;
      }
      c.target = next;
      c.policy = nextPolicy;
      c.targetSince = t;
      c.steps.add(new TimelineStep(t, TimelineStep.Kind.RETARGETED, next == null ? "no target"
          : "target " + next + " of policy " + nextPolicy + " at priority " + priority));
    }
  }

  /** Marks breaches that happened before {@code t} (or at it, when {@code inclusive}). */
  private void advance(Instant t, boolean inclusive) {
    for (SlaMetric m : SlaMetric.values()) {
      Cycle c = open(m);
      if (c == null || c.target == null || c.breachedAt != null) {
        continue;
      }
      Instant b = c.pointAt(c.target.time(), calendars);
      if (b != null && (b.isBefore(t) || (inclusive && !b.isAfter(t)))) {
        c.breachedAt = b;
        c.steps.add(new TimelineStep(b, TimelineStep.Kind.BREACHED, "target " + c.target));
      }
    }
  }

  // ---- result ---------------------------------------------------------------------------------

  private SlaState finish(Instant now) {
    advance(now, true);
    List<MetricState> states = new ArrayList<>();
    Instant due = null;
    for (SlaMetric m : SlaMetric.values()) {
      for (Cycle c : cycles.get(m)) {
        if (c.target == null) {
          continue;
        }
        MetricState s = c.state(now, policies, calendars);
        states.add(s);
        if (s.open() && s.dueAt() != null && (due == null || s.dueAt().isBefore(due))) {
          due = s.dueAt();
        }
      }
    }
    List<SlaState.Untracked> untracked = new ArrayList<>();
    for (SlaMetric m : SlaMetric.values()) {
      for (Cycle c : cycles.get(m)) {
        if (c.target == null) {
          untracked.add(new SlaState.Untracked(m, c.index, c.start, c.fulfilledAt, List.copyOf(c.steps)));
        }
      }
    }
    return new SlaState(ticketId, policyName, priority, status, now, states, due, untracked,
        Collections.unmodifiableList(new ArrayList<>(policySteps)));
  }

  /** One cycle of one metric while replaying. */
  private static final class Cycle {
    final SlaMetric metric;
    final int index;
    final Instant start;
    final List<Instant[]> closed = new ArrayList<>();
    final List<TimelineStep> steps = new ArrayList<>();
    Instant runningSince;
    Instant fulfilledAt;
    Instant breachedAt;
    SlaTarget target;
    String policy;
    Instant targetSince;
    boolean warned;
    boolean breachReported;

    Cycle(SlaMetric metric, int index, Instant start) {
      this.metric = metric;
      this.index = index;
      this.start = start;
      this.targetSince = start;
    }

    /**
     * The instant at which {@code amount} of the target's calendar time has been used (never before the
     * current target was set), or null if that is not reached with the clock as it stands (paused).
     */
    Instant pointAt(Duration amount, Calendars calendars) {
      BusinessTime cal = calendars.find(target.calendar()).orElse(BusinessTime.always());
      Duration acc = Duration.ZERO;
      Instant hit = null;
      try {
        for (Instant[] iv : closed) {
          Duration d = cal.between(iv[0], iv[1]);
          if (acc.plus(d).compareTo(amount) >= 0) {
            hit = cal.plus(iv[0], amount.minus(acc));
            break;
          }
          acc = acc.plus(d);
        }
        if (hit == null && runningSince != null) {
          hit = cal.plus(runningSince, amount.minus(acc));
        }
      } catch (IllegalStateException | ArithmeticException | java.time.DateTimeException e) {
        return null; // the calendar has no open time left: never reached
      }
      if (hit == null) {
        return null;
      }
      return hit.isBefore(targetSince) ? targetSince : hit;
    }

    Duration used(Instant until, Calendars calendars) {
      BusinessTime cal = calendars.find(target.calendar()).orElse(BusinessTime.always());
      Duration acc = Duration.ZERO;
      for (Instant[] iv : closed) {
        acc = acc.plus(cal.between(iv[0], iv[1]));
      }
      if (runningSince != null && until.isAfter(runningSince)) {
        acc = acc.plus(cal.between(runningSince, until));
      }
      return acc;
    }

    MetricState state(Instant now, SlaPolicies policies, Calendars calendars) {
      MetricStatus st;
      if (breachedAt != null) {
        st = MetricStatus.BREACHED;
      } else if (fulfilledAt != null) {
        st = MetricStatus.ACHIEVED;
      } else {
        st = runningSince != null ? MetricStatus.ACTIVE : MetricStatus.PAUSED;
      }
      Instant due = breachedAt != null ? breachedAt : fulfilledAt == null ? pointAt(target.time(), calendars) : null;
      Instant warnAt = null;
      if (fulfilledAt == null && breachedAt == null) {
        WarningThreshold w = policies.find(policy).flatMap(p -> p.warning(metric)).orElse(null);
        if (w != null) {
          warnAt = w.usedAt(target.time()).map(a -> pointAt(a, calendars)).orElse(null);
        }
      }
      Duration usedNow = used(fulfilledAt != null ? fulfilledAt : now, calendars);
      return new MetricState(metric, index, st, policy, target, start, due, warnAt, usedNow, fulfilledAt, breachedAt,
          warned, breachReported, steps);
    }
  }
}
