package dev.ticketkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three nodes in one JVM, one database: three {@link TicketEngine}s, each on its own {@link JdbcTicketStore}
 * with a connection pool of its own and a distinct node id, sharing the tables (one prefix) and one
 * {@link MutableClock}. Threads of all three nodes race on idempotency keys, hot tickets and due work, and one
 * node "dies" holding due-work claims (it claims and then simply stops). The nodes are threads in one JVM: each
 * still talks to the database through its own pool and connections, which is what the store's guarantees are
 * about. {@link JdbcProcessClusterContract} runs the same kinds of race with each node in a JVM process of its own
 * on PostgreSQL and MariaDB, and kills one with {@link Process#destroyForcibly()} in the middle of an item.
 */
abstract class JdbcClusterContract {
    static final String TICK = "cluster.tick";
    static final int ITEMS_PER_TICKET = 5;
    static final Duration LEASE = Duration.ofMinutes(5);
    static final String[] NODES = {"node-a", "node-b", "node-c"};

    /** A new pool of its own on the class's database (one per node). */
    protected abstract HikariDataSource newPool(String name);

    /** The table prefix the nodes share. */
    protected abstract String tablePrefix();

    private final List<HikariDataSource> pools = new ArrayList<>();
    protected final JdbcTicketStore[] stores = new JdbcTicketStore[3];
    protected final TicketEngine[] engines = new TicketEngine[3];
    protected MutableClock clock;
    protected TenantId tenant;
    protected Fixtures shop;
    /** Handler invocations per due-work key (committed or not). */
    protected final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    /** Handler invocations per node. */
    protected final Map<String, AtomicInteger> runsByNode = new ConcurrentHashMap<>();
    private ExecutorService threads;

    static HikariDataSource hikari(String url, String user, String password, String name, int size, long connectionTimeoutMs) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(connectionTimeoutMs);
        c.setInitializationFailTimeout(1);
        c.setPoolName(name);
        return new HikariDataSource(c);
    }

    /**
     * The hook every cluster node runs: each new ticket whose subject starts with "due " schedules
     * {@value #ITEMS_PER_TICKET} {@value #TICK} items a minute later, keyed by {@code key(ticket, i)}.
     */
    static CommandHook dueScheduler(java.util.function.BiFunction<TicketId, Integer, String> key) {
        return new CommandHook() {
            @Override
            public void beforeCommit(HookContext ctx) {
                Ticket t = ctx.ticket();
                if (ctx.before().isEmpty() && t.subject().startsWith("due ")) {
                    for (int i = 0; i < ITEMS_PER_TICKET; i++) {
                        ctx.schedule(DueWork.of(t.tenantId(), key.apply(t.id(), i), TICK, t.id(),
                                ctx.now().plus(Duration.ofMinutes(1))));
                    }
                }
            }
        };
    }

    @BeforeEach
    void startNodes() {
        clock = MutableClock.at("2026-11-11T08:00:00Z");
        tenant = TenantId.of("cluster-" + UUID.randomUUID().toString().substring(0, 8));
        CommandHook scheduler = dueScheduler((id, i) -> "cluster:" + id + ":" + i);
        for (int n = 0; n < 3; n++) {
            String node = NODES[n];
            HikariDataSource pool = newPool("cluster-" + node);
            pools.add(pool);
            JdbcTicketStore.Builder b = JdbcTicketStore.builder(pool).tablePrefix(tablePrefix());
            if (n > 0) {
                b.migrate(false); // node A migrated (a no-op when the class's database is migrated already)
            }
            stores[n] = b.build();
            if (n == 0) {
                TestDatabase.clearDueWork(stores[0]);
            }
            engines[n] = TicketEngine.builder().store(stores[n]).clock(clock).nodeId(node)
                    .dueWorkLease(LEASE).dueWorkBatchSize(10).hook(scheduler)
                    .dueWorkHandler(TICK, ctx -> {
                        String key = ctx.work().key();
                        runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        runsByNode.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
                        ctx.onTicket(ctx.work().ticketId(), h -> h.addNote("ran " + key));
                    })
                    .build();
        }
        shop = Fixtures.create(engines[0], tenant);
        threads = Executors.newFixedThreadPool(6);
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        if (threads != null) {
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
        for (TicketEngine e : engines) {
            if (e != null) {
                e.close();
            }
        }
        if (stores[0] != null) {
            TestDatabase.clearDueWork(stores[0]);
        }
        for (JdbcTicketStore s : stores) {
            if (s != null) {
                s.close();
            }
        }
        pools.forEach(HikariDataSource::close);
    }

    /** Runs the tasks at once (released together) and returns their results, failing on the first error. */
    private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) {
            futures.add(threads.submit(() -> {
                go.await();
                return t.call();
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(50, TimeUnit.SECONDS));
        }
        return out;
    }

    /**
     * With {@code SKIP LOCKED}: while one node's claim transaction holds its rows, another node's claim takes the
     * next due rows instead of coming back empty (the claim reads the due index in order, locking only what it
     * returns). Called by the PostgreSQL and MariaDB classes; H2 claims by compare-and-set.
     */
    protected void aClaimHoldingItsRowsLeavesTheNextDueRowsToAnotherNode() {
        List<NewTicket> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(NewTicket.builder(shop.carol.id(), "due " + i).message("x").build());
        }
        engines[0].tickets().createAll(shop.integration, batch); // 200 due rows
        Instant now = clock.instant().plus(Duration.ofMinutes(2));
        dev.ticketkit.jdbc.internal.Schema schema = stores[0].schema();
        assertThat(schema.skipLocked()).isTrue();
        try (org.jdbi.v3.core.Handle a = org.jdbi.v3.core.Jdbi.create(pools.get(0)).open();
             org.jdbi.v3.core.Handle b = org.jdbi.v3.core.Jdbi.create(pools.get(1)).open()) {
            a.begin();
            b.begin();
            List<DueWork> first = dev.ticketkit.jdbc.internal.DueClaims.claim(a, schema, "node-a", now, now.plus(LEASE), 10);
            List<DueWork> second = dev.ticketkit.jdbc.internal.DueClaims.claim(b, schema, "node-b", now, now.plus(LEASE), 10);
            a.rollback();
            b.rollback();
            assertThat(first).hasSize(10);
            assertThat(second).as("what the second node claimed while the first held its claim").hasSize(10);
            Set<String> keys = new HashSet<>();
            first.forEach(w -> keys.add(w.key()));
            second.forEach(w -> assertThat(keys.add(w.key())).as("claimed twice: %s", w.key()).isTrue());
        }
    }

    // ---- (a) idempotency keys sent to different nodes -----------------------------------------------------

    @Test
    @Timeout(60)
    void anIdempotencyKeySentToEveryNodeMakesOneTicket() throws Exception {
        int keys = 40;
        List<Callable<Map<String, TicketId>>> tasks = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            TicketEngine engine = engines[t % 3];
            int seed = t;
            tasks.add(() -> {
                List<Integer> order = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    order.add(k);
                }
                Collections.shuffle(order, new java.util.Random(seed));
                Map<String, TicketId> got = new HashMap<>();
                for (int k : order) {
                    String key = "order-4711-" + k;
                    Ticket ticket = engine.tickets().create(shop.integration, NewTicket.builder(shop.carol.id(), "parcel " + k)
                            .message("Where is parcel " + k + "?").idempotencyKey(key).build());
                    got.put(key, ticket.id());
                }
                return got;
            });
        }
        List<Map<String, TicketId>> results = race(tasks);

        Set<TicketId> distinct = new HashSet<>();
        for (int k = 0; k < keys; k++) {
            String key = "order-4711-" + k;
            Set<TicketId> forKey = new HashSet<>();
            results.forEach(r -> forKey.add(r.get(key)));
            assertThat(forKey).as("ticket ids returned for %s by six threads on three nodes", key).hasSize(1);
            distinct.addAll(forKey);
        }
        assertThat(distinct).hasSize(keys);
        assertThat(count("SELECT COUNT(*) FROM " + tablePrefix() + "tickets WHERE tenant = :t")).isEqualTo(keys);
        assertThat(count("SELECT COUNT(*) FROM " + tablePrefix() + "idempotency_keys WHERE tenant = :t")).isEqualTo(keys);
        assertThat(count("SELECT COUNT(*) FROM " + tablePrefix() + "messages WHERE tenant = :t")).isEqualTo(keys);
        // numbers: 1..keys without gaps or duplicates
        List<Long> numbers = stores[1].withHandle(h -> h.createQuery("SELECT number_seq FROM " + tablePrefix()
                + "tickets WHERE tenant = :t ORDER BY number_seq").bind("t", tenant.value()).mapTo(Long.class).list());
        assertThat(numbers).hasSize(keys).doesNotHaveDuplicates();
    }

    // ---- (b) hot tickets updated from every node ---------------------------------------------------------

    @Test
    @Timeout(60)
    void concurrentNotesAndTagsOnHotTicketsFromEveryNodeAreAllKept() throws Exception {
        List<Ticket> hot = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hot.add(shop.carolAsks("hot " + i));
        }
        int perThread = 20;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            TicketEngine engine = engines[t % 3];
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    TicketId id = hot.get((thread + i) % 3).id();
                    if (i % 2 == 0) {
                        engine.tickets().note(shop.admin, id, "note " + thread + "/" + i);
                    } else {
                        engine.tickets().update(shop.admin, id, TicketUpdate.builder().addTags("t" + thread + "x" + i).build());
                    }
                }
                return null;
            });
        }
        race(tasks);

        for (int h = 0; h < 3; h++) {
            Ticket before = hot.get(h);
            Set<String> notes = new HashSet<>();
            Set<String> tags = new HashSet<>();
            int changes = 0;
            for (int t = 0; t < 6; t++) {
                for (int i = 0; i < perThread; i++) {
                    if ((t + i) % 3 == h) {
                        changes++;
                        if (i % 2 == 0) {
                            notes.add("note " + t + "/" + i);
                        } else {
                            tags.add("t" + t + "x" + i);
                        }
                    }
                }
            }
            Ticket after = engines[2].tickets().get(shop.admin, before.id());
            assertThat(after.tags()).containsAll(tags);
            List<String> texts = engines[1].tickets().messages(shop.admin, before.id()).stream().map(Message::text).toList();
            assertThat(texts).containsAll(notes).doesNotHaveDuplicates();
            assertThat(texts).hasSize(notes.size() + 1); // + Carol's first message
            assertThat(after.version()).as("version of hot ticket %s", h).isEqualTo(before.version() + changes);
        }
    }

    // ---- (c) due work run by every node ----------------------------------------------------------------

    @Test
    @Timeout(60)
    void dueWorkRunsExactlyOnceAcrossThreeNodes() throws Exception {
        int tickets = 60; // x ITEMS_PER_TICKET = 300 items
        List<Callable<List<TicketId>>> create = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            TicketEngine engine = engines[t];
            int node = t;
            create.add(() -> {
                List<TicketId> ids = new ArrayList<>();
                for (int i = node; i < tickets; i += 3) {
                    ids.add(engine.tickets().create(shop.integration, NewTicket.builder(shop.carol.id(), "due " + i)
                            .message("m").build()).id());
                }
                return ids;
            });
        }
        List<TicketId> ids = race(create).stream().flatMap(List::stream).toList();
        Set<String> expected = expectedKeys(ids);
        assertThat(expected).hasSize(tickets * ITEMS_PER_TICKET);
        assertThat(runs).isEmpty(); // nothing is due yet

        clock.advance(Duration.ofMinutes(2));
        runAllUntilDone(new int[] {0, 1, 2, 0, 1, 2});

        assertRanExactlyOnce(expected);
        assertThat(runsByNode.keySet()).as("nodes that ran work: %s", runsByNode).hasSizeGreaterThanOrEqualTo(2);
    }

    // ---- (d) a node dies holding claims -------------------------------------------------------------------

    @Test
    @Timeout(60)
    void workClaimedByADeadNodeIsRunByTheOthersOnceItsLeaseEnds() throws Exception {
        List<TicketId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(engines[1].tickets().create(shop.integration, NewTicket.builder(shop.carol.id(), "due " + i)
                    .message("m").build()).id());
        }
        Set<String> expected = expectedKeys(ids);
        Instant claimedAt = clock.advance(Duration.ofMinutes(2));
        // node A claims everything and dies: never completes, releases or renews
        List<DueWork> claimedByA = stores[0].claimDueWork("node-a", claimedAt, LEASE, 1000);
        assertThat(claimedByA).hasSize(expected.size());

        // B and C find nothing while A's lease holds
        assertThat(race(List.<Callable<Integer>>of(engines[1]::runDueWork, engines[2]::runDueWork, engines[1]::runDueWork,
                engines[2]::runDueWork))).containsOnly(0);
        clock.advance(LEASE.minusSeconds(1));
        assertThat(race(List.<Callable<Integer>>of(engines[1]::runDueWork, engines[2]::runDueWork))).containsOnly(0);
        assertThat(runs).isEmpty();
        assertThat(stores[2].nextDueAt(clock.instant())).contains(claimedAt.plus(LEASE));

        // past the lease: B and C take over, each item once
        clock.advance(Duration.ofSeconds(2));
        runAllUntilDone(new int[] {1, 2, 1, 2});
        assertRanExactlyOnce(expected);
        assertThat(runsByNode).doesNotContainKey("node-a");

        // the dead node's claims are void: completing one now changes nothing
        DueWork stale = claimedByA.get(0);
        boolean completed = stores[0].inTransaction(tx -> tx.completeDueWork(stale, "node-a"));
        assertThat(completed).isFalse();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static Set<String> expectedKeys(List<TicketId> ids) {
        Set<String> keys = new HashSet<>();
        for (TicketId id : ids) {
            for (int i = 0; i < ITEMS_PER_TICKET; i++) {
                keys.add("cluster:" + id + ":" + i);
            }
        }
        return keys;
    }

    /** Threads on the given nodes call runDueWork in loops until no work is left (or 40 s pass). */
    private void runAllUntilDone(int[] nodes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        List<Callable<Integer>> loops = new ArrayList<>();
        for (int n : nodes) {
            TicketEngine engine = engines[n];
            JdbcTicketStore store = stores[n];
            loops.add(() -> {
                int total = 0;
                while (System.nanoTime() < deadline) {
                    int ran = engine.runDueWork();
                    total += ran;
                    if (ran == 0) {
                        if (dueWorkLeft(store) == 0) {
                            return total;
                        }
                        Thread.sleep(5);
                    }
                }
                return total;
            });
        }
        race(loops);
        assertThat(dueWorkLeft(stores[0])).as("due work left").isZero();
    }

    private void assertRanExactlyOnce(Set<String> expected) {
        Map<String, Integer> counts = new HashMap<>();
        runs.forEach((k, v) -> counts.put(k, v.get()));
        assertThat(counts.keySet()).isEqualTo(expected);
        assertThat(counts.entrySet()).filteredOn(e -> e.getValue() != 1).as("handler runs != 1").isEmpty();
        // the handler's effect committed once per item
        List<String> notes = stores[2].withHandle(h -> h.createQuery("SELECT body_text FROM " + tablePrefix()
                + "messages WHERE tenant = :t AND body_text LIKE 'ran %'").bind("t", tenant.value()).mapTo(String.class).list());
        assertThat(notes).hasSize(expected.size()).doesNotHaveDuplicates();
        Set<String> noted = new HashSet<>();
        notes.forEach(n -> noted.add(n.substring("ran ".length())));
        assertThat(noted).isEqualTo(expected);
    }

    /** Due-work rows left, counted in the table itself. */
    private long dueWorkLeft(JdbcTicketStore store) {
        return store.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + tablePrefix() + "due_work").mapTo(Long.class).one());
    }

    private long count(String sql) {
        return stores[1].withHandle(h -> h.createQuery(sql).bind("t", tenant.value()).mapTo(Long.class).one());
    }
}
