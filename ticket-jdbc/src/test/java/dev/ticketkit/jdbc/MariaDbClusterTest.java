package dev.ticketkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Three nodes on one MariaDB database ({@code TICKETKIT_MYSQL_URL}, ...); runs with {@code -Pdatabases}. */
@Tag("mariadb")
class MariaDbClusterTest extends JdbcClusterContract {
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
    protected HikariDataSource newPool(String name) {
        return hikari(TestDatabase.env("TICKETKIT_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                TestDatabase.env("TICKETKIT_MYSQL_USER", "root"), TestDatabase.env("TICKETKIT_MYSQL_PASSWORD", ""), name, 4, 10_000);
    }

    @Override
    protected String tablePrefix() {
        return db.prefix;
    }

    @org.junit.jupiter.api.Test
    void concurrentClaimsTakeDifferentWork() {
        aClaimHoldingItsRowsLeavesTheNextDueRowsToAnotherNode();
    }
}
