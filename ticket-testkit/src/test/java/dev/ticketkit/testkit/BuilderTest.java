package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.TicketStore;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuilderTest {

    @Test
    void anOptionSetTwiceIsAnError() {
        assertThatThrownBy(() -> TicketEngine.builder().clock(Clock.systemUTC()).clock(Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clock");
        assertThatThrownBy(() -> TicketEngine.builder().store(TicketStore.inMemory()).store(TicketStore.inMemory()))
                .isInstanceOf(IllegalStateException.class);
        CommandHook hook = ctx -> { };
        assertThatThrownBy(() -> TicketEngine.builder().hook(hook).hook(hook)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TicketEngine.builder().dueWorkHandler("x", ctx -> { }).dueWorkHandler("x", ctx -> { }))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TicketEngine.builder().ticketNumberBlock(10).ticketNumberBlock(10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ticketNumberBlock");
    }

    @Test
    void badArgumentsFailAtOnce() {
        assertThatThrownBy(() -> TicketEngine.builder().numberPrefix("tk")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketEngine.builder().numberPrefix("TOOLONGPREFIX")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketEngine.builder().dueWorkPollInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketEngine.builder().dueWorkLease(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketEngine.builder().dueWorkBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketEngine.builder().maxConflictRetries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketEngine.builder().nodeId("bad node")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketEngine.builder().store(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TicketEngine.builder().ticketNumberBlock(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketEngine.builder().ticketNumberBlock(TicketEngine.Builder.MAX_TICKET_NUMBER_BLOCK + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticketNumberBlock");
    }

    @Test
    void ticketNumbersComeFromBlocksOfTheConfiguredSizeReservedInTheStore() {
        java.util.List<Integer> reserved = new java.util.ArrayList<>();
        TicketStore inner = TicketStore.inMemory();
        TicketStore counting = new TicketStore() {
            @Override
            public <R, X extends Exception> R inTransaction(TransactionCallback<R, X> callback) throws X {
                return inner.inTransaction(callback);
            }

            @Override
            public long reserveTicketNumbers(TenantId tenantId, int count) {
                reserved.add(count);
                return inner.reserveTicketNumbers(tenantId, count);
            }

            @Override
            public java.util.List<dev.ticketkit.core.spi.DueWork> claimDueWork(String owner, java.time.Instant now,
                                                                             Duration lease, int limit) {
                return inner.claimDueWork(owner, now, lease, limit);
            }

            @Override
            public void releaseDueWork(dev.ticketkit.core.spi.DueWork work, String owner, java.time.Instant retryAt) {
                inner.releaseDueWork(work, owner, retryAt);
            }

            @Override
            public int renewLeases(String owner, java.util.Collection<dev.ticketkit.core.spi.DueWork> works,
                                   java.time.Instant leaseUntil) {
                return inner.renewLeases(owner, works, leaseUntil);
            }

            @Override
            public java.util.Optional<java.time.Instant> nextDueAt(java.time.Instant now) {
                return inner.nextDueAt(now);
            }
        };
        try (TicketEngine engine = TicketEngine.builder().store(counting).ticketNumberBlock(3)
                .clock(MutableClock.at("2026-06-18T00:00:00Z")).build()) {
            Fixtures shop = Fixtures.create(engine, TenantId.of("blocks"));
            java.util.List<Long> numbers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                numbers.add(engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "t" + i).build()).number().sequence());
            }
            // before each create's transaction the engine keeps what it needs and half a block more in hand: blocks of 3
            // at the first and third create; the batch of 6 then needs 6 + 1 with 2 in hand, so it reserves 5 at once
            java.util.List<NewTicket> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                batch.add(NewTicket.builder(shop.carol.id(), "b" + i).build());
            }
            engine.tickets().createAll(shop.admin, batch).tickets().forEach(t -> numbers.add(t.number().sequence()));
            assertThat(numbers).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(reserved).containsExactly(3, 3, 5);
        }
    }

    @Test
    void theNumberPrefixIsConfigurable() {
        try (TicketEngine engine = TicketEngine.builder().numberPrefix("SHOP").clock(MutableClock.at("2026-06-18T00:00:00Z")).build()) {
            Fixtures shop = Fixtures.create(engine, TenantId.of("jd-618"));
            Ticket t = engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "618").build());
            assertThat(t.number().toString()).isEqualTo("SHOP-000001");
            assertThat(engine.tickets().findByNumber(shop.admin, dev.ticketkit.core.TicketNumber.parse("SHOP-1"))).contains(t);
        }
    }

    @Test
    void buildStartsNoThread() {
        long before = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ticketkit-")).count();
        try (TicketEngine engine = TicketEngine.builder().build()) {
            long after = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ticketkit-")).count();
            assertThat(after).isEqualTo(before);
            assertThat(engine.runDueWork()).isZero();
        }
    }
}
