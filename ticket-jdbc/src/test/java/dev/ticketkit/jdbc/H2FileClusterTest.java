package dev.ticketkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on one embedded H2 file database: three pools on the same file URL (in one JVM they share
 * H2's database engine, so this proves the SQL and locking, not H2's multi-process server mode).
 */
class H2FileClusterTest extends JdbcClusterContract {
    @TempDir
    static Path dir;

    @Override
    protected HikariDataSource newPool(String name) {
        return hikari("jdbc:h2:file:" + dir.resolve("cluster").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000",
                "sa", "", name, 4, 10_000);
    }

    @Override
    protected String tablePrefix() {
        return "tk_";
    }
}
