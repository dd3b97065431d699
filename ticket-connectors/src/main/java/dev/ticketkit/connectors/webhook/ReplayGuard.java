package dev.ticketkit.connectors.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the (delivery id, signed timestamp) pairs seen within a time window, so that a captured request
 * sent again is refused while it would still pass the timestamp check. A platform's own retry of a delivery is
 * signed anew with a fresh timestamp and so passes; it is then a duplicate that {@code Intake} drops by the
 * external message id.
 *
 * <p>Memory is bounded: entries expire once their timestamp has left the window (after which the timestamp
 * check refuses the request anyway), and when more than {@code capacity} are alive the oldest are forgotten.
 * The guard is per process: with several nodes behind a load balancer a replay may reach a node that has not
 * seen it; then intake's dedup by (tenant, channel, external message id), enforced by the store's unique key,
 * is what keeps it from being taken in twice.
 *
 * <p>Thread-safe.
 */
public final class ReplayGuard {
    /** Default number of remembered deliveries. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final Duration window;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    private ReplayGuard(int capacity, Duration window) {
        this.capacity = capacity;
        this.window = window;
    }

    /**
     * A guard.
     *
     * @param capacity most deliveries remembered at once, at least 1
     * @param window   how long after its timestamp a delivery is remembered (the signature tolerance)
     */
    public static ReplayGuard of(int capacity, Duration window) {
        Objects.requireNonNull(window, "window");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        return new ReplayGuard(capacity, window);
    }

    /**
     * Records a delivery.
     *
     * @param id        the delivery id (such as {@code webhook-id})
     * @param timestamp the signed timestamp of the delivery
     * @param now       the current instant
     * @return {@code true} the first time the pair is seen within the window, {@code false} for a replay
     */
    public synchronized boolean firstSeen(String id, Instant timestamp, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(now, "now");
        purge(now);
        String key = id + '\u0000' + timestamp.getEpochSecond();
        Instant expiry = timestamp.plus(window);
        Instant known = seen.get(key);
        if (known != null && !known.isBefore(now)) {
            return false;
        }
        seen.put(key, expiry);
        while (seen.size() > capacity) {
            Iterator<String> it = seen.keySet().iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    /** How many deliveries are remembered now. */
    public synchronized int size() {
        return seen.size();
    }

    /** Drops expired entries from the head (arrival order follows timestamps closely). */
    private void purge(Instant now) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().isBefore(now)) {
                it.remove();
            } else {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "ReplayGuard[capacity=" + capacity + " window=" + window + "]";
    }
}
