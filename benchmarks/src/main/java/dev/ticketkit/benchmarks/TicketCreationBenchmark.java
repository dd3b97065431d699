package dev.ticketkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.NewCustomer;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.jdbc.Dialect;
import dev.ticketkit.jdbc.JdbcTicketStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * Ticket creation on a {@link JdbcTicketStore}, against the raw-JDBC floor, on H2 (file), PostgreSQL and MariaDB.
 *
 * <ul>
 *   <li>{@link #engine} is {@code engine.tickets().create(integration, NewTicket(subject, 2 tags, first message))}
 *       through the public API on a {@code JdbcTicketStore}: one JDBC transaction (JDBI) that reads the customer,
 *       bumps the tenant's number counter, inserts the ticket row, 2 tag rows, the message row, and 2 event rows
 *       ({@code TicketCreated}, {@code MessageAdded}) into both {@code events} and {@code outbox}.</li>
 *   <li>{@link #floor} writes the same rows with plain JDBC {@link PreparedStatement}s in one transaction
 *       (autocommit off): the same counter SQL the store uses for the dialect, then the ticket, tags (batch),
 *       message, events (batch) and outbox (batch). The column values are copied from a ticket the engine created
 *       in the trial's setup (same payload JSON, same text lengths), with fresh ids, number and instants. The
 *       floor does not read the customer row (the engine does: one SELECT more).</li>
 * </ul>
 *
 * <p>One operation = one ticket created = 9 row writes: 8 rows inserted (1 ticket, 2 tags, 1 message, 2 events,
 * 2 outbox) plus the counter row updated. The trial's teardown prints the row counts per ticket of both sides. Each trial gets its own HikariCP pool of {@value #POOL_SIZE}, its own tables (a random
 * table prefix, migrated by {@code JdbcTicketStore}'s Flyway scripts; dropped in the trial's teardown) and, on
 * H2, its own database file in a temporary directory (deleted afterwards). Tables grow within a trial as a
 * real store's would.
 *
 * <p>Databases: {@code TICKETKIT_PG_URL}/{@code _USER}/{@code _PASSWORD} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, {@code postgres}, empty) and {@code TICKETKIT_MYSQL_URL}/
 * {@code _USER}/{@code _PASSWORD} (default {@code jdbc:mariadb://127.0.0.1:3306/test}, {@code root}, empty).
 * Run with one thread: {@code java -jar benchmarks/target/benchmarks.jar TicketCreation -f 1 -wi 2 -i 3 -w 3s -r 5s}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.org.flywaydb=error", "-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class TicketCreationBenchmark {

    static final int POOL_SIZE = 4;
    static final TenantId TENANT = TenantId.of("acme");
    static final Actor INTEGRATION = Actor.integration(TENANT, "web-form");
    static final String SUBJECT = "Where is my parcel?";
    static final NewMessage INQUIRY = NewMessage.text("I ordered on Monday and the tracking page has not moved since.");
    static final String[] TAGS = {"parcel", "web"};

    /** Every table the migrations create (without the prefix), plus Flyway's history table. */
    static final List<String> TABLES = List.of("ticket_tags", "messages", "events", "outbox", "outbox_dead", "idempotency_keys",
            "ticket_numbers", "customer_identities", "customers", "agents", "teams", "field_definitions", "due_work",
            "tickets", "schema_history");

    @Param({"h2file", "postgresql", "mariadb"})
    public String database;

    HikariDataSource pool;
    Path h2Directory;
    String prefix;
    JdbcTicketStore store;
    TicketEngine engine;
    CustomerId customer;
    String benchmark;

    // ---- floor ---------------------------------------------------------------------------------

    Floor floor;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        benchmark = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        prefix = "tkb" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24) + "_"; // <= 16 chars
        pool = pool();
        store = JdbcTicketStore.builder(pool).tablePrefix(prefix).build(); // migrates: the tables both sides use
        engine = TicketEngine.builder().store(store).build();
        customer = engine.customers().create(INTEGRATION,
                NewCustomer.of("Customer One", ChannelIdentity.of(IdentityType.EMAIL, "customer1@example.com"))).id();
        Ticket template = engine.tickets().create(INTEGRATION, newTicket());
        floor = new Floor(pool, store.dialect(), prefix, template);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        engine.close();
        store.close();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String t : List.of("tickets", "ticket_tags", "messages", "events", "outbox")) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + prefix + t)) {
                    rs.next();
                    rows.put(t, rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT last_value FROM " + prefix + "ticket_numbers")) {
                rs.next();
                rows.put("counter", rs.getLong(1));
            }
            long tickets = rows.get("tickets");
            StringBuilder sb = new StringBuilder("\n[" + database + " " + benchmark + "] rows at the end of the trial:");
            rows.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v)
                    .append(String.format(Locale.ROOT, " (%.2f/ticket)", (double) v / tickets)));
            System.out.println(sb);
            if (h2Directory == null) {
                BenchDatabases.dropTables(c, prefix, TABLES);
            }
        } finally {
            pool.close();
            BenchDatabases.deleteDirectory(h2Directory);
        }
    }

    private HikariDataSource pool() throws IOException {
        h2Directory = BenchDatabases.h2Directory(database);
        return BenchDatabases.pool(database, h2Directory, POOL_SIZE);
    }


    private NewTicket newTicket() {
        return NewTicket.builder(customer, SUBJECT).channel(Channel.WEB_FORM).tags(TAGS).message(INQUIRY).build();
    }

    // ---- benchmarks ----------------------------------------------------------------------------

    /** One ticket (2 tags, first message, 2 events + outbox) through the engine's public API. */
    @Benchmark
    public Ticket engine() {
        return engine.tickets().create(INTEGRATION, newTicket());
    }

    /** The same rows with plain JDBC in one transaction. */
    @Benchmark
    public long floor() throws SQLException {
        return floor.create(pool);
    }

    // ---- the raw-JDBC floor --------------------------------------------------------------------

    /** The rows of the template ticket, replayed with new ids, number and instants. */
    static final class Floor {
        final Dialect dialect;
        final String counterSql;
        final String counterSelect;
        final String tenant;
        final Rows ticket;
        final Rows tags;
        final Rows message;
        final Rows events;
        final Rows outbox;
        final AtomicLong ids = new AtomicLong();

        Floor(javax.sql.DataSource ds, Dialect dialect, String p, Ticket template) throws SQLException {
            this.dialect = dialect;
            this.tenant = template.tenantId().value();
            String t = p + "ticket_numbers";
            switch (dialect) {
                case POSTGRESQL -> {
                    counterSql = "INSERT INTO " + t + " (tenant, last_value) VALUES (?, 1) ON CONFLICT (tenant) "
                            + "DO UPDATE SET last_value = " + t + ".last_value + 1 RETURNING last_value";
                    counterSelect = null;
                }
                case MYSQL -> {
                    counterSql = "INSERT INTO " + t + " (tenant, last_value) VALUES (?, LAST_INSERT_ID(1)) "
                            + "ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + 1)";
                    counterSelect = "SELECT LAST_INSERT_ID()";
                }
                default -> { // H2: the row exists (the template ticket made it); bump under the row lock, read back
                    counterSql = "UPDATE " + t + " SET last_value = last_value + 1 WHERE tenant = ?";
                    counterSelect = "SELECT last_value FROM " + t + " WHERE tenant = ?";
                }
            }
            String id = template.id().toString();
            // the template's rows, read once
            try (Connection c = ds.getConnection()) {
                ticket = Rows.read(c, p + "tickets", "tenant = ? AND id = ?", tenant, id);
                tags = Rows.read(c, p + "ticket_tags", "tenant = ? AND ticket_id = ?", tenant, id);
                message = Rows.read(c, p + "messages", "tenant = ? AND ticket_id = ?", tenant, id);
                events = Rows.read(c, p + "events", "tenant = ? AND ticket_id = ?", tenant, id);
                outbox = Rows.read(c, p + "outbox", "tenant = ? AND ticket_id = ?", tenant, id);
            }
            if (ticket.values.size() != 1 || tags.values.size() != TAGS.length || message.values.size() != 1
                    || events.values.isEmpty() || events.values.size() != outbox.values.size()) {
                throw new IllegalStateException("unexpected template rows: ticket " + ticket.values.size() + ", tags "
                        + tags.values.size() + ", messages " + message.values.size() + ", events " + events.values.size()
                        + ", outbox " + outbox.values.size());
            }
        }

        private String uuid() {
            return new UUID(ids.incrementAndGet(), ThreadLocalRandom.current().nextLong()).toString();
        }

        long create(javax.sql.DataSource ds) throws SQLException {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    long seq = nextNumber(c);
                    long now = System.currentTimeMillis() * 1_000L;
                    String ticketId = uuid();
                    ticket.insert(c, (row, col, v) -> switch (col) {
                        case "id" -> ticketId;
                        case "number_seq" -> seq;
                        case "created_us", "updated_us", "status_changed_us" -> now;
                        default -> v;
                    });
                    tags.insert(c, (row, col, v) -> col.equals("ticket_id") ? ticketId : v);
                    message.insert(c, (row, col, v) -> switch (col) {
                        case "id" -> uuid();
                        case "ticket_id" -> ticketId;
                        case "created_us" -> now;
                        default -> v;
                    });
                    String[] eventIds = new String[events.values.size()];
                    for (int i = 0; i < eventIds.length; i++) {
                        eventIds[i] = uuid();
                    }
                    events.insert(c, (row, col, v) -> switch (col) {
                        case "event_id" -> eventIds[row];
                        case "ticket_id" -> ticketId;
                        case "occurred_us" -> now;
                        default -> v;
                    });
                    outbox.insert(c, (row, col, v) -> switch (col) {
                        case "event_id" -> eventIds[row];
                        case "ticket_id" -> ticketId;
                        default -> v;
                    });
                    c.commit();
                    return seq;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
        }

        private long nextNumber(Connection c) throws SQLException {
            switch (dialect) {
                case POSTGRESQL -> {
                    try (PreparedStatement ps = c.prepareStatement(counterSql)) {
                        ps.setString(1, tenant);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                }
                case MYSQL -> {
                    try (PreparedStatement ps = c.prepareStatement(counterSql)) {
                        ps.setString(1, tenant);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement(counterSelect); ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
                default -> {
                    try (PreparedStatement ps = c.prepareStatement(counterSql)) {
                        ps.setString(1, tenant);
                        if (ps.executeUpdate() != 1) {
                            throw new IllegalStateException("no counter row");
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(counterSelect)) {
                        ps.setString(1, tenant);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                }
            }
        }
    }

    @FunctionalInterface
    interface ColumnValue {
        Object value(int row, String column, Object templateValue);
    }

    /** Rows of one table (without its identity column {@code seq}), inserted again as one statement or batch. */
    record Rows(String insertSql, List<String> columns, int[] types, List<Object[]> values) {

        static Rows read(Connection c, String table, String where, String... args) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE " + where)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> cols = new ArrayList<>();
                    List<Integer> idx = new ArrayList<>();
                    List<Integer> types = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String name = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
                        // seq is generated by the database; so is H2's computed `active` flag (migration V3)
                        if (!name.equals("seq") && !name.equals("active")) {
                            cols.add(name);
                            idx.add(i);
                            types.add(md.getColumnType(i));
                        }
                    }
                    List<Object[]> values = new ArrayList<>();
                    List<Object[]> ordered = new ArrayList<>();
                    while (rs.next()) {
                        Object[] row = new Object[cols.size()];
                        for (int i = 0; i < row.length; i++) {
                            Object v = rs.getObject(idx.get(i));
                            // a Clob (a host's own CLOB schema): bind its text, as the store does, never the LOB
                            // itself (re-inserting a Clob of the same database copies a LOB reference)
                            row[i] = v instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : v;
                        }
                        Object seq = hasSeq(md) ? rs.getObject("seq") : null;
                        ordered.add(new Object[] {seq, row});
                    }
                    ordered.sort(Comparator.comparing(o -> o[0] == null ? 0L : ((Number) o[0]).longValue()));
                    for (Object[] o : ordered) {
                        values.add((Object[]) o[1]);
                    }
                    String sql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                            + String.join(", ", cols.stream().map(x -> "?").toList()) + ")";
                    return new Rows(sql, List.copyOf(cols), types.stream().mapToInt(Integer::intValue).toArray(),
                            List.copyOf(values));
                }
            }
        }

        private static boolean hasSeq(ResultSetMetaData md) throws SQLException {
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (md.getColumnLabel(i).equalsIgnoreCase("seq")) {
                    return true;
                }
            }
            return false;
        }

        void insert(Connection c, ColumnValue override) throws SQLException {
            // one statement per row set, prepared per transaction as the store's JDBI statements are
            if (values.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                for (int r = 0; r < values.size(); r++) {
                    Object[] row = values.get(r);
                    for (int i = 0; i < row.length; i++) {
                        Object v = override.value(r, columns.get(i), row[i]);
                        if (v == null) {
                            ps.setNull(i + 1, types[i]);
                        } else {
                            ps.setObject(i + 1, v);
                        }
                    }
                    if (values.size() > 1) {
                        ps.addBatch();
                    }
                }
                if (values.size() > 1) {
                    ps.executeBatch();
                } else {
                    ps.executeUpdate();
                }
            }
        }
    }
}
