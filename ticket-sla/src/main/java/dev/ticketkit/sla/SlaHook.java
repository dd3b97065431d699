package dev.ticketkit.sla;

import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.DueWorkContext;
import dev.ticketkit.core.spi.HookContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs in every command: applies the policy, recomputes the ticket's metrics from its events, keeps
 * {@code dueAt} at the soonest due instant and the warning/breach timers in step. Also runs the
 * timers when they fire.
 */
final class SlaHook implements CommandHook {
  private static final Logger LOG = LoggerFactory.getLogger(SlaHook.class);

  private final Sla sla;

  SlaHook(Sla sla) {
    this.sla = sla;
  }

  @Override
  public String name() {
    return "sla";
  }

  @Override
  public void beforeCommit(HookContext ctx) {
    Ticket t = ctx.ticket();
    if (ctx.before().map(b -> b.status() == TicketStatus.CLOSED).orElse(false)) {
      return; // closed tickets are final; nothing to measure
    }
    List<TicketEvent> events = ctx.history();
    PolicySelection chosen = sla.policies().select(t, ctx.facts());
    String applied = appliedPolicy(events);
    String wanted = chosen.name().orElse(null);
    if (!Objects.equals(applied, wanted) && !(applied == null && wanted == null)) {
      String reason = switch (chosen.reason()) {
        case TAG -> "tag " + chosen.tag();
        case CONDITION -> "condition";
        case NONE -> "no policy matches";
      };
      if (applied != null || wanted != null) {
        ctx.emit(meta -> new TicketEvent.ExtensionEvent(meta, Sla.POLICY_EVENT,
            Map.of("policy", wanted == null ? "" : wanted, "reason", reason)));
        events = ctx.history();
      }
    }
    if (wanted == null && applied == null && t.dueAt().isEmpty()) {
      return; // never had a policy: no state, no timers (skips the due-work read)
    }
    SlaState state = sla.state(events, ctx.now());
    if (reportLateFulfilments(ctx, state)) {
      events = ctx.history();
      state = sla.state(events, ctx.now());
    }
    ctx.setDueAt(state.dueAt().orElse(null));
    List<DueWork> existing = ctx.dueWork();
    sync(t.id(), state, existing, ctx.now(), new Timers() {
      @Override
      public void schedule(DueWork w) {
        ctx.schedule(w);
      }

      @Override
      public void cancel(String key) {
        ctx.cancel(key);
      }
    }, t);
  }

  /**
   * Raises {@code SlaBreached} for metrics this command fulfilled after their due instant before the breach timer
   * ran (a late reply, a solve): the timer is cancelled with the metric, and the breach must still be an event
   * rules and reports see, once.
   */
  private static boolean reportLateFulfilments(HookContext ctx, SlaState state) {
    boolean raised = false;
    for (SlaMetric metric : SlaMetric.values()) {
      MetricState m = state.current(metric).orElse(null);
      if (m != null && !m.open() && m.status() == MetricStatus.BREACHED && !m.breachReported()
          && m.breachedAt() != null && !m.breachedAt().isAfter(ctx.now())) {
        Instant due = m.dueAt() != null ? m.dueAt() : m.breachedAt();
        String policy = m.policy();
        ctx.emit(meta -> new TicketEvent.SlaBreached(meta, metric.key(), policy, due));
        raised = true;
      }
    }
    return raised;
  }

  /** The policy the events last recorded, or null. */
  static String appliedPolicy(List<TicketEvent> events) {
    String name = null;
    for (TicketEvent e : events) {
      if (e instanceof TicketEvent.ExtensionEvent x && Sla.POLICY_EVENT.equals(x.name())) {
        String p = x.attributes().getOrDefault("policy", "");
        name = p.isBlank() ? null : p;
      }
    }
    return name;
  }

  interface Timers {
    void schedule(DueWork w);

    void cancel(String key);
  }

  /** Makes the ticket's SLA timers those the state implies: reschedules moved ones, cancels stale ones. */
  static void sync(TicketId id, SlaState state, List<DueWork> existing, Instant now, Timers timers, Ticket t) {
    String prefix = "sla:" + id + ":";
    Map<String, DueWork> have = new HashMap<>();
    for (DueWork w : existing) {
      if (w.key().startsWith(prefix)) {
        have.put(w.key(), w);
      }
    }
    Map<String, DueWork> want = new LinkedHashMap<>();
    for (MetricState m : state.open()) {
      // only the latest cycle of a metric can be open
      if (!m.breachReported() && m.dueAt() != null) {
        String key = Sla.timerKey(id, m.metric(), true);
        want.put(key, new DueWork(t.tenantId(), key, Sla.BREACH_WORK, id, m.dueAt(), m.metric().key(), 0));
      }
      if (!m.warned() && m.breachedAt() == null && m.warnAt() != null && m.status() == MetricStatus.ACTIVE) {
        String key = Sla.timerKey(id, m.metric(), false);
        want.put(key, new DueWork(t.tenantId(), key, Sla.WARNING_WORK, id, m.warnAt(), m.metric().key(), 0));
      }
    }
    for (DueWork w : want.values()) {
      DueWork old = have.get(w.key());
      if (old == null || !old.dueAt().equals(w.dueAt()) || !old.type().equals(w.type())) {
        timers.schedule(w);
      }
    }
    for (String key : have.keySet()) {
      if (!want.containsKey(key)) {
        timers.cancel(key);
      }
    }
  }

  /** Runs a warning or breach timer: raises the event once, if the metric really is due. */
  void fire(DueWorkContext ctx, boolean breach) {
    DueWork work = ctx.work();
    TicketId id = work.ticketId();
    SlaMetric metric = SlaMetric.ofKey(work.payload()).orElse(null);
    if (id == null || metric == null) {
      LOG.warn("dropping SLA timer {}: no ticket or unknown metric", work.key());
      return;
    }
    ctx.onTicket(id, h -> fire(h, metric, breach));
  }

  private void fire(HookContext h, SlaMetric metric, boolean breach) {
    Ticket t = h.ticket();
    List<TicketEvent> events = h.history();
    SlaState state = sla.state(events, h.now());
    MetricState m = state.current(metric).filter(MetricState::open).orElse(null);
    Instant now = h.now();
    if (m != null && breach && !m.breachReported() && m.breachedAt() != null && !m.breachedAt().isAfter(now)) {
      Instant due = m.dueAt();
      String policy = m.policy();
      h.emit(meta -> new TicketEvent.SlaBreached(meta, metric.key(), policy, due));
      return; // the hook runs for this change and resyncs timers
    }
    if (m != null && !breach && !m.warned() && m.breachedAt() == null && m.warnAt() != null
        && !m.warnAt().isAfter(now)) {
      Instant due = m.dueAt();
      String policy = m.policy();
      h.emit(meta -> new TicketEvent.SlaWarning(meta, metric.key(), policy, due));
      return;
    }
    // not due (moved, paused or fulfilled since it was scheduled): put the timers right
    sync(t.id(), state, h.dueWork(), now, new Timers() {
      @Override
      public void schedule(DueWork w) {
        h.schedule(w);
      }

      @Override
      public void cancel(String key) {
        h.cancel(key);
      }
    }, t);
  }
}
