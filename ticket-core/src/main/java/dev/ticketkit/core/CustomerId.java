package dev.ticketkit.core;

import java.util.Objects;
import java.util.UUID;

/** A customer's globally unique, time-ordered id. */
public record CustomerId(UUID value) implements Comparable<CustomerId> {
    public CustomerId {
        Objects.requireNonNull(value, "value");
    }

    public static CustomerId of(UUID value) {
        return new CustomerId(value);
    }

    public static CustomerId parse(String text) {
        return new CustomerId(UUID.fromString(Objects.requireNonNull(text, "text")));
    }

    @Override
    public int compareTo(CustomerId o) {
        return Ids.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
