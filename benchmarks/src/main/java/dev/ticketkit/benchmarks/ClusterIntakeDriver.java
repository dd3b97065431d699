package dev.ticketkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.BatchCreateResult;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.NewCustomer;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.jdbc.JdbcTicketStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver (not JMH): one tenant's batched intake on 1, 2 and 3 node <em>processes</em> sharing one database.
 * Each node is a JVM of its own (this class with {@code child}) with its own pool, {@link JdbcTicketStore} and
 * {@link TicketEngine} (a distinct node id); every node creates tickets for the <em>same</em> tenant with
 * {@code createAll} of {@code batch} tickets in a loop on {@code threads} threads. All nodes of a run start together;
 * each counts the tickets of the batches it committed within the measured window (after the warm-up) and the parent
 * adds the nodes' rates. After each run the parent checks in the tables that the tenant has exactly the tickets the
 * nodes created, each with a number of its own.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ticketkit.benchmarks.ClusterIntakeDriver \
 *     [database=postgresql] [nodes=1,2,3] [rounds=1] [warmup=10] [seconds=20] [batch=100] [threads=1] [latency=0]
 * </pre>
 *
 * {@code latency} (microseconds, default 0) puts a forwarder in the parent between the nodes and the database that
 * holds every chunk of bytes that long in each direction, as if the database were on another host: a loopback
 * database answers in microseconds, so without it a node spends its time on the CPU, and on a machine with few cores
 * the CPU, not the database's locks, decides what several nodes reach.
 *
 * {@code database}: {@code postgresql} or {@code mariadb} (from {@code TICKETKIT_PG_URL}... as in
 * {@link BenchDatabases}; embedded H2 cannot be shared by processes). {@code rounds} repeats the whole sequence of
 * node counts, so slow and fast spells of a shared machine fall on every count. Tickets are as in
 * {@link BatchIntakeBenchmark} (subject, channel, two tags, first message, an idempotency key). Only public API is
 * used, so the same driver runs against earlier builds.
 */
public final class ClusterIntakeDriver {
    private static final String JAVA_OPTIONS = "-Xms256m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "
            + "-Dorg.slf4j.simpleLogger.log.org.flywaydb=error";

    private ClusterIntakeDriver() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        boolean child = false;
        for (String a : argv) {
            if (a.equals("child")) {
                child = true;
                continue;
            }
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("argument is not name=value: " + a);
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        if (child) {
            child(args);
        } else {
            parent(args);
        }
    }

    // ---- the parent: sets up the tables, starts the nodes, adds up, checks -------------------------------------

