package dev.ticketkit.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.spi.BusinessTime;
import dev.ticketkit.core.spi.DueWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The live state (the ticket's {@code dueAt} and its timers, kept by the hook command by command)
 * equals what a recomputation from the audit trail says, over random histories; and attainment
 * reports count cycles per metric and channel.
 */
class RecomputeAndReportTest extends SlaTestBase {

  private static SlaPolicies everything() {
    SlaPolicy.Builder office = SlaPolicy.builder("office").calendar("office").warning(WarningThreshold.percent(75));
    SlaPolicy.Builder market = SlaPolicy.builder("market").when(
        dev.ticketkit.core.condition.Condition.where("channel", dev.ticketkit.core.condition.Operator.EQUALS, "TAOBAO"))
        .warning(WarningThreshold.before(Duration.ofMinutes(20)));
    for (Priority p : Priority.values()) {
      long f = 4 - p.ordinal(); // LOW 4, NORMAL 3, HIGH 2, URGENT 1
      for (SlaMetric m : SlaMetric.values()) {
        office.target(p, m, Duration.ofHours(f * (m.ordinal() + 1)));
        market.target(p, m, Duration.ofMinutes(30 * f * (m.ordinal() + 1)));
      }
    }
    return SlaPolicies.of(market.build(), office.build());
  }

  @Test
  void recomputingFromEventsEqualsTheLiveState() {
    start(everything());
    Random random = new Random(20261111);
    List<TicketId> tickets = new ArrayList<>();
    for (int step = 0; step < 400; step++) {
      clock.advance(Duration.ofMinutes(1 + random.nextInt(90)));
      int action = random.nextInt(10);
      if (tickets.isEmpty() || action == 0) {
        tickets.add((random.nextBoolean() ? carolAsks("t" + step)
            : marketplaceTicket(Channel.TAOBAO, Priority.values()[random.nextInt(4)])).id());
        continue;
      }
      TicketId id = tickets.get(random.nextInt(tickets.size()));
      Ticket t = ticket(id);
      if (t.status() == TicketStatus.CLOSED) {
        continue;
      }
      switch (action) {
        case 1, 2 -> customerWrites(id);
        case 3, 4 -> agentReplies(id);
        case 5 -> engine.tickets().setPriority(shop.admin, id, Priority.values()[random.nextInt(4)]);
        case 6 -> {
          TicketStatus to = List.of(TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.SOLVED, TicketStatus.OPEN)
              .get(random.nextInt(4));
          if (t.status().canMoveTo(to)) {
            engine.tickets().changeStatus(shop.alice, id, to);
          }
        }
        case 7 -> {
          if (t.tags().contains("sla_policy:market")) {
            engine.tickets().untag(shop.admin, id, "sla_policy:market");
          } else {
            engine.tickets().tag(shop.admin, id, "sla_policy:market");
          }
        }
        default -> runDueWork();
      }
      if (step % 10 == 0) {
        for (TicketId x : tickets) {
          assertLiveEqualsRecomputed(x);
        }
      }
    }
    runDueWork();
    for (TicketId x : tickets) {
      assertLiveEqualsRecomputed(x);
      // every breach event matches a breached cycle, at or after its due instant, and once per cycle
      SlaState s = state(x);
      for (TicketEvent.SlaBreached b : breaches(x)) {
        assertThat(b.occurredAt()).isAfterOrEqualTo(b.dueAt());
      }
      assertThat(breaches(x)).hasSize((int) s.metrics().stream().filter(MetricState::breachReported).count());
    }
    assertThat(tickets).hasSizeGreaterThan(20);
  }

  private void assertLiveEqualsRecomputed(TicketId id) {
    Ticket t = ticket(id);
    SlaState s = sla.state(engine.tickets().auditTrail(shop.admin, id), t.updatedAt());
    assertThat(t.dueAt()).as("dueAt of %s", id).isEqualTo(s.dueAt());
    Map<String, java.time.Instant> expected = new HashMap<>();
    for (MetricState m : s.open()) {
      if (!m.breachReported() && m.dueAt() != null) {
        expected.put(Sla.timerKey(id, m.metric(), true), m.dueAt());
      }
      if (!m.warned() && m.breachedAt() == null && m.warnAt() != null && m.status() == MetricStatus.ACTIVE) {
        expected.put(Sla.timerKey(id, m.metric(), false), m.warnAt());
      }
    }
    Map<String, java.time.Instant> actual = new HashMap<>();
    for (DueWork w : timers(id)) {
      actual.put(w.key(), w.dueAt());
    }
    assertThat(actual).as("timers of %s", id).isEqualTo(expected);
  }

  @Test
  void theReportCountsAchievedBreachedAndActiveCyclesPerMetricAndChannel() {
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(1)).build());
    Ticket fast = carolAsks("fast");
    Ticket slow = carolAsks("slow");
    Ticket open = marketplaceTicket(Channel.TAOBAO, Priority.NORMAL);
    Ticket late = marketplaceTicket(Channel.TAOBAO, Priority.NORMAL);
    at(START.plus(m(30)));
    agentReplies(fast.id());
    at(START.plus(h(2)));
    runDueWork();
    agentReplies(slow.id());
    at(START.plus(h(2)));
    Ticket fresh = marketplaceTicket(Channel.TAOBAO, Priority.NORMAL);
    SlaReport r = sla.report(engine, shop.admin, List.of(fast.id(), slow.id(), open.id(), late.id(), fresh.id()));
    assertThat(r.total(SlaMetric.FIRST_REPLY)).isEqualTo(new SlaReport.Row(SlaMetric.FIRST_REPLY, "ALL", 1, 3, 1));
    assertThat(r.row(SlaMetric.FIRST_REPLY, "EMAIL")).isEqualTo(new SlaReport.Row(SlaMetric.FIRST_REPLY, "EMAIL", 1, 1, 0));
    assertThat(r.row(SlaMetric.FIRST_REPLY, "TAOBAO")).isEqualTo(new SlaReport.Row(SlaMetric.FIRST_REPLY, "TAOBAO", 0, 2, 1));
    assertThat(r.total(SlaMetric.FIRST_REPLY).attainmentPercent()).isEqualTo(25.0);
    assertThat(r.row(SlaMetric.FIRST_REPLY, "TAOBAO").attainmentPercent()).isZero();
    assertThat(r.total(SlaMetric.RESOLUTION).attainmentPercent()).isNaN();
    assertThat(r.render()).contains("first_reply      ALL                  1         3       1       25.0%")
        .contains("first_reply      TAOBAO               0         2       1        0.0%");
    // the same from events, as a host reading its outbox would
    List<List<TicketEvent>> trails = new ArrayList<>();
    for (TicketId id : List.of(fast.id(), slow.id(), open.id(), late.id(), fresh.id())) {
      trails.add(engine.tickets().auditTrail(shop.admin, id));
    }
    assertThat(sla.report(trails, clock.instant())).isEqualTo(r);
  }

  @Test
  void stateNeedsTheEventsOfOneTicket() {
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(1)).build());
    Ticket a = carolAsks("a");
    Ticket b = carolAsks("b");
    List<TicketEvent> mixed = new ArrayList<>(engine.tickets().auditTrail(shop.admin, a.id()));
    mixed.addAll(engine.tickets().auditTrail(shop.admin, b.id()));
    assertThatThrownBy(() -> sla.state(mixed, clock.instant())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sla.state(List.of(), clock.instant())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBusinessCalendarIsABusinessTime() {
    BusinessTime bt = OFFICE;
    assertThat(bt.plus(sh(11, 11, 0), h(2))).isEqualTo(sh(11, 14, 0));
    assertThat(bt.between(sh(11, 11, 0), sh(11, 14, 0))).isEqualTo(h(2));
    assertThat(bt.isOpen(sh(11, 12, 30))).isFalse();
    BusinessTime always = BusinessCalendar.always();
    assertThat(always.plus(START, h(5))).isEqualTo(BusinessTime.always().plus(START, h(5)));
  }
}
