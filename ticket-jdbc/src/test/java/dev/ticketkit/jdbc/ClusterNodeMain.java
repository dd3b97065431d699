package dev.ticketkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.testkit.MutableClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One node of {@link JdbcProcessClusterContract} in a JVM of its own: a HikariCP pool, a {@link JdbcTicketStore}
 * on the shared table prefix and a {@link TicketEngine} with its own node id and a {@link MutableClock} that only
 * the parent moves. It reads one command a line on stdin and answers each with one line on stdout,
 * {@code ok <command> [result]} or {@code err <command> <exception>}; logging goes to stderr. It halts when stdin
 * ends, so a node never outlives the test that started it.
 *
 * <p>Arguments ({@code name=value}): {@code url}, {@code user}, {@code prefix}, {@code node}, {@code migrate},
 * {@code tenant}, {@code clock} (ISO instant), {@code customer} (requester of new tickets), {@code batch}
 * (due-work batch size), {@code lease} (seconds). The password comes from the environment variable
 * {@value #PASSWORD_ENV}, so it is not on a command line.
 *
 * <p>Commands:
 * <ul>
 *   <li>{@code clock <instant>}: sets the node's clock.</li>
 *   <li>{@code ingest <keys> <createThreads> <hotThreads> <changesPerHotThread> <hotId,hotId,...|->}: at once,
 *       {@code createThreads} threads each create a ticket {@code "due <k>"} with idempotency key
 *       {@code key-<k>} for every {@code k < keys} (each thread in its own order), while {@code hotThreads}
 *       threads alternate a note {@code "note <node>/<thread>/<i>"} and a tag {@code t<node>x<thread>x<i>} on
 *       the hot tickets in turn ({@link #hotTicket}). Answers {@code key-<k>=<ticket id>} for every ticket any
 *       create thread got back.</li>
 *   <li>{@code batch <batches> <size> <threads>}: at once, {@code threads} threads each create {@code batches} batches
 *       of {@code size} tickets {@code "bulk <node>/<thread>/<i>"} with {@link dev.ticketkit.core.Tickets#createAll}
 *       (idempotency keys unique to the node); answers {@code <thread>:<number>,<number>,...} per thread, the ticket
 *       numbers in the order the thread got them. Fails if an item was not created.</li>
 *   <li>{@code run}: {@link TicketEngine#runDueWork()} until it runs nothing and a plain read finds no item of the
 *       tenant due now and unclaimed (or past its lease), as a node polling again would; answers how many items
 *       ran. The second condition matters while another node's claim holds rows: a claim skips rows locked by
 *       another, so a claim racing one that holds the last due rows finds nothing although work is left.</li>
 *   <li>{@code block}: the next handler run prints {@code blocked <key>} and then waits (for the kill) before
 *       it touches the ticket, inside the transaction that completed its item.</li>
 *   <li>{@code runs}: {@code <key>=<count>} of every handler run on this node (committed or not).</li>
 *   <li>{@code quit}: closes the engine, store and pool and exits.</li>
 * </ul>
 */
final class ClusterNodeMain {
    static final String PASSWORD_ENV = "TICKETKIT_NODE_PASSWORD";
    static final String TICK = JdbcClusterContract.TICK;
    static final int ITEMS_PER_TICKET = JdbcClusterContract.ITEMS_PER_TICKET;
    /** Longest wait of a blocked handler: the parent kills the node long before. */
    private static final long BLOCK_SECONDS = 120;
    /** Longest {@code run}. */
    private static final long RUN_SECONDS = 30;

    private final String node;
    private final TenantId tenant;
    private final CustomerId customer;
    private final Actor integration;
    private final Actor admin;
    private final MutableClock clock;
    private final HikariDataSource pool;
    private final JdbcTicketStore store;
    private final TicketEngine engine;
    private final PrintStream out;
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final AtomicBoolean blockNext = new AtomicBoolean();

    private ClusterNodeMain(Map<String, String> args, String password, PrintStream out) {
        this.out = out;
        this.node = arg(args, "node");
        this.tenant = TenantId.of(arg(args, "tenant"));
        this.customer = CustomerId.parse(arg(args, "customer"));
        this.integration = Actor.integration(tenant, "test-channel");
        this.admin = Actor.system(tenant, "admin").withRoles(Role.ADMIN);
        this.clock = MutableClock.at(arg(args, "clock"));
        this.pool = JdbcClusterContract.hikari(arg(args, "url"), arg(args, "user"), password, "node-" + node, 6, 10_000);
        JdbcTicketStore.Builder b = JdbcTicketStore.builder(pool).tablePrefix(arg(args, "prefix"));
        if (!Boolean.parseBoolean(arg(args, "migrate"))) {
            b.migrate(false);
        }
        this.store = b.build();
        CommandHook scheduler = JdbcClusterContract.dueScheduler(ClusterNodeMain::dueKey);
        this.engine = TicketEngine.builder().store(store).clock(clock).nodeId(node)
                .dueWorkLease(Duration.ofSeconds(Long.parseLong(arg(args, "lease"))))
                .dueWorkBatchSize(Integer.parseInt(arg(args, "batch"))).hook(scheduler)
                .dueWorkHandler(TICK, ctx -> {
                    String key = ctx.work().key();
                    runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    if (blockNext.compareAndSet(true, false)) {
                        say("blocked " + key);
                        // holds the claims of its batch and this item's row (deleted, uncommitted) until killed
                        new CountDownLatch(1).await(BLOCK_SECONDS, TimeUnit.SECONDS);
                        throw new IllegalStateException("node " + node + " was not killed while blocked");
                    }
                    ctx.onTicket(ctx.work().ticketId(), h -> h.addNote("ran " + key));
                })
                .build();
    }

    /**
     * Items of the tenant due now and unclaimed or with an ended lease, by a plain (non-locking) read: what a
     * claim would get if no other transaction held them.
     */
    private long claimableNow() {
        long now = dev.ticketkit.jdbc.internal.Schema.micros(clock.instant());
        return store.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + store.tablePrefix() + "due_work WHERE tenant = :t"
                + " AND due_us <= :now AND (owner IS NULL OR lease_us <= :now)")
                .bind("t", tenant.value()).bind("now", now).mapTo(Long.class).one());
    }

    /** The due-work key of a ticket's i-th item, as the parent expects it. */
    static String dueKey(TicketId ticket, int i) {
        return "cluster:" + ticket + ":" + i;
    }

    /** The hot ticket (index into the list) that change {@code i} of a hot thread goes to. */
    static int hotTicket(int thread, int i, int hotTickets) {
        return (thread + i) % hotTickets;
    }

    public static void main(String[] argv) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err); // stdout is the protocol: nothing else may write to it
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("argument is not name=value: " + a);
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        String password = System.getenv(PASSWORD_ENV);
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    commands.add(line);
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
            Runtime.getRuntime().halt(3); // the parent is gone: stop at once, whatever runs
        }, "node-stdin");
        stdin.setDaemon(true);
        stdin.start();

        ClusterNodeMain n = new ClusterNodeMain(args, password == null ? "" : password, out);
        n.say("ready " + n.node);
        while (true) {
            String line = commands.take();
            String[] words = line.split(" ");
            try {
                String result = n.execute(words);
                n.say("ok " + words[0] + (result.isEmpty() ? "" : " " + result));
                if (words[0].equals("quit")) {
                    System.exit(0);
                }
            } catch (Exception e) {
                e.printStackTrace();
                n.say("err " + words[0] + " " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
    }

    private String execute(String[] w) throws Exception {
        switch (w[0]) {
            case "clock":
                clock.set(Instant.parse(w[1]));
                return "";
            case "ingest":
                return ingest(Integer.parseInt(w[1]), Integer.parseInt(w[2]), Integer.parseInt(w[3]), Integer.parseInt(w[4]),
                        w[5].equals("-") ? List.of() : Arrays.stream(w[5].split(",")).map(TicketId::parse).toList());
            case "batch":
                return batch(Integer.parseInt(w[1]), Integer.parseInt(w[2]), Integer.parseInt(w[3]));
            case "run": {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_SECONDS);
                int total = 0;
                while (true) {
                    int ran = engine.runDueWork();
                    total += ran;
                    if (ran == 0 && claimableNow() == 0) {
                        return Integer.toString(total);
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("due work still claimable after " + RUN_SECONDS + " s: " + claimableNow() + " items");
                    }
                }
            }
            case "block":
                blockNext.set(true);
                return "";
            case "runs": {
                StringBuilder sb = new StringBuilder();
                new TreeMap<>(runs).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v.get()));
                return sb.toString();
            }
            case "quit":
                engine.close();
                store.close();
                pool.close();
                return "";
            default:
                throw new IllegalArgumentException("unknown command " + w[0]);
        }
    }

    private String ingest(int keys, int createThreads, int hotThreads, int changes, List<TicketId> hot) throws Exception {
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int t = 0; t < createThreads; t++) {
            Random random = new Random(node.hashCode() * 31L + t);
            tasks.add(() -> {
                List<Integer> order = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    order.add(k);
                }
                Collections.shuffle(order, random);
                List<String> got = new ArrayList<>();
                for (int k : order) {
                    Ticket ticket = engine.tickets().create(integration, NewTicket.builder(customer, "due " + k)
                            .message("Where is parcel " + k + "?").idempotencyKey("key-" + k).build());
                    got.add("key-" + k + "=" + ticket.id());
                }
                return got;
            });
        }
        for (int t = 0; t < hotThreads; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < changes; i++) {
                    TicketId id = hot.get(hotTicket(thread, i, hot.size()));
                    if (i % 2 == 0) {
                        engine.tickets().note(admin, id, "note " + node + "/" + thread + "/" + i);
                    } else {
                        engine.tickets().update(admin, id, TicketUpdate.builder().addTags(hotTag(node, thread, i)).build());
                    }
                }
                return List.of();
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (Callable<List<String>> task : tasks) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                results.addAll(f.get(60, TimeUnit.SECONDS));
            }
            return String.join(" ", results);
        } finally {
            threads.shutdownNow();
        }
    }

    private String batch(int batches, int size, int threadCount) throws Exception {
        List<Callable<String>> tasks = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            tasks.add(() -> {
                List<String> numbers = new ArrayList<>();
                for (int b = 0; b < batches; b++) {
                    List<NewTicket> items = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        String name = node + "/" + thread + "/" + (b * size + i);
                        items.add(NewTicket.builder(customer, "bulk " + name).message("Parcel " + name + " is late")
                                .idempotencyKey("bulk-" + name).build());
                    }
                    dev.ticketkit.core.BatchCreateResult r = engine.tickets().createAll(integration, items);
                    if (r.count(dev.ticketkit.core.BatchCreateResult.Status.CREATED) != size) {
                        throw new IllegalStateException("batch " + b + " of thread " + thread + " created "
                                + r.count(dev.ticketkit.core.BatchCreateResult.Status.CREATED) + " of " + size);
                    }
                    r.tickets().forEach(ticket -> numbers.add(Long.toString(ticket.number().sequence())));
                }
                return thread + ":" + String.join(",", numbers);
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> task : tasks) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return String.join(" ", results);
        } finally {
            threads.shutdownNow();
        }
    }

    /** The tag change {@code i} of hot thread {@code thread} on {@code node} adds. */
    static String hotTag(String node, int thread, int i) {
        return "t" + node + "x" + thread + "x" + i;
    }

    private synchronized void say(String line) {
        out.println(line);
        out.flush();
    }

    private static String arg(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing argument " + name + "=");
        }
        return v;
    }
}
