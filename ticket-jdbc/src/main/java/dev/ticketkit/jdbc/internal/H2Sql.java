package dev.ticketkit.jdbc.internal;

import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/** H2 2.x: {@code MERGE ... KEY}, keys joined as a table, the computed {@code active} column, no {@code SKIP LOCKED}. */
final class H2Sql extends SqlDialect {
    static final H2Sql INSTANCE = new H2Sql();

    /** The statuses of {@code ViewQuery.Builder.active()}: the H2 schema's computed {@code active} column. */
    private static final Set<TicketStatus> ACTIVE = EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING,
            TicketStatus.ON_HOLD);

    private H2Sql() {
        super(Dialect.H2, false);
    }

    /**
     * None: H2 parses a {@code SELECT ... FOR UPDATE} again on every call (its query cache skips locking reads),
     * which cost a command more than the rare conflict it prevents in an embedded, single-process database; two
     * commands on one ticket at once are ordered by the update's version check and the engine's retry.
     */
    @Override
    public String loadLock() {
        return "";
    }

    @Override
    public String upsert(String table, List<String> keys, List<String> columns) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(columns);
        return "MERGE INTO " + table + " (" + String.join(", ", all) + ") KEY (" + String.join(", ", keys) + ") VALUES ("
                + named(all) + ")";
    }

    /** Adds under the row lock; the first block of a tenant inserts the row (racing inserts retry). */
    @Override
    public long addToCounter(Handle h, String table, String tenant, long n) {
        for (int attempt = 0; ; attempt++) {
            int updated = h.createUpdate("UPDATE " + table + " SET last_value = last_value + :n WHERE tenant = :tenant")
                    .bind("n", n).bind("tenant", tenant).execute();
            if (updated == 1) {
                return h.createQuery("SELECT last_value FROM " + table + " WHERE tenant = :tenant")
                        .bind("tenant", tenant).mapTo(Long.class).one();
            }
            try {
                h.createUpdate("INSERT INTO " + table + " (tenant, last_value) VALUES (:tenant, :n)")
                        .bind("tenant", tenant).bind("n", n).execute();
                return n;
            } catch (JdbiException e) {
                // H2 rolls back only the failed statement: another transaction inserted the row first
                if (attempt >= 3 || !Errors.isUniqueViolation(Errors.sqlException(e))) {
                    throw e;
                }
            }
        }
    }

    /**
     * Joins {@code TABLE(wanted <type> = ?)} (the keys, bound as one array, the first parameter) to the index: H2
     * uses an {@code IN} list on an index's later column only as a filter, and would read every row of the tenant.
     */
    @Override
    public PreparedStatement prepareLookup(Connection c, KeyLookup l, List<String> leading, List<String> keys)
            throws SQLException {
        String sql = "SELECT " + l.columns() + " FROM TABLE(wanted " + l.keyType() + " = ?) w JOIN " + l.from() + " ON "
                + String.join(" AND ", l.conditions()) + " AND " + l.keyColumn() + " = w.wanted" + l.joins();
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            int p = 1;
            ps.setObject(p++, keys.toArray(new String[0]));
            for (String v : leading) {
                ps.setString(p++, v);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /**
     * A batch of single-key deletes: H2 reads an {@code IN} list on the key's column as a filter over every row of
     * the tenant (a full scan per command once the table is large), while each single-key delete is an index seek.
     */
    @Override
    public int deleteKeys(Handle h, String table, String keyColumn, String tenant, List<String> keys) {
        org.jdbi.v3.core.statement.PreparedBatch b = h.prepareBatch("DELETE FROM " + table + " WHERE tenant = ? AND "
                + keyColumn + " = ?");
        for (String k : keys) {
            b.bind(0, tenant).bind(1, k).add();
        }
        int n = 0;
        for (int c : b.execute()) {
            n += c;
        }
        return n;
    }

    /** The computed column leads H2 to the {@code (tenant, team, active, <sort>, id)} indexes (migration V3). */
    @Override
    public String statusCondition(Set<TicketStatus> statuses) {
        if (statuses.isEmpty()) {
            return "";
        }
        if (ACTIVE.containsAll(statuses)) {
            return " AND t.active = TRUE";
        }
        if (statuses.stream().noneMatch(ACTIVE::contains)) {
            return " AND t.active = FALSE";
        }
        return "";
    }

    /**
     * For one team and a view on {@code active}: tenant, team and active are constant there, and ordering by them
     * first makes the ORDER BY a prefix of the {@code (tenant, team, active, <sort>, id)} index (V3), which H2 then
     * reads in order and stops after one page.
     */
    @Override
    public String orderPrefix(ViewQuery view, String direction) {
        if (view.teams().size() != 1 || statusCondition(view.statuses()).isEmpty()) {
            return "";
        }
        return "t.tenant" + direction + ", t.team" + direction + ", t.active" + direction + ", ";
    }

    /**
     * H2 reads (and locks) every due row for a {@code FOR UPDATE} with {@code ORDER BY} and {@code LIMIT}, sorting
     * them itself: pick the batch on the due index without locks, then lock those rows by key; one still due after
     * the lock is ours.
     */
    @Override
    public String outboxDueQuery(Schema s, String columns) {
        return columns + s.outbox() + " o WHERE o.seq IN (SELECT d.seq FROM (SELECT seq FROM " + s.outbox()
                + " WHERE available_us <= :now ORDER BY available_us, seq LIMIT :limit) d) AND o.available_us <= :now "
                + "FOR UPDATE";
    }
}
