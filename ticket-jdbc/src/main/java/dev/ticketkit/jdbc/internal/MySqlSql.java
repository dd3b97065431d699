package dev.ticketkit.jdbc.internal;

import dev.ticketkit.jdbc.Dialect;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * MySQL 8+ and MariaDB 10.3+: {@code ON DUPLICATE KEY UPDATE}, {@code LAST_INSERT_ID(expr)}, {@code FORCE INDEX} on
 * claims, {@code SKIP LOCKED} from MySQL 8 and MariaDB 10.6, and READ COMMITTED asked for explicitly.
 */
final class MySqlSql extends SqlDialect {

    MySqlSql(boolean skipLocked) {
        super(Dialect.MYSQL, skipLocked);
    }

    /** Whether the server claims rows with {@code SKIP LOCKED}: MariaDB from 10.6, MySQL from 8. */
    static boolean skipLocked(boolean mariaDb, int major, int minor) {
        return mariaDb ? (major > 10 || (major == 10 && minor >= 6)) : major >= 8;
    }

    /** MySQL's default REPEATABLE READ takes gap locks that deadlock racing inserts; the others default to READ COMMITTED. */
    @Override
    public TransactionIsolationLevel isolation() {
        return TransactionIsolationLevel.READ_COMMITTED;
    }

    @Override
    public String upsert(String table, List<String> keys, List<String> columns) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(columns);
        return "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES (" + named(all) + ") ON DUPLICATE KEY UPDATE "
                + String.join(", ", columns.stream().map(c -> c + " = VALUES(" + c + ")").toList());
    }

    @Override
    public long addToCounter(Handle h, String table, String tenant, long n) {
        h.createUpdate("INSERT INTO " + table + " (tenant, last_value) VALUES (:tenant, LAST_INSERT_ID(:n)) "
                        + "ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + :n)")
                .bind("tenant", tenant).bind("n", n).execute();
        return h.createQuery("SELECT LAST_INSERT_ID()").mapTo(Long.class).one();
    }

    /**
     * MySQL/MariaDB plan a claim as a scan and sort once most rows are due, and then lock every due row until the
     * claim commits: another node's {@code SKIP LOCKED} claim finds nothing. On the index (which InnoDB extends by the
     * primary key, so its order is the ORDER BY) they read in order and lock only the rows they return.
     */
    @Override
    public String inIndexOrder(String table, String index) {
        return table + " FORCE INDEX (" + index + ")";
    }
}
