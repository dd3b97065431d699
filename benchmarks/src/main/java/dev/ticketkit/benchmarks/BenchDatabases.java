package dev.ticketkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import java.nio.file.Path;

/**
 * Pool settings for the database benchmarks: an H2 file in a directory the caller owns, or the machine's
 * PostgreSQL / MariaDB, found through {@code TICKETKIT_PG_URL/_USER/_PASSWORD} and
 * {@code TICKETKIT_MYSQL_URL/_USER/_PASSWORD} (defaults: 127.0.0.1, databases {@code test}).
 */
final class BenchDatabases {
    private BenchDatabases() {
    }

    /** A pool configuration for {@code h2file} (in {@code h2Directory}), {@code postgresql} or {@code mariadb}. */
    static HikariConfig config(String database, Path h2Directory) {
        HikariConfig c = new HikariConfig();
        switch (database) {
            case "h2file" -> {
                c.setJdbcUrl("jdbc:h2:file:" + h2Directory.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256");
                c.setUsername("sa");
                c.setPassword("");
            }
            case "postgresql" -> {
                c.setJdbcUrl(env("TICKETKIT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
                c.setUsername(env("TICKETKIT_PG_USER", "postgres"));
                c.setPassword(env("TICKETKIT_PG_PASSWORD", ""));
                // the driver sends a JDBC batch of inserts as multi-row INSERTs (what ticket-jdbc's README
                // recommends for PostgreSQL pools)
                c.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
            case "mariadb" -> {
                c.setJdbcUrl(env("TICKETKIT_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test"));
                c.setUsername(env("TICKETKIT_MYSQL_USER", "root"));
                c.setPassword(env("TICKETKIT_MYSQL_PASSWORD", ""));
                // what the store asks for on MySQL/MariaDB; set on the pool so no transaction pays to switch
                c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            }
            default -> throw new IllegalArgumentException("unknown database " + database);
        }
        return c;
    }

    /**
     * On PostgreSQL, {@code ANALYZE}s the tables of {@code prefix}: freshly created tables have no statistics until
     * autovacuum's first pass (a minute or more), and without them the planner reads every idempotency key of a
     * tenant for an {@code IN} list instead of looking each up in the primary key. A database in service has
     * statistics; a benchmark trial on new tables must ask for them. No-op on other databases.
     */
    static void analyze(javax.sql.DataSource ds, String database, String prefix, java.util.List<String> tables)
            throws java.sql.SQLException {
        if (!database.equals("postgresql")) {
            return;
        }
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            for (String t : tables) {
                st.execute("ANALYZE " + prefix + t);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /** Drops the tables of {@code prefix} (those that exist) and commits if the connection does not auto-commit. */
    static void dropTables(java.sql.Connection c, String prefix, java.util.List<String> tables) throws java.sql.SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            for (String t : tables) {
                st.execute("DROP TABLE IF EXISTS " + prefix + t);
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Deletes a trial's H2 directory and everything in it; no-op for null. */
    static void deleteDirectory(Path dir) throws java.io.IOException {
        if (dir == null) {
            return;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    /** A random table prefix for one trial, so trials never share tables. */
    static String randomPrefix() {
        return "tkb" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 24) + "_";
    }

    /** A fresh temporary directory for the trial's H2 file database, or null for the other databases. */
    static Path h2Directory(String database) throws java.io.IOException {
        return database.equals("h2file") ? java.nio.file.Files.createTempDirectory("ticketkit-bench-h2") : null;
    }

    /** A HikariCP pool of {@code size} connections (all kept open) on the database, named {@code bench-<database>}. */
    static com.zaxxer.hikari.HikariDataSource pool(String database, Path h2Directory, int size) {
        HikariConfig c = config(database, h2Directory);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(size);
        c.setPoolName("bench-" + database);
        return new com.zaxxer.hikari.HikariDataSource(c);
    }

    /** {@code SELECT COUNT(*)} of the prefixed table. */
    static long count(java.sql.Statement st, String prefix, String table) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + prefix + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
