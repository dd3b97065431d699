package dev.ticketkit.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The outbox relay on MariaDB; runs with {@code -Pdatabases}. */
@Tag("mariadb")
class MariaDbOutboxRelayTest extends OutboxRelayContract {
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
    protected JdbcTicketStore createStore() {
        return db.store();
    }
}
