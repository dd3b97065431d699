package dev.ticketkit.core;

import java.util.Objects;
import java.util.UUID;

/** A message's globally unique, time-ordered id. */
public record MessageId(UUID value) implements Comparable<MessageId> {
    public MessageId {
        Objects.requireNonNull(value, "value");
    }

    public static MessageId of(UUID value) {
        return new MessageId(value);
    }

    public static MessageId parse(String text) {
        return new MessageId(UUID.fromString(Objects.requireNonNull(text, "text")));
    }

    @Override
    public int compareTo(MessageId o) {
        return Ids.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
