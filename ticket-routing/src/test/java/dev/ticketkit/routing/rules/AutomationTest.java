package dev.ticketkit.routing.rules;

import dev.ticketkit.core.TicketEngine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.Visibility;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Time-based automations driven by hand: scheduled on entering a status, once per occasion, re-armed, cancelled. */
class AutomationTest extends RulesTestBase {

    @Override
    protected TicketEngine.Builder configureEngine(TicketEngine.Builder builder) {
        return builder.calendar("office", WEEKDAYS_9_TO_6);
    }

    @BeforeEach
    void rules() {
        install("""
                calendar: office
                rules:
                  - id: csat-sent
                    on: [updated]
                    when: { field: tags, op: contains, value: csat_sent }
                    actions: [ { add_tags: trigger-saw-csat } ]
                automations:
                  - id: solve-pending
                    status: PENDING
                    after: 72h
                    business_hours: true
                    when: { not: { field: tags, op: contains, value: hold } }
                    actions:
                      - set_status: SOLVED
                      - note: "Solved after 72 business hours without an answer"
                  - id: close-solved
                    status: SOLVED
                    after: 96h
                    actions: [ { set_status: CLOSED } ]
                  - id: satisfaction
                    status: SOLVED
                    after: 1h
                    when: { field: event, op: contains, value: tick }
                    actions:
                      - notify: { topic: csat, attributes: { number: "{{ticket.number}}" } }
                      - add_tags: csat_sent
                """);
    }

    private Ticket pendingTicket() {
        Ticket t = carolAsks("Parcel", "Where is it?");
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("Could you send a photo?"));
        return engine.tickets().changeStatus(shop.admin, t.id(), TicketStatus.PENDING);
    }

    private long notes(Ticket t, String text) {
        return engine.tickets().messages(shop.admin, t.id()).stream()
                .filter(m -> m.visibility() == Visibility.INTERNAL).map(Message::text).filter(text::equals).count();
    }

    @Test
    void pendingFor72BusinessHoursIsSolvedOnceThenClosed() {
        Ticket t = pendingTicket(); // Wednesday 00:00 UTC, before opening time
        Instant due = WEEKDAYS_9_TO_6.plus(t.statusChangedAt(), Duration.ofHours(72));
        assertThat(due).isEqualTo(Instant.parse("2026-11-20T18:00:00Z")); // eight 9-hour days later
        clock.set(due.minusSeconds(60));
        assertThat(engine.runDueWork()).isZero();
        assertThat(get(t.id()).status()).isEqualTo(TicketStatus.PENDING);
        clock.set(due);
        assertThat(engine.runDueWork()).isEqualTo(1);
        Ticket solved = get(t.id());
        assertThat(solved.status()).isEqualTo(TicketStatus.SOLVED);
        assertThat(notes(t, "Solved after 72 business hours without an answer")).isEqualTo(1);
        assertThat(engine.runDueWork()).isZero(); // fired once

        clock.advance(Duration.ofHours(1)); // the satisfaction request, scheduled when the automation solved it
        assertThat(engine.runDueWork()).isEqualTo(1);
        Ticket surveyed = get(t.id());
        assertThat(surveyed.tags()).contains("csat_sent", "trigger-saw-csat"); // triggers ran in the automation's command
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).filteredOn(TicketEvent.NotificationRequested.class::isInstance)
                .singleElement().satisfies(e -> assertThat(((TicketEvent.NotificationRequested) e).attributes())
                        .containsEntry("number", t.number().toString()).containsEntry("rule", "satisfaction"));

        clock.set(due.plus(Duration.ofHours(96)));
        assertThat(engine.runDueWork()).isEqualTo(1);
        assertThat(get(t.id()).status()).isEqualTo(TicketStatus.CLOSED);
        clock.advance(Duration.ofDays(30));
        assertThat(engine.runDueWork()).isZero();
    }

    @Test
    void leavingTheStatusCancelsAndANewOccasionReArms() {
        Ticket t = pendingTicket();
        clock.advance(Duration.ofHours(30));
        engine.tickets().reply(shop.carolActor(), t.id(), NewMessage.text("Here it is")); // PENDING -> OPEN
        assertThat(get(t.id()).status()).isEqualTo(TicketStatus.OPEN);
        clock.advance(Duration.ofDays(20));
        assertThat(engine.runDueWork()).isZero(); // cancelled
        assertThat(get(t.id()).status()).isEqualTo(TicketStatus.OPEN);

        Ticket again = engine.tickets().changeStatus(shop.admin, t.id(), TicketStatus.PENDING); // a new occasion
        Instant due = WEEKDAYS_9_TO_6.plus(again.statusChangedAt(), Duration.ofHours(72));
        clock.set(due);
        assertThat(engine.runDueWork()).isEqualTo(1);
        assertThat(get(t.id()).status()).isEqualTo(TicketStatus.SOLVED);
        assertThat(notes(t, "Solved after 72 business hours without an answer")).isEqualTo(1);
    }

    @Test
    void theConditionIsCheckedAgainWhenItFires() {
        Ticket t = pendingTicket();
        engine.tickets().tag(shop.admin, t.id(), "hold"); // still pending: the work stays scheduled
        clock.set(WEEKDAYS_9_TO_6.plus(t.statusChangedAt(), Duration.ofHours(72)));
        assertThat(engine.runDueWork()).isEqualTo(1);
        assertThat(get(t.id()).status()).isEqualTo(TicketStatus.PENDING);
        assertThat(notes(t, "Solved after 72 business hours without an answer")).isZero();
    }

    @Test
    void businessElapsedFieldsUseTheCalendar() {
        install("""
                calendar: office
                rules:
                  - id: slow
                    on: [updated]
                    when: { field: elapsed.business.since_created, op: gte, value: 9h }
                    actions: [ { add_tags: a-business-day-old } ]
                """);
        Ticket t = carolAsks("Parcel", "Where is it?"); // Wednesday 00:00
        clock.advance(Duration.ofHours(20)); // Wednesday 20:00: 9 business hours passed
        assertThat(engine.tickets().tag(shop.admin, t.id(), "x").tags()).contains("a-business-day-old");
        Ticket u = carolAsks("Parcel 2", "Where is it?"); // Wednesday 20:00
        clock.advance(Duration.ofHours(12)); // Thursday 08:00: none
        assertThat(engine.tickets().tag(shop.admin, u.id(), "x").tags()).doesNotContain("a-business-day-old");
    }
}
