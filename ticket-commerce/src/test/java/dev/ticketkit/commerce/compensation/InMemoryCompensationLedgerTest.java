package dev.ticketkit.commerce.compensation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryCompensationLedgerTest {
    static final TenantId SHOP = TenantId.of("shop");
    static final TicketId TICKET = TicketId.of(UUID.fromString("01a1cd7b-b900-7002-8fed-84ea7ef46554"));
    static final ActorRef ALICE = ActorRef.of(ActorKind.AGENT, "alice");
    static final ActorRef ANN = ActorRef.of(ActorKind.AGENT, "ann");
    static final CustomerId CAROL = CustomerId.of(UUID.fromString("01a1cd7b-b900-7002-8fed-000000000001"));
    static final CustomerId DAVE = CustomerId.of(UUID.fromString("01a1cd7b-b900-7002-8fed-000000000002"));
    static final Instant DAY = Instant.parse("2026-11-11T16:00:00Z");
    static final Instant NEXT_DAY = Instant.parse("2026-11-12T16:00:00Z");
    static final Instant NOON = Instant.parse("2026-11-12T04:00:00Z");

    final CompensationLedger ledger = CompensationLedger.inMemory();

    static CompensationLedger.Entry entry(String key, ActorRef by, CustomerId to, CompensationAmount amount, Instant at) {
        return new CompensationLedger.Entry(key, SHOP, TICKET, by, to, amount, at);
    }

    static CompensationAmount cny(String amount) {
        return CompensationAmount.of(amount, "CNY");
    }

    @Test
    void recordsOncePerKeyWithoutCheckingARecordedKeyAgain() {
        CompensationLedger.Bound budget = new CompensationLedger.Bound(cny("50"), DAY, NEXT_DAY);
        assertThat(ledger.record(entry("shop/t/CP1", ALICE, CAROL, cny("30"), NOON), budget, null))
                .isEqualTo(CompensationLedger.Outcome.RECORDED);
        assertThat(ledger.record(entry("shop/t/CP1", ALICE, CAROL, cny("30"), NOON), budget, null))
                .isEqualTo(CompensationLedger.Outcome.ALREADY_RECORDED);
        assertThat(ledger.grantedBy(SHOP, ALICE, "CNY", DAY, NEXT_DAY)).isEqualTo(cny("30"));
        assertThat(ledger.record(entry("shop/t/CP2", ALICE, DAVE, cny("20.01"), NOON), budget, null))
                .isEqualTo(CompensationLedger.Outcome.OVER_BUDGET);
        assertThat(ledger.record(entry("shop/t/CP2", ALICE, DAVE, cny("20"), NOON), budget, null))
                .as("refused, so not recorded: the same key may come again").isEqualTo(CompensationLedger.Outcome.RECORDED);
        assertThat(ledger.record(entry("shop/t/CP3", ANN, DAVE, cny("20"), NOON), budget, null))
                .as("another grantor's budget").isEqualTo(CompensationLedger.Outcome.RECORDED);
    }

    @Test
    void sumsCountOneUnitOneTenantAndTheWindowOnly() {
        ledger.record(entry("k1", ALICE, CAROL, cny("30"), NOON), null, null);
        ledger.record(entry("k2", ALICE, CAROL, CompensationAmount.points(100), NOON), null, null);
        ledger.record(entry("k3", ALICE, CAROL, cny("5"), NEXT_DAY), null, null);
        ledger.record(new CompensationLedger.Entry("k4", TenantId.of("other"), TICKET, ALICE, CAROL, cny("7"), NOON),
                null, null);
        assertThat(ledger.grantedBy(SHOP, ALICE, "CNY", DAY, NEXT_DAY)).isEqualTo(cny("30"));
        assertThat(ledger.grantedBy(SHOP, ALICE, CompensationAmount.POINTS, DAY, NEXT_DAY))
                .isEqualTo(CompensationAmount.points(100));
        assertThat(ledger.grantedTo(SHOP, CAROL, "CNY", DAY, NEXT_DAY.plusSeconds(1))).isEqualTo(cny("35"));
        assertThat(ledger.grantedTo(SHOP, DAVE, "CNY", DAY, NEXT_DAY)).isEqualTo(cny("0"));

        CompensationLedger.Bound cap = new CompensationLedger.Bound(cny("40"), DAY, NEXT_DAY.plusSeconds(1));
        assertThat(ledger.record(entry("k5", ANN, CAROL, cny("5.01"), NEXT_DAY), null, cap))
                .isEqualTo(CompensationLedger.Outcome.OVER_CAP);
        assertThat(ledger.record(entry("k5", ANN, CAROL, cny("5"), NEXT_DAY), null, cap))
                .isEqualTo(CompensationLedger.Outcome.RECORDED);
    }
}
