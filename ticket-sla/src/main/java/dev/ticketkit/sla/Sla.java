package dev.ticketkit.sla;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.config.ConfigException;
import dev.ticketkit.core.Calendars;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.TicketModule;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SLA module: policies on the engine's business calendars, plugged in as a {@link TicketModule}.
 *
 * <pre>{@code
 * Calendars calendars = Calendars.builder().add("office", officeHours).build();     // once, for every module
 * Sla sla = Sla.of(SlaPolicies.load(Path.of("sla.yaml"), calendars));
 * TicketEngine engine = TicketEngine.builder().store(store).calendars(calendars)
 *         .module(rules).module(sla)                                              // SLA after rules
 *         .build();
 * ...
 * SlaState state = sla.state(engine, supervisor, ticketId);            // metrics now
 * System.out.println(sla.explain(engine, supervisor, ticketId).render());
 * System.out.println(sla.report(engine, supervisor, ticketIds).render());
 * }</pre>
 *
 * <p>Installed, it keeps every ticket's {@code dueAt} at its soonest SLA due instant, and schedules
 * one warning and one breach timer per ticket and metric (due-work keys
 * {@code sla:<ticket>:<metric>:warn|breach}, so a reschedule replaces). Timers fire once as the
 * core events {@link TicketEvent.SlaWarning} and {@link TicketEvent.SlaBreached}, in a system
 * command of their own, where rules hooks see them. The policy applied to a ticket is recorded as
 * an extension event {@value #POLICY_EVENT} whenever it changes, so that metric state can be
 * recomputed from a ticket's events alone. Policies are chosen on the engine's facts, so a policy may test
 * a module's facts ({@code member.tier}). Install it after the modules whose changes it should see (rules,
 * routing): its hook then sees the final priority and status of the command. Thread-safe; installed on one
 * engine only.
 */
public final class Sla implements TicketModule {
  /** The name of the extension event recording the policy applied to a ticket (attributes {@code policy}, {@code reason}). */
  public static final String POLICY_EVENT = "sla.policy";
  /** The due-work type of breach timers. */
  public static final String BREACH_WORK = "sla.breach";
  /** The due-work type of warning timers. */
  public static final String WARNING_WORK = "sla.warning";

  private final SlaPolicies policies;
  private volatile Calendars calendars;
  private final SlaHook hook;
  private final AtomicBoolean installed = new AtomicBoolean();

  private Sla(SlaPolicies policies, Calendars calendars) {
    this.policies = policies;
    this.calendars = calendars;
    this.hook = new SlaHook(this);
  }

  /**
   * SLA on these policies, on the calendars of the engine it is installed on.
   *
   * @param policies the policies, in order
   * @return the module
   */
  public static Sla of(SlaPolicies policies) {
    Objects.requireNonNull(policies, "policies");
    return new Sla(policies, Calendars.alwaysOnly());
  }

  /**
   * SLA on these policies and calendars, for use without an engine ({@link #state(List, Instant)},
   * {@link #report(Collection, Instant)} over events read elsewhere). Installed on an engine, it uses the
   * engine's calendars.
   *
   * @throws ConfigException if a policy names a calendar the registry does not have
   */
  public static Sla of(SlaPolicies policies, Calendars calendars) {
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(calendars, "calendars");
    checkCalendars(policies, calendars);
    return new Sla(policies, calendars);
  }

  private static void checkCalendars(SlaPolicies policies, Calendars calendars) {
    for (int i = 0; i < policies.list().size(); i++) {
      SlaPolicy p = policies.list().get(i);
      for (Map.Entry<Priority, Map<SlaMetric, SlaTarget>> e : p.targets().entrySet()) {
        for (Map.Entry<SlaMetric, SlaTarget> t : e.getValue().entrySet()) {
          if (calendars.find(t.getValue().calendar()).isEmpty()) {
            throw new ConfigException("", 0, 0, "policies[" + i + "].targets." + e.getKey() + "." + t.getKey().key(),
                "unknown calendar \"" + t.getValue().calendar() + "\" (known: " + String.join(", ", calendars.names()) + ")");
          }
        }
      }
    }
  }

  @Override
  public String name() {
    return "sla";
  }

