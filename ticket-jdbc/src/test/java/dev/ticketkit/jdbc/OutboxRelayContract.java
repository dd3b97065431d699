package dev.ticketkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox relay on one database; subclasses say which. */
abstract class OutboxRelayContract {
    protected abstract JdbcTicketStore createStore();

    private JdbcTicketStore store;
    private TicketEngine engine;
    private Fixtures shop;
    private final MutableClock clock = MutableClock.at("2026-11-11T00:00:00Z");

    @BeforeEach
    void setUp() {
        store = createStore();
        // other tests' leftovers in a shared outbox would be delivered too: start from an empty outbox
        store.withHandle(h -> h.execute("DELETE FROM " + store.tablePrefix() + "outbox"));
        engine = TicketEngine.builder().store(store).clock(clock).build();
        shop = Fixtures.create(engine, TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 13)));
    }

    @AfterEach
    void tearDown() {
        engine.close();
        store.close();
    }

    private long outboxRows() {
        return store.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + store.tablePrefix() + "outbox").mapTo(Long.class).one());
    }

    private List<TicketEvent> trail(Ticket t) {
        return engine.tickets().auditTrail(shop.admin, t.id());
    }

    @Test
    void everyEventIsDeliveredOnceInOrderAndThenDeleted() {
        Ticket a = shop.carolAsks("first");
        Ticket b = shop.carolAsks("second");
        engine.tickets().setPriority(shop.admin, a.id(), Priority.HIGH);
        List<OutboxMessage> got = new ArrayList<>();
        OutboxRelay relay = OutboxRelay.builder(store, got::add).clock(clock).batchSize(3).build();
        int total = 0;
        for (int n; (n = relay.runOnce()) > 0; ) {
            total += n;
        }
        assertThat(total).isEqualTo(got.size());
        assertThat(got).extracting(OutboxMessage::sequence).isSorted().doesNotHaveDuplicates();
        List<TicketEvent> expected = new ArrayList<>(trail(a));
        expected.addAll(trail(b));
        assertThat(got).extracting(OutboxMessage::event).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(got.stream().filter(m -> m.ticketId().equals(a.id())).map(OutboxMessage::event).toList())
                .containsExactlyElementsOf(trail(a));
        assertThat(got).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(m.event().type());
            assertThat(m.eventId()).isEqualTo(m.event().meta().eventId());
            assertThat(m.attempts()).isZero();
        });
        assertThat(outboxRows()).isZero();
        assertThat(relay.runOnce()).isZero();
    }

    @Test
    void aFailedDeliveryHoldsBackItsTicketAndIsRetriedWithBackoff() {
        Ticket a = shop.carolAsks("flaky");
        engine.tickets().reply(shop.admin, a.id(), NewMessage.text("more"));
        Ticket b = shop.carolAsks("fine");
        Set<UUID> failOnce = new HashSet<>(Set.of(trail(a).get(0).meta().eventId()));
        List<OutboxMessage> got = Collections.synchronizedList(new ArrayList<>());
        OutboxRelay relay = OutboxRelay.builder(store, m -> {
            if (failOnce.remove(m.eventId())) {
                throw new IllegalStateException("broker down");
            }
            got.add(m);
        }).clock(clock).backoff(Duration.ofSeconds(10), Duration.ofMinutes(1)).build();

        relay.runOnce();
        assertThat(got).extracting(OutboxMessage::ticketId).containsOnly(b.id());
        assertThat(relay.runOnce()).as("a's retry is not due yet").isZero();
        clock.advance(Duration.ofSeconds(9));
        assertThat(relay.runOnce()).isZero();
        clock.advance(Duration.ofSeconds(1));
        relay.runOnce();
        List<OutboxMessage> ofA = got.stream().filter(m -> m.ticketId().equals(a.id())).toList();
        assertThat(ofA).extracting(OutboxMessage::event).containsExactlyElementsOf(trail(a));
        assertThat(ofA.get(0).attempts()).isEqualTo(1);
        assertThat(outboxRows()).isZero();
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        OutboxRelay relay = OutboxRelay.builder(store, m -> { }).backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)).build();
        assertThat(List.of(relay.backoff(0), relay.backoff(1), relay.backoff(2), relay.backoff(3), relay.backoff(40)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
        assertThatThrownBy(() -> OutboxRelay.builder(store, m -> { }).batchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxRelay.builder(store, m -> { }).batchSize(5).batchSize(6))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theStartedRelayDeliversOnItsOwnThreadAndStopsOnClose() throws Exception {
        Ticket t = shop.carolAsks("background");
        int expected = trail(t).size();
        CountDownLatch all = new CountDownLatch(expected);
        Set<String> threads = Collections.synchronizedSet(new HashSet<>());
        List<TicketId> tickets = Collections.synchronizedList(new ArrayList<>());
        try (OutboxRelay relay = OutboxRelay.builder(store, m -> {
            threads.add(Thread.currentThread().getName());
            tickets.add(m.ticketId());
            all.countDown();
        }).clock(clock).pollInterval(Duration.ofMillis(20)).build()) {
            relay.start();
            relay.start();
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(threads).singleElement().asString().startsWith("ticketkit-outbox-");
        assertThat(tickets).hasSize(expected).containsOnly(t.id());
    }
}
