package dev.ticketkit.commerce.context;

import java.time.Duration;
import java.util.Objects;

/**
 * How one host source is called and cached.
 *
 * @param timeToLive   how long an answer is fresh
 * @param refreshAfter after this an answer is still served, and refreshed in the background (at most
 *                     {@code timeToLive})
 * @param keepStale    how long after its time-to-live an answer is kept to be served stale when the source fails
 * @param timeout      the longest a caller waits for the source; a later answer still fills the cache
 * @param maximumSize  the most entries kept (all tenants together); the least recently used go first
 */
public record SourceSettings(Duration timeToLive, Duration refreshAfter, Duration keepStale, Duration timeout,
                             long maximumSize) {
    public SourceSettings {
        positive(timeToLive, "timeToLive");
        positive(refreshAfter, "refreshAfter");
        Objects.requireNonNull(keepStale, "keepStale");
        if (keepStale.isNegative()) {
            throw new IllegalArgumentException("keepStale must not be negative");
        }
        positive(timeout, "timeout");
        if (refreshAfter.compareTo(timeToLive) > 0) {
            throw new IllegalArgumentException("refreshAfter must not be longer than timeToLive");
        }
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be at least 1");
        }
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    /** Orders: fresh 5 minutes, refreshed after 1, kept stale a day, 500 ms timeout, 100,000 entries. */
    public static SourceSettings orders() {
        return new SourceSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofDays(1),
                Duration.ofMillis(500), 100_000);
    }

    /** Parcels: fresh 10 minutes, refreshed after 2, kept stale a day, 500 ms timeout, 100,000 entries. */
    public static SourceSettings logistics() {
        return new SourceSettings(Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofDays(1),
                Duration.ofMillis(500), 100_000);
    }

    /** Members: fresh an hour, refreshed after 10 minutes, kept stale a week, 500 ms timeout, 100,000 entries. */
    public static SourceSettings members() {
        return new SourceSettings(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofDays(7),
                Duration.ofMillis(500), 100_000);
    }

    /** Stock: fresh a minute, refreshed after 20 seconds, kept stale an hour, 500 ms timeout, 50,000 entries. */
    public static SourceSettings inventory() {
        return new SourceSettings(Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofHours(1),
                Duration.ofMillis(500), 50_000);
    }

    /** These settings with another timeout. */
    public SourceSettings withTimeout(Duration timeout) {
        return new SourceSettings(timeToLive, refreshAfter, keepStale, timeout, maximumSize);
    }

    /** These settings with another time-to-live and refresh. */
    public SourceSettings withTimeToLive(Duration timeToLive, Duration refreshAfter) {
        return new SourceSettings(timeToLive, refreshAfter, keepStale, timeout, maximumSize);
    }

    /** These settings with another maximum size. */
    public SourceSettings withMaximumSize(long maximumSize) {
        return new SourceSettings(timeToLive, refreshAfter, keepStale, timeout, maximumSize);
    }
}
