package dev.ticketkit.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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
    void checkLetsTheSameDeliveryThroughAgainButNotOtherContentUnderItsSignedIdAndTimestamp() {
        ReplayGuard g = ReplayGuard.of(10, Duration.ofMinutes(5));
        byte[] body = "<xml>one</xml>".getBytes(StandardCharsets.UTF_8);
        assertThat(g.check("n1", T0, body, T0)).isEqualTo(ReplayGuard.Verdict.FIRST);
        assertThat(g.check("n1", T0, body.clone(), T0.plusSeconds(10))).as("the platform's retry")
                .isEqualTo(ReplayGuard.Verdict.REPEAT);
        assertThat(g.check("n1", T0, "<xml>two</xml>".getBytes(StandardCharsets.UTF_8), T0.plusSeconds(20)))
                .isEqualTo(ReplayGuard.Verdict.CONFLICT);
        assertThat(g.check("n1", T0, body, T0.plusSeconds(30))).as("the conflict was not remembered")
                .isEqualTo(ReplayGuard.Verdict.REPEAT);
        assertThat(g.check("n1", T0.plusSeconds(1), new byte[] {1}, T0.plusSeconds(30))).isEqualTo(ReplayGuard.Verdict.FIRST);
        assertThat(g.check("n2", T0, new byte[] {1}, T0.plusSeconds(30))).isEqualTo(ReplayGuard.Verdict.FIRST);
        // once the timestamp has left the window the entry is gone (the timestamp check refuses such deliveries)
        assertThat(g.check("n1", T0, new byte[] {2}, T0.plusSeconds(301))).isEqualTo(ReplayGuard.Verdict.FIRST);
        // a pair recorded by firstSeen has no content to compare: anything under it is a conflict
        assertThat(g.firstSeen("w1", T0, T0)).isTrue();
        assertThat(g.check("w1", T0, body, T0)).isEqualTo(ReplayGuard.Verdict.CONFLICT);
    }

    @Test
    void concurrentChecksOfOneDeliveryGiveOneFirstAndRepeats() throws Exception {
        ReplayGuard g = ReplayGuard.of(1000, Duration.ofMinutes(5));
        AtomicInteger first = new AtomicInteger();
        AtomicInteger repeat = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> {
                switch (g.check("same", T0, new byte[] {7}, T0)) {
                    case FIRST -> first.incrementAndGet();
                    case REPEAT -> repeat.incrementAndGet();
                    case CONFLICT -> throw new AssertionError("same content");
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.get()).isEqualTo(1);
        assertThat(repeat.get()).isEqualTo(199);
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> ReplayGuard.of(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplayGuard.of(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
