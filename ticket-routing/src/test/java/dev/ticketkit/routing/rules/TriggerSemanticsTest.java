package dev.ticketkit.routing.rules;

import dev.ticketkit.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.Message;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Order, visibility of earlier changes, at most once per command, chain bounds, isolation and tenancy. */
class TriggerSemanticsTest extends RulesTestBase {

    @Override
    protected RuleEngine.Builder configure(RuleEngine.Builder builder) {
        return builder.maxPasses(2).listener(run -> {
            throw new IllegalStateException("a broken listener");
        });
    }

    @Test
    void triggersRunInOrderAndLaterOnesSeeEarlierChanges() {
        install("""
                rules:
                  - { id: one, on: [created], actions: [ { set_priority: HIGH }, { note: "one" } ] }
                  - { id: two, on: [created], when: { field: priority, op: equals, value: HIGH }, actions: [ { add_tags: saw-high }, { note: "two" } ] }
                  - { id: three, on: [created], when: { field: tags, op: contains, value: saw-high }, actions: [ { set_team: finance }, { note: "three" } ] }
                """);
        Ticket t = carolAsks("x", "y");
        assertThat(t.priority()).isEqualTo(Priority.HIGH);
        assertThat(t.tags()).contains("saw-high");
        assertThat(t.team()).contains(Fixtures.FINANCE);
        assertThat(engine.tickets().messages(shop.admin, t.id())).filteredOn(m -> m.visibility() == Visibility.INTERNAL)
                .extracting(Message::text).containsExactly("one", "two", "three");
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.fired()).containsExactly("one", "two", "three");
            assertThat(r.passes()).isEqualTo(2); // the second pass finds nothing new
            assertThat(r.cut()).isEmpty();
        });
    }

    @Test
    void aTriggerFiresAtMostOncePerCommandEvenWhenItStillMatches() {
        install("""
                rules:
                  - { id: noisy, on: [created, updated], when: { field: subject, op: contains, value: help }, actions: [ { note: "noted" }, { add_tags: seen } ] }
                  - { id: flip, on: [created, updated], when: { field: tags, op: contains, value: seen }, actions: [ { remove_tags: seen } ] }
                """);
        Ticket t = carolAsks("help me", "please");
        assertThat(engine.tickets().messages(shop.admin, t.id())).filteredOn(m -> m.visibility() == Visibility.INTERNAL)
                .hasSize(1);
        engine.tickets().tag(shop.admin, t.id(), "again");  // a new command: fires once more
        assertThat(engine.tickets().messages(shop.admin, t.id())).filteredOn(m -> m.visibility() == Visibility.INTERNAL)
                .hasSize(2);
    }

    @Test
    void aChainLongerThanThePassLimitIsCutLoggedAndTheCommandCommits() {
        // each rule is enabled by the next one's tag, so each pass can fire only one more
        install("""
                rules:
                  - { id: d, on: [created], when: { field: tags, op: contains, value: c }, actions: [ { add_tags: d } ] }
                  - { id: c, on: [created], when: { field: tags, op: contains, value: b }, actions: [ { add_tags: c } ] }
                  - { id: b, on: [created], when: { field: tags, op: contains, value: a }, actions: [ { add_tags: b } ] }
                  - { id: a, on: [created], actions: [ { add_tags: a } ] }
                """);
        Ticket t = carolAsks("x", "y");
        assertThat(t.tags()).contains("a", "b").doesNotContain("c", "d");
        assertThat(get(t.id()).tags()).contains("a", "b"); // committed
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.fired()).containsExactly("a", "b");
            assertThat(r.cut()).containsExactly("c");
            assertThat(r.passes()).isEqualTo(2);
        });
    }

    @Test
    void aCutChainIsLoggedAtWarnNamingTheRulesAndTheCommandCommits() {
        install("""
                rules:
                  - { id: third, on: [created], when: { field: tags, op: contains, value: second }, actions: [ { add_tags: third } ] }
                  - { id: second, on: [created], when: { field: tags, op: contains, value: first }, actions: [ { add_tags: second } ] }
                  - { id: first, on: [created], actions: [ { add_tags: first } ] }
                """);
        Ticket[] t = new Ticket[1];
        String log = StderrLog.during(() -> t[0] = carolAsks("x", "y"));
        assertThat(log.lines().filter(l -> l.contains("rule chain cut")))
                .singleElement().asString()
                .contains("WARN", RulesHook.class.getName(), t[0].id().toString(), "after 2 passes",
                        "fired [first, second]", "still matching [third]");
        assertThat(get(t[0].id()).tags()).contains("first", "second").doesNotContain("third");
    }

    @Test
    void aFailingActionIsIsolatedAndTheOthersRun() {
        install("""
                rules:
                  - id: mixed
                    on: [created]
                    actions:
                      - add_tags: before
                      - reply: "{{order.missing}}"
                      - set_status: CLOSED
                      - set_field: { key: undefined_field, value: 1 }
                      - add_tags: after
                  - { id: next, on: [created], actions: [ { add_tags: next } ] }
                """);
        Ticket t = carolAsks("x", "y");
        assertThat(t.tags()).contains("before", "after", "next");
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.fired()).containsExactly("mixed", "next");
            assertThat(r.failures()).extracting(RuleRun.ActionFailure::action).containsExactly("reply", "set_status", "set_field");
            assertThat(r.failures()).allSatisfy(f -> assertThat(f.error()).doesNotContain("carol@example.com"));
        });
    }

    @Test
    void rulesOfOneTenantNeverRunForAnother() {
        install("""
                rules:
                  - { id: mark, on: [created], actions: [ { add_tags: shop-1-rule } ] }
                """);
        Fixtures other = Fixtures.create(engine, TenantId.of("shop-2"));
        Ticket theirs = other.carolAsks("x");
        assertThat(theirs.tags()).doesNotContain("shop-1-rule");
        Ticket ours = carolAsks("x", "y");
        assertThat(ours.tags()).contains("shop-1-rule");
        assertThat(rules.current(other.tenant)).isEmpty();
    }

    @Test
    void aRuleSetCanBeRemoved() {
        install("""
                rules:
                  - { id: mark, on: [created], actions: [ { add_tags: marked } ] }
                """);
        rules.remove(shop.tenant);
        assertThat(carolAsks("x", "y").tags()).doesNotContain("marked");
    }

    @Test
    void aBuilderRejectsBadAndRepeatedOptions() {
        RuleEngine.Builder b = RuleEngine.builder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.maxPasses(0)).isInstanceOf(IllegalArgumentException.class);
        b.maxPasses(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.maxPasses(4)).isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleEngine.builder().build().install(null))
                .isInstanceOf(NullPointerException.class);
        // the rules module is installed on one engine only
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TicketEngine.builder().module(rules).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already installed");
    }

    @Test
    void rulesBuiltInCodeAreCheckedAndRun() {
        RuleSet set = RuleSet.of("code", List.of(Trigger.of("vip",
                dev.ticketkit.core.condition.Condition.where("customer.tier", dev.ticketkit.core.condition.Operator.GREATER_OR_EQUAL, 3),
                new Action.SetPriority(Priority.URGENT))));
        rules.replace(shop.tenant, set);
        assertThat(daveAsks("x", "y").priority()).isEqualTo(Priority.URGENT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleSet.of("code", List.of(Trigger.of("bad",
                dev.ticketkit.core.condition.Condition.where("customer.teir", dev.ticketkit.core.condition.Operator.EQUALS, 3),
                new Action.Stop())))).isInstanceOf(ConfigException.class).hasMessageContaining("rules[0].when.field")
                .hasMessageContaining("unknown field \"customer.teir\"");
    }
}
