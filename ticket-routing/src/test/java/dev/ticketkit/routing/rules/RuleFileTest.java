package dev.ticketkit.routing.rules;

import dev.ticketkit.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.Ticket;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Rule files in YAML and JSON: what loads, and mistakes reported with file, line, column and path. */
class RuleFileTest extends RulesTestBase {

    private static final String GOOD = """
            version: 1
            templates:
              ack: "Hi {{customer.name}}"
            rules:
              - id: vip
                description: VIP customers go to after-sales at high priority
                on: [created, message_added]
                when:
                  all:
                    - { field: customer.tier, op: gte, value: 3 }
                    - { field: channel, op: in, value: [WECHAT, EMAIL] }
                actions:
                  - set_team: after-sales
                  - set_priority: HIGH
                  - reply: { template: ack }
              - id: off
                enabled: false
                actions: [ { add_tags: never } ]
            """;

    private ConfigException loadError(String yaml) {
        ThrowingCallable load = () -> install(yaml);
        assertThatThrownBy(load).isInstanceOf(ConfigException.class).isInstanceOf(TicketValidationException.class);
        try {
            install(yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("unreachable");
    }

    @Test
    void aGoodFileLoadsAndDisabledRulesAreLeftOut() {
        RuleSet set = install(GOOD);
        assertThat(set.triggers()).extracting(Trigger::id).containsExactly("vip");
        assertThat(set.triggers().get(0).on()).containsExactlyInAnyOrder(RuleEvent.CREATED, RuleEvent.MESSAGE_ADDED);
        Ticket t = daveAsks("x", "y");
        assertThat(t.team()).contains(dev.ticketkit.testkit.Fixtures.AFTER_SALES);
    }

    @Test
    void theSameRulesLoadFromJson() {
        RuleSet set = rules.parse("rules.json", """
                {"rules": [{"id": "vip", "on": ["created"],
                  "when": {"all": [{"field": "customer.tier", "op": "gte", "value": 3}]},
                  "actions": [{"set_team": "after-sales"}, {"add_tags": ["vip", "fast"]}]}]}
                """);
        rules.replace(shop.tenant, set, DirectoryCheck.of(engine.directory(), shop.admin));
        assertThat(daveAsks("x", "y").tags()).contains("vip", "fast");
    }

    @Test
    void anUnknownOperatorNamesFileLineColumnAndPath() {
        ConfigException e = loadError("""
                rules:
                  - id: a
                    actions: [ { add_tags: x } ]
                  - id: b
                    when:
                      all:
                        - { field: priority, op: gte, value: HIGH }
                        - { field: channel, op: equalz, value: EMAIL }
                    actions: [ { add_tags: y } ]
                """);
        assertThat(e.getMessage()).isEqualTo("test-rules.yaml:8:33: rules[1].when.all[1].op: unknown operator \"equalz\"");
        assertThat(e.source()).isEqualTo("test-rules.yaml");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.column()).isEqualTo(33);
        assertThat(e.path()).isEqualTo("rules[1].when.all[1].op");
    }

    @Test
    void anUnknownFieldIsALoadError() {
        ConfigException e = loadError("""
                rules:
                  - id: a
                    when: { field: customer.teir, op: gte, value: 3 }
                    actions: [ { add_tags: x } ]
                """);
        assertThat(e.getMessage()).isEqualTo("test-rules.yaml:3:20: rules[0].when.field: unknown field \"customer.teir\"");
    }

    @Test
    void aTypeMismatchIsALoadError() {
        ConfigException e = loadError("""
                rules:
                  - id: a
                    when:
                      field: customer.tier
                      op: gte
                      value: diamond
                    actions: [ { add_tags: x } ]
                """);
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.column()).isEqualTo(14);
        assertThat(e.path()).isEqualTo("rules[0].when.value");
        assertThat(e.problem()).isEqualTo(
                "expected a number or one of STANDARD, SILVER, GOLD, VIP for customer.tier, got text \"diamond\"");
        ConfigException notAList = loadError("""
                rules:
                  - id: a
                    actions: { add_tags: x }
                """);
        assertThat(notAList.getMessage()).isEqualTo("test-rules.yaml:3:14: rules[0].actions: expected a list, got a map");
        ConfigException badEnum = loadError("""
                rules:
                  - id: a
                    actions: [ { set_priority: HUGE } ]
                """);
        assertThat(badEnum.getMessage()).isEqualTo(
                "test-rules.yaml:3:32: rules[0].actions[0].set_priority: \"HUGE\" is not one of LOW, NORMAL, HIGH, URGENT");
    }

