package dev.ticketkit.jdbc.internal;

import dev.ticketkit.jdbc.Dialect;
import java.time.Instant;
import java.util.Objects;

/**
 * Table names under one prefix, the dialect, and the SQL that differs between dialects. Immutable.
 *
 * @param dialect    the SQL dialect
 * @param prefix     the table prefix, such as {@code tk_}
 * @param skipLocked whether the database supports {@code FOR UPDATE SKIP LOCKED}
 */
public record Schema(Dialect dialect, String prefix, boolean skipLocked) {
    public Schema {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(prefix, "prefix");
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

    /**
     * An insert-or-replace of one row by its key columns.
     *
     * @param table   the table
     * @param keys    the key columns (bound as {@code :column})
     * @param columns the other columns (bound as {@code :column})
     */
    public String upsert(String table, java.util.List<String> keys, java.util.List<String> columns) {
        java.util.List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(columns);
        String cols = String.join(", ", all);
        String values = String.join(", ", all.stream().map(c -> ":" + c).toList());
        return switch (dialect) {
            case H2 -> "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", keys) + ") VALUES (" + values + ")";
            case POSTGRESQL -> "INSERT INTO " + table + " (" + cols + ") VALUES (" + values + ") ON CONFLICT ("
                    + String.join(", ", keys) + ") DO UPDATE SET "
                    + String.join(", ", columns.stream().map(c -> c + " = EXCLUDED." + c).toList());
            case MYSQL -> "INSERT INTO " + table + " (" + cols + ") VALUES (" + values + ") ON DUPLICATE KEY UPDATE "
                    + String.join(", ", columns.stream().map(c -> c + " = VALUES(" + c + ")").toList());
        };
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