  /**
   * Registers the SLA hook and the warning and breach handlers, on the engine's calendars.
   *
   * @throws ConfigException       if a policy names a calendar the engine does not have
   * @throws IllegalStateException if this module was already installed
   */
  @Override
  public void install(ModuleContext context) {
    Objects.requireNonNull(context, "context");
    checkCalendars(policies, context.calendars());
    if (!installed.compareAndSet(false, true)) {
      throw new IllegalStateException("the SLA module is already installed on an engine");
    }
    calendars = context.calendars();
    context.hook(hook);
    context.dueWorkHandler(BREACH_WORK, ctx -> hook.fire(ctx, true));
    context.dueWorkHandler(WARNING_WORK, ctx -> hook.fire(ctx, false));
  }

  /** @return the policies */
  public SlaPolicies policies() {
    return policies;
  }

  /** @return the calendars the module computes on: the engine's once installed */
  public Calendars calendars() {
    return calendars;
  }

  /**
   * Derives a ticket's SLA state from its events.
   *
   * @param events the ticket's events, oldest first (its audit trail)
   * @param now    the evaluation time
   * @return the state
   * @throws IllegalArgumentException if there are no events or they belong to several tickets
   */
  public SlaState state(List<TicketEvent> events, Instant now) {
    return Replay.run(events, now, policies, calendars);
  }

  /**
   * A ticket's SLA state now, read through the engine.
   *
   * @param engine the engine
   * @param actor  an actor allowed to read the ticket's audit trail
   * @param id     the ticket
   * @return the state at the engine clock's now
   */
  public SlaState state(TicketEngine engine, Actor actor, TicketId id) {
    return state(engine.tickets().auditTrail(actor, id), engine.clock().instant());
  }

  /**
   * Explains a ticket's SLA: which policy it has and why (the tag, or each policy's condition
   * evaluated with {@code Conditions.explain}), and per metric the timeline.
   *
   * @param ticket    the ticket now
   * @param requester its requester, or null
   * @param events    its events, oldest first
   * @param now       the evaluation time
   * @return the explanation
   */
  public SlaExplanation explain(Ticket ticket, Customer requester, List<TicketEvent> events, Instant now) {
    Objects.requireNonNull(ticket, "ticket");
    return SlaExplanation.of(ticket, requester, policies, state(events, now));
  }

  /**
   * Explains a ticket's SLA, read through the engine.
   *
   * @param engine the engine
   * @param actor  an actor allowed to read the ticket, its audit trail and its requester
   * @param id     the ticket
   * @return the explanation at the engine clock's now
   */
  public SlaExplanation explain(TicketEngine engine, Actor actor, TicketId id) {
    Ticket t = engine.tickets().get(actor, id);
    Customer c = engine.customers().find(actor, t.requester()).orElse(null);
    return explain(t, c, engine.tickets().auditTrail(actor, id), engine.clock().instant());
  }

  /**
   * Attainment over a set of tickets, read through the engine (tickets the actor can't see are
   * skipped).
   *
   * @param engine the engine
   * @param actor  an actor allowed to read the tickets and their audit trails
   * @param ids    the tickets
   * @return the report at the engine clock's now
   */
  public SlaReport report(TicketEngine engine, Actor actor, Collection<TicketId> ids) {
    SlaReport.Builder b = SlaReport.builder();
    Instant now = engine.clock().instant();
    for (TicketId id : ids) {
      engine.tickets().find(actor, id).ifPresent(t ->
          b.add(t.channel(), state(engine.tickets().auditTrail(actor, id), now)));
    }
    return b.build();
  }

  /**
   * Attainment over tickets given with their events (for hosts that read events themselves, such as
   * from the outbox).
   *
   * @param tickets each ticket's events, oldest first
   * @param now     the evaluation time
   * @return the report
   */
  public SlaReport report(Collection<List<TicketEvent>> tickets, Instant now) {
    SlaReport.Builder b = SlaReport.builder();
    for (List<TicketEvent> events : tickets) {
      TicketEvent first = events.get(0);
      dev.ticketkit.core.Channel channel = first instanceof TicketEvent.TicketCreated c ? c.ticket().channel()
          : dev.ticketkit.core.Channel.API;
      b.add(channel, state(events, now));
    }
    return b.build();
  }

  /** The due-work key of a ticket's metric timer. */
  static String timerKey(TicketId id, SlaMetric metric, boolean breach) {
    return "sla:" + id + ":" + metric.key() + (breach ? ":breach" : ":warn");
  }

  static List<TicketEvent> concat(List<TicketEvent> a, List<TicketEvent> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<TicketEvent> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  @Override
  public String toString() {
    return "Sla[" + policies + " on " + calendars + "]";
  }
}
