package dev.ticketkit.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Three node processes on one PostgreSQL database ({@code TICKETKIT_PG_URL}, ...); runs with {@code -Pdatabases}. */
@Tag("postgres")
class PostgresProcessClusterTest extends JdbcProcessClusterContract {
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
    protected TestDatabase database() {
        return db;
    }
}
