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
