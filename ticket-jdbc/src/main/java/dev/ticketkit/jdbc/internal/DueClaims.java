package dev.ticketkit.jdbc.internal;

import static dev.ticketkit.jdbc.internal.Schema.micros;

import dev.ticketkit.core.spi.DueWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The due-work statements that run in transactions of their own (claim, release, renew, next due). Each
 * method runs on a handle already in a transaction.
 */
public final class DueClaims {
    private DueClaims() {
    }

    /**
     * Claims due work. With {@code SKIP LOCKED} (PostgreSQL, MySQL 8, MariaDB 10.6+) the candidates are locked
     * as they are read and concurrent claimers skip them; otherwise (H2, older MySQL/MariaDB) each candidate is
     * taken with a compare-and-set update that only succeeds while it is still unclaimed or expired.
     */
    public static List<DueWork> claim(Handle h, Schema s, String owner, Instant now, Instant until, int limit) {
        long nowUs = micros(now);
        long untilUs = micros(until);
        // in the order of the due index: on MySQL/MariaDB a hint, else the claim may lock every due row (MySqlSql)
        String from = s.sql().inIndexOrder(s.dueWork(), s.prefix() + "due_work_due");
        String select = "SELECT " + JdbcTx.DUE_COLUMNS + " FROM " + from
                + " WHERE due_us <= :now AND (owner IS NULL OR lease_us <= :now) ORDER BY due_us, tenant, work_key LIMIT :limit";
        if (s.skipLocked()) {
            List<DueWork> candidates = h.createQuery(select + s.sql().claimLock())
                    .bind("now", nowUs).bind("limit", limit)
                    .map((rs, ctx) -> JdbcTx.dueWork(rs)).list();
            if (candidates.isEmpty()) {
                return candidates;
            }
            PreparedBatch b = h.prepareBatch("UPDATE " + s.dueWork() + " SET owner = :owner, lease_us = :until "
                    + "WHERE tenant = :tenant AND work_key = :key");
            for (DueWork w : candidates) {
                b.bind("owner", owner).bind("until", untilUs).bind("tenant", w.tenantId().value()).bind("key", w.key()).add();
            }
            b.execute();
            return candidates;
        }
        List<DueWork> candidates = h.createQuery(select).bind("now", nowUs).bind("limit", limit)
                .map((rs, ctx) -> JdbcTx.dueWork(rs)).list();
        List<DueWork> claimed = new ArrayList<>();
        for (DueWork w : candidates) {
            int n = h.createUpdate("UPDATE " + s.dueWork() + " SET owner = :owner, lease_us = :until "
                            + "WHERE tenant = :tenant AND work_key = :key AND due_us = :due AND attempts = :attempts "
                            + "AND (owner IS NULL OR lease_us <= :now)")
                    .bind("owner", owner).bind("until", untilUs).bind("tenant", w.tenantId().value()).bind("key", w.key())
                    .bind("due", micros(w.dueAt())).bind("attempts", w.attempts()).bind("now", nowUs)
                    .execute();
            if (n == 1) {
                claimed.add(w);
            }
        }
        return claimed;
    }

    public static void release(Handle h, Schema s, DueWork w, String owner, Instant retryAt) {
        h.createUpdate("UPDATE " + s.dueWork() + " SET owner = NULL, lease_us = NULL, due_us = :retry, attempts = attempts + 1 "
                        + "WHERE tenant = :tenant AND work_key = :key AND owner = :owner AND due_us = :due")
                .bind("retry", micros(retryAt)).bind("tenant", w.tenantId().value()).bind("key", w.key())
                .bind("owner", owner).bind("due", micros(w.dueAt()))
                .execute();
    }

    public static int renew(Handle h, Schema s, String owner, Collection<DueWork> works, Instant leaseUntil) {
        int n = 0;
        for (DueWork w : works) {
            n += h.createUpdate("UPDATE " + s.dueWork() + " SET lease_us = :until "
                            + "WHERE tenant = :tenant AND work_key = :key AND owner = :owner AND due_us = :due")
                    .bind("until", micros(leaseUntil)).bind("tenant", w.tenantId().value()).bind("key", w.key())
                    .bind("owner", owner).bind("due", micros(w.dueAt()))
                    .execute();
        }
        return n;
    }

    /** The soonest instant any work becomes claimable: its due instant, or its lease end if later. */
    public static Optional<Instant> nextDueAt(Handle h, Schema s) {
        Long unclaimed = min(h, "SELECT MIN(due_us) FROM " + s.dueWork() + " WHERE owner IS NULL");
        Long claimed = min(h, "SELECT MIN(CASE WHEN lease_us > due_us THEN lease_us ELSE due_us END) FROM "
                + s.dueWork() + " WHERE owner IS NOT NULL");
        Long best;
        if (unclaimed == null) {
            best = claimed;
        } else if (claimed == null) {
            best = unclaimed;
        } else {
            best = Math.min(unclaimed, claimed);
        }
        return Optional.ofNullable(best).map(Schema::instant);
    }

    private static Long min(Handle h, String sql) {
        List<Long> rows = h.createQuery(sql).map((rs, ctx) -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }).list();
        return rows.isEmpty() ? null : rows.get(0);
    }
}
