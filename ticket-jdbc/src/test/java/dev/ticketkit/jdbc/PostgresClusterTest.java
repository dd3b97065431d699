package dev.ticketkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Three nodes on one PostgreSQL database ({@code TICKETKIT_PG_URL}, ...); runs with {@code -Pdatabases}. */
@Tag("postgres")
class PostgresClusterTest extends JdbcClusterContract {
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
    protected HikariDataSource newPool(String name) {
        return hikari(TestDatabase.env("TICKETKIT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                TestDatabase.env("TICKETKIT_PG_USER", "postgres"), TestDatabase.env("TICKETKIT_PG_PASSWORD", ""), name, 4, 10_000);
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