    private static void parent(Map<String, String> args) throws Exception {
        String database = args.getOrDefault("database", "postgresql");
        if (!database.equals("postgresql") && !database.equals("mariadb")) {
            throw new IllegalArgumentException("database must be postgresql or mariadb (processes cannot share embedded H2)");
        }
        List<Integer> nodeCounts = new ArrayList<>();
        for (String n : args.getOrDefault("nodes", "1,2,3").split(",")) {
            nodeCounts.add(Integer.parseInt(n.trim()));
        }
        int rounds = Integer.parseInt(args.getOrDefault("rounds", "1"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "10"));
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "20"));
        int batch = Integer.parseInt(args.getOrDefault("batch", "100"));
        int threads = Integer.parseInt(args.getOrDefault("threads", "1"));
        long latencyMicros = Long.parseLong(args.getOrDefault("latency", "0"));
        String prefix = BenchDatabases.randomPrefix();
        System.out.printf(Locale.ROOT, "ClusterIntakeDriver: %s, prefix %s, nodes %s x %d rounds, warm-up %d s, measured %d s, "
                + "createAll of %d on %d thread(s) per node, %d cores, %d µs added each way%n", database, prefix, nodeCounts, rounds,
                warmup, seconds, batch, threads, Runtime.getRuntime().availableProcessors(), latencyMicros);
        Map<Integer, List<Double>> totals = new LinkedHashMap<>();
        try (HikariDataSource pool = BenchDatabases.pool(database, null, 2);
             DelayingProxy proxy = latencyMicros > 0 ? DelayingProxy.to(pool.getJdbcUrl(), latencyMicros) : null) {
            String nodeUrl = proxy == null ? "" : proxy.url();
            JdbcTicketStore store = JdbcTicketStore.builder(pool).tablePrefix(prefix).build();
            try (TicketEngine engine = TicketEngine.builder().store(store).nodeId("driver").build()) {
                warmTables(engine, pool, database, prefix, batch);
                int run = 0;
                for (int r = 0; r < rounds; r++) {
                    for (int nodes : nodeCounts) {
                        TenantId tenant = TenantId.of("bulk-" + (++run));
                        Actor integration = Actor.integration(tenant, "web-form");
                        CustomerId customer = engine.customers().create(integration, NewCustomer.of("Customer",
                                ChannelIdentity.of(IdentityType.EMAIL, "customer@example.com"))).id();
                        double total = runNodes(database, nodeUrl, prefix, tenant, customer, nodes, warmup, seconds, batch,
                                threads, pool);
                        totals.computeIfAbsent(nodes, k -> new ArrayList<>()).add(total);
                    }
                }
            } finally {
                try (Connection c = pool.getConnection()) {
                    BenchDatabases.dropTables(c, prefix, TicketCreationBenchmark.TABLES);
                }
            }
        }
        System.out.println();
        System.out.println("nodes | tickets/s per run | mean | vs 1 node");
        Double one = totals.containsKey(1) ? mean(totals.get(1)) : null;
        totals.forEach((nodes, rates) -> System.out.printf(Locale.ROOT, "%d | %s | %.0f | %s%n", nodes,
                String.join(", ", rates.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList()), mean(rates),
                one == null ? "-" : String.format(Locale.ROOT, "%.2fx", mean(rates) / one)));
    }

    /** A few hundred tickets of a tenant of their own, then statistics, as a database in service has them. */
    private static void warmTables(TicketEngine engine, HikariDataSource pool, String database, String prefix, int batch)
            throws Exception {
        Actor integration = Actor.integration(TenantId.of("warm"), "web-form");
        CustomerId customer = engine.customers().create(integration, NewCustomer.of("Customer",
                ChannelIdentity.of(IdentityType.EMAIL, "customer@example.com"))).id();
        for (int i = 0; i < 4; i++) {
            engine.tickets().createAll(integration, tickets(customer, "warm-" + i, batch));
        }
        BenchDatabases.analyze(pool, database, prefix, TicketCreationBenchmark.TABLES);
    }

    private static double runNodes(String database, String url, String prefix, TenantId tenant, CustomerId customer, int nodes,
                                   int warmup, int seconds, int batch, int threads, HikariDataSource pool) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        String loadBefore = loadAverage();
        try {
            for (int i = 0; i < nodes; i++) {
                List<String> command = new ArrayList<>(List.of(java));
                command.addAll(List.of(JAVA_OPTIONS.split(" ")));
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterIntakeDriver.class.getName(), "child",
                        "database=" + database, "url=" + url, "prefix=" + prefix, "tenant=" + tenant.value(), "customer=" + customer,
                        "node=node-" + (char) ('a' + i), "warmup=" + warmup, "seconds=" + seconds, "batch=" + batch,
                        "threads=" + threads));
                Path log = Files.createTempFile("cluster-intake-node-", ".log");
                logs.add(log);
                Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
                processes.add(p);
                outs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (int i = 0; i < nodes; i++) {
                expect(outs.get(i), "ready", logs.get(i));
            }
            for (Process p : processes) {
                OutputStream in = p.getOutputStream();
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            double total = 0;
            long created = 0;
            List<String> perNode = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                String[] done = expect(outs.get(i), "done", logs.get(i)).split(" ");
                double rate = Long.parseLong(done[1]) / (Long.parseLong(done[2]) / 1e9);
                total += rate;
                created += Long.parseLong(done[3]);
                perNode.add(String.format(Locale.ROOT, "%.0f", rate));
            }
            long[] stored = stored(pool, prefix, tenant);
            if (stored[0] != created || stored[1] != created) {
                throw new IllegalStateException("the nodes created " + created + " tickets; the tables hold " + stored[0]
                        + " with " + stored[1] + " distinct numbers");
            }
            System.out.printf(Locale.ROOT, "%d node(s): %.0f tickets/s (per node %s); %d tickets in the tables, each number once; "
                    + "load average before %s, after %s%n", nodes, total, perNode, created, loadBefore, loadAverage());
            return total;
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
                p.waitFor(20, TimeUnit.SECONDS);
            }
            for (Path log : logs) {
                Files.deleteIfExists(log);
            }
        }
    }

    /** The next line of a node, which must start with {@code word}; fails with the end of the node's log otherwise. */
    private static String expect(BufferedReader out, String word, Path log) throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith(word)) {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IllegalStateException("a node answered '" + line + "' where '" + word + "' was expected; its log ends:\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size())));
        }
        return line;
    }

    /** The tenant's tickets and distinct ticket numbers in the tables. */
    private static long[] stored(HikariDataSource pool, String prefix, TenantId tenant) throws Exception {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*), COUNT(DISTINCT number_seq) FROM " + prefix + "tickets WHERE tenant = ?")) {
            ps.setString(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    // ---- a node --------------------------------------------------------------------------------------------

    private static void child(Map<String, String> args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // stdout is the protocol
        String database = args.get("database");
        String node = args.get("node");
        TenantId tenant = TenantId.of(args.get("tenant"));
        CustomerId customer = CustomerId.parse(args.get("customer"));
        Actor integration = Actor.integration(tenant, "web-form");
        long warmupNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args.get("warmup")));
        long windowNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args.get("seconds")));
        int batch = Integer.parseInt(args.get("batch"));
        int threads = Integer.parseInt(args.get("threads"));
        com.zaxxer.hikari.HikariConfig config = BenchDatabases.config(database, null);
        if (!args.getOrDefault("url", "").isEmpty()) {
            config.setJdbcUrl(args.get("url")); // through the parent's delaying forwarder
        }
        config.setMaximumPoolSize(threads + 2);
        config.setMinimumIdle(threads + 2);
        config.setPoolName("node-" + node);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcTicketStore store = JdbcTicketStore.builder(pool).tablePrefix(args.get("prefix")).migrate(false).build();
            try (TicketEngine engine = TicketEngine.builder().store(store).nodeId(node).build()) {
                out.println("ready");
                String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (!"go".equals(go)) {
                    throw new IllegalStateException("expected go, got " + go);
                }
                long start = System.nanoTime();
                long from = start + warmupNanos;
                long until = from + windowNanos;
                AtomicLong measured = new AtomicLong();
                AtomicLong created = new AtomicLong();
                List<Thread> workers = new ArrayList<>();
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int t = 0; t < threads; t++) {
                    String keys = node + "-" + t + "-";
                    Thread w = new Thread(() -> {
                        try {
                            for (int i = 0; System.nanoTime() < until; i++) {
                                BatchCreateResult r = engine.tickets().createAll(integration, tickets(customer, keys + i, batch));
                                long n = r.count(BatchCreateResult.Status.CREATED);
                                if (n != batch) {
                                    throw new IllegalStateException("a batch created " + n + " of " + batch + ": " + r);
                                }
                                created.addAndGet(n);
                                long done = System.nanoTime();
                                if (done >= from && done < until) {
                                    measured.addAndGet(n);
                                }
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }, "intake-" + t);
                    workers.add(w);
                    w.start();
                }
                for (Thread w : workers) {
                    w.join();
                }
                if (!failures.isEmpty()) {
                    failures.get(0).printStackTrace();
                    out.println("failed " + failures.get(0));
                    System.exit(1);
                }
                out.println("done " + measured.get() + " " + windowNanos + " " + created.get());
            }
        }
    }

    /** {@code count} tickets as intake makes them, with idempotency keys {@code <keys>-<i>}. */
    private static List<NewTicket> tickets(CustomerId customer, String keys, int count) {
        List<NewTicket> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(NewTicket.builder(customer, TicketCreationBenchmark.SUBJECT).channel(Channel.WEB_FORM)
                    .tags(TicketCreationBenchmark.TAGS).message(TicketCreationBenchmark.INQUIRY)
                    .idempotencyKey(keys + "-" + i).build());
        }
        return items;
    }

    /**
     * A TCP forwarder on loopback that holds every chunk it reads for a fixed time before it writes it on, in order, in
     * each direction: the database as if it were a network hop away.
     */
    static final class DelayingProxy implements AutoCloseable {
        private static final java.util.regex.Pattern URL =
                java.util.regex.Pattern.compile("^(jdbc:[a-z]+://)([^/:]+)(?::(\\d+))?(/.*)$");
        private final java.net.ServerSocket server;
        private final String prefix;
        private final String rest;
        private final String host;
        private final int port;
        private final long delayNanos;
        private final List<java.net.Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());

        private DelayingProxy(String prefix, String host, int port, String rest, long delayNanos) throws IOException {
            this.prefix = prefix;
            this.host = host;
            this.port = port;
            this.rest = rest;
            this.delayNanos = delayNanos;
            this.server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "delaying-proxy-accept");
            accept.setDaemon(true);
            accept.start();
        }

        static DelayingProxy to(String jdbcUrl, long delayMicros) throws IOException {
            java.util.regex.Matcher m = URL.matcher(jdbcUrl);
            if (!m.matches()) {
                throw new IllegalArgumentException("cannot put a forwarder in front of " + jdbcUrl);
            }
            int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : jdbcUrl.startsWith("jdbc:postgresql") ? 5432 : 3306;
            return new DelayingProxy(m.group(1), m.group(2), port, m.group(4), TimeUnit.MICROSECONDS.toNanos(delayMicros));
        }

        String url() {
            return prefix + "127.0.0.1:" + server.getLocalPort() + rest;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    java.net.Socket client = server.accept();
                    java.net.Socket upstream = new java.net.Socket(host, port);
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        /** Reads chunks from {@code from} and writes each to {@code to} once it has waited the delay. */
        private void pump(java.net.Socket from, java.net.Socket to) {
            java.util.concurrent.BlockingQueue<Object[]> chunks = new java.util.concurrent.LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[65536];
                try {
                    java.io.InputStream in = from.getInputStream();
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        chunks.add(new Object[] {java.util.Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos});
                    }
                } catch (IOException e) {
                    // closed
                } finally {
                    chunks.add(new Object[0]);
                }
            }, "delaying-proxy-read");
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = to.getOutputStream();
                    while (true) {
                        Object[] c = chunks.take();
                        if (c.length == 0) {
                            break;
                        }
                        long wait;
                        while ((wait = (long) c[1] - System.nanoTime()) > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        out.write((byte[]) c[0]);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // closed
                } finally {
                    try {
                        to.shutdownOutput();
                    } catch (IOException e) {
                        // closed already
                    }
                }
            }, "delaying-proxy-write");
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (sockets) {
                for (java.net.Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
