package dev.ticketkit.core;

import java.util.UUID;

/** Helpers for the UUID-based ids. */
final class Ids {
    private Ids() {}

    /** Compares as unsigned 128-bit numbers, which is the time order of version 7 UUIDs. */
    static int compareUnsigned(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
