package dev.ticketkit.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each action, applied by a trigger inside the command that created the ticket. */
class ActionsTest extends RulesTestBase {

    private Ticket withRule(String actions) {
        install("""
                templates:
                  ack: "Hi {{customer.name}}, we got {{ticket.number}} about {{ticket.subject}} (tier {{customer.tier_name}})."
                rules:
                  - id: act
                    on: [created]
                    actions:
                """ + actions.indent(6));
        return carolAsks("<b>Parcel</b> & box", "Where is my parcel?");
    }

    @Test
    void setsStatusPriorityTypeTeamAssigneeAndField() {
        Ticket t = withRule("""
                - set_status: OPEN
                - set_priority: urgent
                - set_type: incident
                - set_team: after-sales
                - set_assignee: alice
                - set_field: { key: refund_amount, value: 19.9 }
                - set_field: { key: issues, value: [broken, late] }
                """);
        assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(t.priority()).isEqualTo(Priority.URGENT);
        assertThat(t.type()).contains("incident");
        assertThat(t.team()).contains(Fixtures.AFTER_SALES);
        assertThat(t.assignee()).contains(AgentId.of("alice"));
        assertThat(t.customFields().get("refund_amount")).isEqualTo(FieldValue.number(new java.math.BigDecimal("19.9")));
        assertThat(t.customFields().get("issues")).isEqualTo(FieldValue.choices("broken", "late"));
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).filteredOn(TicketEvent.PriorityChanged.class::isInstance)
                .singleElement().satisfies(e -> assertThat(e.actor().id()).isEqualTo("rules"));
    }

    @Test
    void addsAndRemovesTags() {
        Ticket t = withRule("""
                - add_tags: [a, b, c]
                - remove_tags: b
                """);
        assertThat(t.tags()).contains("a", "c").doesNotContain("b");
    }

    @Test
    void addsANoteAndATemplatedPlainTextReplyWithValuesVerbatim() {
        Ticket t = withRule("""
                - note: "Routed by {{rule.id}}"
                - reply: { template: ack }
                """);
        List<Message> messages = engine.tickets().messages(shop.admin, t.id());
        assertThat(messages).filteredOn(m -> m.visibility() == Visibility.INTERNAL).extracting(Message::text)
                .containsExactly("Routed by act");
        assertThat(messages).filteredOn(m -> m.visibility() == Visibility.PUBLIC && m.authorId().equals("rules"))
                .extracting(Message::text)
                .containsExactly("Hi Carol, we got " + t.number() + " about <b>Parcel</b> & box (tier STANDARD).");
    }

    @Test
    void notifiesTheHostWithAnEvent() {
        Ticket t = withRule("""
                - notify: { topic: supervisor, attributes: { reason: "VIP waiting on {{ticket.number}}" } }
                """);
        TicketEvent.NotificationRequested n = engine.tickets().auditTrail(shop.admin, t.id()).stream()
                .filter(TicketEvent.NotificationRequested.class::isInstance).map(TicketEvent.NotificationRequested.class::cast)
                .findFirst().orElseThrow();
        assertThat(n.topic()).isEqualTo("supervisor");
        assertThat(n.attributes()).containsEntry("reason", "VIP waiting on " + t.number()).containsEntry("rule", "act")
                .containsEntry("number", t.number().toString());
    }

    @Test
    void applyingAnSlaPolicyReplacesTheOtherPolicyTag() {
        install("""
                rules:
                  - { id: std, on: [created], actions: [ { apply_sla: standard } ] }
                  - { id: vip, on: [created], when: { field: subject, op: contains, value: vip }, actions: [ { apply_sla: VIP-24x7 } ] }
                """);
        Ticket t = carolAsks("VIP order", "Hello");
        assertThat(t.tags()).contains("sla_policy:vip-24x7").doesNotContain("sla_policy:standard");
        Ticket u = carolAsks("normal order", "Hello");
        assertThat(u.tags()).contains("sla_policy:standard");
    }

    @Test
    void createsAChildTaskForAnotherTeam() {
        Ticket t = withRule("""
                - create_task: { team: warehouse, subject: "Check return for {{ticket.number}}", request: "Please confirm the parcel", priority: HIGH }
                """);
        List<dev.ticketkit.core.TicketId> children = t.linked(LinkType.CHILD);
        assertThat(children).hasSize(1);
        Ticket child = get(children.get(0));
        assertThat(child.team()).contains(Fixtures.WAREHOUSE);
        assertThat(child.subject()).isEqualTo("Check return for " + t.number());
        assertThat(child.priority()).isEqualTo(Priority.HIGH);
        assertThat(child.linked(LinkType.PARENT)).containsExactly(t.id());
        // the child ran the same created trigger, but a task made in this command makes no task itself
        assertThat(child.linked(LinkType.CHILD)).isEmpty();
    }

    @Test
    void escalationRaisesPriorityMovesTeamAndNotifies() {
        Ticket t = withRule("""
                - escalate: { raise_priority: true, team: finance, topic: escalation }
                """);
        assertThat(t.priority()).isEqualTo(Priority.HIGH);
        assertThat(t.team()).contains(Fixtures.FINANCE);
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).filteredOn(TicketEvent.NotificationRequested.class::isInstance)
                .singleElement().satisfies(e -> {
                    TicketEvent.NotificationRequested n = (TicketEvent.NotificationRequested) e;
                    assertThat(n.topic()).isEqualTo("escalation");
                    assertThat(n.attributes()).containsEntry("priority", "HIGH").containsEntry("team", "finance");
                });
    }

    @Test
    void stopEndsProcessingButFinishesItsOwnActions() {
        install("""
                rules:
                  - { id: first, on: [created], actions: [ { stop: true }, { add_tags: first } ] }
                  - { id: second, on: [created], actions: [ { add_tags: second } ] }
                """);
        Ticket t = carolAsks("x", "y");
        assertThat(t.tags()).contains("first").doesNotContain("second");
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.fired()).containsExactly("first");
            assertThat(r.stopped()).isTrue();
        });
    }
}
