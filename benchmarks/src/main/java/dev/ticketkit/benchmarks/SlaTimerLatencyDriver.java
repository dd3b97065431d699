package dev.ticketkit.benchmarks;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.jdbc.JdbcTicketStore;
import dev.ticketkit.sla.Sla;
import dev.ticketkit.sla.SlaMetric;
import dev.ticketkit.sla.SlaPolicies;
import dev.ticketkit.sla.SlaPolicy;
import dev.ticketkit.sla.WarningThreshold;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * Load driver (not JMH): how late SLA warnings and breaches fire on a started engine over embedded
 * H2 ({@link JdbcTicketStore#inMemory()}) while other work goes on. Writer threads create tickets
 * with first-reply targets of a few seconds (24x7, 50% warning) and answer a quarter of them in time;
 * the engine's own background runner ({@code engine.start()}) fires the timers. A listener records
 * fire time (commit, on the wall clock) minus due time into a histogram, and checks that no event
 * was raised before its due instant, none twice, and none for a ticket answered in time.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ticketkit.benchmarks.SlaTimerLatencyDriver [tickets] [perSecond] [writers] [pollMs]
 * </pre>
 *
 * Defaults: 2000 tickets arriving at 40 a second (a steady load; each ticket also gets an agent reply,
 * a warning or a breach) from 2 writer threads, the engine's default poll interval (250 ms).
 */
public final class SlaTimerLatencyDriver {

  private SlaTimerLatencyDriver() {
  }

  public static void main(String[] args) throws Exception {
    int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int writers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Duration poll = args.length > 3 ? Duration.ofMillis(Long.parseLong(args[3])) : TicketEngine.Builder.DEFAULT_DUE_WORK_POLL_INTERVAL;
    long spacingNanos = 1_000_000_000L / perSecond;
    Clock clock = Clock.systemUTC(); // the driver measures real time: it is its own clock adapter

    SlaPolicy.Builder policy = SlaPolicy.builder("latency").warning(WarningThreshold.percent(50));
    for (Priority p : Priority.values()) {
      policy.target(p, SlaMetric.FIRST_REPLY, target(p));
    }
    Sla sla = Sla.of(SlaPolicies.of(policy.build()));

    Recorder lateness = new Recorder(3);
    Recorder warningLateness = new Recorder(3);
    Map<TicketId, Priority> priorities = new ConcurrentHashMap<>();
    AtomicInteger early = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger answeredButBreached = new AtomicInteger();
    AtomicInteger fired = new AtomicInteger();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    Set<TicketId> answered = ConcurrentHashMap.newKeySet();

    try (JdbcTicketStore store = JdbcTicketStore.inMemory();
         TicketEngine engine = TicketEngine.builder().store(store).clock(clock).module(sla)
             .dueWorkPollInterval(poll)
             .listener(events -> {
               Instant now = clock.instant();
               for (TicketEvent e : events) {
                 Instant due;
                 String kind;
                 String metric;
                 Recorder into;
                 if (e instanceof TicketEvent.SlaBreached b) {
                   due = b.dueAt();
                   kind = "breach";
                   metric = b.metric();
                   into = lateness;
                   if (answered.contains(b.ticketId())) {
                     answeredButBreached.incrementAndGet();
                   }
                 } else if (e instanceof TicketEvent.SlaWarning w) {
                   // the event carries the breach due instant; the warning was due half a target earlier
                   Priority p = priorities.get(w.ticketId());
                   due = p == null ? w.occurredAt() : w.dueAt().minus(target(p).dividedBy(2));
                   kind = "warning";
                   metric = w.metric();
                   into = warningLateness;
                 } else {
                   continue;
                 }
                 fired.incrementAndGet();
                 if (!seen.add(e.ticketId() + ":" + metric + ":" + kind)) {
                   duplicates.incrementAndGet();
                 }
                 if (e.occurredAt().isBefore(due)) {
                   early.incrementAndGet();
                 }
                 into.recordValue(Math.max(0, Duration.between(due, now).toNanos() / 1_000));
               }
             }).build()) {
      TenantId tenant = TenantId.of("latency");
      Actor intake = Actor.integration(tenant, "driver");
      Customer c = engine.customers().findOrCreate(intake, ChannelIdentity.verified(IdentityType.EMAIL, "load@example.com"), "Load");
      Actor agent = Actor.system(tenant, "agent-sim").withRoles(dev.ticketkit.core.Role.ADMIN);
      engine.start();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> futures = new ArrayList<>();
      AtomicInteger next = new AtomicInteger();
      for (int w = 0; w < writers; w++) {
        futures.add(pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < tickets) {
            long wait = t0 + i * spacingNanos - System.nanoTime(); // ticket i arrives at t0 + i / perSecond
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Priority p = Priority.values()[i % 4];
            Ticket t = engine.tickets().create(intake, NewTicket.builder(c.id(), "load " + i)
                .channel(Channel.EMAIL).priority(p).message("hello").build());
            priorities.put(t.id(), p);
            if (i % 4 == 1) { // answer a quarter right away: their timers must be cancelled
              engine.tickets().reply(agent, t.id(), NewMessage.text("on it").by(dev.ticketkit.core.AuthorKind.AGENT, "sim"));
              answered.add(t.id());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      double createSeconds = (System.nanoTime() - t0) / 1e9;
      int expectedBreaches = tickets - answered.size();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (seenBreaches(seen) < expectedBreaches && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(1_500); // anything fired twice or for answered tickets shows up now
      Histogram h = lateness.getIntervalHistogram();
      Histogram hw = warningLateness.getIntervalHistogram();
      System.out.printf("SlaTimerLatencyDriver: %d tickets at %d/s by %d writers in %.1f s on embedded H2, poll %d ms%n",
          tickets, perSecond, writers, createSeconds, poll.toMillis());
      System.out.printf("events fired: %d (breaches %d of %d expected, warnings %d)%n", fired.get(),
          seenBreaches(seen), expectedBreaches, fired.get() - seenBreaches(seen));
      System.out.printf("breach lateness (commit on the wall clock - due), ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (n=%d)%n",
          h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
          h.getMaxValue() / 1000.0, h.getTotalCount());
      System.out.printf("warning lateness, ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (n=%d)%n",
          hw.getValueAtPercentile(50) / 1000.0, hw.getValueAtPercentile(90) / 1000.0, hw.getValueAtPercentile(99) / 1000.0,
          hw.getMaxValue() / 1000.0, hw.getTotalCount());
      System.out.printf("fired early: %d, fired twice: %d, breached although answered in time: %d%n",
          early.get(), duplicates.get(), answeredButBreached.get());
      boolean ok = early.get() == 0 && duplicates.get() == 0 && answeredButBreached.get() == 0
          && seenBreaches(seen) == expectedBreaches && h.getValueAtPercentile(99) <= 1_000_000;
      System.out.println(ok ? "OK: never early, never twice, p99 within 1 s" : "FAILED");
      if (!ok) {
        System.exit(1);
      }
    }
  }

  private static int seenBreaches(Set<String> seen) {
    int n = 0;
    for (String s : seen) {
      if (s.endsWith(":breach")) {
        n++;
      }
    }
    return n;
  }

  /** First-reply targets: LOW 2 s, NORMAL 3 s, HIGH 4 s, URGENT 5 s (short, so that many fire while writers run). */
  private static Duration target(Priority p) {
    return Duration.ofMillis(2000 + 1000L * p.ordinal());
  }
}
