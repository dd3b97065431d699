package dev.ticketkit.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.Channel;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.condition.Condition;
import dev.ticketkit.core.condition.Operator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each metric's start, pause, fulfilment and breach, driven through the engine with hand-checked
 * vectors on the lunch-break "office" calendar (Shanghai, 09:00-12:00 and 13:00-18:00 on weekdays)
 * and on 24x7. The clock starts on Wednesday 2026-11-11 at 08:00 Shanghai (00:00Z).
 */
class MetricSemanticsTest extends SlaTestBase {

  private static SlaPolicy.Builder office(String name) {
    return SlaPolicy.builder(name).calendar("office");
  }

  @Test
  void firstReplyCountsBusinessHoursAcrossTheLunchBreak() {
    start(office("std").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(4)).build());
    Ticket t = carolAsks("parcel"); // Wed 08:00: the office opens at 09:00
    // 09:00-12:00 (3h) + 13:00-14:00 (1h) = 4h
    assertThat(ticket(t.id()).dueAt()).contains(sh(11, 14, 0));
    assertThat(timers(t.id())).singleElement().satisfies(w -> {
      assertThat(w.key()).isEqualTo("sla:" + t.id() + ":first_reply:breach");
      assertThat(w.type()).isEqualTo(Sla.BREACH_WORK);
      assertThat(w.dueAt()).isEqualTo(sh(11, 14, 0));
    });
    at(sh(11, 12, 30));
    assertThat(metric(t.id(), SlaMetric.FIRST_REPLY).used()).isEqualTo(h(3)); // lunch does not count
    at(sh(11, 13, 30));
    MetricState s = metric(t.id(), SlaMetric.FIRST_REPLY);
    assertThat(s.status()).isEqualTo(MetricStatus.ACTIVE);
    assertThat(s.used()).isEqualTo(h(3).plus(m(30)));
    assertThat(s.remaining()).isEqualTo(m(30));

