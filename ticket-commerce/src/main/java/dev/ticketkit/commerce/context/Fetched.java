package dev.ticketkit.commerce.context;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A value from one of the host's systems, with how current it is.
 *
 * <ul>
 *   <li>{@link Freshness#FRESH}: the source answered within its time-to-live; {@link #value()} is empty if it said
 *       there is no such thing (no such order, not a member).</li>
 *   <li>{@link Freshness#STALE}: the last answer, older than the time-to-live; {@link #problem()} says why no newer one
 *       is here.</li>
 *   <li>{@link Freshness#UNAVAILABLE}: no answer at all; {@link #value()} is empty and {@link #problem()} says why.</li>
 * </ul>
 *
 * @param value     the value, if any
 * @param freshness how current it is
 * @param fetchedAt when the source gave it, or null if unavailable
 * @param problem   why it is stale or unavailable ({@code timed out}, {@code failed: SocketTimeoutException},
 *                  {@code loading}), or null when fresh; never the source's exception message, which may carry
 *                  personal data
 */
public record Fetched<T>(Optional<T> value, Freshness freshness, Instant fetchedAt, String problem) {
    public Fetched {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(freshness, "freshness");
        if (freshness == Freshness.UNAVAILABLE && (value.isPresent() || fetchedAt != null)) {
            throw new IllegalArgumentException("an unavailable value has no value and no fetch time");
        }
        if (freshness != Freshness.UNAVAILABLE) {
            Objects.requireNonNull(fetchedAt, "fetchedAt");
        }
    }

    /** A value (or none) the source gave at {@code at}, within its time-to-live. */
    public static <T> Fetched<T> fresh(T value, Instant at) {
        return new Fetched<>(Optional.ofNullable(value), Freshness.FRESH, at, null);
    }

    /** The last value (or none) the source gave, at {@code at}, older than its time-to-live. */
    public static <T> Fetched<T> stale(T value, Instant at, String problem) {
        return new Fetched<>(Optional.ofNullable(value), Freshness.STALE, at, problem);
    }

    /** Nothing, for a reason. */
    public static <T> Fetched<T> unavailable(String problem) {
        return new Fetched<>(Optional.empty(), Freshness.UNAVAILABLE, null, problem);
    }

    /** Whether there is a value, fresh or stale. */
    public boolean isPresent() {
        return value.isPresent();
    }

    /** The value, or null. */
    public T orNull() {
        return value.orElse(null);
    }
}
