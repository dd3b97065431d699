package dev.ticketkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes as three JVM processes on one database: each child runs {@link ClusterNodeMain} (its own pool,
 * {@link JdbcTicketStore} and {@link TicketEngine} with a distinct node id, on the class's table prefix) and takes
 * commands on stdin from this test, which moves every node's clock by command (nothing waits for wall-clock
 * time) and checks the outcome in the tables. The nodes ingest tickets with the same idempotency keys while they
 * update the same hot tickets, run the due work that ingest scheduled, and one node is killed
 * ({@link Process#destroyForcibly()}) while it holds due-work claims and has an item half run.
 *
 * <p>Every wait is bounded; children are killed after each test, and halt by themselves when their stdin ends.
 * A failing test carries the tail of every child's stderr.
 */
abstract class JdbcProcessClusterContract {
    static final Instant START = Instant.parse("2026-11-11T08:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);
    /** Longest wait for one answer of a node (JVM start and migration check included). */
    static final Duration ANSWER = Duration.ofSeconds(60);
    static final String[] NODES = {"node-a", "node-b", "node-c"};
    static final int BATCH = 10;

    /** The class's database: its URL, user and password, and the migrated table prefix the nodes share. */
    protected abstract TestDatabase database();

    @TempDir
    Path logs;

    private final List<Node> nodes = new ArrayList<>();
    private JdbcTicketStore store;
    private TicketEngine setup;
    private TenantId tenant;
    private Fixtures shop;
    private String prefix;

    /** A failing test carries the end of every node's stderr. */
    @RegisterExtension
    final TestExecutionExceptionHandler nodeLogs = (context, failure) -> {
        for (Node n : nodes) {
            AssertionError log = new AssertionError("stderr of " + n.id + " (" + n.state() + "):\n" + n.stderrTail());
            log.setStackTrace(new StackTraceElement[0]);
            failure.addSuppressed(log);
        }
        throw failure;
    };

    @BeforeEach
    void setUp() {
        store = database().store(); // no due work left by other tests
        prefix = store.tablePrefix();
        tenant = TenantId.of("proc-" + UUID.randomUUID().toString().substring(0, 8));
        // the test's own engine: fixtures and reads only, it never runs due work
        setup = TicketEngine.builder().store(store).clock(MutableClock.at(START)).nodeId("test").build();
        shop = Fixtures.create(setup, tenant);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        try {
            for (Node n : nodes) {
                n.kill();
            }
        } finally {
            if (setup != null) {
                setup.close();
            }
            if (store != null) {
                TestDatabase.clearDueWork(store);
                store.close();
            }
        }
    }

    // ---- ingest and updates from three processes at once, then their due work --------------------------------

    @Test
    @Timeout(120)
    void threeProcessesIngestingAndUpdatingAtOnceMakeOneTicketPerKeyLoseNoUpdateAndRunEachDueItemOnce() throws Exception {
        List<Ticket> hot = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hot.add(shop.carolAsks("hot " + i));
        }
        int keys = 40;
        int createThreads = 2;
        int hotThreads = 2;
        int changes = 16;
        startNodes();

        String hotIds = hot.stream().map(t -> t.id().toString()).collect(Collectors.joining(","));
        List<String> answers = callAll(nodes, "ingest " + keys + " " + createThreads + " " + hotThreads + " " + changes + " " + hotIds);

        // one ticket per idempotency key, whichever of the six racers on three nodes asked
        Map<String, Set<String>> idsByKey = new HashMap<>();
        int results = 0;
        for (String answer : answers) {
            for (String pair : answer.split(" ")) {
                String[] kv = pair.split("=");
                idsByKey.computeIfAbsent(kv[0], k -> new HashSet<>()).add(kv[1]);
                results++;
            }
        }
        assertThat(results).isEqualTo(NODES.length * createThreads * keys);
        assertThat(idsByKey).hasSize(keys);
        idsByKey.forEach((key, ids) -> assertThat(ids).as("ticket ids returned for %s by three processes", key).hasSize(1));
        assertThat(idsByKey.values().stream().flatMap(Set::stream).distinct().count()).isEqualTo(keys);
        assertThat(count("SELECT COUNT(*) FROM " + prefix + "tickets WHERE tenant = :t AND subject LIKE 'due %'")).isEqualTo(keys);
        assertThat(count("SELECT COUNT(*) FROM " + prefix + "idempotency_keys WHERE tenant = :t")).isEqualTo(keys);
        List<Long> numbers = store.withHandle(h -> h.createQuery("SELECT number_seq FROM " + prefix + "tickets WHERE tenant = :t")
                .bind("t", tenant.value()).mapTo(Long.class).list());
        assertThat(numbers).hasSize(keys + hot.size()).doesNotHaveDuplicates();

        // every note and tag on the hot tickets, counted in the tables
        for (int h = 0; h < hot.size(); h++) {
            Set<String> notes = new HashSet<>();
            Set<String> tags = new HashSet<>();
            for (String node : NODES) {
                for (int t = 0; t < hotThreads; t++) {
                    for (int i = 0; i < changes; i++) {
                        if (ClusterNodeMain.hotTicket(t, i, hot.size()) == h) {
                            if (i % 2 == 0) {
                                notes.add("note " + node + "/" + t + "/" + i);
                            } else {
                                tags.add(ClusterNodeMain.hotTag(node, t, i));
                            }
                        }
                    }
                }
            }
            TicketId id = hot.get(h).id();
            List<String> noted = strings("SELECT body_text FROM " + prefix + "messages WHERE tenant = :t AND ticket_id = :id"
                    + " AND body_text LIKE 'note %'", id);
            assertThat(noted).as("notes on hot ticket %s", h).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(notes);
            List<String> tagged = strings("SELECT tag FROM " + prefix + "ticket_tags WHERE tenant = :t AND ticket_id = :id", id);
            assertThat(tagged).as("tags of hot ticket %s", h).containsExactlyInAnyOrderElementsOf(tags);
            Ticket after = setup.tickets().get(shop.admin, id);
            assertThat(after.tags()).containsExactlyInAnyOrderElementsOf(tags);
            assertThat(after.version()).as("version of hot ticket %s", h).isEqualTo(hot.get(h).version() + notes.size() + tags.size());
        }

        // the due work ingest scheduled: nothing due yet, then each item once
        Set<String> expected = expectedKeys(idsByKey);
        assertThat(expected).hasSize(keys * ClusterNodeMain.ITEMS_PER_TICKET);
        assertThat(callAll(nodes, "run")).containsOnly("0");
        assertThat(dueWorkLeft()).isEqualTo(expected.size());
        callAll(nodes, "clock " + START.plus(Duration.ofMinutes(2)));
        List<String> ran = callAll(nodes, "run");
        assertThat(ran.stream().mapToInt(Integer::parseInt).sum()).as("items run by %s", ran).isEqualTo(expected.size());
        assertThat(dueWorkLeft()).as("due work left").isZero();

        Map<String, Integer> runs = new HashMap<>();
        Set<String> nodesThatRan = new HashSet<>();
        for (Node n : nodes) {
            runsOf(n).forEach((key, times) -> {
                runs.merge(key, times, Integer::sum);
                nodesThatRan.add(n.id);
            });
        }
        assertRanOnce(runs, expected);
        assertThat(nodesThatRan).as("nodes that ran due work").hasSizeGreaterThanOrEqualTo(2);
    }

    // ---- one tenant's batched intake on three processes at once ----------------------------------------------

    @Test
    @Timeout(120)
    void threeProcessesBatchingForOneTenantAtOnceGiveEveryTicketItsOwnNumberAndLoseNone() throws Exception {
        int batches = 5;
        int size = 20;
        int threads = 2;
        startNodes();
        List<String> answers = callAll(nodes, "batch " + batches + " " + size + " " + threads);

        List<Long> all = new ArrayList<>();
        for (int n = 0; n < NODES.length; n++) {
            String[] perThread = answers.get(n).split(" ");
            assertThat(perThread).hasSize(threads);
            for (String t : perThread) {
                List<Long> got = java.util.Arrays.stream(t.substring(t.indexOf(':') + 1).split(",")).map(Long::parseLong).toList();
                // numbers come from the node's own blocks: increasing in the order each thread got them
                assertThat(got).as("numbers of %s thread %s", NODES[n], t.substring(0, t.indexOf(':')))
                        .hasSize(batches * size).isSorted().doesNotHaveDuplicates();
                all.addAll(got);
            }
        }
        int expected = NODES.length * threads * batches * size;
        assertThat(all).hasSize(expected).doesNotHaveDuplicates();
        // in the tables: every ticket, each with its key, and no number twice
        assertThat(count("SELECT COUNT(*) FROM " + prefix + "tickets WHERE tenant = :t AND subject LIKE 'bulk %'")).isEqualTo(expected);
        assertThat(count("SELECT COUNT(DISTINCT number_seq) FROM " + prefix + "tickets WHERE tenant = :t")).isEqualTo(expected);
        assertThat(count("SELECT COUNT(*) FROM " + prefix + "idempotency_keys WHERE tenant = :t")).isEqualTo(expected);
        List<Long> stored = store.withHandle(h -> h.createQuery("SELECT number_seq FROM " + prefix + "tickets WHERE tenant = :t")
                .bind("t", tenant.value()).mapTo(Long.class).list());
        assertThat(stored).containsExactlyInAnyOrderElementsOf(all);
    }

    // ---- a process killed while it holds claims --------------------------------------------------------------

    @Test
    @Timeout(120)
    void claimsOfAKilledProcessAreRunByTheOthersOnceTheirLeaseEnds() throws Exception {
        startNodes();
        Node a = nodes.get(0);
        List<Node> survivors = nodes.subList(1, 3);
        int keys = 12;
        String answer = a.call("ingest " + keys + " 1 0 0 -");
        Map<String, Set<String>> idsByKey = new HashMap<>();
        for (String pair : answer.split(" ")) {
            String[] kv = pair.split("=");
            idsByKey.computeIfAbsent(kv[0], k -> new HashSet<>()).add(kv[1]);
        }
        Set<String> expected = expectedKeys(idsByKey);
        assertThat(expected).hasSize(keys * ClusterNodeMain.ITEMS_PER_TICKET);

        Instant claimedAt = START.plus(Duration.ofMinutes(2));
        callAll(nodes, "clock " + claimedAt);
        // A claims a batch and stops inside its first item: that item's row is deleted but not committed
        a.call("block");
        a.send("run");
        String blocked = a.await("blocked ").substring("blocked ".length());
        assertThat(expected).contains(blocked);

        // B and C run everything else meanwhile
        List<String> ran = callAll(survivors, "run");
        assertThat(ran.stream().mapToInt(Integer::parseInt).sum()).isEqualTo(expected.size() - BATCH);
        assertThat(count("SELECT COUNT(*) FROM " + prefix + "due_work WHERE tenant = :t AND owner = 'node-a' AND lease_us = "
                + micros(claimedAt.plus(LEASE)))).as("A's claims").isEqualTo(BATCH);
        assertThat(dueWorkLeft()).isEqualTo(BATCH);
        List<String> claimedByA = strings("SELECT work_key FROM " + prefix + "due_work WHERE tenant = :t AND owner = 'node-a'", null);
        assertThat(claimedByA).contains(blocked); // its delete is not committed

        a.kill();
        assertThat(a.process.isAlive()).isFalse();

        // while A's lease holds, nobody runs its items, not even the one it had begun
        assertThat(callAll(survivors, "run")).containsOnly("0");
        callAll(survivors, "clock " + claimedAt.plus(LEASE).minusSeconds(1));
        assertThat(callAll(survivors, "run")).containsOnly("0");
        assertThat(dueWorkLeft()).isEqualTo(BATCH);

        // past it, B and C take the ten over: each item once, the half-run one too
        callAll(survivors, "clock " + claimedAt.plus(LEASE).plusSeconds(1));
        ran = callAll(survivors, "run");
        assertThat(ran.stream().mapToInt(Integer::parseInt).sum()).as("items taken over by %s", ran).isEqualTo(BATCH);
        assertThat(dueWorkLeft()).as("due work left").isZero();
        Map<String, Integer> runs = new HashMap<>();
        for (Node n : survivors) {
            runsOf(n).forEach((key, times) -> runs.merge(key, times, Integer::sum));
        }
        assertRanOnce(runs, expected);
        assertThat(runs).containsKeys(claimedByA.toArray(String[]::new));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Starts the three node processes (A migrates, a no-op on the class's tables) and waits until all are ready. */
    private void startNodes() throws IOException, InterruptedException {
        TestDatabase db = database();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire starts this JVM from a manifest-only jar but sets java.class.path to the whole test class path
        // (test classes, ticket-core, testkit, drivers, HikariCP, slf4j-simple), which is what a node needs.
        String classPath = System.getProperty("java.class.path");
        for (int i = 0; i < NODES.length; i++) {
            // small heap, serial GC and C1 only: a node starts faster and its work is small
            List<String> command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", classPath, ClusterNodeMain.class.getName(),
                    "url=" + db.url, "user=" + db.user, "prefix=" + prefix, "node=" + NODES[i], "migrate=" + (i == 0),
                    "tenant=" + tenant.value(), "clock=" + START, "customer=" + shop.carol.id(), "batch=" + BATCH,
                    "lease=" + LEASE.toSeconds());
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(logs.resolve(NODES[i] + ".err").toFile());
            pb.environment().put(ClusterNodeMain.PASSWORD_ENV, db.password);
            nodes.add(new Node(NODES[i], pb.start(), logs.resolve(NODES[i] + ".err")));
        }
        for (Node n : nodes) {
            assertThat(n.await("ready ")).isEqualTo("ready " + n.id);
        }
    }

    /** Sends the command to every node at once, then collects their answers (in node order). */
    private static List<String> callAll(List<Node> to, String command) throws Exception {
        for (Node n : to) {
            n.send(command);
        }
        List<String> answers = new ArrayList<>();
        for (Node n : to) {
            answers.add(n.answer(command));
        }
        return answers;
    }

    private static Map<String, Integer> runsOf(Node n) throws Exception {
        Map<String, Integer> runs = new HashMap<>();
        String answer = n.call("runs");
        if (!answer.isEmpty()) {
            for (String pair : answer.split(" ")) {
                int eq = pair.lastIndexOf('=');
                runs.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
            }
        }
        return runs;
    }

    /** Every expected item's handler ran once on the nodes asked, and its effect (a note) committed once. */
    private void assertRanOnce(Map<String, Integer> runs, Set<String> expected) {
        assertThat(runs.keySet()).isEqualTo(expected);
        assertThat(runs.entrySet()).filteredOn(e -> e.getValue() != 1).as("handler runs != 1").isEmpty();
        List<String> notes = strings("SELECT body_text FROM " + prefix + "messages WHERE tenant = :t AND body_text LIKE 'ran %'", null);
        assertThat(notes).hasSize(expected.size()).doesNotHaveDuplicates();
        assertThat(notes.stream().map(s -> s.substring("ran ".length())).collect(Collectors.toSet())).isEqualTo(expected);
    }

    private static Set<String> expectedKeys(Map<String, Set<String>> idsByKey) {
        Set<String> keys = new HashSet<>();
        idsByKey.values().forEach(ids -> ids.forEach(id -> {
            for (int i = 0; i < ClusterNodeMain.ITEMS_PER_TICKET; i++) {
                keys.add(ClusterNodeMain.dueKey(TicketId.parse(id), i));
            }
        }));
        return keys;
    }

    private static long micros(Instant i) {
        return TimeUnit.SECONDS.toMicros(i.getEpochSecond()) + i.getNano() / 1_000;
    }

    private long dueWorkLeft() {
        return count("SELECT COUNT(*) FROM " + prefix + "due_work WHERE tenant = :t");
    }

    private long count(String sql) {
        return store.withHandle(h -> h.createQuery(sql).bind("t", tenant.value()).mapTo(Long.class).one());
    }

    /** A text column's values for the test's tenant, and for one ticket if {@code ticket} is not null ({@code :id}). */
    private List<String> strings(String sql, TicketId ticket) {
        return store.withHandle(h -> {
            var q = h.createQuery(sql).bind("t", tenant.value());
            if (ticket != null) {
                q.bind("id", ticket.toString());
            }
            return q.mapTo(String.class).list();
        });
    }

    /** A child process and its line protocol: commands to stdin, answers read from stdout by a daemon thread. */
    static final class Node {
        private static final String EOF = "\u0000eof";
        final String id;
        final Process process;
        private final Path stderr;
        private final OutputStream stdin;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Node(String id, Process process, Path stderr) {
            this.id = id;
            this.process = process;
            this.stderr = stderr;
            this.stdin = process.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone: EOF below
                } finally {
                    lines.add(EOF);
                }
            }, "stdout-" + id);
            reader.setDaemon(true);
            reader.start();
        }

        void send(String command) throws IOException {
            stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        /** Sends a command and returns its result (the answer after {@code ok <command>}). */
        String call(String command) throws Exception {
            send(command);
            return answer(command);
        }

        /** The result of the command sent last: the text after {@code ok <word> }. */
        String answer(String command) throws InterruptedException {
            String word = command.split(" ")[0];
            String line = await("ok " + word);
            return line.length() > ("ok " + word).length() ? line.substring(("ok " + word + " ").length()) : "";
        }

        /**
         * The next line of the node, which must start with {@code prefix} (and, for an answer {@code ok <word>}, name that
         * word exactly); fails on an error answer, an exit or a timeout.
         */
        String await(String prefix) throws InterruptedException {
            String line = lines.poll(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError(id + " gave no line starting with '" + prefix + "' within " + ANSWER.toSeconds() + " s");
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                throw new AssertionError(id + " ended (" + state() + ") while '" + prefix + "' was awaited");
            }
            boolean word = !prefix.startsWith("ok ") || line.length() == prefix.length() || line.charAt(prefix.length()) == ' ';
            if (!line.startsWith(prefix) || !word) {
                throw new AssertionError(id + " answered '" + line + "' where '" + prefix + "' was awaited");
            }
            return line;
        }

        /** Kills the process (no shutdown hooks, no goodbye to the database) and waits for it to end. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError(id + " still runs 20 s after it was killed");
            }
        }

        String state() {
            return process.isAlive() ? "running" : "exit code " + process.exitValue();
        }

        String stderrTail() {
            try {
                List<String> all = Files.readAllLines(stderr, StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
            } catch (IOException e) {
                return "(no stderr: " + e + ")";
            }
        }
    }
}
