package dev.ticketkit.commerce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.commerce.context.Fetched;
import dev.ticketkit.commerce.context.Freshness;
import dev.ticketkit.commerce.context.SourceSettings;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.testkit.CapturingLogs;
import dev.ticketkit.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachedLoaderTest {
    private static final TenantId SHOP = TenantId.of("shop");
    private static final TenantId OTHER = TenantId.of("other");
    private static final SourceSettings SETTINGS = new SourceSettings(Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofHours(1), Duration.ofMillis(200), 1_000);

    private final MutableClock clock = MutableClock.at("2026-11-11T00:00:00Z");
    /** Every call the source got: tenant and keys. */
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Exception> failWith = new AtomicReference<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A source that answers "<tenant>:<key>" for keys not starting with "missing", and fails when told to. */
    private CachedLoader<String, String> loader(java.util.concurrent.Executor executor) {
        return new CachedLoader<>("orders", (tenant, keys) -> {
            calls.add(tenant.value() + keys);
            Exception e = failWith.get();
            if (e != null) {
                throw e;
            }
            Map<String, String> found = new HashMap<>();
            for (String k : keys) {
                if (!k.startsWith("missing")) {
                    found.put(k, tenant.value() + ":" + k);
                }
            }
            return found;
        }, SETTINGS, clock, executor);
    }

    @Test
    void answersAreCachedPerTenantAndMissingThingsAreFreshEmpties() {
        CachedLoader<String, String> orders = loader(Runnable::run);
        assertThat(orders.get(SHOP, "o1").value()).contains("shop:o1");
        assertThat(orders.get(SHOP, "o1").freshness()).isEqualTo(Freshness.FRESH);
        assertThat(orders.get(OTHER, "o1").value()).as("another tenant's o1 is another order").contains("other:o1");
        Fetched<String> missing = orders.get(SHOP, "missing-1");
        assertThat(missing.freshness()).isEqualTo(Freshness.FRESH);
        assertThat(missing.value()).isEmpty();
        orders.get(SHOP, "missing-1");
        assertThat(calls).containsExactly("shop[o1]", "other[o1]", "shop[missing-1]");
    }

    @Test
    void whatACallMissesGoesToTheSourceInOneBulkCall() {
        CachedLoader<String, String> orders = loader(Runnable::run);
        orders.get(SHOP, "a");
        Map<String, Fetched<String>> got = orders.get(SHOP, List.of("a", "b", "c", "b"));
        assertThat(got.keySet()).containsExactly("a", "b", "c");
        assertThat(got.values()).allMatch(f -> f.freshness() == Freshness.FRESH && f.isPresent());
        assertThat(calls).containsExactly("shop[a]", "shop[b, c]");
    }

    @Test
    void oldAnswersAreServedAndRefreshedBehindThenServedStaleWhenTheSourceFails() {
        CachedLoader<String, String> orders = loader(Runnable::run);
        orders.get(SHOP, "o1");
        clock.advance(Duration.ofMinutes(2)); // past refreshAfter, within the time-to-live
        assertThat(orders.get(SHOP, "o1").freshness()).isEqualTo(Freshness.FRESH);
        assertThat(calls).hasSize(2).as("refreshed behind");

        failWith.set(new IOException("connection reset while reading 138-0000-1234's order"));
        clock.advance(Duration.ofMinutes(6)); // past the time-to-live
        List<String> logged = CapturingLogs.capture(() -> {
            Fetched<String> stale = orders.get(SHOP, "o1");
            assertThat(stale.freshness()).isEqualTo(Freshness.STALE);
            assertThat(stale.value()).contains("shop:o1");
            assertThat(stale.problem()).isEqualTo("failed: IOException");
            assertThat(stale.fetchedAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(6)));
        });
        assertThat(logged).anyMatch(l -> l.contains("orders source: failed: IOException"));
        assertThat(String.join("\n", logged)).doesNotContain("138").doesNotContain("connection reset");

        int before = calls.size();
        orders.get(SHOP, "o1");
        assertThat(calls).as("a key that just failed is not asked again at once").hasSize(before);
        clock.advance(Duration.ofSeconds(31));
        failWith.set(null);
        assertThat(orders.get(SHOP, "o1").freshness()).isEqualTo(Freshness.FRESH);
    }

    @Test
    void aValueNeverFetchedIsUnavailableWhenTheSourceFails() {
        CachedLoader<String, String> orders = loader(Runnable::run);
        failWith.set(new IllegalStateException("down"));
        Fetched<String> f = orders.get(SHOP, "o1");
        assertThat(f.freshness()).isEqualTo(Freshness.UNAVAILABLE);
        assertThat(f.value()).isEmpty();
        assertThat(f.problem()).isEqualTo("failed: IllegalStateException");
        assertThat(f.fetchedAt()).isNull();
    }

    @Test
    void aHangingSourceCostsACallerItsTimeoutOnlyAndItsLateAnswerStillCounts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        CachedLoader<String, String> orders = new CachedLoader<>("orders", (tenant, keys) -> {
            calls.add(tenant.value() + keys);
            entered.countDown();
            release.await();
            return Map.of("o1", "late");
        }, SETTINGS, clock, pool);

        long start = System.nanoTime();
        Fetched<String> f = orders.get(SHOP, "o1");
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(f.freshness()).isEqualTo(Freshness.UNAVAILABLE);
        assertThat(f.problem()).isEqualTo("timed out after 200 ms");
        assertThat(waitedMs).isGreaterThanOrEqualTo(190).isLessThan(5_000);

        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        // a second caller meanwhile shares the call in flight instead of starting another
        Future<Fetched<String>> second = pool.submit(() -> orders.get(SHOP, "o1"));
        release.countDown();
        assertThat(second.get(5, TimeUnit.SECONDS).value()).contains("late");
        assertThat(orders.peek(SHOP, "o1").value()).contains("late");
        assertThat(calls).containsExactly("shop[o1]");
    }

    @Test
    void peekNeverWaitsAndStartsTheFetchInTheBackground() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CachedLoader<String, String> orders = new CachedLoader<>("orders", (tenant, keys) -> {
            release.await();
            return Map.of("o1", "v1");
        }, SETTINGS, clock, pool);
        Fetched<String> first = orders.peek(SHOP, "o1");
        assertThat(first.freshness()).isEqualTo(Freshness.UNAVAILABLE);
        assertThat(first.problem()).isEqualTo("loading");
        release.countDown();
        Fetched<String> later = orders.get(SHOP, "o1"); // shares the call in flight
        assertThat(later.value()).contains("v1");
        assertThat(orders.peek(SHOP, "o1").freshness()).isEqualTo(Freshness.FRESH);
    }

    @Test
    void aFullFetchQueueAnswersAtOnce() {
        CachedLoader<String, String> orders = loader(r -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        });
        Fetched<String> f = orders.get(SHOP, "o1");
        assertThat(f.freshness()).isEqualTo(Freshness.UNAVAILABLE);
        assertThat(f.problem()).isEqualTo("fetch queue full");
    }

    @Test
    void invalidatingForgetsOneKeyOfOneTenant() {
        CachedLoader<String, String> orders = loader(Runnable::run);
        orders.get(SHOP, "o1");
        orders.get(OTHER, "o1");
        orders.invalidate(SHOP, "o1");
        assertThat(orders.size()).isEqualTo(1);
        orders.get(SHOP, "o1");
        orders.get(OTHER, "o1");
        assertThat(calls).containsExactly("shop[o1]", "other[o1]", "shop[o1]");
    }
}
