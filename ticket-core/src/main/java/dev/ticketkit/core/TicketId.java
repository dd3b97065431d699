package dev.ticketkit.core;

import java.util.Objects;
import java.util.UUID;

/**
 * A ticket's globally unique, time-ordered id (a version 7 UUID: ids made later sort after earlier ones).
 */
public record TicketId(UUID value) implements Comparable<TicketId> {
    public TicketId {
        Objects.requireNonNull(value, "value");
    }

    public static TicketId of(UUID value) {
        return new TicketId(value);
    }

    /** Parses the canonical UUID text form; {@link IllegalArgumentException} if it is not one. */
    public static TicketId parse(String text) {
        return new TicketId(UUID.fromString(Objects.requireNonNull(text, "text")));
    }

    @Override
    public int compareTo(TicketId o) {
        return Ids.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
