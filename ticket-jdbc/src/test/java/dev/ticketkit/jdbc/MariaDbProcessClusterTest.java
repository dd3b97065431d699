package dev.ticketkit.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Three node processes on one MariaDB database ({@code TICKETKIT_MYSQL_URL}, ...); runs with {@code -Pdatabases}. */
@Tag("mariadb")
class MariaDbProcessClusterTest extends JdbcProcessClusterContract {
    private static TestDatabase db;

    @BeforeAll
    static void connect() {
        db = TestDatabase.mariaDb();
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
