package dev.ticketkit.routing.assign;

import static dev.ticketkit.routing.assign.LedgerFixture.ALICE;
import static dev.ticketkit.routing.assign.LedgerFixture.BOB;
import static dev.ticketkit.routing.assign.LedgerFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The recount of loads from the store: it replaces drifted counts, keeps what committed or was reserved while the
 * store was read, and runs one at a time.
 */
class RecountTest {
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private final LedgerFixture f = new LedgerFixture();
    private final Recount recount = new Recount(new RouterConfig(Map.of(), "category:", "lang:", Map.of(), 3, "vip",
            Set.of(TicketStatus.NEW, TicketStatus.OPEN), INTERVAL, Duration.ofSeconds(30), LedgerFixture.TIMEOUT, true));

    private void run(Supplier<List<Ticket>> read) {
        recount.run(f.ledger, read, T0, true, true);
    }

    @Test
    void theStoreReplacesDriftedCounts() {
        f.pool().setLoad(ALICE, LedgerFixture.CHAT, 3); // drift: events this node never saw
        Ticket bobs = f.stored(LedgerFixture.newId(), BOB, TicketStatus.OPEN);
        run(() -> List.of(bobs));
        assertThat(f.load(ALICE)).isZero();
        assertThat(f.load(BOB)).isEqualTo(1);
        assertThat(f.ledger.syncedAt).isEqualTo(T0);
    }

    @Test
    void anAssignmentCommittedWhileTheStoreIsReadIsKept() {
        TicketId t = LedgerFixture.newId();
        f.stored(t, ALICE, TicketStatus.NEW);
        run(() -> {
            f.claimAndReserve(t, ALICE, T0, true);
            f.assigned(t, null, ALICE); // commits after the read passed it
            return List.of();
        });
        assertThat(f.load(ALICE)).isEqualTo(1);
        assertThat(f.ledger.holdings).containsKey(t);
    }

    @Test
    void anUnassignmentCommittedWhileTheStoreIsReadIsKept() {
        TicketId t = LedgerFixture.newId();
        Ticket held = f.stored(t, ALICE, TicketStatus.OPEN);
        f.assigned(t, null, ALICE);
        run(() -> {
            f.assigned(t, ALICE, null); // after the read saw it assigned
            return List.of(held);
        });
        assertThat(f.load(ALICE)).isZero();
        assertThat(f.ledger.holdings).doesNotContainKey(t);
    }

    @Test
    void reservationsNotCommittedYetAreCountedOnce() {
        TicketId reserved = LedgerFixture.newId();
        f.claimAndReserve(reserved, ALICE, T0, false);
        TicketId committing = LedgerFixture.newId();
        Ticket inStore = f.stored(committing, BOB, TicketStatus.NEW);
        f.claimAndReserve(committing, BOB, T0, false); // committed, the event not booked yet
        run(() -> List.of(inStore));
        assertThat(f.load(ALICE)).as("a reservation the store does not know yet").isEqualTo(1);
        assertThat(f.load(BOB)).as("the store's assignment and its reservation are one").isEqualTo(1);
    }

    @Test
    void anAssignmentTheRecountReadBeforeItsEventWasBookedCountsOnce() {
        // a pull, a route or the hook on a moved ticket: committed, read by the recount, its event booked after
        TicketId t = LedgerFixture.newId();
        Ticket inStore = f.stored(t, BOB, TicketStatus.OPEN);
        f.claimAndReserve(t, BOB, T0, false);
        run(() -> List.of(inStore));
        f.assigned(t, null, BOB);
        assertThat(f.load(BOB)).as("the holding read and the reservation are one assignment").isEqualTo(1);
        f.assigned(t, BOB, null);
        assertThat(f.load(BOB)).isZero();
    }

    @Test
    void anAssignmentTheRecountReadWhileAnotherPullRacedForItCountsOnce() {
        TicketId t = LedgerFixture.newId();
        Ticket inStore = f.stored(t, BOB, TicketStatus.OPEN);
        f.claimAndReserve(t, BOB, T0, false); // the pull that committed
        f.claimAndReserve(t, BOB, T0, false); // the pull that lost, not cancelled yet
        run(() -> List.of(inStore));
        assertThat(f.load(BOB)).isEqualTo(2);
        f.assigned(t, null, BOB);
        f.ledger.cancel(t, BOB);
        assertThat(f.load(BOB)).isEqualTo(1);
    }

    @Test
    void aCreatedTicketTheRecountReadBeforeItsEventWasBookedCountsOnce() {
        TicketId t = LedgerFixture.newId();
        Ticket inStore = f.stored(t, BOB, TicketStatus.NEW);
        f.claimAndReserve(t, BOB, T0, true); // the hook of the create command
        run(() -> List.of(inStore));
        f.created(inStore);
        assertThat(f.load(BOB)).isEqualTo(1);
    }

    @Test
    void heldTicketsInStatusesThatDontCountAreKept() {
        TicketId t = LedgerFixture.newId();
        f.stored(t, ALICE, TicketStatus.PENDING);
        f.assigned(t, null, ALICE);
        run(List::of); // the recount reads only NEW and OPEN tickets
        assertThat(f.ledger.holdings).containsKey(t);
        f.statusChanged(t, TicketStatus.PENDING, TicketStatus.OPEN);
        assertThat(f.load(ALICE)).as("it comes back into the load when reopened").isEqualTo(1);
    }

    @Test
    void aFailedReadKeepsTheCountsAndTheNextRecountWorks() {
        f.pool().setLoad(ALICE, LedgerFixture.CHAT, 2);
        assertThatThrownBy(() -> run(() -> {
            throw new IllegalStateException("store down");
        })).hasMessage("store down");
        assertThat(f.load(ALICE)).isEqualTo(2);
        assertThat(f.ledger.syncedAt).isEqualTo(java.time.Instant.MIN);
        assertThat(f.ledger.endOverlay()).as("the overlay was closed").isEmpty();
        run(List::of);
        assertThat(f.load(ALICE)).isZero();
    }

    @Test
    void aRecountIsDueAfterTheIntervalOnly() {
        AtomicInteger reads = new AtomicInteger();
        run(() -> {
            reads.incrementAndGet();
            return List.of();
        });
        assertThat(recount.due(f.ledger, T0.plus(INTERVAL).minusMillis(1))).isFalse();
        assertThat(recount.due(f.ledger, T0.plus(INTERVAL))).isTrue();
        recount.run(f.ledger, () -> {
            reads.incrementAndGet();
            return List.of();
        }, T0.plusSeconds(1), true, false);
        assertThat(reads).as("not forced and not due: another thread just recounted").hasValue(1);
    }

    @Test
    void aLaterRecountIsSkippedWhileAnotherRuns() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> run(() -> {
            reading.countDown();
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return List.of();
        }));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger skippedReads = new AtomicInteger();
        recount.run(f.ledger, () -> {
            skippedReads.incrementAndGet();
            return List.of();
        }, T0, false, true);
        assertThat(skippedReads).hasValue(0);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(f.ledger.syncedAt).isEqualTo(T0);
    }
}
