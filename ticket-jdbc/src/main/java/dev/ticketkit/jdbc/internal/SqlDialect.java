package dev.ticketkit.jdbc.internal;

import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The SQL that differs between databases, one small strategy per database ({@link H2Sql}, {@link PostgresSql},
 * {@link MySqlSql}), chosen once when the store is built ({@link #of}, {@link #detect}). Everything that builds SQL
 * asks the strategy instead of testing the dialect. The defaults here are the plain SQL PostgreSQL and MySQL share;
 * a strategy overrides what its database says differently. Immutable and thread-safe.
 */
public abstract class SqlDialect {
    private final Dialect dialect;
    private final boolean skipLocked;

    SqlDialect(Dialect dialect, boolean skipLocked) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.skipLocked = skipLocked;
    }

    /**
     * The strategy of a dialect.
     *
     * @param skipLocked whether the database supports {@code FOR UPDATE SKIP LOCKED} (never used on H2)
     */
    public static SqlDialect of(Dialect dialect, boolean skipLocked) {
        return switch (Objects.requireNonNull(dialect, "dialect")) {
            case H2 -> H2Sql.INSTANCE;
            case POSTGRESQL -> new PostgresSql(skipLocked);
            case MYSQL -> new MySqlSql(skipLocked);
        };
    }

    /**
     * The strategy of a dialect for the database the connection's metadata describes: whether it can claim rows with
     * {@code SKIP LOCKED} depends on its version (PostgreSQL always, as 9.5+ can; MySQL from 8, MariaDB from 10.6;
     * H2 never).
     */
    public static SqlDialect detect(Dialect dialect, boolean mariaDb, int major, int minor) {
        return switch (Objects.requireNonNull(dialect, "dialect")) {
            case H2 -> H2Sql.INSTANCE;
            case POSTGRESQL -> new PostgresSql(true);
            case MYSQL -> new MySqlSql(MySqlSql.skipLocked(mariaDb, major, minor));
        };
    }

    /** The dialect this strategy speaks. */
    public final Dialect dialect() {
        return dialect;
    }

    /** Whether claims lock rows with {@code FOR UPDATE SKIP LOCKED} (else: a compare-and-set update per row). */
    public final boolean skipLocked() {
        return skipLocked;
    }

    /** The isolation level every store transaction asks for; null keeps the connection's. */
    public TransactionIsolationLevel isolation() {
        return null;
    }

    // ---- writes ----------------------------------------------------------------------------------------------

    /**
     * An insert-or-replace of one row by its key columns.
     *
     * @param table   the table
     * @param keys    the key columns (bound as {@code :column})
     * @param columns the other columns (bound as {@code :column})
     */
    public abstract String upsert(String table, List<String> keys, List<String> columns);

    /** {@code :a, :b, ...} for the columns. */
    static String named(List<String> columns) {
        return String.join(", ", columns.stream().map(c -> ":" + c).toList());
    }

    /**
     * Adds {@code n} to the tenant's row of a counter table {@code (tenant, last_value)}, inserting the row with
     * {@code n} on first use, and returns the new {@code last_value}. The row stays locked until the handle's
     * transaction ends, so two transactions never get the same values.
     */
    public abstract long addToCounter(Handle h, String table, String tenant, long n);

    // ---- many keys at once -----------------------------------------------------------------------------------

    /**
     * A lookup of many keys in one statement: {@code SELECT <columns> FROM <from> <joins> WHERE <conditions> AND
     * <keyColumn> IN (...)}, or on H2 a join of the keys as a table to the index (see {@link H2Sql}).
     *
     * @param columns    the select list
     * @param from       the table with its alias, e.g. {@code tk_idempotency_keys i}
     * @param joins      joins after the table, e.g. {@code " JOIN tk_customers c ON ..."}, or empty
     * @param conditions the conditions before the keys, each with one {@code ?} (bound from {@code leading})
     * @param keyColumn  the column the keys are matched against, with its alias
     * @param keyType    the SQL type of a key, e.g. {@code VARCHAR(200)}
     */
    public record KeyLookup(String columns, String from, String joins, List<String> conditions, String keyColumn,
                            String keyType) {
        public KeyLookup {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * Deletes the rows of one tenant whose key is one of {@code keys} (at most 500, no repeats) from a table whose
     * primary key is {@code (tenant, <keyColumn>)}, in one round trip; returns how many rows went.
     * Here: one {@code DELETE ... WHERE tenant = ? AND <keyColumn> IN (...)}.
     */
    public int deleteKeys(Handle h, String table, String keyColumn, String tenant, List<String> keys) {
        org.jdbi.v3.core.statement.Update u = h.createUpdate("DELETE FROM " + table + " WHERE tenant = ? AND " + keyColumn
                + " IN (" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")");
        u.bind(0, tenant);
        for (int i = 0; i < keys.size(); i++) {
            u.bind(i + 1, keys.get(i));
        }
        return u.execute();
    }

    /**
     * The statement of a lookup of {@code keys} (at most 500), with {@code leading} (one value per condition)
     * and the keys bound, ready to execute.
     */
    public PreparedStatement prepareLookup(Connection c, KeyLookup l, List<String> leading, List<String> keys)
            throws SQLException {
        String sql = "SELECT " + l.columns() + " FROM " + l.from() + l.joins() + " WHERE " + String.join(" AND ", l.conditions())
                + " AND " + l.keyColumn() + " IN (" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")";
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            int p = 1;
            for (String v : leading) {
                ps.setString(p++, v);
            }
            for (String k : keys) {
                ps.setString(p++, k);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    // ---- views -----------------------------------------------------------------------------------------------

    /**
     * An extra condition ({@code " AND ..."} on the tickets table aliased {@code t}) implied by the view's statuses
     * that leads the database to its queue indexes; empty if there is none.
     */
    public String statusCondition(Set<TicketStatus> statuses) {
        return "";
    }

    /**
     * Columns to order by before the view's sort key ({@code "t.x DESC, ..., "}), constant under the view's
     * conditions, that make the ORDER BY a prefix of an index; empty if none.
     *
     * @param direction {@code " ASC"} or {@code " DESC"}
     */
    public String orderPrefix(ViewQuery view, String direction) {
        return "";
    }

    // ---- claims: due work and the outbox ---------------------------------------------------------------------

    /** The table (with its alias, if any) read in the order of {@code index}: a hint where the planner needs one. */
    public String inIndexOrder(String table, String index) {
        return table;
    }

    /**
     * How a command loads the ticket it is about to change: {@code " FOR UPDATE"} so that concurrent commands on one
     * ticket queue instead of conflicting. The version check of the update is the guarantee either way.
     */
    public String loadLock() {
        return " FOR UPDATE";
    }

    /** The lock of a claim: {@code " FOR UPDATE"}, skipping rows others hold where the database can. */
    public final String claimLock() {
        return skipLocked ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
    }

    /**
     * The outbox poll: due rows ({@code available_us <= :now}) in the order of the due index, at most {@code :limit},
     * locked, each with the column list {@code columns} (which ends with {@code FROM }).
     */
    public String outboxDueQuery(Schema s, String columns) {
        return columns + inIndexOrder(s.outbox() + " o", s.prefix() + "outbox_due") + " WHERE o.available_us <= :now "
                + "ORDER BY o.available_us, o.seq LIMIT :limit" + claimLock();
    }

    @Override
    public String toString() {
        return dialect + (skipLocked ? " (skip-locked)" : "");
    }
}
