package dev.ticketkit.connectors.email;

import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An engine on the in-memory store with a shop's fixtures and an {@link Intake}, for mail taken in end to end. */
abstract class EmailIntakeTestBase {
    protected MutableClock clock;
    protected TicketEngine engine;
    protected Fixtures shop;
    protected Intake intake;

    protected Intake.Builder configure(Intake.Builder b) {
        return b;
    }

    @BeforeEach
    void setUpIntake() {
        clock = MutableClock.at("2026-11-11T00:00:00Z");
        engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).build();
        shop = Fixtures.create(engine, TenantId.of("shop-1"));
        intake = configure(Intake.builder(engine)).build();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    protected List<Message> messages(TicketId id) {
        return engine.tickets().messages(shop.admin, id);
    }
}
