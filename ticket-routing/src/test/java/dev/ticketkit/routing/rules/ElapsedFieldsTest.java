package dev.ticketkit.routing.rules;

import dev.ticketkit.core.TicketEngine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code elapsed.*} fields in triggers measure time until the command from the ticket as it was before the
 * command: the command's own stamp on {@code updated_at} does not count as an update.
 */
class ElapsedFieldsTest extends RulesTestBase {

    @Override
    protected TicketEngine.Builder configureEngine(TicketEngine.Builder builder) {
        return builder.calendar("office", WEEKDAYS_9_TO_6);
    }

    @Test
    void sinceUpdatedIsTheTimeSinceTheUpdateBeforeThisCommand() {
        install("""
                rules:
                  - id: came-back
                    on: [updated]
                    when: { field: elapsed.since_updated, op: gt, value: 48h }
                    actions: [ { add_tags: came-back } ]
                """);
        Ticket t = carolAsks("where is my parcel", "no news");
        clock.advance(Duration.ofDays(3));
        Ticket after = engine.tickets().reply(shop.integration, t.id(), shop.fromCarol("still nothing?")).ticket();
        assertThat(after.tags()).contains("came-back");
        assertThat(runs).last().satisfies(r -> assertThat(r.fired()).containsExactly("came-back"));
    }

    @Test
    void sinceUpdatedDoesNotFireWhenTheTicketWasUpdatedRecently() {
        install("""
                rules:
                  - id: came-back
                    on: [message_added]
                    when: { field: elapsed.since_updated, op: gt, value: 48h }
                    actions: [ { add_tags: came-back } ]
                """);
        Ticket t = carolAsks("where is my parcel", "no news");
        clock.advance(Duration.ofDays(3));
        engine.tickets().tag(shop.admin, t.id(), "looked-at");      // an update three days in
        clock.advance(Duration.ofHours(1));
        Ticket after = engine.tickets().reply(shop.integration, t.id(), shop.fromCarol("still nothing?")).ticket();
        assertThat(after.tags()).contains("looked-at").doesNotContain("came-back");
    }

    @Test
    void sinceUpdatedIsZeroWhenTheCommandCreatesTheTicket() {
        install("""
                rules:
                  - id: fresh
                    on: [created]
                    when: { field: elapsed.since_updated, op: lt, value: 1m }
                    actions: [ { add_tags: fresh } ]
                """);
        assertThat(carolAsks("x", "y").tags()).contains("fresh");
    }

    @Test
    void businessSinceUpdatedAlsoMeasuresFromTheUpdateBefore() {
        install("""
                calendar: office
                rules:
                  - id: waited-a-working-day
                    on: [updated]
                    when: { field: elapsed.business.since_updated, op: gte, value: 9h }
                    actions: [ { add_tags: waited } ]
                """);
        clock.set(java.time.Instant.parse("2026-11-11T09:00:00Z")); // Wednesday, opening time
        Ticket t = carolAsks("x", "y");
        clock.set(java.time.Instant.parse("2026-11-12T09:00:00Z")); // Thursday: nine open hours later
        Ticket after = engine.tickets().reply(shop.integration, t.id(), shop.fromCarol("hello?")).ticket();
        assertThat(after.tags()).contains("waited");
    }

    @Test
    void sinceStatusChangeCountsFromWhenTheCurrentStatusWasEntered() {
        install("""
                rules:
                  - id: long-on-hold
                    on: [updated]
                    when:
                      all:
                        - { field: status, op: equals, value: ON_HOLD }
                        - { field: elapsed.since_status_change, op: gt, value: 48h }
                    actions: [ { add_tags: long-on-hold } ]
                  - id: just-moved
                    on: [updated]
                    when: { field: elapsed.since_status_change, op: lt, value: 1m }
                    actions: [ { add_tags: just-moved } ]
                """);
        Ticket t = carolAsks("x", "y");
        clock.advance(Duration.ofHours(1));
        Ticket held = engine.tickets().changeStatus(shop.admin, t.id(), TicketStatus.ON_HOLD);
        assertThat(held.tags()).contains("just-moved").doesNotContain("long-on-hold"); // this command moved it
        clock.advance(Duration.ofMinutes(5));
        engine.tickets().untag(shop.admin, t.id(), "just-moved");
        clock.advance(Duration.ofDays(3));
        Ticket later = engine.tickets().tag(shop.admin, t.id(), "poke");           // no status change
        assertThat(later.tags()).contains("long-on-hold").doesNotContain("just-moved");
    }
}
