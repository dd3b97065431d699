package dev.ticketkit.testkit;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An engine on the in-memory store with a hand-driven clock and the {@link Fixtures} shop. */
abstract class EngineTestBase {
    protected MutableClock clock;
    protected TicketEngine engine;
    protected Fixtures shop;

    /** Override to add hooks, listeners or handlers. */
    protected TicketEngine.Builder configure(TicketEngine.Builder builder) {
        return builder;
    }

    @BeforeEach
    void setUpEngine() {
        clock = MutableClock.at("2026-11-11T00:00:00Z");
        engine = configure(TicketEngine.builder().clock(clock)).build();
        shop = Fixtures.create(engine, TenantId.of("shop-1"));
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }
}
