package dev.ticketkit.jdbc;

import dev.ticketkit.core.spi.TicketStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded H2 file database, one for the whole class, opened anew for each test. */
class H2FileJdbcTicketStoreContractTest extends JdbcTicketStoreContract {
    @TempDir
    static Path dir;

    @Override
    protected TicketStore createStore() {
        JdbcTicketStore s = JdbcTicketStore.embedded(dir);
        TestDatabase.clearDueWork(s);
        return s;
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.H2;
    }
}