    at(sh(11, 13, 45));
    agentReplies(t.id());
    s = metric(t.id(), SlaMetric.FIRST_REPLY);
    assertThat(s.status()).isEqualTo(MetricStatus.ACHIEVED);
    assertThat(s.used()).isEqualTo(h(3).plus(m(45)));
    assertThat(s.fulfilledAt()).isEqualTo(sh(11, 13, 45));
    assertThat(ticket(t.id()).dueAt()).isEmpty();
    assertThat(timers(t.id())).isEmpty();
    at(sh(12, 14, 0));
    assertThat(runDueWork()).isZero();
    assertThat(breaches(t.id())).isEmpty();
  }

  @Test
  void firstReplyBreachesExactlyAtItsDueInstantAndOnlyOnce() {
    start(office("std").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(4)).build());
    Ticket t = carolAsks("parcel");
    at(sh(11, 14, 0).minusNanos(1_000));
    assertThat(runDueWork()).isZero();
    assertThat(metric(t.id(), SlaMetric.FIRST_REPLY).status()).isEqualTo(MetricStatus.ACTIVE);
    at(sh(11, 14, 0));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(breaches(t.id())).singleElement().satisfies(b -> {
      assertThat(b.metric()).isEqualTo("first_reply");
      assertThat(b.policy()).isEqualTo("std");
      assertThat(b.dueAt()).isEqualTo(sh(11, 14, 0));
      assertThat(b.occurredAt()).isEqualTo(sh(11, 14, 0));
      assertThat(b.actor().id()).isEqualTo(Sla.BREACH_WORK);
    });
    assertThat(runDueWork()).isZero();
    at(sh(13, 9, 0));
    assertThat(runDueWork()).isZero();
    agentReplies(t.id());
    MetricState s = metric(t.id(), SlaMetric.FIRST_REPLY);
    assertThat(s.status()).isEqualTo(MetricStatus.BREACHED);
    assertThat(s.breachedAt()).isEqualTo(sh(11, 14, 0));
    assertThat(s.fulfilledAt()).isEqualTo(sh(13, 9, 0));
    assertThat(breaches(t.id())).hasSize(1);
    // the breach reached listeners after commit
    assertThat(delivered).filteredOn(e -> e.type().equals("sla.breached")).hasSize(1);
  }

  @Test
  void nextReplyBreachesAtItsBusinessDueInstantOvernight() {
    start(office("nr").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(8))
        .target(Priority.NORMAL, SlaMetric.NEXT_REPLY, h(2)).build());
    at(sh(11, 10, 0));
    Ticket t = carolAsks("parcel");
    at(sh(11, 10, 30));
    agentReplies(t.id());
    at(sh(11, 17, 0));
    customerWrites(t.id()); // 17:00-18:00 today, 09:00-10:00 tomorrow
    assertThat(metric(t.id(), SlaMetric.NEXT_REPLY).dueAt()).isEqualTo(sh(12, 10, 0));
    at(sh(12, 10, 0).minusNanos(1_000));
    assertThat(runDueWork()).isZero();
    at(sh(12, 10, 0));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(breaches(t.id())).singleElement().satisfies(b -> {
      assertThat(b.metric()).isEqualTo("next_reply");
      assertThat(b.dueAt()).isEqualTo(sh(12, 10, 0));
    });
    assertThat(runDueWork()).isZero();
    at(sh(12, 11, 0));
    agentReplies(t.id());
    MetricState s = metric(t.id(), SlaMetric.NEXT_REPLY);
    assertThat(s.status()).isEqualTo(MetricStatus.BREACHED);
    assertThat(s.fulfilledAt()).isEqualTo(sh(12, 11, 0));
    assertThat(breaches(t.id())).hasSize(1);
  }

  @Test
  void agentWorkBreachesOnlyAfterItsPausedTimeIsAddedBack() {
    start(SlaPolicy.builder("work").target(Priority.NORMAL, SlaMetric.AGENT_WORK, h(3)).build());
    Ticket t = carolAsks("parcel");
    at(START.plus(h(1)));
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.ON_HOLD);
    at(START.plus(h(3))); // the unpaused due instant passes while on hold: nothing fires
    assertThat(runDueWork()).isZero();
    at(START.plus(h(5)));
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.OPEN);
    assertThat(metric(t.id(), SlaMetric.AGENT_WORK).dueAt()).isEqualTo(START.plus(h(7)));
    at(START.plus(h(7)).minusNanos(1_000));
    assertThat(runDueWork()).isZero();
    at(START.plus(h(7)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(breaches(t.id())).singleElement().satisfies(b -> {
      assertThat(b.metric()).isEqualTo("agent_work");
      assertThat(b.dueAt()).isEqualTo(START.plus(h(7)));
    });
    assertThat(metric(t.id(), SlaMetric.AGENT_WORK).status()).isEqualTo(MetricStatus.BREACHED);
  }

  @Test
  void requesterWaitBreachesAfterThePendingTimeIsAddedBack() {
    start(SlaPolicy.builder("wait").target(Priority.NORMAL, SlaMetric.REQUESTER_WAIT, h(2)).build());
    Ticket t = carolAsks("parcel");
    at(START.plus(h(1)));
    agentReplies(t.id());
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.PENDING);
    at(START.plus(h(3)));
    assertThat(runDueWork()).isZero();
    customerWrites(t.id()); // back to OPEN with 1h left
    at(START.plus(h(4)).minusNanos(1_000));
    assertThat(runDueWork()).isZero();
    at(START.plus(h(4)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(breaches(t.id())).extracting(b -> b.metric()).containsExactly("requester_wait");
  }

  @Test
  void aLateReplyBeforeTheTimerRanRaisesTheBreachInTheReplysCommandOnce() {
    start(SlaPolicy.builder("frt").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(1))
        .target(Priority.NORMAL, SlaMetric.RESOLUTION, h(2)).build());
    Ticket t = carolAsks("parcel");
    at(START.plus(m(61))); // the breach timer is due but has not run
    agentReplies(t.id());
    assertThat(breaches(t.id())).singleElement().satisfies(b -> {
      assertThat(b.metric()).isEqualTo("first_reply");
      assertThat(b.dueAt()).isEqualTo(START.plus(h(1)));
      assertThat(b.occurredAt()).isEqualTo(START.plus(m(61)));
    });
    assertThat(metric(t.id(), SlaMetric.FIRST_REPLY).breachReported()).isTrue();
    assertThat(runDueWork()).as("the first-reply timer went with the reply").isZero();
    at(START.plus(h(3))); // solved late too: resolution's breach comes with the solve
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.SOLVED);
    assertThat(breaches(t.id())).extracting(b -> b.metric()).containsExactly("first_reply", "resolution");
    assertThat(runDueWork()).isZero();
    engine.tickets().note(shop.alice, t.id(), "after the fact");
    assertThat(breaches(t.id())).hasSize(2);
    assertThat(delivered).filteredOn(e -> e.type().equals("sla.breached")).hasSize(2);
  }

  @Test
  void aReplyExactlyAtTheDueInstantIsInTime() {
    start(SlaPolicy.builder("clock").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(1)).build());
    Ticket t = carolAsks("parcel");
    at(START.plus(h(1)));
    agentReplies(t.id());
    assertThat(metric(t.id(), SlaMetric.FIRST_REPLY).status()).isEqualTo(MetricStatus.ACHIEVED);
    assertThat(runDueWork()).isZero();
    assertThat(breaches(t.id())).isEmpty();
  }

  @Test
  void marketplaceTargetsCountCalendarHours() {
    start(SlaPolicy.builder("marketplace")
        .when(Condition.where("channel", Operator.IN, List.of("TAOBAO", "JD")))
        .target(Priority.URGENT, SlaMetric.FIRST_REPLY, m(30)).build());
    Ticket t = marketplaceTicket(Channel.TAOBAO, Priority.URGENT); // 08:00 in Shanghai: closed, but 24x7 counts
    assertThat(ticket(t.id()).dueAt()).contains(START.plus(m(30)));
    at(START.plus(m(30)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(breaches(t.id())).extracting(b -> b.dueAt()).containsExactly(START.plus(m(30)));
    Ticket email = carolAsks("not a marketplace ticket");
    assertThat(state(email.id()).policy()).isEmpty();
    assertThat(ticket(email.id()).dueAt()).isEmpty();
  }

  private static SlaPolicy replies() {
    return SlaPolicy.builder("replies")
        .target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(4))
        .target(Priority.NORMAL, SlaMetric.NEXT_REPLY, h(1)).build();
  }

  @Test
  void nextReplyStartsAtTheOldestUnansweredCustomerMessage() {
    start(replies());
    Ticket t = carolAsks("parcel");
    at(START.plus(m(10)));
    agentReplies(t.id());
    assertThat(metric(t.id(), SlaMetric.FIRST_REPLY).used()).isEqualTo(m(10));
    assertThat(state(t.id()).current(SlaMetric.NEXT_REPLY)).isEmpty(); // nothing unanswered
    at(START.plus(m(20)));
    customerWrites(t.id());
    at(START.plus(m(40)));
    customerWrites(t.id());
    MetricState s = metric(t.id(), SlaMetric.NEXT_REPLY);
    assertThat(s.cycle()).isZero();
    assertThat(s.startedAt()).isEqualTo(START.plus(m(20)));
    assertThat(s.dueAt()).isEqualTo(START.plus(m(80)));
    assertThat(ticket(t.id()).dueAt()).contains(START.plus(m(80)));
    at(START.plus(h(1)));
    agentReplies(t.id());
    s = metric(t.id(), SlaMetric.NEXT_REPLY);
    assertThat(s.status()).isEqualTo(MetricStatus.ACHIEVED);
    assertThat(s.used()).isEqualTo(m(40));
    at(START.plus(h(2)));
    customerWrites(t.id());
    s = metric(t.id(), SlaMetric.NEXT_REPLY);
    assertThat(s.cycle()).isEqualTo(1);
    assertThat(s.startedAt()).isEqualTo(START.plus(h(2)));
    assertThat(ticket(t.id()).dueAt()).contains(START.plus(h(3)));
    assertThat(state(t.id()).metrics()).extracting(MetricState::metric)
        .containsExactly(SlaMetric.FIRST_REPLY, SlaMetric.NEXT_REPLY, SlaMetric.NEXT_REPLY);
  }

  @Test
  void solvingFulfilsPendingReplies() {
    start(replies());
    Ticket t = carolAsks("parcel");
    at(START.plus(m(10)));
    agentReplies(t.id());
    at(START.plus(m(20)));
    customerWrites(t.id());
    at(START.plus(m(30)));
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.SOLVED);
    MetricState s = metric(t.id(), SlaMetric.NEXT_REPLY);
    assertThat(s.status()).isEqualTo(MetricStatus.ACHIEVED);
    assertThat(s.fulfilledAt()).isEqualTo(START.plus(m(30)));
    assertThat(timers(t.id())).isEmpty();
    assertThat(ticket(t.id()).dueAt()).isEmpty();

    Ticket quiet = carolAsks("never answered");
    at(START.plus(h(2)));
    engine.tickets().changeStatus(shop.alice, quiet.id(), TicketStatus.SOLVED);
    MetricState frt = metric(quiet.id(), SlaMetric.FIRST_REPLY);
    assertThat(frt.status()).isEqualTo(MetricStatus.ACHIEVED);
    assertThat(frt.used()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void reopeningStartsANewResolutionCycle() {
    start(SlaPolicy.builder("res").target(Priority.NORMAL, SlaMetric.RESOLUTION, h(8)).build());
    Ticket t = carolAsks("parcel");
    assertThat(ticket(t.id()).dueAt()).contains(START.plus(h(8)));
    at(START.plus(h(2)));
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.SOLVED);
    assertThat(metric(t.id(), SlaMetric.RESOLUTION).status()).isEqualTo(MetricStatus.ACHIEVED);
    assertThat(ticket(t.id()).dueAt()).isEmpty();
    at(START.plus(h(5)));
    customerWrites(t.id()); // reopens
    assertThat(ticket(t.id()).status()).isEqualTo(TicketStatus.OPEN);
    MetricState s = metric(t.id(), SlaMetric.RESOLUTION);
    assertThat(s.cycle()).isEqualTo(1);
    assertThat(s.startedAt()).isEqualTo(START.plus(h(5)));
    assertThat(s.dueAt()).isEqualTo(START.plus(h(13)));
    assertThat(ticket(t.id()).dueAt()).contains(START.plus(h(13)));
    assertThat(state(t.id()).metrics()).extracting(MetricState::status)
        .containsExactly(MetricStatus.ACHIEVED, MetricStatus.ACTIVE);
  }

  @Test
  void requesterWaitPausesInPendingAndAgentWorkAlsoOnHold() {
    start(SlaPolicy.builder("work")
        .target(Priority.NORMAL, SlaMetric.REQUESTER_WAIT, h(10))
        .target(Priority.NORMAL, SlaMetric.AGENT_WORK, h(10)).build());
    Ticket t = carolAsks("parcel");
    TicketId id = t.id();
    at(START.plus(h(1)));
    agentReplies(id);
    engine.tickets().changeStatus(shop.alice, id, TicketStatus.PENDING);
    assertThat(metric(id, SlaMetric.REQUESTER_WAIT).status()).isEqualTo(MetricStatus.PAUSED);
    assertThat(ticket(id).dueAt()).isEmpty();
    assertThat(timers(id)).isEmpty();
    at(START.plus(h(3)));
    customerWrites(id); // back to OPEN
    assertThat(ticket(id).dueAt()).contains(START.plus(h(12))); // 1h used: 9h left from 03:00
    at(START.plus(h(4)));
    engine.tickets().changeStatus(shop.alice, id, TicketStatus.ON_HOLD);
    at(START.plus(Duration.ofMinutes(270)));
    assertThat(metric(id, SlaMetric.REQUESTER_WAIT).used()).isEqualTo(Duration.ofMinutes(150));
    assertThat(metric(id, SlaMetric.REQUESTER_WAIT).status()).isEqualTo(MetricStatus.ACTIVE);
    assertThat(metric(id, SlaMetric.AGENT_WORK).used()).isEqualTo(h(2));
    assertThat(metric(id, SlaMetric.AGENT_WORK).status()).isEqualTo(MetricStatus.PAUSED);
    assertThat(metric(id, SlaMetric.AGENT_WORK).dueAt()).isNull();
    at(START.plus(h(5)));
    engine.tickets().changeStatus(shop.alice, id, TicketStatus.OPEN);
    at(START.plus(h(6)));
    engine.tickets().changeStatus(shop.alice, id, TicketStatus.SOLVED);
    MetricState wait = metric(id, SlaMetric.REQUESTER_WAIT);
    MetricState work = metric(id, SlaMetric.AGENT_WORK);
    assertThat(wait.status()).isEqualTo(MetricStatus.ACHIEVED);
    assertThat(wait.used()).isEqualTo(h(4)); // [0,1) + [3,6)
    assertThat(work.used()).isEqualTo(h(3)); // [0,1) + [3,4) + [5,6)
    // a reopen continues the same cycle
    at(START.plus(h(8)));
    customerWrites(id);
    at(START.plus(h(9)));
    wait = metric(id, SlaMetric.REQUESTER_WAIT);
    assertThat(wait.cycle()).isZero();
    assertThat(wait.status()).isEqualTo(MetricStatus.ACTIVE);
    assertThat(wait.used()).isEqualTo(h(5));
    assertThat(wait.dueAt()).isEqualTo(START.plus(h(14)));
    assertThat(wait.timeline()).extracting(TimelineStep::kind).contains(TimelineStep.Kind.REOPENED);
  }

  @Test
  void requesterWaitOnTheOfficeCalendarResumesTheNextMorning() {
    start(office("wait").target(Priority.NORMAL, SlaMetric.REQUESTER_WAIT, h(4)).build());
    at(sh(11, 11, 0));
    Ticket t = carolAsks("parcel");
    assertThat(ticket(t.id()).dueAt()).contains(sh(11, 16, 0)); // 11-12, 13-16
    at(sh(11, 14, 0));
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.PENDING);
    assertThat(metric(t.id(), SlaMetric.REQUESTER_WAIT).used()).isEqualTo(h(2));
    at(sh(12, 10, 0)); // Thursday 10:00
    customerWrites(t.id());
    assertThat(ticket(t.id()).dueAt()).contains(sh(12, 12, 0));
    at(sh(12, 11, 30));
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.SOLVED);
    MetricState s = metric(t.id(), SlaMetric.REQUESTER_WAIT);
    assertThat(s.status()).isEqualTo(MetricStatus.ACHIEVED);
    assertThat(s.used()).isEqualTo(Duration.ofMinutes(210));
    assertThat(s.timeline()).extracting(TimelineStep::kind).containsSubsequence(TimelineStep.Kind.STARTED,
        TimelineStep.Kind.PAUSED, TimelineStep.Kind.RESUMED, TimelineStep.Kind.FULFILLED);
  }

  @Test
  void periodicUpdateRunsFromEachAgentReplyToTheNext() {
    start(SlaPolicy.builder("updates").target(Priority.NORMAL, SlaMetric.PERIODIC_UPDATE, h(2)).build());
    Ticket t = carolAsks("parcel");
    assertThat(state(t.id()).current(SlaMetric.PERIODIC_UPDATE)).isEmpty();
    at(START.plus(m(30)));
    agentReplies(t.id());
    assertThat(ticket(t.id()).dueAt()).contains(START.plus(m(150)));
    at(START.plus(h(1)));
    agentReplies(t.id());
    assertThat(state(t.id()).metrics()).extracting(MetricState::status)
        .containsExactly(MetricStatus.ACHIEVED, MetricStatus.ACTIVE);
    assertThat(ticket(t.id()).dueAt()).contains(START.plus(h(3)));
    at(START.plus(h(3)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(breaches(t.id())).extracting(b -> b.metric()).containsExactly("periodic_update");
    at(START.plus(h(4)));
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.SOLVED);
    MetricState s = metric(t.id(), SlaMetric.PERIODIC_UPDATE);
    assertThat(s.status()).isEqualTo(MetricStatus.BREACHED);
    assertThat(s.fulfilledAt()).isEqualTo(START.plus(h(4)));
  }

  @Test
  void anAgentOpenedTicketStartsFirstReplyAtTheCustomersFirstMessage() {
    start(SlaPolicy.builder("frt").target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(4)).build());
    Ticket t = engine.tickets().create(shop.alice, NewTicket.builder(shop.carol.id(), "Your return")
        .channel(Channel.EMAIL).team(dev.ticketkit.testkit.Fixtures.AFTER_SALES)
        .message(NewMessage.text("We received your parcel")).build());
    assertThat(state(t.id()).current(SlaMetric.FIRST_REPLY)).isEmpty();
    assertThat(ticket(t.id()).dueAt()).isEmpty();
    at(START.plus(h(1)));
    customerWrites(t.id());
    MetricState s = metric(t.id(), SlaMetric.FIRST_REPLY);
    assertThat(s.startedAt()).isEqualTo(START.plus(h(1)));
    assertThat(s.dueAt()).isEqualTo(START.plus(h(5)));
  }

  @Test
  void aPriorityChangeRetargetsFromTheOriginalStart() {
    start(SlaPolicy.builder("prio")
        .target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(4))
        .target(Priority.HIGH, SlaMetric.FIRST_REPLY, h(2))
        .target(Priority.URGENT, SlaMetric.FIRST_REPLY, h(1)).build());
    Ticket a = carolAsks("a");
    Ticket b = carolAsks("b");
    Ticket c = carolAsks("c");
    at(START.plus(m(30)));
    engine.tickets().setPriority(shop.admin, a.id(), Priority.URGENT);
    assertThat(ticket(a.id()).dueAt()).contains(START.plus(h(1)));
    assertThat(timers(a.id())).extracting(w -> w.dueAt()).containsExactly(START.plus(h(1)));
    engine.tickets().setPriority(shop.admin, c.id(), Priority.LOW); // no target at LOW
    assertThat(state(c.id()).current(SlaMetric.FIRST_REPLY)).isEmpty();
    assertThat(ticket(c.id()).dueAt()).isEmpty();
    assertThat(timers(c.id())).isEmpty();
    at(START.plus(h(1)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(breaches(a.id())).extracting(x -> x.dueAt()).containsExactly(START.plus(h(1)));

    at(START.plus(h(2)).plus(m(30)));
    engine.tickets().setPriority(shop.admin, b.id(), Priority.HIGH); // 2h30m used > 2h: breached now
    MetricState s = metric(b.id(), SlaMetric.FIRST_REPLY);
    assertThat(s.status()).isEqualTo(MetricStatus.BREACHED);
    assertThat(s.breachedAt()).isEqualTo(START.plus(h(2)).plus(m(30)));
    assertThat(runDueWork()).isEqualTo(1);
    assertThat(breaches(b.id())).singleElement().satisfies(x -> assertThat(x.occurredAt()).isEqualTo(x.dueAt()));
    // lowering the priority after the breach does not undo it
    engine.tickets().setPriority(shop.admin, b.id(), Priority.NORMAL);
    assertThat(metric(b.id(), SlaMetric.FIRST_REPLY).status()).isEqualTo(MetricStatus.BREACHED);
    assertThat(metric(b.id(), SlaMetric.FIRST_REPLY).timeline()).extracting(TimelineStep::kind)
        .contains(TimelineStep.Kind.RETARGETED, TimelineStep.Kind.BREACHED, TimelineStep.Kind.BREACH_REPORTED);
    Instant later = START.plus(h(5));
    at(later);
    assertThat(runDueWork()).isZero();
    assertThat(breaches(b.id())).hasSize(1);
  }

  @Test
  void aPolicyWithPauseStatusesOfItsOwnOverridesTheDefaults() {
    start(SlaPolicy.builder("p").target(Priority.NORMAL, SlaMetric.RESOLUTION, h(8))
        .pauseIn(SlaMetric.RESOLUTION, TicketStatus.PENDING).build());
    Ticket t = carolAsks("x");
    at(START.plus(h(1)));
    engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.PENDING);
    at(START.plus(h(3)));
    assertThat(metric(t.id(), SlaMetric.RESOLUTION).status()).isEqualTo(MetricStatus.PAUSED);
    assertThat(metric(t.id(), SlaMetric.RESOLUTION).used()).isEqualTo(h(1));
  }
}
