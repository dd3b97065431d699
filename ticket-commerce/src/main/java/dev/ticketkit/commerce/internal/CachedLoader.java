package dev.ticketkit.commerce.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ticketkit.commerce.context.Fetched;
import dev.ticketkit.commerce.context.SourceSettings;
import dev.ticketkit.core.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host source behind a Caffeine cache: answers are keyed by tenant, fresh for the source's time-to-live,
 * refreshed in the background after {@code refreshAfter}, kept {@code keepStale} longer to be served stale when the
 * source fails. Every call to the source runs on the fetch executor: a caller waits at most the source's timeout
 * ({@link #get}) or not at all ({@link #peek}), and a late answer still fills the cache. Concurrent requests for one
 * key share one call; the keys a request misses go to the source in one bulk call. After a failure a key is not
 * asked again for {@code min(refreshAfter, 30 s)}, so a failing source is not hammered. Thread-safe.
 */
public final class CachedLoader<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(CachedLoader.class);
    private static final Duration MAX_FAILURE_BACKOFF = Duration.ofSeconds(30);
    /** Keys per call to the source; larger requests are split. */
    static final int MAX_BATCH = 200;

    /** The call to the source: the values of the keys it has (absent keys: the source has no such thing). */
    @FunctionalInterface
    public interface BulkLoader<K, V> {
        Map<K, V> load(TenantId tenant, List<K> keys) throws Exception;
    }

    private record Key<K>(TenantId tenant, K key) {
    }

    /** A source's answer; {@code value} null when it had none. */
    private record Entry<V>(V value, Instant fetchedAt, String problem) {
    }

    private final String name;
    private final BulkLoader<K, V> loader;
    private final SourceSettings settings;
    private final Clock clock;
    private final Executor executor;
    private final Cache<Key<K>, Entry<V>> cache;
    private final Cache<Key<K>, String> failures;
    private final ConcurrentHashMap<Key<K>, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    public CachedLoader(String name, BulkLoader<K, V> loader, SourceSettings settings, Clock clock, Executor executor) {
        this.name = Objects.requireNonNull(name, "name");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.cache = Caffeine.newBuilder().maximumSize(settings.maximumSize())
                .expireAfterWrite(settings.timeToLive().plus(settings.keepStale()))
                .ticker(this::nanos).build();
        Duration backoff = settings.refreshAfter().compareTo(MAX_FAILURE_BACKOFF) < 0 ? settings.refreshAfter()
                : MAX_FAILURE_BACKOFF;
        this.failures = Caffeine.newBuilder().maximumSize(settings.maximumSize()).expireAfterWrite(backoff)
                .ticker(this::nanos).build();
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The source's name, for logs. */
    public String name() {
        return name;
    }

    /**
     * What the cache has for a key, never waiting: a miss or an old answer starts a fetch in the background and is
     * reported {@code UNAVAILABLE} ({@code loading}) or {@code STALE}. For use inside commands.
     */
    public Fetched<V> peek(TenantId tenant, K key) {
        Key<K> k = new Key<>(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(key, "key"));
        Instant now = clock.instant();
        Entry<V> e = cache.getIfPresent(k);
        if (e == null || !now.isBefore(e.fetchedAt.plus(settings.refreshAfter()))) {
            start(tenant, List.of(key));
        }
        return answer(k, e, now, "loading");
    }

    /** {@link #get(TenantId, List)} of one key. */
    public Fetched<V> get(TenantId tenant, K key) {
        return get(tenant, List.of(key)).get(key);
    }

    /**
     * The values of the keys, fetching those missing or past their time-to-live in one call and waiting for it at
     * most the source's timeout; answers past {@code refreshAfter} are served and refreshed behind.
     *
     * @return an answer for every key, in the order given
     */
    public Map<K, Fetched<V>> get(TenantId tenant, List<K> keys) {
        Objects.requireNonNull(tenant, "tenant");
        Instant now = clock.instant();
        List<K> needed = new ArrayList<>();
        List<K> behind = new ArrayList<>();
        for (K key : new LinkedHashSet<>(keys)) {
            Entry<V> e = cache.getIfPresent(new Key<>(tenant, Objects.requireNonNull(key, "key")));
            if (e == null || !now.isBefore(e.fetchedAt.plus(settings.timeToLive()))) {
                needed.add(key);
            } else if (!now.isBefore(e.fetchedAt.plus(settings.refreshAfter()))) {
                behind.add(key);
            }
        }
        if (!behind.isEmpty()) {
            start(tenant, behind);
        }
        String waiting = null;
        if (!needed.isEmpty()) {
            CompletableFuture<Void> done = start(tenant, needed);
            try {
                done.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                waiting = "timed out after " + settings.timeout().toMillis() + " ms";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                waiting = "interrupted";
            } catch (ExecutionException e) {
                waiting = "failed"; // not expected: calls record their own failures
            }
        }
        Instant after = clock.instant();
        Map<K, Fetched<V>> out = new LinkedHashMap<>();
        for (K key : keys) {
            Key<K> k = new Key<>(tenant, key);
            out.put(key, answer(k, cache.getIfPresent(k), after, waiting != null ? waiting : "loading"));
        }
        return out;
    }

    private Fetched<V> answer(Key<K> k, Entry<V> e, Instant now, String pending) {
        if (e != null && now.isBefore(e.fetchedAt.plus(settings.timeToLive()))) {
            return Fetched.fresh(e.value, e.fetchedAt);
        }
        String failed = failures.getIfPresent(k);
        String problem = failed != null ? failed : e != null && e.problem != null ? e.problem : pending;
        return e != null ? Fetched.stale(e.value, e.fetchedAt, problem) : Fetched.unavailable(problem);
    }

    /** Forgets what the cache has for a key (the host saw it change). */
    public void invalidate(TenantId tenant, K key) {
        Key<K> k = new Key<>(tenant, key);
        cache.invalidate(k);
        failures.invalidate(k);
    }

    /** Entries held now (for tests and metrics). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /**
     * Starts calls for the keys not already being fetched and not failing recently; the returned future completes
     * when every key's call (new or shared) has ended.
     */
    private CompletableFuture<Void> start(TenantId tenant, List<K> keys) {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        List<K> mine = new ArrayList<>();
        CompletableFuture<Void> call = new CompletableFuture<>();
        for (K key : keys) {
            Key<K> k = new Key<>(tenant, key);
            if (failures.getIfPresent(k) != null) {
                continue;
            }
            CompletableFuture<Void> running = inFlight.putIfAbsent(k, call);
            if (running != null) {
                waits.add(running);
            } else {
                mine.add(key);
            }
        }
        if (!mine.isEmpty()) {
            waits.add(call);
            try {
                executor.execute(() -> run(tenant, mine, call));
            } catch (RejectedExecutionException e) {
                fail(tenant, mine, "fetch queue full", null);
                finish(tenant, mine, call);
            }
        }
        return CompletableFuture.allOf(waits.toArray(new CompletableFuture<?>[0]));
    }

    private void run(TenantId tenant, List<K> keys, CompletableFuture<Void> call) {
        try {
            for (int from = 0; from < keys.size(); from += MAX_BATCH) {
                List<K> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_BATCH));
                try {
                    Map<K, V> found = loader.load(tenant, List.copyOf(chunk));
                    Instant at = clock.instant();
                    for (K key : chunk) {
                        Key<K> k = new Key<>(tenant, key);
                        cache.put(k, new Entry<>(found == null ? null : found.get(key), at, null));
                        failures.invalidate(k);
                    }
                } catch (Exception | LinkageError | AssertionError e) {
                    fail(tenant, chunk, "failed: " + e.getClass().getSimpleName(), e);
                }
            }
        } finally {
            finish(tenant, keys, call);
        }
    }

    private void fail(TenantId tenant, List<K> keys, String problem, Throwable cause) {
        for (K key : keys) {
            Key<K> k = new Key<>(tenant, key);
            failures.put(k, problem);
            cache.asMap().computeIfPresent(k, (x, e) -> new Entry<>(e.value, e.fetchedAt, problem));
        }
        // the exception's class only: a host's message may carry an order's address or a phone number
        LOG.warn("{} source: {} for {} key(s) of tenant {}{}", name, problem, keys.size(), tenant.value(),
                cause == null ? "" : " (" + cause.getClass().getName() + ")");
    }

    private void finish(TenantId tenant, List<K> keys, CompletableFuture<Void> call) {
        for (K key : keys) {
            inFlight.remove(new Key<>(tenant, key), call);
        }
        call.complete(null);
    }
}