    @Test
    void aBadRegexIsALoadError() {
        ConfigException e = loadError("""
                rules:
                  - id: a
                    when: { field: subject, op: matches, value: "([unclosed" }
                    actions: [ { add_tags: x } ]
                """);
        assertThat(e.path()).isEqualTo("rules[0].when.value");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).startsWith("bad regular expression");
    }

    @Test
    void regexesRe2CannotRunAreLoadErrorsWithThePathOfTheRule() {
        ConfigException e = loadError("""
                rules:
                  - id: a
                    actions: [ { add_tags: x } ]
                  - id: sf-numbers
                    when:
                      all:
                        - { field: channel, op: equals, value: EMAIL }
                        - { field: message.text, op: matches, value: "(?<![A-Z])SF\\\\d{12}" }
                    actions: [ { add_tags: y } ]
                """);
        assertThat(e.path()).isEqualTo("rules[1].when.all[1].value");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.getMessage()).startsWith(
                "test-rules.yaml:8:54: rules[1].when.all[1].value: bad regular expression: lookbehind (?<= or (?<! is not supported");
        ConfigException backref = loadError("""
                automations:
                  - { id: p, status: PENDING, after: 72h, when: { field: subject, op: regex, value: "(\\\\w+) \\\\1" }, actions: [ { set_status: SOLVED } ] }
                """);
        assertThat(backref.path()).isEqualTo("automations[0].when.value");
        assertThat(backref.problem()).startsWith("bad regular expression: backreferences");
    }

    @Test
    void aCatastrophicRegexOnCustomerTextDoesNotFreezeTheCommand() {
        install("""
                rules:
                  - id: odd
                    on: [created]
                    when: { field: message.text, op: matches, value: "(.*a){10}x" }
                    actions: [ { add_tags: odd } ]
                  - id: nested
                    on: [created]
                    when: { field: text, op: matches, value: "(a|aa)+c" }
                    actions: [ { add_tags: nested } ]
                """);
        String text = "a".repeat(64);
        Ticket t = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2),
                () -> carolAsks("hello", text));
        assertThat(t.tags()).doesNotContain("odd", "nested");
        assertThat(carolAsks("hello", "a".repeat(10) + "x").tags()).contains("odd");
    }

    @Test
    void customerTierTakesATierNameInRuleFiles() {
        install("""
                rules:
                  - id: vip
                    when: { field: customer.tier, op: gte, value: vip }
                    actions: [ { add_tags: vip-desk } ]
                  - id: silver-or-gold
                    when: { field: customer.tier, op: in, value: [Silver, GOLD] }
                    actions: [ { add_tags: mid } ]
                """);
        assertThat(daveAsks("x", "y").tags()).contains("vip-desk").doesNotContain("mid");   // Dave is VIP
        assertThat(carolAsks("x", "y").tags()).doesNotContain("vip-desk", "mid");           // Carol is standard
        ConfigException e = loadError("""
                rules:
                  - id: a
                    when: { field: customer.tier, op: in, value: [GOLD, platinum] }
                    actions: [ { add_tags: x } ]
                """);
        assertThat(e.path()).isEqualTo("rules[0].when.value[1]");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).isEqualTo(
                "expected a number or one of STANDARD, SILVER, GOLD, VIP for customer.tier, got text \"platinum\"");
    }

    @Test
    void unknownKeysAreLoadErrorsAtEveryLevel() {
        assertThat(loadError("rulez: []\n").getMessage())
                .isEqualTo("test-rules.yaml:1:1: rulez: unknown key \"rulez\" (expected one of automations, calendar, customer_name_fallback, rules, templates, version)");
        assertThat(loadError("""
                rules:
                  - id: a
                    whn: { field: subject, op: is_set }
                    actions: [ { add_tags: x } ]
                """).getMessage()).startsWith("test-rules.yaml:3:5: rules[0].whn: unknown key \"whn\"");
        assertThat(loadError("""
                rules:
                  - id: a
                    actions: [ { add_tag: x } ]
                """).getMessage()).startsWith("test-rules.yaml:3:27: rules[0].actions[0].add_tag: unknown action \"add_tag\"");
        assertThat(loadError("""
                rules:
                  - id: a
                    when: { field: subject, op: is_set, vlaue: 1 }
                    actions: [ { add_tags: x } ]
                """).getMessage()).startsWith("test-rules.yaml:3:48: rules[0].when.vlaue: unknown key \"vlaue\"");
        assertThat(loadError("""
                rules:
                  - id: a
                    id: b
                    actions: [ { add_tags: x } ]
                """).getMessage()).startsWith("test-rules.yaml:3:5: rules[0].id: duplicate key \"id\"");
    }

    @Test
    void unknownTeamsAndAgentsAreLoadErrorsForTheTenant() {
        ConfigException team = loadError("""
                rules:
                  - id: a
                    actions:
                      - add_tags: x
                      - set_team: vip-desk
                """);
        assertThat(team.getMessage()).isEqualTo("test-rules.yaml:5:19: rules[0].actions[1].set_team: unknown team \"vip-desk\" in tenant shop-1");
        ConfigException agent = loadError("""
                automations:
                  - id: a
                    status: OPEN
                    after: 4h
                    actions: [ { set_assignee: mallory } ]
                """);
        assertThat(agent.getMessage()).isEqualTo("test-rules.yaml:5:32: automations[0].actions[0].set_assignee: unknown agent \"mallory\" in tenant shop-1");
        assertThat(rules.current(shop.tenant)).isEmpty(); // nothing was installed
    }

    @Test
    void otherMistakes() {
        assertThat(loadError("rules: [ { id: a, actions: [ { reply: \"{{> partial}}\" } ] } ]\n").problem())
                .contains("partials are not allowed");
        assertThat(loadError("rules: [ { id: a, actions: [ { reply: \"{{secret}}\" } ] } ]\n").problem())
                .contains("unknown placeholder \"secret\"");
        assertThat(loadError("rules: [ { id: a, actions: [ { reply: { template: nope } } ] } ]\n").problem())
                .isEqualTo("unknown template \"nope\"");
        assertThat(loadError("rules: [ { id: a, on: [created, tick], actions: [ { stop: true } ] } ]\n").path())
                .isEqualTo("rules[0].on[1]");
        assertThat(loadError("rules: [ { id: a, actions: [] } ]\n").problem()).isEqualTo("must list at least one action");
        assertThat(loadError("rules: [ { id: a, actions: [ {stop: true} ] }, { id: a, actions: [ {stop: true} ] } ]\n").problem())
                .isEqualTo("duplicate rule id \"a\"");
        assertThat(loadError("automations: [ { id: a, status: PENDING, after: soon, actions: [ {stop: true} ] } ]\n").path())
                .isEqualTo("automations[0].after");
        assertThat(loadError("automations: [ { id: a, status: PENDING, after: 2h, business_hours: true, actions: [ {stop: true} ] } ]\n")
                .problem()).isEqualTo("business hours are used but the file names no calendar");
        assertThat(loadError("calendar: nowhere\n").problem()).startsWith("unknown calendar \"nowhere\"");
        assertThat(loadError("rules: [ { id: a, actions: [ {stop: true} ] }\n").problem()).startsWith("not valid YAML: ");
        assertThat(loadError("").problem()).isEqualTo("the document is empty");
        ConfigException json = assertThrowsLoad(() -> rules.parse("r.json", "{\"rules\": [{\"id\": \"a\", \"actions\": [{\"set_status\": 3}]}]}"));
        assertThat(json.getMessage()).isEqualTo("r.json:1:51: rules[0].actions[0].set_status: \"3\" is not one of NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED");
    }

    private static ConfigException assertThrowsLoad(ThrowingCallable c) {
        try {
            c.call();
        } catch (ConfigException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected a ConfigException, got " + t, t);
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void explainTellsWhichRulesMatchAndWhichTestFailed() {
        install("""
                rules:
                  - id: vip
                    when: { all: [ { field: customer.tier, op: gte, value: 3 }, { field: channel, op: equals, value: WECHAT } ] }
                    actions: [ { add_tags: vip } ]
                  - id: email
                    when: { field: channel, op: equals, value: EMAIL }
                    actions: [ { add_tags: email } ]
                  - id: breach
                    on: [sla_breached]
                    actions: [ { escalate: { raise_priority: true } } ]
                """);
        Ticket t = carolAsks("Parcel", "Where is it?");
        RuleExplanation x = rules.explain(t, shop.carol, RuleEvent.CREATED);
        assertThat(x.matched()).containsExactly("email");
        assertThat(x.rules().get(0).failure()).contains("customer.tier gte 3 (was 0)");
        assertThat(x.rules().get(2).failure()).contains("does not listen to these events");
        assertThat(x.render()).contains("miss  rule vip -- customer.tier gte 3 (was 0)", "MATCH rule email",
                "✗ customer.tier gte 3 (was 0)", "✗ channel equals \"WECHAT\" (was EMAIL)");
        RuleExplanation sla = rules.explain(t, shop.carol, null, Set.of(RuleEvent.SLA_BREACHED), clock.instant());
        assertThat(sla.matched()).containsExactly("breach");
    }
}
