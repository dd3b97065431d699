package dev.ticketkit.jdbc;

import java.util.Locale;
import java.util.Objects;

/**
 * The SQL dialects the store speaks. Detected from the connection's metadata unless set on the builder with
 * {@link JdbcTicketStore.Builder#dialect(Dialect)}.
 */
public enum Dialect {
    /** H2 2.x, the embedded default. */
    H2("h2"),
    /** PostgreSQL 12 or later. */
    POSTGRESQL("postgresql"),
    /** MySQL 8 or later, and MariaDB 10.3 or later (10.6+ claims due work with {@code SKIP LOCKED}). */
    MYSQL("mysql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The folder of this dialect's migrations below {@code db/ticketkit/}. */
    public String migrationFolder() {
        return folder;
    }

    /**
     * The dialect of a database product name as JDBC reports it ({@code H2}, {@code PostgreSQL}, {@code MySQL},
     * {@code MariaDB}).
     *
     * @throws IllegalArgumentException for a database TicketKit does not support
     */
    public static Dialect fromProductName(String productName) {
        Objects.requireNonNull(productName, "productName");
        String p = productName.toLowerCase(Locale.ROOT);
        if (p.startsWith("h2")) {
            return H2;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        if (p.contains("mysql") || p.contains("mariadb")) {
            return MYSQL;
        }
        throw new IllegalArgumentException("unsupported database '" + productName
                + "': TicketKit's JDBC store supports H2, PostgreSQL, MySQL and MariaDB");
    }
}
