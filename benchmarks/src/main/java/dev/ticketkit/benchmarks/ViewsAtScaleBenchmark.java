package dev.ticketkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.jdbc.JdbcTicketStore;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.postgresql.PGConnection;

/**
 * View pages on a {@link JdbcTicketStore} holding {@code tickets} (default 1,000,000) tickets of one tenant, through
 * {@code engine.tickets().view(actor, query)}, against the same query hand-written in plain JDBC (the floor).
 *
 * <p>Data (deterministic, the same on every database): 200 teams of 50 agents (10,000 agents); 1% of tickets
 * without a team; within a team the assignee is skewed ({@code k = floor(50 u^2)}), so agent 0 of a team is the
 * busiest (~700 tickets, ~90 NEW/OPEN/PENDING) and the median agent has ~70 tickets, ~10 active. Creation times are
 * spread over a year (one ticket every ~31.5 s); ~15% are active (NEW/OPEN/PENDING/ON_HOLD), mostly among the
 * newest 20%; the rest CLOSED (a few SOLVED). Half of the NEW tickets are unassigned. No tags (tags_json {@code []},
 * no tag rows: no view here filters on tags), no fields/orders/links, JSON written with the store's own codecs.
 *
 * <p>Populated once per trial with plain JDBC, not through the engine: batched INSERTs on H2, {@code COPY ... FROM
 * STDIN} on PostgreSQL, into tables that {@code JdbcTicketStore.builder(ds).tablePrefix(p).build()} migrated;
 * then {@code ANALYZE}. With {@code -f 0} the populated tables are kept in the JVM between trials (one populate per
 * database) and dropped when the JVM exits; with forks, each trial populates and drops its own tables.
 *
 * <p>Queries ({@code engine.*}: through the engine; {@code raw*}: plain JDBC, same tables, no access-scope
 * predicate, autocommit; both fetch limit + 1 = 51 rows and read every ticket column; the engine maps to
 * {@link Ticket}s):
 * <ul>
 *   <li>agent queue: {@code assignee(agent).statuses(NEW, OPEN, PENDING).sort(UPDATED_AT, desc).limit(50)},
 *       rotating over 128 agents drawn at random;</li>
 *   <li>team queue: {@code team(team).active().sort(PRIORITY, desc).limit(50)}, rotating over the 200 teams;</li>
 *   <li>page 2 of each, with the cursor of page 1, on the busiest agents (agent 0 of 128 teams) / on the teams.</li>
 * </ul>
 * Actors: "asAgent" = a team-scoped {@link Role#AGENT} of the team (the queue's own agent for the agent queue);
 * "asAdmin" = an unscoped {@link Role#ADMIN}.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar ViewsAtScale -f 0}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 5)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.org.flywaydb=error", "-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ViewsAtScaleBenchmark {

    static final TenantId TENANT = TenantId.of("acme");
    static final int TEAMS = 200;
    static final int AGENTS_PER_TEAM = 50;
    static final int CUSTOMERS = 200_000;
    static final int ROTATION = 128;
    static final Actor ADMIN = Actor.agent(TENANT, AgentId.of("admin"), Set.of(), Role.ADMIN);
    static final List<String> TABLES = TicketCreationBenchmark.TABLES;

    @Param({"h2file", "postgresql"})
    public String database;

    @Param({"1000000"})
    public int tickets;

    /** Populated datasets kept between trials when JMH runs in-process ({@code -f 0}). */
    static final Map<String, Dataset> KEPT = new ConcurrentHashMap<>();

    Dataset ds;
    boolean keep;

    // per-benchmark inputs, rotated
    ViewQuery[] agentQ = new ViewQuery[ROTATION];
    Actor[] agentActor = new Actor[ROTATION];
    String[] agentIds = new String[ROTATION];
    ViewQuery[] teamQ = new ViewQuery[TEAMS];
    Actor[] teamActor = new Actor[TEAMS];
    String[] teamIds = new String[TEAMS];
    ViewQuery[] agentQ2 = new ViewQuery[ROTATION];
    Actor[] agentActor2 = new Actor[ROTATION];
    String[] agentIds2 = new String[ROTATION];
    long[] agentKey2 = new long[ROTATION];
    String[] agentAfter2 = new String[ROTATION];
    ViewQuery[] teamQ2 = new ViewQuery[TEAMS];
    long[] teamKey2 = new long[TEAMS];
    String[] teamAfter2 = new String[TEAMS];
    int n;

    String rawAgentSql;
    String rawTeamSql;
    String rawAgentSql2;
    String rawTeamSql2;

    static String team(int t) {
        return String.format(Locale.ROOT, "team-%03d", t);
    }

    static String agent(int team, int k) {
        return String.format(Locale.ROOT, "agent-%05d", team * AGENTS_PER_TEAM + k);
    }

    static Actor agentActor(int team, int k) {
        return Actor.agent(TENANT, AgentId.of(agent(team, k)), Set.of(TeamId.of(team(team))), Role.AGENT);
    }

    static ViewQuery agentQuery(String agent) {
        return ViewQuery.builder().assignee(AgentId.of(agent))
                .statuses(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING)
                .sort(SortField.UPDATED_AT, false).limit(50).build();
    }

    static ViewQuery teamQuery(String team) {
        return ViewQuery.builder().team(TeamId.of(team)).active().sort(SortField.PRIORITY, false).limit(50).build();
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        keep = params.getForks() == 0;
        String key = database + "/" + tickets;
        ds = keep ? KEPT.get(key) : null;
        if (ds == null) {
            ds = Dataset.create(database, tickets);
            if (keep) {
                KEPT.put(key, ds);
                Dataset d = ds;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        d.close();
                    } catch (Exception e) {
                        System.err.println("could not drop " + d.prefix + ": " + e);
                    }
                }));
            }
        }
        String t = ds.prefix + "tickets";
        String cols = "SELECT " + COLUMNS + " FROM " + t;
        rawAgentSql = cols + " WHERE tenant = ? AND assignee = ? AND status IN (?, ?, ?) ORDER BY updated_us DESC, id DESC LIMIT 51";
        rawTeamSql = cols + " WHERE tenant = ? AND team = ? AND status IN (?, ?, ?, ?) ORDER BY priority_rank DESC, id DESC LIMIT 51";
        rawAgentSql2 = cols + " WHERE tenant = ? AND assignee = ? AND status IN (?, ?, ?)"
                + " AND (updated_us < ? OR (updated_us = ? AND id < ?)) ORDER BY updated_us DESC, id DESC LIMIT 51";
        rawTeamSql2 = cols + " WHERE tenant = ? AND team = ? AND status IN (?, ?, ?, ?)"
                + " AND (priority_rank < ? OR (priority_rank = ? AND id < ?)) ORDER BY priority_rank DESC, id DESC LIMIT 51";

        SplittableRandom r = new SplittableRandom(7);
        TicketEngine engine = ds.engine;
        for (int i = 0; i < ROTATION; i++) {
            int tm = r.nextInt(TEAMS);
            int k = r.nextInt(AGENTS_PER_TEAM);
            agentIds[i] = agent(tm, k);
            agentQ[i] = agentQuery(agentIds[i]);
            agentActor[i] = agentActor(tm, k);
            // page 2 on the busiest agents (agent 0 of team i)
            agentIds2[i] = agent(i, 0);
            agentActor2[i] = agentActor(i, 0);
            ViewQuery q = agentQuery(agentIds2[i]);
            Page<Ticket> p1 = engine.tickets().view(agentActor2[i], q);
            if (p1.items().size() != 50 || p1.nextCursor().isEmpty()) {
                throw new IllegalStateException(agentIds2[i] + ": page 1 has " + p1.items().size() + " items, no cursor");
            }
            agentQ2[i] = q.toBuilder().after(p1.nextCursor().get()).build();
            Ticket last = p1.items().get(49);
            agentKey2[i] = SortField.UPDATED_AT.sortKey(last);
            agentAfter2[i] = last.id().toString();
        }
        for (int i = 0; i < TEAMS; i++) {
            teamIds[i] = team(i);
            teamQ[i] = teamQuery(teamIds[i]);
            teamActor[i] = agentActor(i, r.nextInt(AGENTS_PER_TEAM));
            Page<Ticket> p1 = engine.tickets().view(teamActor[i], teamQ[i]);
            if (p1.items().size() != 50 || p1.nextCursor().isEmpty()) {
                throw new IllegalStateException(teamIds[i] + ": page 1 has " + p1.items().size() + " items, no cursor");
            }
            teamQ2[i] = teamQ[i].toBuilder().after(p1.nextCursor().get()).build();
            Ticket last = p1.items().get(49);
            teamKey2[i] = SortField.PRIORITY.sortKey(last);
            teamAfter2[i] = last.id().toString();
        }
        if (ds.explained.add(database)) {
            String scope = " AND (team IS NULL OR team IN (?) OR assignee = ?)";
            ds.explain("agent queue", rawAgentSql, TENANT.value(), agentIds2[0], "NEW", "OPEN", "PENDING");
            ds.explain("team queue", rawTeamSql, TENANT.value(), teamIds[0], "NEW", "OPEN", "PENDING", "ON_HOLD");
            ds.explain("team queue, team-scoped agent", rawTeamSql.replace(" ORDER BY", scope + " ORDER BY"),
                    TENANT.value(), teamIds[0], "NEW", "OPEN", "PENDING", "ON_HOLD", teamIds[0], agent(0, 1));
            ds.explain("team queue page 2", rawTeamSql2, TENANT.value(), teamIds[0], "NEW", "OPEN", "PENDING", "ON_HOLD",
                    (short) teamKey2[0], (short) teamKey2[0], teamAfter2[0]);
        }
        // the raw queries return what the engine returns (first rows, same order)
        check(engine.tickets().view(ADMIN, agentQ2[3]), rawAgentPage2(3));
        check(engine.tickets().view(ADMIN, teamQ[5]), rawTeam(5));
    }

    private static void check(Page<Ticket> page, List<Object[]> raw) {
        for (int i = 0; i < page.items().size(); i++) {
            if (!page.items().get(i).id().toString().equals(raw.get(i)[1])) {
                throw new IllegalStateException("raw SQL and engine disagree at row " + i);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (!keep) {
            ds.close();
        }
    }

    // ---- engine --------------------------------------------------------------------------------

    @Benchmark
    public Page<Ticket> agentQueueAsAgent() {
        int i = n++ & (ROTATION - 1);
        return ds.engine.tickets().view(agentActor[i], agentQ[i]);
    }

    @Benchmark
    public Page<Ticket> agentQueueAsAdmin() {
        int i = n++ & (ROTATION - 1);
        return ds.engine.tickets().view(ADMIN, agentQ[i]);
    }

    @Benchmark
    public Page<Ticket> teamQueueAsAgent() {
        int i = Math.floorMod(n++, TEAMS);
        return ds.engine.tickets().view(teamActor[i], teamQ[i]);
    }

    @Benchmark
    public Page<Ticket> teamQueueAsAdmin() {
        int i = Math.floorMod(n++, TEAMS);
        return ds.engine.tickets().view(ADMIN, teamQ[i]);
    }

    @Benchmark
    public Page<Ticket> agentQueuePage2AsAgent() {
        int i = n++ & (ROTATION - 1);
        return ds.engine.tickets().view(agentActor2[i], agentQ2[i]);
    }

    @Benchmark
    public Page<Ticket> teamQueuePage2AsAgent() {
        int i = Math.floorMod(n++, TEAMS);
        return ds.engine.tickets().view(teamActor[i], teamQ2[i]);
    }

    // ---- raw JDBC floor ------------------------------------------------------------------------

    @Benchmark
    public List<Object[]> rawAgentQueue() throws SQLException {
        int i = n++ & (ROTATION - 1);
        return ds.query(rawAgentSql, TENANT.value(), agentIds[i], "NEW", "OPEN", "PENDING");
    }

    @Benchmark
    public List<Object[]> rawTeamQueue() throws SQLException {
        return rawTeam(Math.floorMod(n++, TEAMS));
    }

    List<Object[]> rawTeam(int i) throws SQLException {
        return ds.query(rawTeamSql, TENANT.value(), teamIds[i], "NEW", "OPEN", "PENDING", "ON_HOLD");
    }

    @Benchmark
    public List<Object[]> rawAgentQueuePage2() throws SQLException {
        return rawAgentPage2(n++ & (ROTATION - 1));
    }

    List<Object[]> rawAgentPage2(int i) throws SQLException {
        return ds.query(rawAgentSql2, TENANT.value(), agentIds2[i], "NEW", "OPEN", "PENDING", agentKey2[i], agentKey2[i],
                agentAfter2[i]);
    }

    @Benchmark
    public List<Object[]> rawTeamQueuePage2() throws SQLException {
        int i = Math.floorMod(n++, TEAMS);
        return ds.query(rawTeamSql2, TENANT.value(), teamIds[i], "NEW", "OPEN", "PENDING", "ON_HOLD",
                (short) teamKey2[i], (short) teamKey2[i], teamAfter2[i]);
    }

    // ---- data ----------------------------------------------------------------------------------

    static final String COLUMNS = "tenant, id, number_prefix, number_seq, subject, status, priority, priority_rank, "
            + "ticket_type, channel, requester, assignee, team, tags_json, fields_json, orders_json, links_json, created_us, "
            + "updated_us, status_changed_us, first_reply_us, solved_us, closed_us, due_us, due_key, version";
    static final String[] CHANNELS = {"EMAIL", "WEB_FORM", "WEB_CHAT", "APP", "PHONE"};
    static final String[] PRIORITIES = {"LOW", "NORMAL", "HIGH", "URGENT"};

    /** One store on populated tables. */
    static final class Dataset {
        final String database;
        final HikariDataSource pool;
        final Path h2Directory;
        final String prefix;
        final JdbcTicketStore store;
        final TicketEngine engine;

        private Dataset(String database, HikariDataSource pool, Path h2Directory, String prefix) {
            this.database = database;
            this.pool = pool;
            this.h2Directory = h2Directory;
            this.prefix = prefix;
            this.store = JdbcTicketStore.builder(pool).tablePrefix(prefix).build(); // Flyway: the store's own tables
            this.engine = TicketEngine.builder().store(store).build();
        }

        static Dataset create(String database, int tickets) throws Exception {
            if (!database.equals("h2file") && !database.equals("postgresql")) {
                throw new IllegalArgumentException("views are benchmarked on h2file and postgresql, not " + database);
            }
            Path dir = database.equals("h2file") ? Files.createTempDirectory("ticketkit-views-h2") : null;
            HikariConfig c = BenchDatabases.config(database, dir);
            c.setMaximumPoolSize(4);
            c.setMinimumIdle(4);
            c.setPoolName("views-" + database);
            String prefix = "tkv" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24) + "_";
            Dataset d = new Dataset(database, new HikariDataSource(c), dir, prefix);
            long t0 = System.nanoTime();
            TicketId sample = d.populate(tickets);
            long t1 = System.nanoTime();
            d.analyze();
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%n[%s] populated %,d tickets in %.1f s, ANALYZE %.1f s (prefix %s)%n",
                    database, tickets, (t1 - t0) / 1e9, (t2 - t1) / 1e9, prefix);
            d.verify(sample, tickets);
            return d;
        }


        /** Inserts the tickets; returns the id of a ticket in the middle. */
        TicketId populate(int count) throws Exception {
            Generator g = new Generator(count, System.currentTimeMillis());
            TicketId sample = null;
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                if (database.equals("postgresql")) {
                    var copy = c.unwrap(PGConnection.class).getCopyAPI();
                    String sql = "COPY " + prefix + "tickets (" + COLUMNS + ") FROM STDIN (FORMAT csv)";
                    StringBuilder sb = new StringBuilder(1 << 22);
                    for (int i = 0; i < count; i++) {
                        Object[] row = g.row(i);
                        if (i == count / 2) {
                            sample = TicketId.parse((String) row[1]);
                        }
                        for (int k = 0; k < row.length; k++) {
                            if (k > 0) {
                                sb.append(',');
                            }
                            Object v = row[k];
                            if (v instanceof String s) {
                                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
                            } else if (v != null) {
                                sb.append(v);
                            }
                        }
                        sb.append('\n');
                        if (sb.length() > (1 << 22) - 4096) {
                            copy.copyIn(sql, new StringReader(sb.toString()));
                            sb.setLength(0);
                        }
                    }
                    if (sb.length() > 0) {
                        copy.copyIn(sql, new StringReader(sb.toString()));
                    }
                } else {
                    String sql = "INSERT INTO " + prefix + "tickets (" + COLUMNS + ") VALUES ("
                            + String.join(", ", java.util.Collections.nCopies(26, "?")) + ")";
                    int[] types = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
                        Types.VARCHAR, Types.SMALLINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                        Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
                        Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT,
                        Types.BIGINT, Types.BIGINT};
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        for (int i = 0; i < count; i++) {
                            Object[] row = g.row(i);
                            if (i == count / 2) {
                                sample = TicketId.parse((String) row[1]);
                            }
                            for (int k = 0; k < row.length; k++) {
                                if (row[k] == null) {
                                    ps.setNull(k + 1, types[k]);
                                } else {
                                    ps.setObject(k + 1, row[k]);
                                }
                            }
                            ps.addBatch();
                            if (i % 1000 == 999) {
                                ps.executeBatch();
                            }
                            if (i % 20000 == 19999) {
                                c.commit();
                            }
                        }
                        ps.executeBatch();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix
                        + "ticket_numbers (tenant, last_value) VALUES (?, ?)")) {
                    ps.setString(1, TENANT.value());
                    ps.setLong(2, count);
                    ps.executeUpdate();
                }
                c.commit();
            }
            return sample;
        }

        void analyze() throws SQLException {
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                if (database.equals("postgresql")) {
                    st.execute("ANALYZE " + prefix + "tickets");
                    st.execute("ANALYZE " + prefix + "ticket_tags");
                } else {
                    st.execute("ANALYZE");
                }
            }
        }

        void verify(TicketId sample, int count) throws SQLException {
            Ticket t = engine.tickets().get(ADMIN, sample);
            System.out.println("[" + database + "] read back " + t.number() + " " + t.status() + " team="
                    + t.team().map(TeamId::value).orElse("-") + " assignee=" + t.assignee().map(AgentId::value).orElse("-")
                    + " tags=" + t.tags() + " due=" + t.dueAt().orElse(null));
            Page<Ticket> p = engine.tickets().view(ADMIN, teamQuery(team(0)));
            if (p.items().size() != 50) {
                throw new IllegalStateException("team view returned " + p.items().size());
            }
            try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM " + prefix + "tickets GROUP BY status ORDER BY status")) {
                StringBuilder sb = new StringBuilder("[" + database + "] statuses:");
                long total = 0;
                while (rs.next()) {
                    sb.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2));
                    total += rs.getLong(2);
                }
                System.out.println(sb + " (total " + total + ")");
                if (total != count) {
                    throw new IllegalStateException("expected " + count + " tickets, found " + total);
                }
            }
        }

        final Set<String> explained = ConcurrentHashMap.newKeySet();

        void explain(String what, String sql, Object... args) throws SQLException {
            boolean pg = database.equals("postgresql");
            try (Connection c = pool.getConnection();
                 PreparedStatement ps = c.prepareStatement((pg ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE ") + sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                StringBuilder sb = new StringBuilder("\n[" + database + "] EXPLAIN " + what + ":\n");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sb.append("  ").append(rs.getString(1)).append('\n');
                    }
                }
                System.out.print(sb);
            }
        }

        List<Object[]> query(String sql, Object... args) throws SQLException {
            try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<Object[]> rows = new ArrayList<>(51);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] row = new Object[26];
                        for (int k = 0; k < 26; k++) {
                            row[k] = switch (k) {
                                case 3, 17, 18, 19, 20, 21, 22, 23, 24, 25 -> rs.getLong(k + 1);
                                case 7 -> rs.getShort(k + 1);
                                default -> rs.getString(k + 1);
                            };
                        }
                        rows.add(row);
                    }
                }
                return rows;
            }
        }

        void close() throws Exception {
            engine.close();
            store.close();
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                if (h2Directory == null) {
                    BenchDatabases.dropTables(c, prefix, TABLES);
                } else {
                    st.execute("SHUTDOWN");
                }
            } catch (SQLException e) {
                if (h2Directory == null) {
                    throw e;
                } // H2 may already have closed itself at JVM exit: its files are deleted below either way
            } finally {
                pool.close();
            }
            BenchDatabases.deleteDirectory(h2Directory);
        }
    }

    /** Deterministic ticket rows, in creation order, with the values {@code JdbcTx.bindTicket} would write. */
    static final class Generator {
        static final long SPAN_MS = 365L * 24 * 3600 * 1000;
        final int count;
        final long endMs;
        final SplittableRandom r = new SplittableRandom(42);
        // what the store writes for an empty tag set, field map, order list and link list (JSON text)
        final String emptyTags = "[]";
        final String emptyFields = "{}";
        final String emptyOrders = "[]";
        final String emptyLinks = "[]";

        Generator(int count, long endMs) {
            this.count = count;
            this.endMs = endMs;
        }

        static String uuid7(long ms, SplittableRandom r) {
            long msb = (ms << 16) | 0x7000L | (r.nextInt(1 << 12));
            long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb).toString();
        }

        /** Customer {@code c}'s id: a version 7 UUID made before every ticket, the same for every ticket of c. */
        String customer(int c) {
            return uuid7(endMs - SPAN_MS - 1_000_000L + c, new SplittableRandom(c));
        }

        Object[] row(int i) {
            long createdMs = endMs - SPAN_MS + (long) i * (SPAN_MS / count);
            String id = uuid7(createdMs, r);
            double age = (double) (count - 1 - i) / count; // 0 = newest
            double u = r.nextDouble();
            TicketStatus status;
            if (age < 0.2) {
                if (u < 0.75) {
                    double v = u / 0.75;
                    status = v < 0.15 ? TicketStatus.NEW : v < 0.60 ? TicketStatus.OPEN
                            : v < 0.85 ? TicketStatus.PENDING : TicketStatus.ON_HOLD;
                } else {
                    status = age < 0.03 ? TicketStatus.SOLVED : TicketStatus.CLOSED;
                }
            } else {
                status = u < 0.005 ? (u < 0.0025 ? TicketStatus.PENDING : TicketStatus.ON_HOLD)
                        : u < 0.01 ? TicketStatus.SOLVED : TicketStatus.CLOSED;
            }
            double p = r.nextDouble();
            int prio = p < 0.2 ? 0 : p < 0.8 ? 1 : p < 0.95 ? 2 : 3;
            String team = null;
            String assignee = null;
            if (r.nextInt(100) != 0) {
                int tm = r.nextInt(TEAMS);
                team = team(tm);
                double a = r.nextDouble();
                if (status != TicketStatus.NEW || r.nextBoolean()) {
                    assignee = agent(tm, (int) (AGENTS_PER_TEAM * a * a));
                }
            }
            long created = createdMs * 1000L + r.nextInt(1000);
            long end = endMs * 1000L;
            long updated;
            if (status.isActive()) {
                updated = created + (long) (r.nextDouble() * Math.min(end - created, 7L * 86_400_000_000L));
            } else {
                updated = Math.min(end, created + 3_600_000_000L + (long) (r.nextDouble() * 10 * 86_400_000_000L));
            }
            Long firstReply = status == TicketStatus.NEW ? null : created + (updated - created) / 4;
            Long solved = null;
            Long closed = null;
            if (status == TicketStatus.SOLVED) {
                solved = updated;
            } else if (status == TicketStatus.CLOSED) {
                closed = updated;
                solved = Math.max(created, updated - 4L * 86_400_000_000L);
            }
            Long due = status.isActive() ? created + (prio >= 2 ? 4L : 24L) * 3_600_000_000L : null;
            long version = status == TicketStatus.NEW ? 1 : status.isActive() ? 3 : 6;
            return new Object[] {
                TENANT.value(), id, "TK", (long) i + 1, "Order " + (100_000 + i) + ": where is my parcel?",
                status.name(), PRIORITIES[prio], (short) prio, null, CHANNELS[i % CHANNELS.length],
                customer(r.nextInt(CUSTOMERS)),
                assignee, team, emptyTags, emptyFields, emptyOrders, emptyLinks, created,
                updated, updated, firstReply, solved, closed, due, due == null ? Long.MAX_VALUE : due, version};
        }
    }
}
