package dev.ticketkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TicketNumberAllocatorTest {
    private static final TenantId SHOP = TenantId.of("shop");

    /** A counter per store (one tenant is enough here) that records each reservation; a test may hold one back. */
    static class Counter implements TicketStore {
        final AtomicLong last = new AtomicLong();
        final List<Integer> reservations = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch reserved = new CountDownLatch(0);
        volatile CountDownLatch hold = new CountDownLatch(0);

        @Override
        public long reserveTicketNumbers(TenantId tenantId, int count) {
            reservations.add(count);
            long first = last.getAndAdd(count) + 1;
            CountDownLatch r = reserved;
            CountDownLatch h = hold;
            hold = new CountDownLatch(0); // only the first caller after a hold waits
            r.countDown();
            try {
                if (!h.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held reservation never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return first;
        }

        @Override
        public <R, X extends Exception> R inTransaction(TransactionCallback<R, X> callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DueWork> claimDueWork(String owner, Instant now, Duration lease, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseDueWork(DueWork work, String owner, Instant retryAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int renewLeases(String owner, Collection<DueWork> works, Instant leaseUntil) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Instant> nextDueAt(Instant now) {
            throw new UnsupportedOperationException();
        }
    }

    private final Counter store = new Counter();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void ensureReservesBeforeTheTransactionSoThatTakeIsServedFromMemory() {
        TicketNumberAllocator numbers = new TicketNumberAllocator(store, 10);
        numbers.ensure(SHOP, 1);
        assertThat(store.reservations).containsExactly(10); // 1 asked and half a block (5) more: one block
        for (long expected = 1; expected <= 4; expected++) {
            assertThat(numbers.next(SHOP)).isEqualTo(expected);
            numbers.ensure(SHOP, 1);
        }
        assertThat(store.reservations).as("6 in hand: 1 asked and 5 more").containsExactly(10);
        assertThat(numbers.next(SHOP)).isEqualTo(5);
        numbers.ensure(SHOP, 1);
        assertThat(store.reservations).as("5 in hand: the next block").containsExactly(10, 10);
        assertThat(numbers.take(SHOP, 12)).containsExactly(6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        assertThat(store.reservations).as("take never reserved: the numbers were in hand").containsExactly(10, 10);
    }

    @Test
    void aLargeRequestIsReservedAtOnceAndABlockOfOneReservesEachNumber() {
        TicketNumberAllocator numbers = new TicketNumberAllocator(store, 10);
        numbers.ensure(SHOP, 100);
        assertThat(store.reservations).containsExactly(105);
        assertThat(numbers.take(SHOP, 100)).startsWith(1, 2, 3).endsWith(100);

        Counter other = new Counter();
        TicketNumberAllocator single = new TicketNumberAllocator(other, 1);
        single.ensure(SHOP, 1);
        single.ensure(SHOP, 1); // one in hand is enough
        assertThat(single.next(SHOP)).isEqualTo(1);
        single.ensure(SHOP, 1);
        assertThat(single.next(SHOP)).isEqualTo(2);
        assertThat(other.reservations).containsExactly(1, 1);
        assertThatThrownBy(() -> single.take(SHOP, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> single.ensure(SHOP, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TicketNumberAllocator(other, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTakeThatRunsDryReservesItselfWithoutWaitingAndNumbersStillIncrease() throws Exception {
        TicketNumberAllocator numbers = new TicketNumberAllocator(store, 10);
        // a create's ensure (outside its transaction) reserves 1..10 and is held before it hands the block over
        store.reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        store.hold = release;
        Future<?> ensuring = threads.submit(() -> numbers.ensure(SHOP, 1));
        assertThat(store.reserved.await(30, TimeUnit.SECONDS)).isTrue();

        // inside a transaction, take does not wait for it: it reserves 11..20 itself
        long[] got = threads.submit(() -> numbers.take(SHOP, 2)).get(30, TimeUnit.SECONDS);
        assertThat(got).containsExactly(11, 12);

        // the held block arrives below what was handed out: dropped (a gap), so numbers keep increasing
        release.countDown();
        ensuring.get(30, TimeUnit.SECONDS);
        assertThat(numbers.next(SHOP)).isEqualTo(13);
        assertThat(store.reservations).containsExactly(10, 10);
    }

    @Test
    void concurrentEnsuresOfOneTenantMakeOneReservation() throws Exception {
        TicketNumberAllocator numbers = new TicketNumberAllocator(store, 10);
        store.reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        store.hold = release;
        Future<?> first = threads.submit(() -> numbers.ensure(SHOP, 1));
        assertThat(store.reserved.await(30, TimeUnit.SECONDS)).isTrue();
        Thread second = new Thread(() -> numbers.ensure(SHOP, 1)); // outside any transaction, waiting is safe
        second.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (second.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime() - deadline).as("the second ensure waits for the first").isNegative();
            Thread.onSpinWait();
        }
        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        second.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(second.isAlive()).isFalse();
        assertThat(store.reservations).containsExactly(10);
        assertThat(numbers.take(SHOP, 2)).containsExactly(1, 2);
    }

    @Test
    void manyCreatesThatEnsuredBeforeTheirTransactionsNeverReserveInside() throws Exception {
        int creates = 32;
        java.util.concurrent.CyclicBarrier allEnsured = new java.util.concurrent.CyclicBarrier(creates);
        ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> false);
        List<Integer> reservedInside = Collections.synchronizedList(new ArrayList<>());
        TicketNumberAllocator watched = new TicketNumberAllocator(new Delegating(store) {
            @Override
            public long reserveTicketNumbers(TenantId tenantId, int count) {
                if (inTransaction.get()) {
                    reservedInside.add(count);
                }
                return super.reserveTicketNumbers(tenantId, count);
            }
        }, 10);
        List<Future<Long>> got = new ArrayList<>();
        for (int i = 0; i < creates; i++) {
            got.add(threads.submit(() -> {
                watched.ensure(SHOP, 1);          // before the transaction
                allEnsured.await(30, TimeUnit.SECONDS); // every create has passed its ensure before any takes
                inTransaction.set(true);
                return watched.next(SHOP);
            }));
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Future<Long> f : got) {
            assertThat(seen.add(f.get(30, TimeUnit.SECONDS))).isTrue();
        }
        assertThat(reservedInside).as("reservations inside a transaction").isEmpty();
        assertThat(seen).hasSize(creates);
    }

    @Test
    void aTransientStoreFailureOfAReservationIsTriedAgainAndAnyOtherFailsTheCall() {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger(2);
        java.util.concurrent.atomic.AtomicReference<String> sqlState = new java.util.concurrent.atomic.AtomicReference<>("40P01");
        TicketNumberAllocator numbers = new TicketNumberAllocator(new Delegating(store) {
            @Override
            public long reserveTicketNumbers(TenantId tenantId, int count) {
                if (failures.getAndDecrement() > 0) {
                    throw new dev.ticketkit.core.TicketStoreException("counter", sqlState.get(), null);
                }
                return super.reserveTicketNumbers(tenantId, count);
            }
        }, 10);
        numbers.ensure(SHOP, 1); // two deadlocks, then the reservation
        assertThat(numbers.next(SHOP)).isEqualTo(1);

        failures.set(1);
        sqlState.set("08006"); // the connection is gone: not transient
        assertThatThrownBy(() -> numbers.ensure(TenantId.of("other"), 1))
                .isInstanceOf(dev.ticketkit.core.TicketStoreException.class).hasMessageContaining("08006");
        failures.set(TicketNumberAllocator.RESERVE_ATTEMPTS);
        sqlState.set("40001");
        assertThatThrownBy(() -> numbers.take(TenantId.of("other"), 1))
                .isInstanceOf(dev.ticketkit.core.TicketStoreException.class).hasMessageContaining("40001");
        // the failed calls reserved nothing (the stub counts for all tenants: SHOP has 1 to 10)
        assertThat(numbers.next(TenantId.of("other"))).isEqualTo(11);
    }

    /** A store that passes number reservations on. */
    static class Delegating extends Counter {
        private final TicketStore inner;

        Delegating(TicketStore inner) {
            this.inner = inner;
        }

        @Override
        public long reserveTicketNumbers(TenantId tenantId, int count) {
            return inner.reserveTicketNumbers(tenantId, count);
        }
    }

    @Test
    void tenantsHaveNumbersOfTheirOwn() {
        Counter a = new Counter();
        TicketNumberAllocator numbers = new TicketNumberAllocator(new Counter() {
            private final Counter b = new Counter();

            @Override
            public long reserveTicketNumbers(TenantId tenantId, int count) {
                return (tenantId.equals(SHOP) ? a : b).reserveTicketNumbers(tenantId, count);
            }
        }, 5);
        assertThat(numbers.next(SHOP)).isEqualTo(1);
        assertThat(numbers.next(TenantId.of("other"))).isEqualTo(1);
        assertThat(numbers.next(SHOP)).isEqualTo(2);
    }
}
