package dev.ticketkit.jdbc;

import dev.ticketkit.core.spi.TicketStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The store contract on PostgreSQL ({@code TICKETKIT_PG_URL}, ...); runs with {@code -Pdatabases}. */
@Tag("postgres")
class PostgresJdbcTicketStoreContractTest extends JdbcTicketStoreContract {
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
    protected TicketStore createStore() {
        return db.store();
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }
}
