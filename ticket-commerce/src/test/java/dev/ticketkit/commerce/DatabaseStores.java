package dev.ticketkit.commerce;

import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.jdbc.JdbcTicketStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Stores on the machine's PostgreSQL and MariaDB for the {@code -Pdatabases} tests ({@code TICKETKIT_PG_URL},
 * {@code TICKETKIT_MYSQL_URL}, ... as ticket-jdbc's tests read them): each store gets tables of its own (a fresh
 * prefix), and {@link #close()} closes the stores and drops their tables.
 */
public final class DatabaseStores implements AutoCloseable {
    private record Opened(JdbcTicketStore store, String url, String user, String password, String prefix) {
    }

    private final List<Opened> opened = new ArrayList<>();

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    public TicketStore postgres() {
        return open(env("TICKETKIT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                env("TICKETKIT_PG_USER", "postgres"), env("TICKETKIT_PG_PASSWORD", ""));
    }

    public TicketStore mariaDb() {
        return open(env("TICKETKIT_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                env("TICKETKIT_MYSQL_USER", "root"), env("TICKETKIT_MYSQL_PASSWORD", ""));
    }

    private TicketStore open(String url, String user, String password) {
        String prefix = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT) + "_";
        JdbcTicketStore store = JdbcTicketStore.builder(url, user, password).tablePrefix(prefix).build();
        opened.add(new Opened(store, url, user, password, prefix));
        return store;
    }

    @Override
    public void close() throws SQLException {
        for (Opened o : opened) {
            o.store().close();
            try (Connection c = DriverManager.getConnection(o.url(), o.user(), o.password())) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getTables(null, null, o.prefix() + "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
                boolean postgres = o.url().startsWith("jdbc:postgresql:");
                try (Statement st = c.createStatement()) {
                    if (!postgres) {
                        st.execute("SET FOREIGN_KEY_CHECKS = 0");
                    }
                    for (String t : tables) {
                        st.execute("DROP TABLE IF EXISTS " + t + (postgres ? " CASCADE" : ""));
                    }
                }
            }
        }
        opened.clear();
    }
}
