package dev.ticketkit.routing.rules;

import dev.ticketkit.core.Channel;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.spi.BusinessTime;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An engine on the in-memory store with the rules installed, a hand-moved clock and the fixture shop. */
abstract class RulesTestBase {
    protected MutableClock clock;
    protected RuleEngine rules;
    protected TicketEngine engine;
    protected Fixtures shop;
    protected final List<RuleRun> runs = Collections.synchronizedList(new ArrayList<>());
    protected volatile Map<String, Object> orderFacts = Map.of();

    /** Override to set rule engine options (listeners, passes, fallbacks). */
    protected RuleEngine.Builder configure(RuleEngine.Builder builder) {
        return builder;
    }

    /** Override to register calendars, and hooks that run before the rules hook. */
    protected TicketEngine.Builder configureEngine(TicketEngine.Builder builder) {
        return builder;
    }

    /** The order facts rules may test, answered from {@link #orderFacts} (an OMS would answer from its cache). */
    protected final dev.ticketkit.core.spi.FactSource ORDERS = dev.ticketkit.core.spi.FactSource.of("order",
            dev.ticketkit.core.condition.FieldSchema.builder()
                    .field("order.status", dev.ticketkit.core.condition.ValueKind.TEXT)
                    .field("order.amount", dev.ticketkit.core.condition.ValueKind.NUMBER)
                    .field("order.shipped", dev.ticketkit.core.condition.ValueKind.BOOLEAN)
                    .field("order.logistics_delayed", dev.ticketkit.core.condition.ValueKind.BOOLEAN)
                    .prefix("order.", dev.ticketkit.core.condition.ValueKind.ANY)
                    .build(),
            (ticket, requester) -> orderFacts);

    /** A calendar open Monday to Friday 09:00-18:00 UTC, for business-hours tests. */
    static final BusinessTime WEEKDAYS_9_TO_6 = new WeekdayHours();

    @BeforeEach
    void setUpEngine() {
        clock = MutableClock.at("2026-11-11T00:00:00Z"); // a Wednesday
        rules = configure(RuleEngine.builder().listener(runs::add)).build();
        engine = configureEngine(TicketEngine.builder().clock(clock).factSource(ORDERS)).module(rules).build();
        shop = Fixtures.create(engine, TenantId.of("shop-1"));
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    /** Parses YAML rules and installs them for the shop, checked against its directory (the bound engine's). */
    protected RuleSet install(String yaml) {
        RuleSet set = rules.parse("test-rules.yaml", yaml);
        rules.replace(shop.tenant, set);
        return set;
    }

    protected Ticket get(TicketId id) {
        return engine.tickets().get(shop.admin, id);
    }

    /** A WeChat ticket from Dave (VIP) with a first message. */
    protected Ticket daveAsks(String subject, String text) {
        return engine.tickets().create(shop.integration, NewTicket.builder(shop.dave.id(), subject)
                .channel(Channel.WECHAT).message(NewMessage.text(text)).build());
    }

    /** An email ticket from Carol with a first message. */
    protected Ticket carolAsks(String subject, String text) {
        return engine.tickets().create(shop.integration, NewTicket.builder(shop.carol.id(), subject)
                .channel(Channel.EMAIL).message(NewMessage.text(text)).build());
    }

    /** Open 09:00-18:00 UTC on weekdays; minute arithmetic is plenty for tests. */
    static final class WeekdayHours implements BusinessTime {
        @Override
        public java.time.Instant plus(java.time.Instant start, java.time.Duration amount) {
            java.time.Instant t = start;
            long minutes = amount.toMinutes();
            while (minutes > 0) {
                t = t.plusSeconds(60);
                if (isOpen(t.minusSeconds(60))) {
                    minutes--;
                }
            }
            return t;
        }

        @Override
        public java.time.Duration between(java.time.Instant from, java.time.Instant to) {
            long m = 0;
            for (java.time.Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
                if (isOpen(t)) {
                    m++;
                }
            }
            return java.time.Duration.ofMinutes(m);
        }

        @Override
        public boolean isOpen(java.time.Instant t) {
            java.time.ZonedDateTime z = t.atZone(java.time.ZoneOffset.UTC);
            return z.getDayOfWeek().getValue() <= 5 && z.getHour() >= 9 && z.getHour() < 18;
        }
    }
}
