package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.DueWorkHandler;
import dev.ticketkit.core.spi.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lease heartbeats: while a due-work handler runs longer than part of its lease, the node renews the leases of
 * the items it holds, so another node does not take over work that is slow but alive.
 */
class LeaseHeartbeatTest {
    static final Duration LEASE = Duration.ofSeconds(60);
    static final TenantId TENANT = TenantId.of("shop-1");

    final MutableClock clock = MutableClock.at("2026-11-11T00:00:00Z");
    final TicketStore store = TicketStore.inMemory();
    final List<String> stolen = new ArrayList<>();
    TicketEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    TicketEngine nodeA(DueWorkHandler handler) {
        engine = TicketEngine.builder().store(store).clock(clock).nodeId("node-a").dueWorkLease(LEASE)
                .dueWorkHandler("slow", handler).build();
        return engine;
    }

    void schedule(String... keys) {
        store.inTransaction(tx -> {
            int i = 0;
            for (String k : keys) {
                tx.scheduleDueWork(DueWork.of(TENANT, k, "slow", null, clock.instant().minusMillis(keys.length - i++)));
            }
            return null;
        });
    }

    /** What another node could claim right now (the in-memory store lets a handler's thread try it). */
    void otherNodeTriesToClaim() {
        store.claimDueWork("node-b", clock.instant(), LEASE, 10).forEach(w -> stolen.add(w.key()));
    }

    @Test
    void withoutAHeartbeatAnotherNodeTakesOverWorkWaitingBehindASlowHandler() {
        schedule("k1", "k2");
        nodeA(ctx -> {
            if (ctx.work().key().equals("k1")) {
                clock.advance(Duration.ofSeconds(80)); // longer than the lease, no heartbeat
                otherNodeTriesToClaim();
            }
        });
        engine.runDueWork();
        assertThat(stolen).containsExactly("k2");
    }

    @Test
    void aHeartbeatDuringASlowHandlerKeepsEveryHeldClaim() {
        schedule("k1", "k2");
        AtomicInteger renewed = new AtomicInteger(-1);
        nodeA(ctx -> {
            if (ctx.work().key().equals("k1")) {
                clock.advance(Duration.ofSeconds(50));
                renewed.set(engine.renewDueWorkLeases()); // what the heartbeat thread does every lease / 3
                clock.advance(Duration.ofSeconds(30)); // 80 s after the claim, 30 s after the renewal
                otherNodeTriesToClaim();
            }
        });
        assertThat(engine.runDueWork()).isEqualTo(2);
        assertThat(renewed.get()).isEqualTo(1); // the item waiting behind the running one
        assertThat(stolen).isEmpty();
        assertThat(store.nextDueAt(clock.instant())).isEmpty(); // both ran on node A and are gone
    }

    @Test
    void theRunnerRenewsWaitingItemsBetweenTwoItems() {
        schedule("k1", "k2", "k3");
        nodeA(ctx -> {
            switch (ctx.work().key()) {
                case "k1" -> clock.advance(Duration.ofSeconds(50)); // a third of the lease passed: renew before k2
                case "k2" -> {
                    clock.advance(Duration.ofSeconds(30)); // k3's first lease ended 20 s ago
                    otherNodeTriesToClaim();
                }
                default -> { }
            }
        });
        assertThat(engine.runDueWork()).isEqualTo(3);
        assertThat(stolen).isEmpty();
    }

    @Test
    void aHeartbeatWithNothingHeldRenewsNothing() {
        nodeA(ctx -> { });
        assertThat(engine.renewDueWorkLeases()).isZero();
    }

    @Test
    void theStartedEngineRenewsLeasesOnItsOwnWhileAHandlerRuns() throws Exception {
        CountDownLatch renewal = new CountDownLatch(1);
        CountDownLatch handlerSawRenewal = new CountDownLatch(1);
        TicketStore watched = new TicketStore() {
            @Override
            public <R, X extends Exception> R inTransaction(TransactionCallback<R, X> callback) throws X {
                return store.inTransaction(callback);
            }

            @Override
            public List<DueWork> claimDueWork(String owner, Instant now, Duration lease, int limit) {
                return store.claimDueWork(owner, now, lease, limit);
            }

            @Override
            public long reserveTicketNumbers(dev.ticketkit.core.TenantId tenantId, int count) {
                return store.reserveTicketNumbers(tenantId, count);
            }

            @Override
            public void releaseDueWork(DueWork work, String owner, Instant retryAt) {
                store.releaseDueWork(work, owner, retryAt);
            }

            @Override
            public int renewLeases(String owner, Collection<DueWork> works, Instant leaseUntil) {
                // count before renewing: the in-memory store serialises everything, so the renewal itself waits
                // for the handler's transaction; a database store renews while the handler runs
                renewal.countDown();
                return store.renewLeases(owner, works, leaseUntil);
            }

            @Override
            public Optional<Instant> nextDueAt(Instant now) {
                return store.nextDueAt(now);
            }
        };
        schedule("k1", "k2"); // k2 waits behind k1's handler
        // a short lease so that the heartbeat thread (every lease / 3 of real time) fires soon
        engine = TicketEngine.builder().store(watched).clock(clock).nodeId("node-a").dueWorkLease(Duration.ofMillis(300))
                .dueWorkHandler("slow", ctx -> {
                    if (ctx.work().key().equals("k1") && renewal.await(30, TimeUnit.SECONDS)) {
                        handlerSawRenewal.countDown();
                    }
                }).build();
        engine.start();
        assertThat(handlerSawRenewal.await(30, TimeUnit.SECONDS)).isTrue();
    }
}
