package dev.ticketkit.core;

/**
 * What a view sorts by. Ties are broken by ticket id (creation order), so paging is stable. Each field maps
 * a ticket to a {@code long} sort key, which is what keyset cursors and store indexes hold.
 */
public enum SortField {
    /** Creation time. */
    CREATED_AT,
    /** Last change. */
    UPDATED_AT,
    /** Priority (LOW &lt; NORMAL &lt; HIGH &lt; URGENT). */
    PRIORITY,
    /** SLA due time; tickets without one sort after all others in ascending order. */
    DUE_AT;

    /** The ticket's sort key for this field. Instants are microseconds since the epoch. */
    public long sortKey(Ticket t) {
        return switch (this) {
            case CREATED_AT -> micros(t.createdAt());
            case UPDATED_AT -> micros(t.updatedAt());
            case PRIORITY -> t.priority().ordinal();
            case DUE_AT -> t.dueAt().map(SortField::micros).orElse(Long.MAX_VALUE);
        };
    }

    private static long micros(java.time.Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }
}
