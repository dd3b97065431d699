package dev.ticketkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.BatchCreateResult;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.GroupCommitter;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.NewCustomer;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.jdbc.JdbcTicketStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Batched intake (group commit) against single-ticket creation, on H2 (file), PostgreSQL and MariaDB. Every
 * score is <b>tickets per second</b>; each ticket is as in {@link TicketCreationBenchmark} (subject, channel, 2 tags,
 * first message) plus an idempotency key, as the intake pipeline makes it (the channel's message id): 1 ticket,
 * 2 tag, 1 message, 2 event, 2 outbox and 1 idempotency-key row.
 *
 * <ul>
 *   <li>{@link #single} (the baseline): {@code engine.tickets().create(..)}, one transaction per ticket, 1 thread;</li>
 *   <li>{@link #batch}: {@code engine.tickets().createAll(..)} of {@value #BATCH} tickets, one transaction, one
 *       number-counter update and one JDBC batch per table, 1 thread;</li>
 *   <li>{@link #batchTwoThreads}: the same on two threads at once, each batch its own transaction;</li>
 *   <li>{@link #batchTwoTenants}: two threads, each batching for a tenant of its own (the experiment for the
 *       per-tenant number counter);</li>
 *   <li>{@link #groupCommit}: {@value #PRODUCERS} producer threads each calling {@link GroupCommitter#create}
 *       (blocking until its ticket committed) on one committer with one worker ({@code maxBatch} {@value #BATCH},
 *       {@code maxDelay} 2 ms): what an intake pipeline with many threads gets without batching by hand.</li>
 * </ul>
 *
 * <p>Per trial: a HikariCP pool of {@value TicketCreationBenchmark#POOL_SIZE}, a random table prefix migrated by the
 * store (dropped afterwards), on H2 a fresh file database in a temporary directory. The teardown prints the rows
 * per ticket, so a side that wrote less would show. Databases as in {@link BenchDatabases}.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar BatchIntake -f 1 -wi 2 -i 3 -w 3s -r 5s}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.org.flywaydb=error", "-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class BatchIntakeBenchmark {
    static final int BATCH = 100;
    static final int PRODUCERS = 64;

    @Param({"h2file", "postgresql", "mariadb"})
    public String database;

    HikariDataSource pool;
    Path h2Directory;
    String prefix;
    JdbcTicketStore store;
    TicketEngine engine;
    GroupCommitter committer;
    CustomerId customer;
    String benchmark;
    final AtomicLong keys = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        benchmark = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        prefix = BenchDatabases.randomPrefix();
        h2Directory = BenchDatabases.h2Directory(database);
        pool = BenchDatabases.pool(database, h2Directory, TicketCreationBenchmark.POOL_SIZE);
        store = JdbcTicketStore.builder(pool).tablePrefix(prefix).build();
        engine = TicketEngine.builder().store(store).build();
        customer = engine.customers().create(TicketCreationBenchmark.INTEGRATION,
                NewCustomer.of("Customer One", ChannelIdentity.of(IdentityType.EMAIL, "customer1@example.com"))).id();
        otherCustomer = engine.customers().create(OTHER,
                NewCustomer.of("Customer Two", ChannelIdentity.of(IdentityType.EMAIL, "customer2@example.com"))).id();
        // a few hundred tickets so the tables have statistics, as in a database in service
        for (int i = 0; i < 4; i++) {
            List<NewTicket> warm = new java.util.ArrayList<>();
            for (int j = 0; j < BATCH; j++) {
                warm.add(newTicket());
            }
            engine.tickets().createAll(TicketCreationBenchmark.INTEGRATION, warm);
        }
        BenchDatabases.analyze(pool, database, prefix, TicketCreationBenchmark.TABLES);
        committer = GroupCommitter.builder(engine.tickets()).maxBatch(BATCH).maxDelay(Duration.ofMillis(2)).build();
        committer.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        committer.close();
        engine.close();
        store.close();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            StringBuilder sb = new StringBuilder("\n[" + database + " " + benchmark + "] rows per ticket:");
            long tickets = count(st, "tickets");
            for (String t : List.of("ticket_tags", "messages", "events", "outbox", "idempotency_keys")) {
                sb.append(' ').append(t).append('=').append(String.format("%.2f", (double) count(st, t) / tickets));
            }
            try (ResultSet rs = st.executeQuery("SELECT last_value FROM " + prefix + "ticket_numbers")) {
                rs.next();
                sb.append(" tickets=").append(tickets).append(" counter=").append(rs.getLong(1));
            }
            System.out.println(sb);
            if (h2Directory == null) {
                BenchDatabases.dropTables(c, prefix, TicketCreationBenchmark.TABLES);
            }
        } finally {
            pool.close();
            BenchDatabases.deleteDirectory(h2Directory);
        }
    }

    private long count(Statement st, String table) throws java.sql.SQLException {
        return BenchDatabases.count(st, prefix, table);
    }

    /** A ticket as the intake pipeline makes it: with an idempotency key (the channel's message id). */
    private NewTicket newTicket() {
        return NewTicket.builder(customer, TicketCreationBenchmark.SUBJECT).channel(Channel.WEB_FORM)
                .tags(TicketCreationBenchmark.TAGS).message(TicketCreationBenchmark.INQUIRY)
                .idempotencyKey("web-" + keys.incrementAndGet()).build();
    }

    /** Baseline: one ticket, one transaction. */
    @Benchmark
    public Ticket single() {
        return engine.tickets().create(TicketCreationBenchmark.INTEGRATION, newTicket());
    }

    /** {@value #BATCH} tickets in one {@code createAll}; the score counts tickets. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public BatchCreateResult batch() {
        List<NewTicket> items = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            items.add(newTicket());
        }
        BatchCreateResult r = engine.tickets().createAll(TicketCreationBenchmark.INTEGRATION, items);
        if (r.count(BatchCreateResult.Status.CREATED) != BATCH) {
            throw new IllegalStateException("batch failed: " + r);
        }
        return r;
    }

    /**
     * {@link #batch} on two threads at once (this machine's two cores): what a node whose intake runs two
     * batching workers gets. Each thread's batch is its own transaction.
     */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public BatchCreateResult batchTwoThreads() {
        return batch();
    }

    /** A second tenant with a customer of its own, for {@link #batchTwoTenants}. */
    static final Actor OTHER = Actor.integration(TenantId.of("globex"), "web-form");
    CustomerId otherCustomer;
    final java.util.concurrent.atomic.AtomicInteger threadsSeen = new java.util.concurrent.atomic.AtomicInteger();

    /** Which tenant a {@link #batchTwoTenants} thread writes for. */
    @State(Scope.Thread)
    public static class Side {
        int index = -1;
    }

    /**
     * Two threads as {@link #batchTwoThreads}, but each for a tenant of its own: the experiment that shows what
     * one tenant's ticket-number counter (locked by each batch until it commits) costs two threads.
     */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public BatchCreateResult batchTwoTenants(Side side) {
        if (side.index < 0) {
            side.index = threadsSeen.getAndIncrement() % 2;
        }
        if (side.index == 0) {
            return batch();
        }
        List<NewTicket> items = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            items.add(NewTicket.builder(otherCustomer, TicketCreationBenchmark.SUBJECT).channel(Channel.WEB_FORM)
                    .tags(TicketCreationBenchmark.TAGS).message(TicketCreationBenchmark.INQUIRY)
                    .idempotencyKey("web-" + keys.incrementAndGet()).build());
        }
        BatchCreateResult r = engine.tickets().createAll(OTHER, items);
        if (r.count(BatchCreateResult.Status.CREATED) != BATCH) {
            throw new IllegalStateException("batch failed: " + r);
        }
        return r;
    }

    /** {@value #PRODUCERS} threads creating one ticket at a time through the group committer. */
    @Benchmark
    @Threads(PRODUCERS)
    public Ticket groupCommit() {
        return committer.create(TicketCreationBenchmark.INTEGRATION, newTicket());
    }
}
