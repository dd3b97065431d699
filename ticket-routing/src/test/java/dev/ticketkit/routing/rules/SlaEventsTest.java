package dev.ticketkit.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.HookContext;
import org.junit.jupiter.api.Test;

/** Triggers on SLA warnings and breaches, emitted in the command by a hook that runs before the rules (as the SLA module's due work does). */
class SlaEventsTest extends RulesTestBase {

    /** Stands in for the SLA module: emits a breach or warning when asked by a tag. */
    static final class FakeSla implements CommandHook {
        @Override
        public void beforeCommit(HookContext ctx) {
            Ticket t = ctx.ticket();
            if (t.tags().contains("breach-now") && ctx.events().stream().anyMatch(TicketEvent.TagsChanged.class::isInstance)) {
                ctx.emit(meta -> new TicketEvent.SlaBreached(meta, "first_reply", "standard", ctx.now()));
            }
            if (t.tags().contains("warn-now") && ctx.events().stream().anyMatch(TicketEvent.TagsChanged.class::isInstance)) {
                ctx.emit(meta -> new TicketEvent.SlaWarning(meta, "resolution", "standard", ctx.now()));
            }
        }
    }

    @Override
    protected TicketEngine.Builder configureEngine(TicketEngine.Builder builder) {
        return builder.hook(new FakeSla());
    }

    @Test
    void breachesAndWarningsTriggerTheirRules() {
        install("""
                rules:
                  - id: first-reply-breach
                    on: [sla_breached]
                    when: { all: [ { field: event.sla_metric, op: equals, value: first_reply }, { field: event.sla_policy, op: equals, value: standard } ] }
                    actions: [ { escalate: { raise_priority: true, topic: sla-breach } } ]
                  - id: resolution-warning
                    on: [sla_warning]
                    actions: [ { add_tags: resolution-at-risk } ]
                """);
        Ticket t = carolAsks("x", "y");
        assertThat(t.priority()).isEqualTo(Priority.NORMAL);
        Ticket warned = engine.tickets().tag(shop.admin, t.id(), "warn-now");
        assertThat(warned.tags()).contains("resolution-at-risk");
        assertThat(warned.priority()).isEqualTo(Priority.NORMAL);
        Ticket breached = engine.tickets().tag(shop.admin, t.id(), "breach-now");
        assertThat(breached.priority()).isEqualTo(Priority.HIGH);
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).filteredOn(TicketEvent.NotificationRequested.class::isInstance)
                .singleElement().satisfies(e -> assertThat(((TicketEvent.NotificationRequested) e).topic()).isEqualTo("sla-breach"));
    }
}
