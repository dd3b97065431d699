package dev.ticketkit.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Connection cuts and pool exhaustion on PostgreSQL; runs with {@code -Pdatabases}. */
@Tag("postgres")
class PostgresFaultTest extends JdbcFaultContract {
    private static TestDatabase db;

    @BeforeAll
    static void connect() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void dropTables() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected TestDatabase db() {
        return db;
    }

    @Override
    protected String jdbcUrl() {
        return TestDatabase.env("TICKETKIT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    @Override
    protected String user() {
        return TestDatabase.env("TICKETKIT_PG_USER", "postgres");
    }

    @Override
    protected String password() {
        return TestDatabase.env("TICKETKIT_PG_PASSWORD", "");
    }

    @Override
    protected int defaultPort() {
        return 5432;
    }
}
