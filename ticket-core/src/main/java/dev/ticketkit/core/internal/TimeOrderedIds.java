package dev.ticketkit.core.internal;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds from the injected clock, then a 12-bit
 * counter that keeps ids of one generator strictly increasing within a millisecond (and when the clock
 * steps back), then 62 random bits that keep ids of different nodes apart.
 */
public final class TimeOrderedIds {
    private final Clock clock;
    /** (millis << 12) | counter of the last id made. */
    private final AtomicLong last = new AtomicLong();

    public TimeOrderedIds(Clock clock) {
        this.clock = clock;
    }

    public UUID next() {
        long candidate = (clock.millis() & 0xFFFF_FFFF_FFFFL) << 12;
        long stamp = last.accumulateAndGet(candidate, (prev, c) -> Math.max(prev + 1, c));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
