package dev.ticketkit.connectors.webhook;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the (delivery id, signed timestamp) pairs seen within a time window, with a digest of what each
 * delivery carried, so that signed parameters captured from one delivery cannot be used for other content while
 * they would still pass the timestamp check.
 *
 * <p>{@link #check} tells three cases apart: the {@link Verdict#FIRST first} sighting; a {@link Verdict#REPEAT
 * repeat} with the same content, which is the platform retrying a delivery (possibly one that failed after it was
 * checked here) and must be let through so that intake takes it in, or answers it as a duplicate by its external
 * message id; and a {@link Verdict#CONFLICT conflict}, the same signed id and timestamp with other content, which is
 * a replay to refuse. Only schemes whose signature leaves part of the delivery uncovered (WeChat's plain mode signs
 * the query parameters, not the body) can meet a conflict from outside; for the others it is a safety net.
 * {@link #firstSeen} is the older, stricter check that refuses every repetition.
 *
 * <p>Memory is bounded: entries expire once their timestamp has left the window (after which the timestamp
 * check refuses the request anyway), and when more than {@code capacity} are alive the oldest are forgotten.
 * The guard is per process: with several nodes behind a load balancer a replay may reach a node that has not
 * seen it; then intake's dedup by (tenant, channel, external message id), enforced by the store's unique key,
 * is what keeps a repetition from being taken in twice.
 *
 * <p>Thread-safe.
 */
public final class ReplayGuard {
    /** Default number of remembered deliveries. */
    public static final int DEFAULT_CAPACITY = 100_000;

    /** What {@link #check} found for a delivery. */
    public enum Verdict {
        /** Not seen within the window; remembered now. */
        FIRST,
        /** Seen within the window with the same content: a repetition of that delivery (a retry), not a replay. */
        REPEAT,
        /** Seen within the window with other content: the signed id and timestamp were reused, a replay. */
        CONFLICT
    }

    /** When an entry expires, and the digest of its content ({@code null} if recorded by {@link #firstSeen}). */
    private record Entry(Instant expiry, byte[] digest) {
    }

    private final int capacity;
    private final Duration window;
    private final LinkedHashMap<String, Entry> seen = new LinkedHashMap<>();

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
     * Records a delivery, refusing every repetition.
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
        String key = key(id, timestamp);
        if (alive(seen.get(key), now)) {
            return false;
        }
        remember(key, new Entry(timestamp.plus(window), null));
        return true;
    }

    /**
     * Records a delivery and tells a first sighting, a repetition of the same delivery and a reuse of its signed id
     * and timestamp for other content apart. Only a first sighting is remembered.
     *
     * @param id        what the signature makes unique for one delivery (such as the {@code nonce}, or a
     *                  {@code webhook-id})
     * @param timestamp the signed timestamp of the delivery
     * @param content   what the delivery carries beyond the signed id and timestamp (the raw body); only its
     *                  SHA-256 digest is kept
     * @param now       the current instant
     * @return what the guard found
     */
    public synchronized Verdict check(String id, Instant timestamp, byte[] content, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(now, "now");
        purge(now);
        String key = key(id, timestamp);
        byte[] digest = sha256(content);
        Entry known = seen.get(key);
        if (alive(known, now)) {
            return known.digest() != null && MessageDigest.isEqual(known.digest(), digest) ? Verdict.REPEAT
                    : Verdict.CONFLICT;
        }
        remember(key, new Entry(timestamp.plus(window), digest));
        return Verdict.FIRST;
    }

    /** How many deliveries are remembered now. */
    public synchronized int size() {
        return seen.size();
    }

    private static String key(String id, Instant timestamp) {
        return id + '\u0000' + timestamp.getEpochSecond();
    }

    private static boolean alive(Entry e, Instant now) {
        return e != null && !e.expiry().isBefore(now);
    }

    private void remember(String key, Entry entry) {
        seen.put(key, entry);
        while (seen.size() > capacity) {
            Iterator<String> it = seen.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }

    /** Drops expired entries from the head (arrival order follows timestamps closely). */
    private void purge(Instant now) {
        Iterator<Map.Entry<String, Entry>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().expiry().isBefore(now)) {
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
