package dev.ticketkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A real database for one test class: a small pool and a random table prefix of its own, so reruns and
 * parallel runs never collide. Settings come from environment variables with loopback defaults; a database
 * that cannot be reached fails the tests (they are never skipped).
 */
final class TestDatabase implements AutoCloseable {
    final HikariDataSource pool;
    final String prefix;
    final String url;
    final String user;
    final String password;
    private final JdbcTicketStore migrated;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(12);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(10_000);
        c.setInitializationFailTimeout(1); // fail at once, with the driver's reason, if the database is not there
        c.setPoolName("ticketkit-test");
        if (url.startsWith("jdbc:postgresql:")) {
            // what the README asks of a PostgreSQL pool: JDBC batches of inserts sent as multi-row INSERTs
            c.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        this.pool = new HikariDataSource(c);
        this.prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT) + "_";
        this.migrated = JdbcTicketStore.builder(pool).tablePrefix(prefix).build();
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    static TestDatabase postgres() {
        return new TestDatabase(env("TICKETKIT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                env("TICKETKIT_PG_USER", "postgres"), env("TICKETKIT_PG_PASSWORD", ""));
    }

    static TestDatabase mariaDb() {
        return new TestDatabase(env("TICKETKIT_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                env("TICKETKIT_MYSQL_USER", "root"), env("TICKETKIT_MYSQL_PASSWORD", ""));
    }

    /** A store on the class's tables (already migrated), with no due work left from earlier tests. */
    JdbcTicketStore store() {
        JdbcTicketStore s = JdbcTicketStore.builder(pool).tablePrefix(prefix).migrate(false).build();
        clearDueWork(s);
        return s;
    }

    /**
     * claimDueWork and nextDueAt see every tenant's work, and the contract's due-work tests expect none but
     * their own: give each test an empty due-work table (the table belongs to this class's prefix alone).
     */
    static void clearDueWork(JdbcTicketStore s) {
        s.withHandle(h -> h.execute("DELETE FROM " + s.tablePrefix() + "due_work"));
    }

    @Override
    public void close() {
        try {
            List<String> tables = new ArrayList<>(migrated.tables());
            tables.add(prefix + "schema_history");
            migrated.withHandle(h -> {
                for (String t : tables) {
                    h.execute("DROP TABLE IF EXISTS " + t);
                }
                return null;
            });
        } finally {
            pool.close();
        }
    }
}
