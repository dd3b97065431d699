package dev.ticketkit.routing.assign;

import static dev.ticketkit.routing.assign.LedgerFixture.ALICE;
import static dev.ticketkit.routing.assign.LedgerFixture.BOB;
import static dev.ticketkit.routing.assign.LedgerFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import org.junit.jupiter.api.Test;

/**
 * The books of one tenant, driven by hand: a reservation and its committed assignment count once, racing claims
 * for one ticket give back the loser's unit, reservations that never commit expire, and committed events move
 * units in and out of the load.
 */
class LoadLedgerTest {
    private final LedgerFixture f = new LedgerFixture();

    @Test
    void aReservedAssignmentCountsOnceWhenItCommits() {
        TicketId t = LedgerFixture.newId();
        f.stored(t, ALICE, TicketStatus.NEW);
        assertThat(f.claimAndReserve(t, ALICE, T0, true)).isTrue();
        assertThat(f.load(ALICE)).isEqualTo(1);
        f.assigned(t, null, ALICE);
        assertThat(f.load(ALICE)).isEqualTo(1);
        assertThat(f.ledger.pending).isEmpty();
        assertThat(f.ledger.holdings).containsKey(t);
    }

    @Test
    void aHookRunAgainAfterARollbackReusesItsReservation() {
        TicketId t = LedgerFixture.newId();
        f.claimAndReserve(t, ALICE, T0, true);
        f.claimAndReserve(t, ALICE, T0, true); // the command's second attempt, the first rolled back silently
        assertThat(f.load(ALICE)).isEqualTo(1);
        f.assigned(t, null, ALICE);
        assertThat(f.load(ALICE)).isEqualTo(1);
    }

    @Test
    void racingPullsOfOneTicketEachHoldAUnitAndTheCommitGivesBackTheOthers() {
        TicketId t = LedgerFixture.newId();
        f.claimAndReserve(t, ALICE, T0, false);
        f.claimAndReserve(t, ALICE, T0, false);
        assertThat(f.load(ALICE)).isEqualTo(2);
        f.assigned(t, null, ALICE);
        assertThat(f.load(ALICE)).isEqualTo(1);
        f.ledger.cancel(t, ALICE); // the loser's cancel comes after the commit was booked: nothing left to give back
        assertThat(f.load(ALICE)).isEqualTo(1);
    }

    @Test
    void aCancelledClaimGivesBackItsUnit() {
        TicketId t = LedgerFixture.newId();
        f.claimAndReserve(t, BOB, T0, false);
        f.claimAndReserve(t, BOB, T0, false);
        f.ledger.cancel(t, BOB);
        assertThat(f.load(BOB)).isEqualTo(1);
        f.ledger.cancel(t, BOB);
        assertThat(f.load(BOB)).isZero();
        assertThat(f.ledger.pending).isEmpty();
    }

    @Test
    void capacityIsNeverClaimedBeyondTheAgentsLimit() {
        for (int i = 0; i < 3; i++) {
            assertThat(f.claimAndReserve(LedgerFixture.newId(), ALICE, T0, false)).isTrue();
        }
        assertThat(f.claimAndReserve(LedgerFixture.newId(), ALICE, T0, false)).isFalse();
        assertThat(f.load(ALICE)).isEqualTo(3);
    }

    @Test
    void aReservationThatNeverCommitsIsGivenBackAfterTheTimeout() {
        TicketId t = LedgerFixture.newId();
        f.claimAndReserve(t, ALICE, T0, false);
        f.ledger.sweep(T0.plus(LedgerFixture.TIMEOUT));
        assertThat(f.load(ALICE)).as("due at the timeout, not before").isEqualTo(1);
        f.ledger.sweep(T0.plus(LedgerFixture.TIMEOUT).plusMillis(500));
        assertThat(f.load(ALICE)).as("sweeps at most once a second").isEqualTo(1);
        f.ledger.sweep(T0.plus(LedgerFixture.TIMEOUT).plusSeconds(1));
        assertThat(f.load(ALICE)).isZero();
        assertThat(f.ledger.pending).isEmpty();
    }

    @Test
    void anAssignmentMadeElsewhereIsCountedFromTheTicketsChannelAndStatus() {
        TicketId open = LedgerFixture.newId();
        f.stored(open, BOB, TicketStatus.OPEN);
        f.assigned(open, null, BOB);
        assertThat(f.load(BOB)).isEqualTo(1);
        TicketId pending = LedgerFixture.newId();
        f.stored(pending, BOB, TicketStatus.PENDING);
        f.assigned(pending, null, BOB);
        assertThat(f.load(BOB)).as("a pending ticket is held but not counted").isEqualTo(1);
        assertThat(f.ledger.holdings.get(pending).counted()).isFalse();
        TicketId unreadable = LedgerFixture.newId();
        f.assigned(unreadable, null, BOB);
        assertThat(f.load(BOB)).as("a ticket that can't be read waits for the next recount").isEqualTo(1);
    }

    @Test
    void statusChangesMoveAHeldTicketOutOfTheLoadAndBack() {
        TicketId t = LedgerFixture.newId();
        f.stored(t, ALICE, TicketStatus.OPEN);
        f.assigned(t, null, ALICE);
        f.statusChanged(t, TicketStatus.OPEN, TicketStatus.PENDING);
        assertThat(f.load(ALICE)).isZero();
        f.statusChanged(t, TicketStatus.PENDING, TicketStatus.OPEN);
        assertThat(f.load(ALICE)).isEqualTo(1);
        f.statusChanged(t, TicketStatus.OPEN, TicketStatus.SOLVED);
        f.statusChanged(t, TicketStatus.SOLVED, TicketStatus.CLOSED);
        assertThat(f.load(ALICE)).isZero();
        assertThat(f.ledger.holdings).doesNotContainKey(t);
    }

    @Test
    void reassigningMovesTheUnitAndUnassigningGivesItBack() {
        TicketId t = LedgerFixture.newId();
        f.stored(t, ALICE, TicketStatus.OPEN);
        f.assigned(t, null, ALICE);
        f.assigned(t, ALICE, BOB);
        assertThat(f.load(ALICE)).isZero();
        assertThat(f.load(BOB)).isEqualTo(1);
        f.assigned(t, BOB, null);
        assertThat(f.load(BOB)).isZero();
        assertThat(f.ledger.holdings).doesNotContainKey(t);
    }
}
