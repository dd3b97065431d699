package dev.ticketkit.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operator and the rule-specific fields, through the engine with the rules hook installed: each rule tags
 * the ticket when its condition holds, and real tickets show which held.
 */
class ConditionOperatorsTest extends RulesTestBase {

    @BeforeEach
    void rules() {
        install("""
                rules:
                  - { id: equals, when: { field: channel, op: equals, value: WECHAT }, actions: [ { add_tags: hit-equals } ] }
                  - { id: not-equals, when: { field: channel, op: not_equals, value: WECHAT }, actions: [ { add_tags: hit-not-equals } ] }
                  - { id: in, when: { field: customer.tier_name, op: in, value: [GOLD, VIP] }, actions: [ { add_tags: hit-in } ] }
                  - { id: not-in, when: { field: customer.tier_name, op: not_in, value: [GOLD, VIP] }, actions: [ { add_tags: hit-not-in } ] }
                  - { id: contains-set, when: { field: customer.tags, op: contains, value: vip }, actions: [ { add_tags: hit-contains-set } ] }
                  - { id: contains-text, when: { field: message.text, op: contains, value: REFUND }, actions: [ { add_tags: hit-contains-text } ] }
                  - { id: not-contains, when: { field: text, op: not_contains, value: refund }, actions: [ { add_tags: hit-not-contains } ] }
                  - { id: starts-with, when: { field: subject, op: starts_with, value: "urgent:" }, actions: [ { add_tags: hit-starts-with } ] }
                  - { id: matches, when: { field: message.text, op: matches, value: "SF\\\\d{10}" }, actions: [ { add_tags: hit-matches } ] }
                  - { id: gt, when: { field: customer.tier, op: gt, value: 2 }, actions: [ { add_tags: hit-gt } ] }
                  - { id: gte, when: { field: priority, op: gte, value: HIGH }, actions: [ { add_tags: hit-gte } ] }
                  - { id: lt, when: { field: customer.tier, op: lt, value: 1 }, actions: [ { add_tags: hit-lt } ] }
                  - { id: lte, when: { field: field.refund_amount, op: lte, value: 100 }, actions: [ { add_tags: hit-lte } ] }
                  - { id: is-set, when: { field: field.order_type, op: is_set }, actions: [ { add_tags: hit-is-set } ] }
                  - { id: not-set, when: { field: assignee, op: not_set }, actions: [ { add_tags: hit-not-set } ] }
                  - { id: instant, when: { field: created_at, op: gte, value: "2026-11-11T00:00:00Z" }, actions: [ { add_tags: hit-instant } ] }
                  - id: chinese-customer
                    when: { all: [ { field: message.author, op: equals, value: customer }, { field: message.language, op: equals, value: zh } ] }
                    actions: [ { add_tags: hit-zh } ]
                  - id: identities
                    when: { field: customer.identities, op: contains, value: WECHAT_OPENID }
                    actions: [ { add_tags: hit-identity } ]
                  - id: nested
                    when:
                      all:
                        - any: [ { field: channel, op: equals, value: EMAIL }, { field: customer.tier, op: gte, value: 3 } ]
                        - not: { field: tags, op: contains, value: no-nested }
                    actions: [ { add_tags: hit-nested } ]
                  - id: order
                    when: { all: [ { field: order.logistics_delayed, op: equals, value: true }, { field: order.amount, op: gt, value: 500 }, { field: order.status, op: equals, value: SHIPPED } ] }
                    actions: [ { add_tags: hit-order } ]
                  - { id: event, on: [message_added], when: { field: event, op: contains, value: message_added }, actions: [ { add_tags: hit-event } ] }
                  - { id: changed, on: [updated], when: { field: priority, op: changed }, actions: [ { add_tags: hit-changed } ] }
                  - { id: changed-to, on: [updated], when: { field: status, op: changed_to, value: PENDING }, actions: [ { add_tags: hit-changed-to } ] }
                  - { id: changed-from, on: [updated], when: { field: status, op: changed_from, value: PENDING }, actions: [ { add_tags: hit-changed-from } ] }
                  - { id: elapsed, on: [updated], when: { field: elapsed.since_created, op: gte, value: 2h }, actions: [ { add_tags: hit-elapsed } ] }
                  - { id: elapsed-short, on: [updated], when: { field: elapsed.since_created, op: lt, value: 2h }, actions: [ { add_tags: hit-elapsed-short } ] }
                """);
    }

