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
    DUE_AT,
    /**
     * Work-queue order, ascending: highest priority first; within a priority, the soonest SLA due time first,
     * then tickets without a due time, oldest first (by id). Use {@code sort(SortField.QUEUE, true)}.
     */
    QUEUE;

    /** The due part of a {@link #QUEUE} key for tickets without a due time (after every real due time). */
    private static final long NO_DUE = (1L << 58) - 1;

    /** The ticket's sort key for this field. Instants are microseconds since the epoch. */
    public long sortKey(Ticket t) {
        return switch (this) {
            case CREATED_AT -> micros(t.createdAt());
            case UPDATED_AT -> micros(t.updatedAt());
            case PRIORITY -> t.priority().ordinal();
            case DUE_AT -> t.dueAt().map(SortField::micros).orElse(Long.MAX_VALUE);
            case QUEUE -> ((long) (Priority.URGENT.ordinal() - t.priority().ordinal()) << 58)
                    | t.dueAt().map(d -> Math.min(Math.max(0L, micros(d)), NO_DUE - 1)).orElse(NO_DUE);
        };
    }

    private static long micros(java.time.Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }
}
