package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.HookContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The extension points with real hooks: complaints are escalated inside the command, solved tickets are
 * closed four days later by due work, and listeners see committed events only.
 */
class HooksAndDueWorkTest extends EngineTestBase {

    /** Escalates complaints and schedules (or cancels) the auto-close of solved tickets. */
    static final class EscalateAndAutoClose implements CommandHook {
        @Override
        public String name() {
            return "escalate-and-autoclose";
        }

        @Override
        public void beforeCommit(HookContext ctx) {
            Ticket t = ctx.ticket();
            if (t.tags().contains("complaint") && t.priority() != Priority.URGENT) {
                ctx.update(TicketUpdate.builder().priority(Priority.URGENT).addTags("escalated").build());
                ctx.addNote("Escalated: complaint");
            }
            for (TicketEvent e : ctx.events()) {
                if (e instanceof TicketEvent.StatusChanged s) {
                    String key = "autoclose:" + t.id();
                    if (s.to() == TicketStatus.SOLVED) {
                        ctx.schedule(DueWork.of(t.tenantId(), key, "autoclose", t.id(), ctx.now().plus(Duration.ofDays(4))));
                    } else if (s.from() == TicketStatus.SOLVED) {
                        ctx.cancel(key);
                    }
                }
            }
        }
    }

    final List<TicketEvent> delivered = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger autoCloses = new AtomicInteger();
    final AtomicInteger flakyRuns = new AtomicInteger();

    @Override
    protected TicketEngine.Builder configure(TicketEngine.Builder builder) {
        return builder.hook(new EscalateAndAutoClose()).hook(new ScheduleHook())
                .listener(events -> {
                    throw new IllegalStateException("a broken listener");
                })
                .listener(delivered::addAll)
                .dueWorkHandler("autoclose", ctx -> ctx.onTicket(ctx.work().ticketId(), h -> {
                    autoCloses.incrementAndGet();
                    if (h.ticket().status() == TicketStatus.SOLVED) {
                        h.update(TicketUpdate.status(TicketStatus.CLOSED));
                    }
                }))
                .dueWorkHandler("flaky", ctx -> {
                    flakyRuns.incrementAndGet();
                    throw new IllegalStateException("downstream is down");
                })
                .dueWorkMaxAttempts(3);
    }

    @Test
    void aHookChangesTheTicketInsideTheCommand() {
        Ticket t = engine.tickets().create(shop.integration, NewTicket.builder(shop.carol.id(), "Terrible service")
                .message("I want to complain").build());
        assertThat(t.priority()).isEqualTo(Priority.NORMAL);
        Ticket tagged = engine.tickets().tag(shop.admin, t.id(), "complaint");
        assertThat(tagged.priority()).isEqualTo(Priority.URGENT);
        assertThat(tagged.tags()).contains("complaint", "escalated");
        assertThat(tagged.version()).isEqualTo(2);
        List<TicketEvent> trail = engine.tickets().auditTrail(shop.admin, t.id());
        TicketEvent.PriorityChanged p = trail.stream().filter(TicketEvent.PriorityChanged.class::isInstance)
                .map(TicketEvent.PriorityChanged.class::cast).findFirst().orElseThrow();
        assertThat(p.actor().kind()).isEqualTo(ActorKind.SYSTEM);
        assertThat(p.actor().id()).isEqualTo("escalate-and-autoclose");
        assertThat(engine.tickets().messages(shop.admin, t.id())).extracting(m -> m.text()).contains("Escalated: complaint");
    }

