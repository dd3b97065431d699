package dev.ticketkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketStoreException;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.jdbc.internal.DueClaims;
import dev.ticketkit.jdbc.internal.Errors;
import dev.ticketkit.jdbc.internal.JdbcTx;
import dev.ticketkit.jdbc.internal.Migrations;
import dev.ticketkit.jdbc.internal.Schema;
import dev.ticketkit.jdbc.internal.SqlDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TicketStore} on a relational database through JDBI: H2 (the embedded default), PostgreSQL,
 * MySQL and MariaDB. Passes {@code TicketStoreContract}.
 *
 * <pre>{@code
 * TicketStore store = JdbcTicketStore.builder(dataSource).build();      // the host's own pool
 * TicketStore local = JdbcTicketStore.embeddedDefault();                 // H2 files in ./ticketkit-data
 * }</pre>
 *
 * <p>One {@link #inTransaction} is one JDBC transaction on one connection, committed when the callback
 * returns and rolled back when it throws; a nested {@code inTransaction} on the same thread joins it. Row
 * locks ({@code SELECT ... FOR UPDATE}) queue concurrent commands on one ticket; the version column stays the
 * guarantee. Failures surface as {@link TicketStoreException} (with the SQLState),
 * {@link dev.ticketkit.core.DuplicateKeyException} or {@link dev.ticketkit.core.TicketConflictException}.
 *
 * <p>Thread-safe. {@link #close()} closes only a pool the store made itself ({@link #embedded}), never the
 * caller's {@code DataSource}.
 */
public final class JdbcTicketStore implements TicketStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcTicketStore.class);

    /** The table prefix when none is given. */
    public static final String DEFAULT_TABLE_PREFIX = "tk_";
    /** Whether {@link Builder#build()} migrates the schema when not told otherwise. */
    public static final boolean DEFAULT_MIGRATE = true;
    /** The directory of {@link #embeddedDefault()}, relative to the working directory. */
    public static final Path DEFAULT_EMBEDDED_DIRECTORY = Path.of("ticketkit-data");
    /** The H2 database file name (without H2's {@code .mv.db} suffix) inside an embedded directory. */
    public static final String EMBEDDED_DATABASE_NAME = "ticketkit";
    /** Connections in the pool of an embedded store. */
    public static final int DEFAULT_EMBEDDED_POOL_SIZE = 10;

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,15}");
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final Schema schema;
    private final TransactionIsolationLevel isolation;
    private final AutoCloseable ownedPool;
    private final boolean inMemory;
    private final ThreadLocal<JdbcTx> current = new ThreadLocal<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The caller's transaction joined with {@link #join(Connection)} on this thread. */
    private final ThreadLocal<JoinedTransaction> joined = new ThreadLocal<>();
    /** The connection a joined command runs on (read by {@link #joinedJdbi}'s connection factory). */
    private final ThreadLocal<Connection> joinedConnection = new ThreadLocal<>();
    private final TransactionBinding binding;
    private final Jdbi joinedJdbi;

    private JdbcTicketStore(DataSource dataSource, Schema schema, AutoCloseable ownedPool, boolean inMemory,
                            TransactionBinding binding) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.ownedPool = ownedPool;
        this.inMemory = inMemory;
        this.binding = binding;
        this.jdbi = configure(Jdbi.create(dataSource));
        // handles over the caller's connection: never closed, committed or rolled back by JDBI
        this.joinedJdbi = configure(Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return joinedConnection.get();
            }

            @Override
            public void closeConnection(Connection toClose) {
                // the caller's
            }
        }));
        joinedJdbi.getConfig(Handles.class).setForceEndTransactions(false);
        this.isolation = schema.sql().isolation();
    }

    private static Jdbi configure(Jdbi j) {
        j.setTemplateEngine(TemplateEngine.NOP);
        // JDBI's messages would list bound values (customer text): keep them out of exceptions and logs.
        j.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return j;
    }

    // ---- factories -----------------------------------------------------------------------------

    /** A builder for a store on the caller's {@code DataSource} (which the store never closes). */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * A builder for a store on a connection pool of its own (HikariCP, {@value #DEFAULT_OWN_POOL_SIZE} connections)
     * to a JDBC URL, which {@link #close()} closes: {@code JdbcTicketStore.builder("jdbc:postgresql://db/shop",
     * "ticketkit", password).build()}. For an application that already has a pool, pass its {@code DataSource}.
     *
     * @throws TicketStoreException if the pool cannot be opened
     */
    public static Builder builder(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(DEFAULT_OWN_POOL_SIZE);
        c.setMinimumIdle(1);
        c.setPoolName("ticketkit-" + POOLS.incrementAndGet());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            // the URL names the host, never a password; the cause keeps the driver's detail
            throw new TicketStoreException("cannot open a connection pool to the database", null, e);
        }
        Builder b = new Builder(pool);
        b.ownedPool = pool;
        return b;
    }

    /** The connections of a pool {@link #builder(String, String, String)} opens. */
    public static final int DEFAULT_OWN_POOL_SIZE = 10;

    /**
     * A store on an H2 database in {@code directory} (created if missing; the data is in
     * {@code <directory>/ticketkit.mv.db}), with a connection pool of {@value #DEFAULT_EMBEDDED_POOL_SIZE}
     * that {@link #close()} closes. Only one JVM may open the directory at a time.
     */
    public static JdbcTicketStore embedded(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Path dir = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TicketStoreException("cannot create the embedded database directory " + dir, e);
        }
        String url = "jdbc:h2:file:" + dir.resolve(EMBEDDED_DATABASE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256";
        return pooled(url, false);
    }

    /** {@link #embedded(Path)} in {@link #DEFAULT_EMBEDDED_DIRECTORY} ({@code ./ticketkit-data}). */
    public static JdbcTicketStore embeddedDefault() {
        return embedded(DEFAULT_EMBEDDED_DIRECTORY);
    }

    /**
     * A store on a private in-memory H2 database, gone when the store is closed. For tests and demos: the
     * same SQL as the embedded store, without files.
     */
    public static JdbcTicketStore inMemory() {
        String url = "jdbc:h2:mem:ticketkit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256";
        return pooled(url, true);
    }

    private static JdbcTicketStore pooled(String url, boolean inMemory) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername("sa");
        c.setPassword("");
        c.setMaximumPoolSize(DEFAULT_EMBEDDED_POOL_SIZE);
        c.setMinimumIdle(1);
        c.setPoolName("ticketkit-h2-" + POOLS.incrementAndGet());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new TicketStoreException("cannot open the embedded H2 database", Errors.sqlException(e) == null ? null
                    : Errors.sqlException(e).getSQLState(), e);
        }
        try {
            return new Builder(pool).dialect(Dialect.H2).build(pool, inMemory);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    // ---- configuration -------------------------------------------------------------------------

    /** The dialect in use. */
    public Dialect dialect() {
        return schema.dialect();
    }

    /** The table prefix in use. */
    public String tablePrefix() {
        return schema.prefix();
    }

    /** The data source the store runs on. */
    public DataSource dataSource() {
        return dataSource;
    }

    // ---- transactions --------------------------------------------------------------------------

    @Override
    public <R, X extends Exception> R inTransaction(TransactionCallback<R, X> callback) throws X {
        Objects.requireNonNull(callback, "callback");
        JdbcTx outer = current.get();
        if (outer != null) {
            return callback.run(outer); // nested on this thread: join the running transaction
        }
        Connection callers = callerConnection();
        if (callers != null) {
            return inCallersTransaction(callers, callback);
        }
        HandleCallback<R, X> body = handle -> {
            JdbcTx tx = new JdbcTx(handle, schema);
            current.set(tx);
            try {
                return callback.run(tx);
            } finally {
                current.remove();
            }
        };
        try {
            return isolation == null ? jdbi.inTransaction(body) : jdbi.inTransaction(isolation, body);
        } catch (JdbiException e) {
            // opening the connection, beginning, committing or rolling back failed
            throw Errors.translate(e, "transaction");
        }
    }

    // ---- the caller's transaction --------------------------------------------------------------

    /**
     * Joins the caller's open JDBC transaction on {@code connection} (auto-commit off) for this thread: until
     * the returned handle is closed, every command on this thread runs on that connection, without a begin,
     * commit or rollback of its own, inside a savepoint (a failed command is undone, the caller's work stays).
     * The caller commits or rolls back; the tickets, messages, events and outbox rows go with it. Listeners get
     * a command's events only when the caller reports the commit ({@link JoinedTransaction#committed()}).
     * Due-work claims and the outbox relay still use connections of their own.
     *
     * @throws IllegalStateException if this thread already joined a transaction, or the connection is in
     *                               auto-commit mode
     */
    public JoinedTransaction join(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        if (joined.get() != null) {
            throw new IllegalStateException("this thread already joined a transaction; close it first");
        }
        requireTransaction(connection);
        JoinedTransaction j = new JoinedTransaction(connection, joined::remove);
        joined.set(j);
        return j;
    }

    private static void requireTransaction(Connection c) {
        try {
            if (c.getAutoCommit()) {
                throw new IllegalStateException("the caller's connection is in auto-commit mode; "
                        + "a transaction to join needs setAutoCommit(false)");
            }
        } catch (SQLException e) {
            throw new TicketStoreException("cannot read the caller's connection state", e.getSQLState(), Errors.redactedCopy(e));
        }
    }

    /** The caller's connection on this thread ({@link #join} first, then the binding), or null. */
    private Connection callerConnection() {
        JoinedTransaction j = joined.get();
        if (j != null) {
            return j.connection();
        }
        return binding == null ? null : binding.currentConnection();
    }

    private <R, X extends Exception> R inCallersTransaction(Connection c, TransactionCallback<R, X> callback) throws X {
        requireTransaction(c);
        Savepoint sp;
        try {
            sp = c.setSavepoint();
        } catch (SQLException e) {
            throw Errors.translate(new IllegalStateException("savepoint", e), "transaction");
        }
        joinedConnection.set(c);
        Handle h = null;
        boolean ok = false;
        try {
            h = joinedJdbi.open();
            JdbcTx tx = new JdbcTx(h, schema);
            current.set(tx);
            R r = callback.run(tx);
            ok = true;
            return r;
        } catch (JdbiException e) {
            throw Errors.translate(e, "transaction");
        } finally {
            current.remove();
            joinedConnection.remove();
            try {
                if (ok) {
                    c.releaseSavepoint(sp);
                } else {
                    c.rollback(sp);
                }
            } catch (SQLException e) {
                // a failed command already threw; an unreleased savepoint ends with the caller's transaction
                LOG.debug("ending the savepoint of a joined command failed", e);
            }
            if (h != null) {
                h.close();
            }
        }
    }

    /**
     * Runs {@code action} once the transaction that just ended on this thread is committed: at once for the
     * store's own transactions; at {@link JoinedTransaction#committed()} for a transaction joined with
     * {@link #join}; through {@link TransactionBinding#afterCommit} for a bound one.
     */
    @Override
    public void afterCommit(Runnable action) {
        Objects.requireNonNull(action, "action");
        JoinedTransaction j = joined.get();
        if (j != null) {
            j.afterCommit(action);
        } else if (binding != null && binding.currentConnection() != null) {
            binding.afterCommit(action);
        } else {
            action.run();
        }
    }

    /** Runs store-internal work in a transaction of its own, translating failures. */
    private <R> R own(String op, HandleCallback<R, RuntimeException> work) {
        if (current.get() != null) {
            throw new IllegalStateException(op + " commits on its own and must not be called inside inTransaction");
        }
        try {
            return isolation == null ? jdbi.inTransaction(work) : jdbi.inTransaction(isolation, work);
        } catch (JdbiException e) {
            throw Errors.translate(e, op);
        }
    }

    // ---- ticket numbers ------------------------------------------------------------------------

    /**
     * One counter update for the whole block, in a transaction of its own on a connection of its own from the
     * store's {@code DataSource}, committed before this returns: also inside {@link #inTransaction} and in a
     * transaction the store joined ({@link #join}, {@link TransactionBinding}), whose connection it never uses. The
     * counter row is locked only for this short transaction, so blocks never overlap and no command waits for
     * another command's commit. A caller's transaction that rolls back does not give its numbers back.
     *
     * <p>The engine reserves before a create's transaction begins, so the reservation takes the pool's connection
     * for a moment while the thread holds none; only when it must reserve inside a running command (a follow-up or
     * child task created by another command) does it hold two connections for that moment.
     */
    @Override
    public long reserveTicketNumbers(TenantId tenantId, int count) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        // open(): a new handle; jdbi.inTransaction would join this thread's running command
        try (Handle h = jdbi.open()) {
            HandleCallback<Long, RuntimeException> add = handle -> schema.sql().addToCounter(handle, schema.ticketNumbers(),
                    tenantId.value(), count);
            long last = isolation == null ? h.inTransaction(add) : h.inTransaction(isolation, add);
            return last - count + 1;
        } catch (JdbiException e) {
            throw Errors.translate(e, "reserveTicketNumbers");
        }
    }

    // ---- due work ------------------------------------------------------------------------------

    @Override
    public List<DueWork> claimDueWork(String owner, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return own("claimDueWork", h -> DueClaims.claim(h, schema, owner, now, now.plus(lease), limit));
    }

    @Override
    public void releaseDueWork(DueWork work, String owner, Instant retryAt) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(retryAt, "retryAt");
        own("releaseDueWork", h -> {
            DueClaims.release(h, schema, work, owner, retryAt);
            return null;
        });
    }

    @Override
    public int renewLeases(String owner, Collection<DueWork> works, Instant leaseUntil) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(works, "works");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (works.isEmpty()) {
            return 0;
        }
        return own("renewLeases", h -> DueClaims.renew(h, schema, owner, works, leaseUntil));
    }

    @Override
    public Optional<Instant> nextDueAt(Instant now) {
        return own("nextDueAt", h -> DueClaims.nextDueAt(h, schema));
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Closes the pool of an embedded or in-memory store (dropping an in-memory database); idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || ownedPool == null) {
            return;
        }
        if (inMemory) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.debug("in-memory H2 shutdown failed", e);
            }
        }
        try {
            ownedPool.close();
        } catch (Exception e) {
            LOG.warn("closing the TicketKit connection pool failed", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcTicketStore[" + schema.dialect() + ", prefix=" + schema.prefix() + "]";
    }

    /**
     * Configures a {@link JdbcTicketStore}. Each option may be set once; arguments are checked at once.
     * Not thread-safe.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix;
        private Boolean migrate;
        private Dialect dialect;
        private TransactionBinding transactionBinding;

        /** A pool {@link JdbcTicketStore#builder(String, String, String)} opened, closed with the store. */
        private AutoCloseable ownedPool;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * The prefix of every table, index and the migration history table (default
         * {@value JdbcTicketStore#DEFAULT_TABLE_PREFIX}): 1 to 16 characters of {@code [a-z0-9_]}, starting
         * with a letter.
         */
        public Builder tablePrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("table prefix must match [a-z][a-z0-9_]{0,15}: '" + prefix + "'");
            }
            once(tablePrefix, "tablePrefix");
            tablePrefix = prefix;
            return this;
        }

        /**
         * Whether {@link #build()} applies the schema migrations (default {@value JdbcTicketStore#DEFAULT_MIGRATE}).
         * Turn it off when the host applies the DDL itself (the scripts are in the jar under
         * {@code db/ticketkit/<dialect>/}).
         */
        public Builder migrate(boolean migrate) {
            once(this.migrate, "migrate");
            this.migrate = migrate;
            return this;
        }

        /** The SQL dialect, instead of detecting it from the connection's metadata. */
        public Builder dialect(Dialect dialect) {
            Objects.requireNonNull(dialect, "dialect");
            once(this.dialect, "dialect");
            this.dialect = dialect;
            return this;
        }

        /**
         * Joins transactions the caller manages: whenever {@code binding} returns a connection on the calling
         * thread, commands run on it inside a savepoint instead of in a transaction of their own (see
         * {@link TransactionBinding}). Default: none ({@link JdbcTicketStore#join} still works per thread).
         */
        public Builder transactionBinding(TransactionBinding binding) {
            Objects.requireNonNull(binding, "binding");
            once(this.transactionBinding, "transactionBinding");
            this.transactionBinding = binding;
            return this;
        }

        private static void once(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " is already set");
            }
        }

        /**
         * Connects once to detect the dialect, migrates the schema unless told not to, and returns the store.
         *
         * @throws TicketStoreException if the database cannot be reached or migrated
         */
        public JdbcTicketStore build() {
            if (ownedPool == null) {
                return build(null, false);
            }
            try {
                return build(ownedPool, false);
            } catch (RuntimeException e) {
                try {
                    ownedPool.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        JdbcTicketStore build(AutoCloseable ownedPool, boolean inMemory) {
            String prefix = tablePrefix == null ? DEFAULT_TABLE_PREFIX : tablePrefix;
            boolean doMigrate = migrate == null ? DEFAULT_MIGRATE : migrate;
            Probe probe = Probe.of(dataSource);
            Dialect d = dialect != null ? dialect : probe.dialect();
            Schema schema = new Schema(SqlDialect.detect(d, probe.mariaDb(), probe.major(), probe.minor()), prefix);
            if (doMigrate) {
                Migrations.migrate(dataSource, schema, probe.binaryCollation());
            }
            JdbcTicketStore store = new JdbcTicketStore(dataSource, schema, ownedPool, inMemory, transactionBinding);
            LOG.info("TicketKit JDBC store: database={} {}, dialect={}, tablePrefix={}, migrate={}, dueWorkClaims={}, ownsPool={}, "
                    + "transactionBinding={}", probe.product(), probe.version(), d, prefix, doMigrate,
                    schema.skipLocked() ? "skip-locked" : "compare-and-set", ownedPool != null,
                    transactionBinding == null ? "none" : transactionBinding.getClass().getName());
            return store;
        }
    }

    /** What the connection's metadata says about the database. */
    private record Probe(String product, String version, int major, int minor) {
        static Probe of(DataSource ds) {
            try (Connection c = ds.getConnection()) {
                DatabaseMetaData md = c.getMetaData();
                return new Probe(md.getDatabaseProductName(), md.getDatabaseProductVersion(), md.getDatabaseMajorVersion(),
                        md.getDatabaseMinorVersion());
            } catch (SQLException e) {
                throw new TicketStoreException("cannot connect to the database", e.getSQLState(), e);
            }
        }

        Dialect dialect() {
            return Dialect.fromProductName(product);
        }

        boolean mariaDb() {
            return product.toLowerCase(Locale.ROOT).contains("mariadb") || version.toLowerCase(Locale.ROOT).contains("mariadb");
        }

        String binaryCollation() {
            if (mariaDb()) {
                return "utf8mb4_nopad_bin";
            }
            return major >= 8 ? "utf8mb4_0900_bin" : "utf8mb4_bin";
        }
    }

    Jdbi jdbi() {
        return jdbi;
    }

    Schema schema() {
        return schema;
    }

    TransactionIsolationLevel isolation() {
        return isolation;
    }

    /** For tests of this module: the schema's table names. */
    List<String> tables() {
        return schema.allTables();
    }

    /** For tests of this module: runs SQL on a handle of its own. */
    <R> R withHandle(HandleCallback<R, RuntimeException> work) {
        return jdbi.withHandle(work);
    }
}
