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
    protected int defaultPort() {
        return 5432;
    }
}