    @Test
    void solvedTicketsCloseFourDaysLaterExactlyOnce() {
        Ticket t = shop.carolAsks("thanks", Fixtures.AFTER_SALES);
        engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.SOLVED);
        clock.advance(Duration.ofDays(4).minusSeconds(1));
        assertThat(engine.runDueWork()).isZero();
        assertThat(engine.tickets().get(shop.admin, t.id()).status()).isEqualTo(TicketStatus.SOLVED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.runDueWork()).isEqualTo(1);
        Ticket closed = engine.tickets().get(shop.admin, t.id());
        assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(engine.runDueWork()).isZero();
        clock.advance(Duration.ofDays(30));
        assertThat(engine.runDueWork()).isZero();
        assertThat(autoCloses).hasValue(1);
        assertThat(delivered).filteredOn(e -> e instanceof TicketEvent.StatusChanged s && s.to() == TicketStatus.CLOSED)
                .singleElement().satisfies(e -> assertThat(e.actor().id()).isEqualTo("autoclose"));
    }

    @Test
    void reopeningCancelsTheAutoClose() {
        Ticket t = shop.carolAsks("thanks", Fixtures.AFTER_SALES);
        engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.SOLVED);
        clock.advance(Duration.ofDays(1));
        engine.tickets().reply(shop.carolActor(), t.id(), NewMessage.text("actually, one more question"));
        clock.advance(Duration.ofDays(10));
        assertThat(engine.runDueWork()).isZero();
        assertThat(engine.tickets().get(shop.admin, t.id()).status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void failingDueWorkIsRetriedWithBackoffThenDropped() {
        Ticket t = shop.carolAsks("x");
        schedule(DueWork.of(shop.tenant, "flaky-1", "flaky", t.id(), clock.instant()));
        assertThat(engine.runDueWork()).isEqualTo(1);
        assertThat(engine.runDueWork()).isZero(); // backing off
        clock.advance(Duration.ofSeconds(2));
        assertThat(engine.runDueWork()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(4));
        assertThat(engine.runDueWork()).isEqualTo(1); // third attempt fails: dropped
        clock.advance(Duration.ofHours(1));
        assertThat(engine.runDueWork()).isZero();
        assertThat(flakyRuns).hasValue(3);
    }

    @Test
    void dueWorkWithoutAHandlerWaitsForOne() {
        schedule(DueWork.of(shop.tenant, "mystery-1", "mystery", null, clock.instant()));
        assertThat(engine.runDueWork()).isEqualTo(1);
        assertThat(engine.runDueWork()).isZero();
    }

    /** Schedules due work inside a command, as modules do. */
    private void schedule(DueWork w) {
        Ticket carrier = shop.carolAsks("carrier " + w.key());
        ScheduleHook.next = w;
        try {
            engine.tickets().tag(shop.admin, carrier.id(), "schedule-now");
        } finally {
            ScheduleHook.next = null;
        }
    }

    @Test
    void listenersSeeCommittedEventsAndABrokenListenerIsIsolated() {
        Ticket t = shop.carolAsks("listen", Fixtures.AFTER_SALES);
        assertThat(delivered).extracting(TicketEvent::type).containsExactly("ticket.created", "message.added");
        delivered.clear();
        assertThatThrownBy(() -> engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.CLOSED))
                .isInstanceOf(dev.ticketkit.core.IllegalTransitionException.class);
        assertThat(delivered).isEmpty();
        engine.tickets().setPriority(shop.alice, t.id(), Priority.HIGH);
        assertThat(delivered).extracting(TicketEvent::type).containsExactly("priority.changed");
    }

    @Test
    void theBackgroundThreadRunsDueWorkAndStopsOnClose() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        List<String> threadNames = Collections.synchronizedList(new ArrayList<>());
        try (TicketEngine bg = TicketEngine.builder().clock(clock).hook(new ScheduleHook())
                .dueWorkPollInterval(Duration.ofMillis(20))
                .dueWorkHandler("ping", ctx -> {
                    threadNames.add(Thread.currentThread().getName());
                    ran.countDown();
                }).build()) {
            Fixtures f = Fixtures.create(bg, shop.tenant);
            Ticket carrier = f.carolAsks("carrier");
            bg.start();
            bg.start(); // idempotent
            ScheduleHook.next = DueWork.of(f.tenant, "ping-1", "ping", carrier.id(), clock.instant());
            bg.tickets().tag(f.admin, carrier.id(), "go");
            ScheduleHook.next = null;
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(threadNames).containsExactly("ticketkit-duework-1");
            bg.close();
            bg.close(); // idempotent
            assertThatThrownBy(bg::runDueWork).isInstanceOf(IllegalStateException.class);
            assertThat(Thread.getAllStackTraces().keySet()).noneSatisfy(
                    th -> assertThat(th.getName()).isEqualTo("ticketkit-duework-1"));
        }
    }

    /** Schedules whatever the test puts in {@link #next} inside the next command. */
    static final class ScheduleHook implements CommandHook {
        static volatile DueWork next;

        @Override
        public void beforeCommit(HookContext ctx) {
            DueWork w = next;
            if (w != null) {
                ctx.schedule(w);
            }
        }
    }
}
