package dev.ticketkit.jdbc.internal;

import dev.ticketkit.jdbc.Dialect;
import java.time.Instant;
import java.util.Objects;

/**
 * Table names under one prefix, and the database's SQL strategy. Immutable.
 *
 * @param sql    the SQL that differs between databases
 * @param prefix the table prefix, such as {@code tk_}
 */
public record Schema(SqlDialect sql, String prefix) {
    public Schema {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * The schema of a dialect's strategy.
     *
     * @param skipLocked whether the database supports {@code FOR UPDATE SKIP LOCKED}
     */
    public Schema(Dialect dialect, String prefix, boolean skipLocked) {
        this(SqlDialect.of(dialect, skipLocked), prefix);
    }

    /** The SQL dialect. */
    public Dialect dialect() {
        return sql.dialect();
    }

    /** Whether the database supports {@code FOR UPDATE SKIP LOCKED}. */
    public boolean skipLocked() {
        return sql.skipLocked();
    }

    public String tickets() { return prefix + "tickets"; }

    public String ticketTags() { return prefix + "ticket_tags"; }

    public String messages() { return prefix + "messages"; }

    public String events() { return prefix + "events"; }

    public String outbox() { return prefix + "outbox"; }

    public String outboxDead() { return prefix + "outbox_dead"; }

    public String idempotencyKeys() { return prefix + "idempotency_keys"; }

    public String ticketNumbers() { return prefix + "ticket_numbers"; }

    public String customers() { return prefix + "customers"; }

    public String customerIdentities() { return prefix + "customer_identities"; }

    public String agents() { return prefix + "agents"; }

    public String teams() { return prefix + "teams"; }

    public String fieldDefinitions() { return prefix + "field_definitions"; }

    public String dueWork() { return prefix + "due_work"; }

    public String historyTable() { return prefix + "schema_history"; }

    /** Every table the migrations create, children first (the order to drop them in). */
    public java.util.List<String> allTables() {
        return java.util.List.of(ticketTags(), messages(), events(), outbox(), outboxDead(), idempotencyKeys(), ticketNumbers(),
                customerIdentities(), customers(), agents(), teams(), fieldDefinitions(), dueWork(), tickets());
    }

    // ---- instants as epoch microseconds ---------------------------------------------------------

    public static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }

    public static Long microsOrNull(Instant i) {
        return i == null ? null : micros(i);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
