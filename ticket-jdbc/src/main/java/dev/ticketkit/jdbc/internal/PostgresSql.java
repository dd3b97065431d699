package dev.ticketkit.jdbc.internal;

import dev.ticketkit.jdbc.Dialect;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** PostgreSQL 12+: {@code INSERT ... ON CONFLICT}, {@code RETURNING}, {@code SKIP LOCKED}. */
final class PostgresSql extends SqlDialect {

    PostgresSql(boolean skipLocked) {
        super(Dialect.POSTGRESQL, skipLocked);
    }

    @Override
    public String upsert(String table, List<String> keys, List<String> columns) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(columns);
        return "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES (" + named(all) + ") ON CONFLICT ("
                + String.join(", ", keys) + ") DO UPDATE SET "
                + String.join(", ", columns.stream().map(c -> c + " = EXCLUDED." + c).toList());
    }

    @Override
    public long addToCounter(Handle h, String table, String tenant, long n) {
        return h.createQuery("INSERT INTO " + table + " (tenant, last_value) VALUES (:tenant, :n) "
                        + "ON CONFLICT (tenant) DO UPDATE SET last_value = " + table + ".last_value + :n RETURNING last_value")
                .bind("tenant", tenant).bind("n", n).mapTo(Long.class).one();
    }
}
