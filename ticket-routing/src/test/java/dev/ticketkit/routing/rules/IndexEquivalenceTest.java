package dev.ticketkit.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.condition.Condition;
import dev.ticketkit.core.condition.Facts;
import dev.ticketkit.core.condition.Operator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The trigger index must never change an outcome: on random rule sets and random facts (including values of
 * unexpected types and case variants), the indexed evaluation matches exactly the triggers a plain scan
 * over every condition matches, in the same order.
 */
class IndexEquivalenceTest {
    private static final String[] CHANNELS = {"EMAIL", "email", "Email", "WECHAT", "WEB_CHAT", "JD", "TAOBAO", "E", "", "ÉCOLE", "straße"};
    private static final String[] CATEGORIES = {"logistics", "refund", "quality", "42", "true", "Refund", "exchange"};
    private static final String[] TAGS = {"vip", "urgent", "category:refund", "category:logistics", "lang:zh", "VIP"};
    private static final String[] PRIORITIES = {"LOW", "NORMAL", "HIGH", "URGENT", "high"};

    private final Random random = new Random(20261111L);

    private Object pick(Object[] a) {
        return a[random.nextInt(a.length)];
    }

    private Condition test() {
        switch (random.nextInt(12)) {
            case 0: return Condition.where("channel", Operator.EQUALS, pick(CHANNELS));
            case 1: return Condition.where("channel", Operator.IN, List.of(pick(CHANNELS), pick(CHANNELS)));
            case 2: {
                String c = (String) pick(CHANNELS);
                return Condition.where("channel", Operator.STARTS_WITH, c.substring(0, Math.min(c.length(), random.nextInt(3))));
            }
            case 3: return Condition.where("customer.tier", pick(new Object[] {Operator.GREATER_OR_EQUAL, Operator.LESS_THAN, Operator.EQUALS}) instanceof Operator o ? o : Operator.EQUALS, random.nextInt(4));
            case 4: return Condition.where("customer.tier", Operator.IN, List.of(random.nextInt(4), new BigDecimal("2.0")));
            case 5: return Condition.where("priority", random.nextBoolean() ? Operator.EQUALS : Operator.GREATER_OR_EQUAL, pick(PRIORITIES));
            case 6: return Condition.where("tags", Operator.CONTAINS, pick(TAGS));
            case 7: return Condition.where("tags", random.nextBoolean() ? Operator.IN : Operator.NOT_IN, List.of(pick(TAGS), pick(TAGS)));
            case 8: return Condition.where("field.category", Operator.EQUALS, pick(CATEGORIES));
            case 9: return Condition.where("field.category", Operator.IN, List.of(pick(CATEGORIES), pick(CATEGORIES)));
            case 10: return Condition.where("channel", Operator.NOT_EQUALS, pick(CHANNELS));
            default: return Condition.where("field.category", Operator.CONTAINS, "fund");
        }
    }

    private Condition condition(int depth) {
        int k = depth > 1 ? 0 : random.nextInt(6);
        if (k == 0 || k == 1) {
            return test();
        }
        List<Condition> parts = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            parts.add(condition(depth + 1));
        }
        return switch (k) {
            case 2, 3 -> Condition.all(parts);
            case 4 -> Condition.any(parts);
            default -> Condition.not(parts.get(0));
        };
    }

    private Map<String, Object> facts() {
        Map<String, Object> m = new HashMap<>();
        m.put("channel", random.nextInt(10) == 0 ? null : pick(CHANNELS));
        m.put("customer.tier", pick(new Object[] {0, 1L, 2, 3, new BigDecimal("2.00"), 2.0d, "2", null}));
        m.put("priority", pick(PRIORITIES));
        Set<String> tags = new LinkedHashSet<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            tags.add((String) pick(TAGS));
        }
        m.put("tags", random.nextInt(15) == 0 ? "vip urgent" : tags);
        m.put("field.category", pick(new Object[] {"logistics", "refund", "Refund", 42, Boolean.TRUE, List.of("refund", "quality"), null, "42"}));
        return m;
    }

    @Test
    void indexedEvaluationMatchesAPlainScan() {
        int compared = 0;
        int matchedSomething = 0;
        for (int round = 0; round < 60; round++) {
            List<Trigger> triggers = new ArrayList<>();
            int n = 1 + random.nextInt(round % 3 == 0 ? 150 : 20);
            for (int i = 0; i < n; i++) {
                Set<RuleEvent> on = random.nextBoolean() ? Set.of(RuleEvent.CREATED) : EnumSet.of(RuleEvent.UPDATED, RuleEvent.SLA_BREACHED);
                triggers.add(new Trigger("r" + i, on, condition(0), List.of(new Action.AddTags(Set.of("x")))));
            }
            RuleSet set = RuleSet.of("random", triggers);
            for (int f = 0; f < 200; f++) {
                Map<String, Object> map = facts();
                Facts facts = map::get;
                Set<RuleEvent> events = random.nextBoolean() ? Set.of(RuleEvent.CREATED) : Set.of(RuleEvent.UPDATED);
                List<String> expected = new ArrayList<>();
                for (Trigger t : set.triggers()) {
                    if (t.on().stream().anyMatch(events::contains) && t.when().test(facts)) {
                        expected.add(t.id());
                    }
                }
                List<String> actual = new ArrayList<>();
                set.evaluate(facts, events, t -> {
                    actual.add(t.id());
                    return RuleSet.Flow.CHANGED;
                });
                assertThat(actual).as("facts %s", map).isEqualTo(expected);
                compared++;
                matchedSomething += expected.isEmpty() ? 0 : 1;
            }
        }
        assertThat(compared).isEqualTo(12_000);
        assertThat(matchedSomething).isGreaterThan(3_000); // the comparison is not vacuous
    }

    @Test
    void laterTriggersSeeChangesToIndexedFields() {
        Map<String, Object> map = new HashMap<>(Map.of("channel", "EMAIL", "priority", "NORMAL"));
        RuleSet set = RuleSet.of("chain", List.of(
                Trigger.of("raise", Condition.where("channel", Operator.EQUALS, "EMAIL"), new Action.SetPriority(dev.ticketkit.core.Priority.HIGH)),
                Trigger.of("high", Condition.where("priority", Operator.EQUALS, "HIGH"), new Action.AddTags(Set.of("h")))));
        List<String> fired = new ArrayList<>();
        set.evaluate(map::get, Set.of(RuleEvent.CREATED), t -> {
            fired.add(t.id());
            if (t.id().equals("raise")) {
                map.put("priority", "HIGH");
            }
            return RuleSet.Flow.CHANGED;
        });
        assertThat(fired).containsExactly("raise", "high");
    }
}
