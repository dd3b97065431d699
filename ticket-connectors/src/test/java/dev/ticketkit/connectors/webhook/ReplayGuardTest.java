package dev.ticketkit.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    static final Instant T0 = Instant.parse("2026-11-11T00:00:00Z");

    @Test
    void aPairIsFirstSeenOnceWithinTheWindow() {
        ReplayGuard g = ReplayGuard.of(10, Duration.ofMinutes(5));
        assertThat(g.firstSeen("a", T0, T0)).isTrue();
        assertThat(g.firstSeen("a", T0, T0.plusSeconds(60))).isFalse();
        assertThat(g.firstSeen("a", T0.plusSeconds(1), T0.plusSeconds(60))).as("re-signed retry").isTrue();
        assertThat(g.firstSeen("b", T0, T0.plusSeconds(60))).isTrue();
    }

    @Test
    void entriesExpireWithTheirTimestampAndMemoryStaysBounded() {
        ReplayGuard g = ReplayGuard.of(100, Duration.ofMinutes(5));
        for (int i = 0; i < 1000; i++) {
            g.firstSeen("id-" + i, T0.plusSeconds(i), T0.plusSeconds(i));
        }
        assertThat(g.size()).isEqualTo(100);
        ReplayGuard expiring = ReplayGuard.of(1000, Duration.ofMinutes(5));
        for (int i = 0; i < 50; i++) {
            expiring.firstSeen("id-" + i, T0, T0);
        }
        expiring.firstSeen("late", T0.plusSeconds(400), T0.plusSeconds(400));
        assertThat(expiring.size()).as("expired entries purged").isEqualTo(1);
    }

    @Test
    void concurrentCallersLetExactlyOneThrough() throws Exception {
        ReplayGuard g = ReplayGuard.of(1000, Duration.ofMinutes(5));
        AtomicInteger passed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> {
                if (g.firstSeen("same", T0, T0)) {
                    passed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(passed.get()).isEqualTo(1);
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> ReplayGuard.of(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplayGuard.of(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