    @Test
    void aVipWeChatTicketInChinese() {
        orderFacts = Map.of("logistics_delayed", true, "amount", new BigDecimal("899.00"), "status", "SHIPPED");
        Ticket t = daveAsks("Urgent: 快递还没到", "我的快递SF1234567890还没到，要退款 refund");
        assertThat(t.tags()).contains("hit-equals", "hit-in", "hit-contains-set", "hit-contains-text", "hit-starts-with",
                        "hit-matches", "hit-gt", "hit-not-set", "hit-instant", "hit-zh", "hit-identity", "hit-nested",
                        "hit-order", "hit-event")
                .doesNotContain("hit-not-equals", "hit-not-in", "hit-not-contains", "hit-lt", "hit-gte", "hit-lte",
                        "hit-is-set", "hit-changed", "hit-changed-to", "hit-changed-from", "hit-elapsed", "hit-elapsed-short");
    }

    @Test
    void aStandardEmailTicketInEnglish() {
        orderFacts = Map.of("logistics_delayed", false, "amount", 900, "status", "SHIPPED");
        Ticket t = carolAsks("Where is my parcel?", "Ordered on Monday, nothing yet");
        assertThat(t.tags()).contains("hit-not-equals", "hit-not-in", "hit-not-contains", "hit-lt", "hit-not-set",
                        "hit-nested", "hit-event", "hit-instant")
                .doesNotContain("hit-equals", "hit-in", "hit-contains-set", "hit-contains-text", "hit-starts-with",
                        "hit-matches", "hit-gt", "hit-zh", "hit-identity", "hit-order", "hit-is-set", "hit-lte");
    }

    @Test
    void customFieldsAndPriority() {
        Ticket t = carolAsks("Refund please", "It broke");
        engine.tickets().update(shop.admin, t.id(), dev.ticketkit.core.TicketUpdate.builder()
                .field("refund_amount", FieldValue.number(80)).field("order_type", FieldValue.choice("aftersale"))
                .priority(Priority.HIGH).build());
        assertThat(get(t.id()).tags()).contains("hit-lte", "hit-is-set", "hit-gte", "hit-changed");
    }

    @Test
    void changedToAndFromSeeOnlyThisCommandsChanges() {
        Ticket t = carolAsks("Parcel", "Where is it?");
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("Checking"));
        Ticket pending = engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.PENDING);
        assertThat(pending.tags()).contains("hit-changed-to").doesNotContain("hit-changed-from", "hit-changed");
        engine.tickets().untag(shop.admin, t.id(), "hit-changed-to");
        assertThat(get(t.id()).tags()).doesNotContain("hit-changed-to"); // no status change in that command
        Ticket open = engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.OPEN);
        assertThat(open.tags()).contains("hit-changed-from").doesNotContain("hit-changed-to");
    }

    @Test
    void elapsedTimeIsMeasuredAtTheCommand() {
        Ticket t = carolAsks("Parcel", "Where is it?");
        engine.tickets().tag(shop.admin, t.id(), "first");
        assertThat(get(t.id()).tags()).contains("hit-elapsed-short").doesNotContain("hit-elapsed");
        clock.advance(Duration.ofHours(2));
        engine.tickets().tag(shop.admin, t.id(), "second");
        assertThat(get(t.id()).tags()).contains("hit-elapsed");
    }
}
