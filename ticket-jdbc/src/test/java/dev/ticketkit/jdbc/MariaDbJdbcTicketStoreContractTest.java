package dev.ticketkit.jdbc;

import dev.ticketkit.core.spi.TicketStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The store contract on MariaDB ({@code TICKETKIT_MYSQL_URL}, ...); runs with {@code -Pdatabases}. */
@Tag("mariadb")
class MariaDbJdbcTicketStoreContractTest extends JdbcTicketStoreContract {
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
    protected TicketStore createStore() {
        return db.store();
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.MYSQL;
    }
}
