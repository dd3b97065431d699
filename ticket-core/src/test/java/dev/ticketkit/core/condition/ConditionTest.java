package dev.ticketkit.core.condition;

import static dev.ticketkit.core.condition.Condition.all;
import static dev.ticketkit.core.condition.Condition.any;
import static dev.ticketkit.core.condition.Condition.not;
import static dev.ticketkit.core.condition.Condition.where;
import static dev.ticketkit.core.condition.Operator.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Regex;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private static final Instant T0 = Instant.parse("2026-11-11T00:00:00Z");
    private static final TenantId TENANT = TenantId.of("shop-1");

    private static Ticket ticket(Priority priority, TicketStatus status, Set<String> tags) {
        return Ticket.builder()
                .id(TicketId.of(UUID.fromString("0190a000-0000-7000-8000-000000000001")))
                .tenantId(TENANT)
                .number(TicketNumber.of("TK", 42))
                .subject("Where is my parcel? 包裹在哪里")
                .status(status)
                .priority(priority)
                .type("question")
                .channel(Channel.EMAIL)
                .requester(CustomerId.of(UUID.fromString("0190a000-0000-7000-8000-000000000002")))
                .assignee(AgentId.of("alice"))
                .team(TeamId.of("after-sales"))
                .tags(tags)
                .customFields(Map.of("order_amount", FieldValue.number(new BigDecimal("199.50")),
                        "gift", FieldValue.bool(true), "reason", FieldValue.choice("damaged")))
                .orders(List.of())
                .links(List.of())
                .createdAt(T0)
                .updatedAt(T0.plusSeconds(60))
                .statusChangedAt(T0.plusSeconds(60))
                .version(3)
                .build();
    }

    private static Customer customer(MemberTier tier) {
        return new Customer(CustomerId.of(UUID.fromString("0190a000-0000-7000-8000-000000000002")), TENANT, "Carol",
                tier, List.of(ChannelIdentity.verified(IdentityType.EMAIL, "carol@example.com")), Set.of("wholesale"),
                T0, 1);
    }

    private static Facts map(Map<String, Object> values) {
        return values::get;
    }

    private static final TicketFacts VIP_URGENT =
            TicketFacts.of(ticket(Priority.URGENT, TicketStatus.OPEN, Set.of("vip", "category:logistics")), customer(MemberTier.VIP));
    private static final TicketFacts STANDARD_LOW =
            TicketFacts.of(ticket(Priority.LOW, TicketStatus.PENDING, Set.of()), customer(MemberTier.STANDARD));

    private static Condition bound(Condition c) {
        return Conditions.bind(c, TicketFacts.SCHEMA);
    }

    @Test
    void equalityOnEnumsTextAndIds() {
        assertThat(bound(where("priority", EQUALS, "urgent")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("priority", EQUALS, "URGENT")).test(STANDARD_LOW)).isFalse();
        assertThat(bound(where("status", NOT_EQUALS, "CLOSED")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("channel", EQUALS, "EMAIL")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("channel", EQUALS, "email")).test(VIP_URGENT)).as("text equality is exact").isFalse();
        assertThat(bound(where("team", EQUALS, "after-sales")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("assignee", EQUALS, "alice")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("number", EQUALS, "TK-000042")).test(VIP_URGENT)).isTrue();
    }

    @Test
    void orderingOnEnumsNumbersInstantsAndDurations() {
        assertThat(bound(where("priority", GREATER_OR_EQUAL, "HIGH")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("priority", GREATER_OR_EQUAL, "HIGH")).test(STANDARD_LOW)).isFalse();
        assertThat(bound(where("priority", LESS_THAN, "NORMAL")).test(STANDARD_LOW)).isTrue();
        assertThat(bound(where("customer.tier", GREATER_OR_EQUAL, 3)).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("customer.tier", GREATER_THAN, 0)).test(STANDARD_LOW)).isFalse();
        assertThat(bound(where("created_at", LESS_THAN, "2026-11-11T00:00:01Z")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("created_at", GREATER_THAN, "2026-11-11T00:00:00Z")).test(VIP_URGENT)).isFalse();
        assertThat(bound(where("field.order_amount", GREATER_THAN, 199)).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("field.order_amount", LESS_OR_EQUAL, "199.5")).test(VIP_URGENT)).isTrue();

        FieldSchema withDuration = FieldSchema.builder().field("elapsed.since_created", ValueKind.DURATION).build();
        Facts pending = map(Map.of("elapsed.since_created", Duration.ofHours(73)));
        assertThat(Conditions.bind(where("elapsed.since_created", GREATER_OR_EQUAL, "72h"), withDuration).test(pending)).isTrue();
        assertThat(Conditions.bind(where("elapsed.since_created", GREATER_OR_EQUAL, "P4D"), withDuration).test(pending)).isFalse();
        assertThat(Conditions.bind(where("elapsed.since_created", LESS_THAN, "3d1h30m"), withDuration).test(pending)).isTrue();
    }

    @Test
    void setsTextAndRegex() {
        assertThat(bound(where("tags", CONTAINS, "vip")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("tags", CONTAINS, "vi")).test(VIP_URGENT)).as("set membership is exact").isFalse();
        assertThat(bound(where("tags", NOT_CONTAINS, "vip")).test(STANDARD_LOW)).isTrue();
        assertThat(bound(where("tags", IN, List.of("spam", "category:logistics"))).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("tags", NOT_IN, List.of("spam"))).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("subject", CONTAINS, "PARCEL")).test(VIP_URGENT)).as("text contains ignores case").isTrue();
        assertThat(bound(where("subject", CONTAINS, "包裹")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("subject", STARTS_WITH, "where")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("channel", STARTS_WITH, "E")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("subject", MATCHES, "(?i)parcel|包裹")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("subject", MATCHES, "^refund")).test(VIP_URGENT)).isFalse();
        assertThat(bound(where("status", IN, List.of("NEW", "OPEN"))).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("status", IN, List.of("new", "open"))).test(STANDARD_LOW)).isFalse();
        assertThat(bound(where("field.reason", EQUALS, "damaged")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("field.gift", EQUALS, true)).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("customer.identities", CONTAINS, "EMAIL")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("customer.tags", CONTAINS, "wholesale")).test(VIP_URGENT)).isTrue();
    }

    @Test
    void isSetAndUnsetValues() {
        assertThat(bound(where("type", IS_SET)).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("due_at", IS_SET)).test(VIP_URGENT)).isFalse();
        assertThat(bound(where("due_at", NOT_SET)).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("tags", IS_SET)).test(STANDARD_LOW)).isFalse();
        assertThat(bound(where("field.missing", IS_SET)).test(VIP_URGENT)).isFalse();
        // unset values are never equal, always "not equal", never ordered
        assertThat(bound(where("field.missing", EQUALS, "x")).test(VIP_URGENT)).isFalse();
        assertThat(bound(where("field.missing", NOT_EQUALS, "x")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("due_at", LESS_THAN, "2030-01-01T00:00:00Z")).test(VIP_URGENT)).isFalse();
        TicketFacts noCustomer = TicketFacts.of(ticket(Priority.LOW, TicketStatus.NEW, Set.of()), null);
        assertThat(bound(where("customer.tier", GREATER_OR_EQUAL, 0)).test(noCustomer)).isFalse();
    }

    @Test
    void combinatorsNest() {
        Condition c = bound(all(
                where("priority", GREATER_OR_EQUAL, "HIGH"),
                any(where("tags", CONTAINS, "vip"), where("customer.tier", GREATER_OR_EQUAL, 3)),
                not(where("status", IN, List.of("SOLVED", "CLOSED")))));
        assertThat(c.test(VIP_URGENT)).isTrue();
        assertThat(c.test(STANDARD_LOW)).isFalse();
        assertThat(Condition.always().test(STANDARD_LOW)).isTrue();
        assertThat(Condition.any().test(STANDARD_LOW)).isFalse();
        assertThat(c.fields()).containsExactly("priority", "tags", "customer.tier", "status");
        assertThat(c.describe()).isEqualTo(
                "all(priority gte HIGH, any(tags contains \"vip\", customer.tier gte 3), not(status in [SOLVED, CLOSED]))");
    }

    @Test
    void changedOperatorsUseTheTicketBeforeTheCommand() {
        Ticket before = ticket(Priority.NORMAL, TicketStatus.OPEN, Set.of());
        Ticket after = before.toBuilder().priority(Priority.URGENT).status(TicketStatus.PENDING).build();
        TicketFacts facts = TicketFacts.of(after, null, before);
        assertThat(bound(where("priority", CHANGED)).test(facts)).isTrue();
        assertThat(bound(where("priority", CHANGED_TO, "URGENT")).test(facts)).isTrue();
        assertThat(bound(where("priority", CHANGED_FROM, "NORMAL")).test(facts)).isTrue();
        assertThat(bound(where("priority", CHANGED_FROM, "LOW")).test(facts)).isFalse();
        assertThat(bound(where("team", CHANGED)).test(facts)).isFalse();
        assertThat(bound(where("status", CHANGED_TO, "PENDING")).test(facts)).isTrue();

        TicketFacts created = TicketFacts.of(after, null, null);
        assertThat(bound(where("priority", CHANGED_TO, "URGENT")).test(created)).as("a new ticket: set fields changed").isTrue();
        assertThat(bound(where("due_at", CHANGED)).test(created)).as("unset before and after").isFalse();

        assertThat(bound(where("priority", CHANGED)).test(TicketFacts.of(after, null)))
                .as("without history nothing counts as changed").isFalse();
    }

    @Test
    void parsesTreesAsJsonAndYamlProduceThem() {
        Map<String, Object> tree = Map.of("all", List.of(
                Map.of("field", "priority", "op", "gte", "value", "HIGH"),
                Map.of("any", List.of(
                        Map.of("field", "tags", "op", "contains", "value", "vip"),
                        Map.of("not", Map.of("field", "channel", "op", "starts_with", "value", "W")))),
                Map.of("field", "type", "op", "is_set"),
                Map.of("field", "status", "op", "in", "value", List.of("NEW", "OPEN"))));
        Condition c = Conditions.parse(tree, TicketFacts.SCHEMA, "when");
        assertThat(c.test(VIP_URGENT)).isTrue();
        assertThat(c.test(STANDARD_LOW)).isFalse();
        // single value for in is accepted as a one-element list
        assertThat(Conditions.parse(Map.of("field", "status", "op", "in", "value", "OPEN"), TicketFacts.SCHEMA, "")
                .test(VIP_URGENT)).isTrue();
    }

    @Test
    void mistakesNameTheirPath() {
        assertError(Map.of("all", List.of(Map.of("field", "priority", "op", "gte", "value", "HIGH"),
                        Map.of("field", "priority", "op", "equalz", "value", "HIGH"))),
                "rules[3].when.all[1].op: unknown operator \"equalz\"");
        assertError(Map.of("field", "prio", "op", "equals", "value", "HIGH"), "rules[3].when.field: unknown field \"prio\"");
        assertError(Map.of("field", "priority", "op", "equals", "value", "HIHG"),
                "rules[3].when.value: \"HIHG\" is not one of LOW, NORMAL, HIGH, URGENT");
        assertError(Map.of("field", "priority", "op", "contains", "value", "HIGH"),
                "rules[3].when.op: operator \"contains\" does not apply to priority (enum)");
        assertError(Map.of("field", "subject", "op", "matches", "value", "(unclosed"),
                "rules[3].when.value: bad regular expression: missing closing )");
        assertError(Map.of("field", "customer.tier", "op", "gte", "value", "diamond"),
                "rules[3].when.value: expected a number or one of STANDARD, SILVER, GOLD, VIP for customer.tier, got text \"diamond\"");
        assertError(Map.of("field", "order_count", "op", "gte", "value", "VIP"),
                "rules[3].when.value: expected a number for order_count, got text \"VIP\"");
        assertError(Map.of("field", "created_at", "op", "gt", "value", "yesterday"),
                "rules[3].when.value: expected an ISO-8601 instant such as 2026-11-11T00:00:00Z for created_at");
        assertError(Map.of("field", "subject", "op", "contains"), "rules[3].when.value: missing");
        assertError(Map.of("field", "type", "op", "is_set", "value", "x"), "rules[3].when.value: operator \"is_set\" takes no value");
        assertError(Map.of("field", "status", "op", "in", "value", List.of()), "rules[3].when.value: must list at least one value");
        assertError(Map.of("field", "status", "op", "in", "value", List.of("OPEN", "DONE")),
                "rules[3].when.value[1]: \"DONE\" is not one of NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED");
        Map<String, Object> extraKey = new LinkedHashMap<>();
        extraKey.put("field", "type");
        extraKey.put("op", "is_set");
        extraKey.put("valeu", 1);
        assertError(extraKey, "rules[3].when.valeu: unknown key \"valeu\"");
        assertError(Map.of("any", "oops"), "rules[3].when.any: expected a list of conditions, got text \"oops\"");
        assertError(List.of(), "rules[3].when: expected a condition (a map with all/any/not or field/op/value), got a list");
        Map<String, Object> mixed = new HashMap<>();
        mixed.put("all", List.of());
        mixed.put("field", "type");
        assertThatThrownBy(() -> Conditions.parse(mixed, TicketFacts.SCHEMA, "rules[3].when"))
                .isInstanceOf(ConditionException.class).hasMessageContaining("rules[3].when.all: unknown key \"all\"");
    }

    @Test
    void matchesRunsInLinearTimeOnCatastrophicPatterns() {
        // the JDK engine backtracks for minutes on these; the condition must answer inside the command at once
        Map<String, String> cases = Map.of(
                "(.*a){10}x", "a".repeat(64),
                "(a+)+b", "a".repeat(64),
                "(a|aa)+c", "a".repeat(64),
                "^(\\w+\\s?)*$", "word ".repeat(12) + "!");
        cases.forEach((re, text) -> {
            Condition c = bound(where("subject", MATCHES, re));
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(c.test(map(Map.of("subject", text)))).isFalse(), re);
            Condition parsed = Conditions.parse(Map.of("field", "field.note", "op", "matches", "value", re), TicketFacts.SCHEMA, "");
            assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> assertThat(parsed.test(map(Map.of("field.note", List.of("!", text))))).isFalse(), re);
        });
    }

    @Test
    void patternsRe2CannotRunAreLoadErrorsWithTheirPath() {
        Map<String, Object> ok = Map.of("field", "priority", "op", "gte", "value", "HIGH");
        assertError(Map.of("all", List.of(ok, Map.of("field", "subject", "op", "matches", "value", "(?<![A-Z])\\d{6}"))),
                "rules[3].when.all[1].value: bad regular expression: lookbehind (?<= or (?<! is not supported");
        assertError(Map.of("any", List.of(ok, Map.of("not", Map.of("field", "subject", "op", "regex", "value", "(\\w)\\1")))),
                "rules[3].when.any[1].not.value: bad regular expression: backreferences such as \\1 are not supported");
        assertError(Map.of("field", "subject", "op", "matches", "value", "((a{1000}){1000}){1000}"),
                "rules[3].when.value: regular expression too large");
        // built in code: the same problem, at build time
        assertThatThrownBy(() -> where("subject", MATCHES, "refund(?!ed)")).isInstanceOf(ConditionException.class)
                .hasMessageStartingWith("value: bad regular expression: lookahead (?= or (?! is not supported");
        assertThatThrownBy(() -> where("subject", MATCHES, java.util.regex.Pattern.compile("(?<=#)\\d+")))
                .isInstanceOf(ConditionException.class).hasMessageContaining("lookbehind");
        assertThatThrownBy(() -> where("subject", MATCHES, 42)).isInstanceOf(ConditionException.class)
                .hasMessage("value: operator \"matches\" needs a regular expression");
    }

    @Test
    void matchesTakesStringsRegexesAndJdkPatternsWithTheirFlags() {
        assertThat(bound(where("subject", MATCHES, Regex.of("包裹"))).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("subject", MATCHES, java.util.regex.Pattern.compile("PARCEL",
                java.util.regex.Pattern.CASE_INSENSITIVE))).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("subject", MATCHES, java.util.regex.Pattern.compile("PARCEL"))).test(VIP_URGENT)).isFalse();
        assertThatThrownBy(() -> where("subject", MATCHES, java.util.regex.Pattern.compile("a b", java.util.regex.Pattern.COMMENTS)))
                .isInstanceOf(ConditionException.class).hasMessageContaining("pass the expression as a String");
        assertThat(bound(where("subject", MATCHES, "(?i)parcel")).describe()).isEqualTo("subject matches /(?i)parcel/");
    }

    @Test
    void customerTierAcceptsALevelOrABuiltInTierName() {
        assertThat(bound(where("customer.tier", GREATER_OR_EQUAL, "VIP")).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("customer.tier", GREATER_OR_EQUAL, "vip")).test(STANDARD_LOW)).isFalse();
        assertThat(bound(where("customer.tier", EQUALS, " Standard ")).test(STANDARD_LOW)).isTrue();
        assertThat(bound(where("customer.tier", IN, List.of("gold", "VIP"))).test(VIP_URGENT)).isTrue();
        assertThat(bound(where("customer.tier", LESS_THAN, "silver")).test(STANDARD_LOW)).isTrue();
        assertThat(bound(where("customer.tier", GREATER_OR_EQUAL, "VIP")).describe()).isEqualTo("customer.tier gte 3");
        // a MemberTier in code stands for its level, bound or not
        assertThat(bound(where("customer.tier", GREATER_OR_EQUAL, MemberTier.GOLD)).test(VIP_URGENT)).isTrue();
        assertThat(where("customer.tier", GREATER_OR_EQUAL, MemberTier.VIP).test(VIP_URGENT)).isTrue();
        assertThat(where("customer.tier", GREATER_OR_EQUAL, MemberTier.VIP).test(STANDARD_LOW)).isFalse();
        // from a tree as JSON/YAML give it
        Condition parsed = Conditions.parse(Map.of("field", "customer.tier", "op", "gte", "value", "Gold"), TicketFacts.SCHEMA, "when");
        assertThat(parsed.test(VIP_URGENT)).isTrue();
        assertThat(parsed.test(STANDARD_LOW)).isFalse();
        assertThat(Conditions.parse(Map.of("field", "customer.tier", "op", "gte", "value", 3), TicketFacts.SCHEMA, "when")
                .test(VIP_URGENT)).isTrue();
        assertThatThrownBy(() -> Conditions.bind(where("customer.tier", GREATER_OR_EQUAL, "platinum"), TicketFacts.SCHEMA))
                .isInstanceOf(ConditionException.class)
                .hasMessage("value: expected a number or one of STANDARD, SILVER, GOLD, VIP for customer.tier, got text \"platinum\"");
    }

    @Test
    void namedValuesBelongToNumberFieldsOnly() {
        assertThatThrownBy(() -> new FieldSpec("x", ValueKind.TEXT, List.of(), Map.of("a", BigDecimal.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldSpec.ofNumber("x", Map.of(" ", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(FieldSpec.ofNumber("size", Map.of("large", 3)).namedValue("LARGE")).contains(new BigDecimal(3));
    }

    @Test
    void numbersAreShownPlainInExplanationsAndDescriptions() {
        Ticket t = ticket(Priority.LOW, TicketStatus.OPEN, Set.of()).toBuilder()
                .customFields(Map.of("amount", FieldValue.number(20), "rate", FieldValue.number(new BigDecimal("0.0010")))).build();
        TicketFacts facts = TicketFacts.of(t, null);
        Conditions.Explanation e = Conditions.explain(bound(all(where("field.amount", GREATER_THAN, new BigDecimal("2E+1")),
                where("field.rate", EQUALS, 0.001))), facts);
        assertThat(e.render()).isEqualTo("""
                ✗ all
                  ✗ field.amount gt 20 (was 20)
                  ✓ field.rate equals 0.001 (was 0.001)
                """);
    }

    private static void assertError(Object tree, String message) {
        assertThatThrownBy(() -> Conditions.parse(tree, TicketFacts.SCHEMA, "rules[3].when"))
                .isInstanceOf(ConditionException.class)
                .isInstanceOf(TicketValidationException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void codeBuiltConditionsAreCheckedWhenBound() {
        assertThatThrownBy(() -> Conditions.bind(all(where("priority", EQUALS, "HIGH"), where("nope", IS_SET)), TicketFacts.SCHEMA))
                .isInstanceOf(ConditionException.class)
                .hasMessage("all[1].field: unknown field \"nope\"")
                .extracting(e -> ((ConditionException) e).path()).isEqualTo("all[1].field");
        assertThatThrownBy(() -> where("subject", MATCHES, "[")).isInstanceOf(ConditionException.class);
        assertThatThrownBy(() -> where("subject", CONTAINS, null)).isInstanceOf(ConditionException.class);
        assertThatThrownBy(() -> where("subject", IS_SET, "x")).isInstanceOf(ConditionException.class);
        // unbound conditions still evaluate, comparing by the run-time type
        assertThat(where("priority", GREATER_THAN, "LOW").test(map(Map.of("priority", Priority.HIGH)))).isTrue();
        assertThat(where("n", GREATER_THAN, 2).test(map(Map.of("n", 3L)))).isTrue();
    }

    @Test
    void explainTellsWhichTestFailed() {
        Condition c = bound(all(where("priority", GREATER_OR_EQUAL, "HIGH"), where("tags", CONTAINS, "vip")));
        Conditions.Explanation ok = Conditions.explain(c, VIP_URGENT);
        assertThat(ok.result()).isTrue();
        assertThat(ok.firstFailure()).isEmpty();

        Conditions.Explanation failed = Conditions.explain(c, STANDARD_LOW);
        assertThat(failed.result()).isFalse();
        assertThat(failed.firstFailure()).get().satisfies(f -> {
            assertThat(f.condition().describe()).isEqualTo("priority gte HIGH");
            assertThat(f.actual()).isEqualTo("LOW");
        });
        assertThat(failed.render()).isEqualTo("""
                ✗ all
                  ✗ priority gte HIGH (was LOW)
                  ✗ tags contains "vip" (was [])
                """);
        Conditions.Explanation negated = Conditions.explain(bound(not(where("priority", EQUALS, "URGENT"))), VIP_URGENT);
        assertThat(negated.result()).isFalse();
        assertThat(negated.firstFailure()).get().extracting(e -> e.condition().describe()).isEqualTo("not(priority equals URGENT)");
    }

    @Test
    void operatorNamesAndAliases() {
        for (Operator op : Operator.values()) {
            assertThat(Operator.of(op.symbol())).contains(op);
        }
        assertThat(Operator.of(">=")).contains(GREATER_OR_EQUAL);
        assertThat(Operator.of("regex")).contains(MATCHES);
        assertThat(Operator.of("EQUALS")).contains(EQUALS);
        assertThat(Operator.of("equalz")).isEmpty();
        assertThat(Operator.of(null)).isEmpty();
    }

    @Test
    void schemaPrefixesAndComposition() {
        FieldSchema rules = FieldSchema.builder().include(TicketFacts.SCHEMA).field("message.text", ValueKind.TEXT)
                .prefix("order.", ValueKind.ANY).build();
        assertThat(rules.find("order.status")).get().extracting(FieldSpec::kind).isEqualTo(ValueKind.ANY);
        assertThat(rules.find("order.")).isEmpty();
        assertThat(rules.find("priority")).isPresent();
        assertThat(rules.names()).contains("message.text", "priority");
        assertThat(rules.prefixes()).containsExactly("field.", "order.");
    }
}
