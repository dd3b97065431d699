package dev.ticketkit.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.testkit.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Warnings by percent and by time before due; timers fire once, never early, and follow pauses. */
class WarningsAndTimersTest extends SlaTestBase {

  @Test
  void aPercentWarningFiresAtThatShareOfTheTarget() {
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(1))
        .warning(WarningThreshold.percent(80)).build());
    Ticket t = carolAsks("x");
    assertThat(metric(t.id(), SlaMetric.FIRST_REPLY).warnAt()).isEqualTo(START.plus(m(48)));
    assertThat(timers(t.id())).extracting(DueWork::type, DueWork::dueAt).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Sla.WARNING_WORK, START.plus(m(48))),
        org.assertj.core.groups.Tuple.tuple(Sla.BREACH_WORK, START.plus(h(1))));
    at(START.plus(m(48)).minusNanos(1_000));
    assertThat(runDueWork()).isZero();
    at(START.plus(m(48)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(warnings(t.id())).singleElement().satisfies(w -> {
      assertThat(w.metric()).isEqualTo("first_reply");
      assertThat(w.dueAt()).isEqualTo(START.plus(h(1)));
      assertThat(w.occurredAt()).isEqualTo(START.plus(m(48)));
    });
    assertThat(runDueWork()).isZero();
    assertThat(metric(t.id(), SlaMetric.FIRST_REPLY).warned()).isTrue();
    at(START.plus(h(1)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(warnings(t.id())).hasSize(1);
    assertThat(breaches(t.id())).hasSize(1);
  }

  @Test
  void aFixedWarningCountsBusinessTimeBeforeDue() {
    start(SlaPolicy.builder("p").calendar("office").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(4))
        .warning(SlaMetric.FIRST_REPLY, WarningThreshold.before(Duration.ofMinutes(90))).build());
    Ticket t = carolAsks("x"); // due 14:00; 90 business minutes before is 11:30 (lunch is not counted)
    assertThat(metric(t.id(), SlaMetric.FIRST_REPLY).warnAt()).isEqualTo(sh(11, 11, 30));
    at(sh(11, 11, 30));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(warnings(t.id())).extracting(w -> w.dueAt()).containsExactly(sh(11, 14, 0));
  }

  @Test
  void aWarningBeforeTheStartIsNotRaisedAndAReplyCancelsBothTimers() {
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(1))
        .warning(WarningThreshold.before(h(2))).build());
    Ticket t = carolAsks("x");
    assertThat(timers(t.id())).extracting(DueWork::type).containsExactly(Sla.BREACH_WORK);
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(1))
        .warning(WarningThreshold.percent(50)).build());
    Ticket u = carolAsks("y");
    assertThat(timers(u.id())).hasSize(2);
    at(START.plus(m(10)));
    agentReplies(u.id());
    assertThat(timers(u.id())).isEmpty();
    at(START.plus(h(5)));
    assertThat(runDueWork()).isZero();
    assertThat(warnings(u.id())).isEmpty();
  }

  @Test
  void aPauseCancelsTheTimerAndResumingReschedulesIt() {
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.REQUESTER_WAIT, h(2)).build());
    Ticket t = carolAsks("x");
    at(START.plus(h(1)));
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.PENDING);
    assertThat(timers(t.id())).isEmpty();
    at(START.plus(h(5)));
    assertThat(runDueWork()).isZero();
    customerWrites(t.id());
    assertThat(timers(t.id())).extracting(DueWork::dueAt).containsExactly(START.plus(h(6)));
    at(START.plus(h(6)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(breaches(t.id())).extracting(b -> b.dueAt()).containsExactly(START.plus(h(6)));
  }

  @Test
  void aStaleTimerRaisesNothingAndPutsTheTimersRight() {
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(4)).build());
    Ticket t = carolAsks("x");
    String key = Sla.timerKey(t.id(), SlaMetric.FIRST_REPLY, true);
    // simulate a timer left behind by a bug or an old version: due far too early
    store.inTransaction(tx -> {
      tx.scheduleDueWork(new DueWork(shop.tenant, key, Sla.BREACH_WORK, t.id(), START.plus(m(5)), "first_reply", 0));
      return null;
    });
    at(START.plus(m(5)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(breaches(t.id())).isEmpty(); // never early
    assertThat(timers(t.id())).extracting(DueWork::key, DueWork::dueAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(key, START.plus(h(4))));
  }

  @Test
  void timersFireOnceWhenTheRunnerRunsAgain() {
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, m(10))
        .target(Priority.NORMAL, SlaMetric.RESOLUTION, m(10)).warning(WarningThreshold.percent(50)).build());
    List<TicketId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(carolAsks("t" + i).id());
    }
    at(START.plus(m(5)));
    assertThat(runDueWork()).isEqualTo(10); // 5 tickets x 2 metrics: warnings
    assertThat(runDueWork()).isZero();
    at(START.plus(h(1)));
    assertThat(runDueWork()).isEqualTo(10); // breaches
    assertThat(runDueWork()).isZero();
    at(START.plus(h(2)));
    assertThat(runDueWork()).isZero();
    for (TicketId id : ids) {
      assertThat(breaches(id)).extracting(b -> b.metric()).containsExactlyInAnyOrder("first_reply", "resolution");
      assertThat(warnings(id)).extracting(w -> w.metric()).containsExactlyInAnyOrder("first_reply", "resolution");
      assertThat(breaches(id)).allSatisfy(b -> assertThat(b.occurredAt()).isAfterOrEqualTo(b.dueAt()));
    }
  }

  @Test
  void twoEnginesOnOneStoreRaiseEachBreachOnce() throws Exception {
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, m(10)).build());
    // a second node: its own engine and SLA module over the same store
    try (TicketEngine second = TicketEngine.builder().clock(clock).store(store).calendars(CALENDARS)
        .module(Sla.of(sla.policies())).build()) {
      List<TicketId> ids = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ids.add(carolAsks("t" + i).id());
      }
      at(START.plus(h(1)));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch go = new CountDownLatch(1);
        Future<Integer> a = pool.submit(() -> {
          go.await();
          return engine.runDueWork();
        });
        Future<Integer> b = pool.submit(() -> {
          go.await();
          return second.runDueWork();
        });
        go.countDown();
        assertThat(a.get(30, TimeUnit.SECONDS) + b.get(30, TimeUnit.SECONDS)).isEqualTo(40);
      } finally {
        pool.shutdownNow();
      }
      Map<TicketId, Long> perTicket = ids.stream().collect(Collectors.toMap(id -> id, id -> (long) breaches(id).size()));
      assertThat(perTicket.values()).containsOnly(1L);
    }
  }

  @Test
  void aWarningThatRunsAfterTheBreachIsNotRaised() {
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, m(10))
        .warning(WarningThreshold.percent(50)).build());
    Ticket t = carolAsks("x");
    at(START.plus(h(1))); // the runner was down: both timers are overdue
    assertThat(runDueWork()).isEqualTo(2);
    assertThat(warnings(t.id())).isEmpty();
    assertThat(breaches(t.id())).hasSize(1);
  }

  @Test
  void rulesSeeTheBreachInTheSameSystemCommand() {
    // a hook registered before SLA stands in for the rules module: it escalates on SlaBreached
    clock = dev.ticketkit.testkit.MutableClock.at(START);
    store = dev.ticketkit.core.spi.TicketStore.inMemory();
    sla = Sla.of(SlaPolicies.of(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, m(10))
        .target(Priority.URGENT, SlaMetric.FIRST_REPLY, m(30)).build()));
    TicketEngine.Builder b = TicketEngine.builder().clock(clock).store(store).calendars(CALENDARS).hook(ctx -> {
      for (TicketEvent e : ctx.events()) {
        if (e instanceof TicketEvent.SlaBreached br && br.metric().equals("first_reply")) {
          ctx.update(dev.ticketkit.core.TicketUpdate.priority(Priority.URGENT));
        }
      }
    });
    engine = b.module(sla).build();
    shop = Fixtures.create(engine, dev.ticketkit.core.TenantId.of("shop-1"));
    Ticket t = carolAsks("x");
    at(START.plus(m(10)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(ticket(t.id()).priority()).isEqualTo(Priority.URGENT);
    // the escalation re-targeted first reply to 30m, but the breach stands and is not raised again
    assertThat(metric(t.id(), SlaMetric.FIRST_REPLY).status()).isEqualTo(MetricStatus.BREACHED);
    at(START.plus(h(1)));
    assertThat(runDueWork()).isZero();
    assertThat(breaches(t.id())).hasSize(1);
  }
}
