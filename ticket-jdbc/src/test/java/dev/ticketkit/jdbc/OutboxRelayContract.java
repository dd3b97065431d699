package dev.ticketkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
        store.withHandle(h -> h.execute("DELETE FROM " + store.tablePrefix() + "outbox_dead"));
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

    private List<TicketEvent> trail(Fixtures in, Ticket t) {
        return engine.tickets().auditTrail(in.admin, t.id());
    }

    private long deadRows() {
        return store.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + store.tablePrefix() + "outbox_dead").mapTo(Long.class)
                .one());
    }

    /** Runs the relay until a run delivers nothing; returns how many it delivered. */
    private static int drain(OutboxRelay relay) {
        int total = 0;
        for (int n; (n = relay.runOnce()) > 0; ) {
            total += n;
        }
        return total;
    }

    private static List<TicketEvent> eventsOf(List<OutboxMessage> got, Ticket t) {
        synchronized (got) {
            return got.stream().filter(m -> m.ticketId().equals(t.id())).map(OutboxMessage::event).toList();
        }
    }

    private Fixtures otherShop() {
        return Fixtures.create(engine, TenantId.of("u-" + UUID.randomUUID().toString().substring(0, 13)));
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

    // ---- failing rows, dead letters ------------------------------------------------------------

    @Test
    void rowsThatKeepFailingDoNotStopOtherTicketsOrTenants() {
        // as many always-failing tickets as a batch holds, older than everything else
        int batch = 3;
        Set<TicketId> poison = new HashSet<>();
        int poisonRows = 0;
        for (int i = 0; i < batch; i++) {
            Ticket p = shop.carolAsks("poison " + i);
            poison.add(p.id());
            poisonRows += trail(p).size();
        }
        Fixtures other = otherShop();
        Ticket mine = shop.carolAsks("fine here");
        Ticket theirs = other.carolAsks("fine there");
        engine.tickets().reply(other.admin, theirs.id(), NewMessage.text("and a reply"));
        List<OutboxMessage> got = Collections.synchronizedList(new ArrayList<>());
        OutboxRelay relay = OutboxRelay.builder(store, m -> {
            if (poison.contains(m.ticketId())) {
                throw new IllegalStateException("the broker rejects this ticket's events");
            }
            got.add(m);
        }).clock(clock).batchSize(batch).backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).build();

        for (int round = 0; round < 5; round++) { // each round the poison rows are due and fail again
            drain(relay);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(eventsOf(got, mine)).containsExactlyElementsOf(trail(mine));
        assertThat(eventsOf(got, theirs)).containsExactlyElementsOf(trail(other, theirs));
        assertThat(got).extracting(OutboxMessage::ticketId).doesNotContainAnyElementsOf(poison);
        assertThat(outboxRows()).as("the poison tickets' rows wait for their next retry").isEqualTo(poisonRows);
    }

    @Test
    void aRowThatKeepsFailingBecomesADeadLetterAndItsTicketGoesOnInOrder() {
        Instant start = clock.instant();
        Ticket a = shop.carolAsks("first event rejected");
        UUID bad = trail(a).get(0).meta().eventId();
        List<OutboxMessage> got = Collections.synchronizedList(new ArrayList<>());
        OutboxRelay relay = OutboxRelay.builder(store, m -> {
            if (m.eventId().equals(bad)) {
                throw new IllegalArgumentException("schema registry: unknown subject version\nsecond line");
            }
            got.add(m);
        }).clock(clock).maxAttempts(3).backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).build();

        relay.runOnce();
        engine.tickets().reply(shop.admin, a.id(), NewMessage.text("a reply while the first event fails"));
        Ticket b = shop.carolAsks("another ticket");
        drain(relay);
        assertThat(eventsOf(got, a)).as("held back behind the failing event").isEmpty();
        assertThat(eventsOf(got, b)).containsExactlyElementsOf(trail(b));
        clock.advance(Duration.ofSeconds(10));
        drain(relay);
        assertThat(eventsOf(got, a)).as("attempt 2 failed too").isEmpty();
        assertThat(relay.deadLetters(shop.tenant, 10, null).items()).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        drain(relay);

        assertThat(eventsOf(got, a)).as("after the third failure the ticket's later events go on, in order")
                .containsExactlyElementsOf(trail(a).subList(1, trail(a).size()));
        assertThat(outboxRows()).isZero();
        assertThat(deadRows()).isEqualTo(1);
        DeadLetter d = relay.deadLetters(shop.tenant, 10, null).items().get(0);
        assertThat(d.eventId()).isEqualTo(bad);
        assertThat(d.tenantId()).isEqualTo(shop.tenant);
        assertThat(d.ticketId()).isEqualTo(a.id());
        assertThat(d.type()).isEqualTo("ticket.created");
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.errorClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(d.errorReason()).isEqualTo("schema registry: unknown subject version");
        assertThat(d.firstFailedAt()).isEqualTo(start);
        assertThat(d.lastFailedAt()).isEqualTo(start.plusSeconds(20));
        assertThat(d.toString()).contains(bad.toString()).doesNotContain("schema registry");
        assertThat(relay.stats()).isEqualTo(new OutboxRelay.Stats(got.size(), 3, 1, 0, 0));
    }

    @Test
    void deadLettersArePagedPerTenantAndCanBeRetriedOrDiscarded() {
        AtomicBoolean broken = new AtomicBoolean(true);
        List<OutboxMessage> got = Collections.synchronizedList(new ArrayList<>());
        OutboxRelay relay = OutboxRelay.builder(store, m -> {
            if (broken.get()) {
                throw new IllegalStateException("broker down");
            }
            got.add(m);
        }).clock(clock).maxAttempts(1).build();
        Fixtures other = otherShop();
        Ticket a1 = shop.carolAsks("one");
        Ticket a2 = shop.carolAsks("two");
        Ticket b1 = other.carolAsks("three");
        drain(relay);
        int ours = trail(a1).size() + trail(a2).size();
        int theirs = trail(other, b1).size();
        assertThat(outboxRows()).isZero();
        assertThat(deadRows()).isEqualTo(ours + theirs);

        Page<DeadLetter> first = relay.deadLetters(shop.tenant, ours - 1, null);
        assertThat(first.hasMore()).isTrue();
        Page<DeadLetter> second = relay.deadLetters(shop.tenant, ours - 1, first.nextCursor().orElseThrow());
        assertThat(second.hasMore()).isFalse();
        List<DeadLetter> mine = new ArrayList<>(first.items());
        mine.addAll(second.items());
        assertThat(mine).hasSize(ours).extracting(DeadLetter::tenantId).containsOnly(shop.tenant);
        assertThat(mine).extracting(DeadLetter::sequence).isSorted().doesNotHaveDuplicates();
        List<UUID> expected = new ArrayList<>(trail(a1).stream().map(e -> e.meta().eventId()).toList());
        expected.addAll(trail(a2).stream().map(e -> e.meta().eventId()).toList());
        assertThat(mine).extracting(DeadLetter::eventId).containsExactlyElementsOf(expected);
        assertThat(mine).allSatisfy(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.errorReason()).isEqualTo("broker down");
        });
        assertThat(relay.deadLetters(other.tenant, 50, null).items()).hasSize(theirs)
                .extracting(DeadLetter::ticketId).containsOnly(b1.id());
        assertThat(relay.deadLetters(50, null).items()).hasSize(ours + theirs);

        UUID retried = mine.get(0).eventId();
        UUID dropped = mine.get(1).eventId();
        // another tenant's dead letter is not there for a tenant-scoped call
        assertThat(relay.retry(other.tenant, retried)).isFalse();
        assertThat(relay.discard(other.tenant, retried)).isFalse();
        assertThat(deadRows()).isEqualTo(ours + theirs);

        broken.set(false);
        assertThat(relay.retry(shop.tenant, retried)).isTrue();
        assertThat(relay.retry(shop.tenant, retried)).as("already back in the outbox").isFalse();
        assertThat(drain(relay)).isEqualTo(1);
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.eventId()).isEqualTo(retried);
            assertThat(m.attempts()).as("counted from zero again").isZero();
            assertThat(m.event()).isEqualTo(trail(a1).get(0));
        });
        assertThat(relay.discard(dropped)).isTrue();
        assertThat(relay.discard(dropped)).isFalse();
        assertThat(relay.retry(dropped)).isFalse();
        assertThat(relay.deadLetters(shop.tenant, 50, null).items()).extracting(DeadLetter::eventId)
                .hasSize(ours - 2).doesNotContain(retried, dropped);
        assertThat(relay.stats()).isEqualTo(new OutboxRelay.Stats(1, ours + theirs, ours + theirs, 1, 1));
    }

    @Test
    void deadLetterCallsRejectBadArguments() {
        OutboxRelay relay = OutboxRelay.builder(store, m -> { }).build();
        assertThatThrownBy(() -> relay.deadLetters(shop.tenant, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> relay.deadLetters(OutboxRelay.MAX_PAGE_SIZE + 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> relay.deadLetters(10, "42")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> relay.deadLetters(10, "dx")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> relay.deadLetters(null, 10, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> relay.retry(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> relay.discard(shop.tenant, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> OutboxRelay.builder(store, m -> { }).maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxRelay.builder(store, m -> { }).maxAttempts(OutboxRelay.MAX_ATTEMPTS_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxRelay.builder(store, m -> { }).maxAttempts(3).maxAttempts(4))
                .isInstanceOf(IllegalStateException.class);
        assertThat(relay.deadLetters(10, null).items()).isEmpty();
        assertThat(relay.retry(UUID.randomUUID())).isFalse();
    }

    @Test
    void aDeadLettersReasonNeverQuotesThePayload() {
        Ticket t = shop.carolAsks("my phone is 13800138000");
        engine.tickets().reply(shop.admin, t.id(), NewMessage.text("we will call you"));
        List<String> messages = new ArrayList<>(List.of(
                "could not send: my phone is 13800138000",                // quotes the subject
                "x".repeat(500)));                                         // too long: cut
        OutboxRelay relay = OutboxRelay.builder(store, m -> {
            String text = messages.isEmpty() ? m.payload() : messages.remove(0);
            throw new IllegalStateException(text);                         // and then the payload itself
        }).clock(clock).maxAttempts(1).build();
        drain(relay);
        List<DeadLetter> dead = relay.deadLetters(shop.tenant, 10, null).items();
        assertThat(dead).hasSize(trail(t).size());
        assertThat(dead.get(0).errorReason()).isEmpty();
        assertThat(dead.get(1).errorReason()).isEqualTo("x".repeat(OutboxRelay.MAX_ERROR_REASON));
        assertThat(dead.subList(2, dead.size())).allSatisfy(d -> assertThat(d.errorReason()).isEmpty());
        assertThat(dead).allSatisfy(d -> assertThat(d.errorClass()).isEqualTo(IllegalStateException.class.getName()));
    }

    @Test
    void aConsumerErrorIsAFailedAttemptOfItsRowAlone() {
        Ticket a = shop.carolAsks("deeply nested");
        Ticket b = shop.carolAsks("plain");
        UUID bad = trail(a).get(0).meta().eventId();
        List<OutboxMessage> got = Collections.synchronizedList(new ArrayList<>());
        OutboxRelay relay = OutboxRelay.builder(store, m -> {
            if (m.eventId().equals(bad)) {
                throw new StackOverflowError();
            }
            got.add(m);
        }).clock(clock).maxAttempts(2).backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).build();
        drain(relay);
        assertThat(eventsOf(got, b)).containsExactlyElementsOf(trail(b));
        assertThat(eventsOf(got, a)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        drain(relay);
        assertThat(eventsOf(got, a)).containsExactlyElementsOf(trail(a).subList(1, trail(a).size()));
        assertThat(relay.deadLetters(shop.tenant, 10, null).items()).singleElement()
                .satisfies(d -> assertThat(d.errorClass()).isEqualTo(StackOverflowError.class.getName()));
    }

    @Test
    void theStartedRelayKeepsPollingAfterAnError() throws Exception {
        Ticket t = shop.carolAsks("after an error");
        int expected = trail(t).size();
        AtomicBoolean failed = new AtomicBoolean();
        CountDownLatch all = new CountDownLatch(expected);
        try (OutboxRelay relay = OutboxRelay.builder(store, m -> {
            if (failed.compareAndSet(false, true)) {
                throw new OutOfMemoryError("simulated"); // not the row's fault: the batch rolls back
            }
            all.countDown();
        }).clock(clock).pollInterval(Duration.ofMillis(20)).build()) {
            relay.start();
            assertThat(all.await(30, TimeUnit.SECONDS)).as("delivered by a later poll").isTrue();
            assertThat(relay.stats().failedAttempts()).isZero();
        }
        assertThat(outboxRows()).isZero();
    }

    @Test
    void eventsOfAFailingTicketThatArriveLaterWaitBehindIt() {
        Ticket a = shop.carolAsks("flaky");
        Set<UUID> failing = ConcurrentHashMap.newKeySet();
        failing.add(trail(a).get(0).meta().eventId());
        List<OutboxMessage> got = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        OutboxRelay relay = OutboxRelay.builder(store, m -> {
            calls.incrementAndGet();
            if (failing.contains(m.eventId())) {
                throw new IllegalStateException("broker down");
            }
            got.add(m);
        }).clock(clock).backoff(Duration.ofMinutes(1), Duration.ofMinutes(1)).build();
        drain(relay);
        int afterFirst = calls.get();
        for (int i = 0; i < 3; i++) {
            engine.tickets().reply(shop.admin, a.id(), NewMessage.text("reply " + i));
            clock.advance(Duration.ofSeconds(10));
            drain(relay);
            drain(relay);
        }
        assertThat(calls.get()).as("nothing of the ticket is offered before the retry").isEqualTo(afterFirst);
        failing.clear();
        clock.advance(Duration.ofSeconds(30));
        drain(relay);
        assertThat(eventsOf(got, a)).containsExactlyElementsOf(trail(a));
    }

    /** Outbox rows that wait for a retry far ahead, written the way the relay leaves failed rows. */
    private void insertWaitingRows(int n, long availableUs) {
        store.withHandle(h -> {
            var batch = h.prepareBatch("INSERT INTO " + store.tablePrefix() + "outbox (event_id, tenant, ticket_id, event_type, "
                    + "payload, attempts, available_us, first_failed_us) VALUES (:e, :tenant, :ticket, 'ticket.created', '{}', 3, :at, 0)");
            for (int i = 0; i < n; i++) {
                batch.bind("e", UUID.randomUUID().toString()).bind("tenant", "heap")
                        .bind("ticket", UUID.randomUUID().toString()).bind("at", availableUs).add();
            }
            return batch.execute();
        });
    }

    @Test
    void thePollReadsTheDueIndexAndNotTheRowsWaitingForARetry() {
        long farAhead = dev.ticketkit.jdbc.internal.Schema.micros(clock.instant().plus(Duration.ofDays(1)));
        insertWaitingRows(3_000, farAhead);
        Ticket t = shop.carolAsks("due now");
        analyze();
        List<String> plan = explain(OutboxRelay.builder(store, m -> { }).clock(clock).build().dueQuery(),
                dev.ticketkit.jdbc.internal.Schema.micros(clock.instant()));
        String text = String.join("\n", plan).toLowerCase(java.util.Locale.ROOT);
        String index = (store.tablePrefix() + "outbox_due").toLowerCase(java.util.Locale.ROOT);
        // the due rows come off the due index in order: no scan of the waiting rows, no sort of all due rows
        switch (store.dialect()) {
            case H2 -> assertThat(text).as("plan:\n%s", text).contains(index + ": available_us <=").contains("/* index sorted */");
            case POSTGRESQL -> assertThat(text).as("plan:\n%s", text).contains("index scan using " + index)
                    .doesNotContain("seq scan on " + store.tablePrefix() + "outbox o").doesNotContain("sort ");
            case MYSQL -> assertThat(plan.get(0).toLowerCase(java.util.Locale.ROOT)).as("plan:\n%s", text)
                    .contains("table=o ").contains("key=" + index + " ").doesNotContain("filesort");
        }

        List<OutboxMessage> got = Collections.synchronizedList(new ArrayList<>());
        OutboxRelay relay = OutboxRelay.builder(store, got::add).clock(clock).batchSize(10).build();
        assertThat(drain(relay)).isEqualTo(trail(t).size());
        assertThat(got).extracting(OutboxMessage::ticketId).containsOnly(t.id());
        assertThat(outboxRows()).isEqualTo(3_000);
    }

    private void analyze() {
        String table = store.tablePrefix() + "outbox";
        store.withHandle(h -> switch (store.dialect()) {
            case H2 -> h.execute("ANALYZE TABLE " + table);
            case POSTGRESQL -> h.execute("ANALYZE " + table);
            case MYSQL -> h.createQuery("ANALYZE TABLE " + table).mapToMap().list().size();
        });
    }

    private List<String> explain(String sql, long nowUs) {
        return store.withHandle(h -> h.createQuery("EXPLAIN " + sql).bind("now", nowUs).bind("limit", 100)
                .map((rs, ctx) -> {
                    StringBuilder b = new StringBuilder();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        b.append(rs.getMetaData().getColumnLabel(c)).append('=').append(rs.getString(c)).append(' ');
                    }
                    return b.toString();
                }).list());
    }

    @Test
    void relaysOnTwoNodesNeverDeliverARowTwiceAndKeepEachTicketsOrder() throws Exception {
        Fixtures other = otherShop();
        List<Ticket> tickets = new ArrayList<>();
        Map<Ticket, Fixtures> owner = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            Fixtures f = i % 2 == 0 ? shop : other;
            Ticket t = f.carolAsks("node test " + i);
            engine.tickets().reply(f.admin, t.id(), NewMessage.text("reply " + i));
            tickets.add(t);
            owner.put(t, f);
        }
        Set<UUID> failOnce = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < tickets.size(); i += 3) {
            failOnce.add(trail(owner.get(tickets.get(i)), tickets.get(i)).get(0).meta().eventId());
        }
        Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        List<OutboxMessage> got = Collections.synchronizedList(new ArrayList<>());
        OutboxConsumer consumer = m -> {
            if (!inFlight.add(m.eventId())) {
                violations.add("delivered twice at once: " + m);
            }
            try {
                if (failOnce.remove(m.eventId())) {
                    throw new IllegalStateException("broker hiccup");
                }
                got.add(m);
            } finally {
                inFlight.remove(m.eventId());
            }
        };
        OutboxRelay one = OutboxRelay.builder(store, consumer).clock(clock).batchSize(4)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).build();
        OutboxRelay two = OutboxRelay.builder(store, consumer).clock(clock).batchSize(4)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10 && outboxRows() > 0; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> runs = new ArrayList<>();
                for (OutboxRelay r : List.of(one, two)) {
                    runs.add(pool.submit(() -> {
                        go.await();
                        int total = 0;
                        for (int idle = 0; idle < 3; ) {
                            int n = r.runOnce();
                            total += n;
                            idle = n == 0 ? idle + 1 : 0;
                        }
                        return total;
                    }));
                }
                go.countDown();
                for (Future<Integer> f : runs) {
                    f.get(60, TimeUnit.SECONDS);
                }
                clock.advance(Duration.ofSeconds(1));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
        assertThat(outboxRows()).isZero();
        assertThat(got).extracting(OutboxMessage::eventId).doesNotHaveDuplicates();
        for (Ticket t : tickets) {
            assertThat(eventsOf(got, t)).as("ticket %s", t.id()).containsExactlyElementsOf(trail(owner.get(t), t));
        }
        assertThat(one.stats().delivered() + two.stats().delivered()).isEqualTo(got.size());
        assertThat(one.stats().failedAttempts() + two.stats().failedAttempts()).isEqualTo((tickets.size() + 2) / 3);
    }

    @Test
    void pendingRowsOfTheOldSchemaAreDeliveredAfterTheUpgrade() {
        String prefix = "up" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        javax.sql.DataSource ds = store.dataSource();
        org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(ds)
                .locations("classpath:db/ticketkit/" + store.dialect().migrationFolder())
                .table(prefix + "schema_history")
                .placeholders(Map.of("prefix", prefix, "binaryCollation", binaryCollation()))
                .baselineOnMigrate(true).baselineVersion("0").target("5?").load().migrate();
        try {
            String ticket = UUID.randomUUID().toString();
            org.jdbi.v3.core.Jdbi.create(ds).useHandle(h -> {
                for (int i = 0; i < 3; i++) {
                    h.createUpdate("INSERT INTO " + prefix + "outbox (event_id, tenant, ticket_id, event_type, payload, attempts, "
                                    + "available_us) VALUES (:e, 'shop', :t, 'ticket.created', '{}', :attempts, :at)")
                            .bind("e", UUID.randomUUID().toString()).bind("t", ticket)
                            .bind("attempts", i == 0 ? 40 : 0)    // retried 40 times under the old relay
                            .bind("at", i == 0 ? dev.ticketkit.jdbc.internal.Schema.micros(clock.instant()) : 0L)
                            .execute();
                }
            });
            JdbcTicketStore upgraded = JdbcTicketStore.builder(ds).tablePrefix(prefix).build();
            List<OutboxMessage> got = new ArrayList<>();
            OutboxRelay relay = OutboxRelay.builder(upgraded, got::add).clock(clock).build();
            assertThat(drain(relay)).isEqualTo(3);
            assertThat(got).extracting(OutboxMessage::attempts).containsExactly(40, 0, 0);
        } finally {
            org.jdbi.v3.core.Jdbi.create(ds).useHandle(h -> {
                for (String t : new dev.ticketkit.jdbc.internal.Schema(store.dialect(), prefix, false).allTables()) {
                    h.execute("DROP TABLE IF EXISTS " + t);
                }
                h.execute("DROP TABLE IF EXISTS " + prefix + "schema_history");
            });
        }
    }

    private String binaryCollation() {
        if (store.dialect() != Dialect.MYSQL) {
            return "";
        }
        String version = store.withHandle(h -> h.createQuery("SELECT VERSION()").mapTo(String.class).one());
        return version.toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? "utf8mb4_nopad_bin" : "utf8mb4_0900_bin";
    }
}
