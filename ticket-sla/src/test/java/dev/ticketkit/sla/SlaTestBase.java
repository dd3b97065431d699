package dev.ticketkit.sla;

import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * An engine on the in-memory store with a hand-moved clock, the {@link Fixtures} shop and SLA
 * installed; due work runs only when a test calls {@link #runDueWork()}.
 *
 * <p>The "office" calendar is Asia/Shanghai, Monday to Friday 09:00-12:00 and 13:00-18:00 (a lunch
 * break). The clock starts at 2026-11-11T00:00Z, a Wednesday, 08:00 in Shanghai: an hour before
 * the office opens.
 */
abstract class SlaTestBase {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Instant START = Instant.parse("2026-11-11T00:00:00Z");
  static final BusinessCalendar OFFICE = office();
  static final dev.ticketkit.core.Calendars CALENDARS = dev.ticketkit.core.Calendars.builder().add("office", OFFICE).build();

  protected MutableClock clock;
  protected TicketStore store;
  protected TicketEngine engine;
  protected Fixtures shop;
  protected Sla sla;
  protected final List<TicketEvent> delivered = Collections.synchronizedList(new ArrayList<>());

  static BusinessCalendar office() {
    BusinessCalendar.Builder b = BusinessCalendar.builder(SHANGHAI);
    for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
      b.hours(d, LocalTime.of(9, 0), LocalTime.of(12, 0)).hours(d, LocalTime.of(13, 0), LocalTime.of(18, 0));
    }
    return b.build();
  }

  /** Starts an engine with these policies. */
  void start(SlaPolicy... policies) {
    start(SlaPolicies.of(policies));
  }

  void start(SlaPolicies policies) {
    clock = MutableClock.at(START);
    store = TicketStore.inMemory();
    sla = Sla.of(policies);
    engine = TicketEngine.builder().clock(clock).store(store).calendars(CALENDARS).listener(delivered::addAll)
        .module(sla).build();
    shop = Fixtures.create(engine, TenantId.of("shop-1"));
  }

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
      store.close();
    }
  }

  /** Local Shanghai time on a date of November 2026 as an instant. */
  static Instant sh(int day, int hour, int minute) {
    return java.time.LocalDateTime.of(2026, 11, day, hour, minute).atZone(SHANGHAI).toInstant();
  }

  void at(Instant t) {
    clock.set(t);
  }

  int runDueWork() {
    return engine.runDueWork();
  }

  /** An email ticket from Carol (a customer message) at the clock's time. */
  Ticket carolAsks(String subject) {
    return shop.carolAsks(subject);
  }

  Ticket ticket(TicketId id) {
    return engine.tickets().get(shop.admin, id);
  }

  void customerWrites(TicketId id) {
    engine.tickets().reply(shop.carolActor(), id, NewMessage.text("any news?"));
  }

  void agentReplies(TicketId id) {
    engine.tickets().reply(shop.alice, id, NewMessage.text("looking into it"));
  }

  Ticket marketplaceTicket(Channel channel, Priority priority) {
    return engine.tickets().create(shop.integration, NewTicket.builder(shop.carol.id(), "order question")
        .channel(channel).priority(priority).message(shop.fromCarol("where is it")).build());
  }

  SlaState state(TicketId id) {
    return sla.state(engine, shop.admin, id);
  }

  MetricState metric(TicketId id, SlaMetric m) {
    return state(id).current(m).orElseThrow(() -> new AssertionError("no " + m + " cycle"));
  }

  List<TicketEvent.SlaBreached> breaches(TicketId id) {
    return engine.tickets().auditTrail(shop.admin, id).stream()
        .filter(TicketEvent.SlaBreached.class::isInstance).map(TicketEvent.SlaBreached.class::cast).toList();
  }

  List<TicketEvent.SlaWarning> warnings(TicketId id) {
    return engine.tickets().auditTrail(shop.admin, id).stream()
        .filter(TicketEvent.SlaWarning.class::isInstance).map(TicketEvent.SlaWarning.class::cast).toList();
  }

  List<DueWork> timers(TicketId id) {
    return store.inTransaction(tx -> tx.dueWorkFor(shop.tenant, id));
  }

  static Duration h(long hours) {
    return Duration.ofHours(hours);
  }

  static Duration m(long minutes) {
    return Duration.ofMinutes(minutes);
  }
}
