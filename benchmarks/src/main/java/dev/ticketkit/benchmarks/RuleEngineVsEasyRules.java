package dev.ticketkit.benchmarks;

import dev.ticketkit.core.condition.Facts;
import dev.ticketkit.routing.rules.Action;
import dev.ticketkit.routing.rules.RuleEngine;
import dev.ticketkit.routing.rules.RuleEvent;
import dev.ticketkit.routing.rules.RuleSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing one ticket through N rules with TicketKit's rule engine and with Easy Rules 4.1, in the same run.
 *
 * <p>Rule {@code i} of N is {@code category == C[i % 10] && tier >= i % 4 && channel starts with "E"} → set team
 * {@code team<i>}, with C ten e-commerce categories. Tickets come from a fixed-seed random mix of category,
 * tier 0–3 and channel (EMAIL, WECHAT, TAOBAO, JD, WEB); each operation routes the next ticket of 1,024.
 *
 * <p>"Route one ticket" is the same on both sides: evaluate every rule in order against the ticket's facts,
 * and for each that matches apply its action to a mutable facts map ({@code team} = the rule's team; the last
 * match wins), with later rules seeing earlier changes. Neither side stops at the first match.
 * <ul>
 *   <li>TicketKit: the rules are generated as JSON text in the setup and loaded through
 *       {@link RuleEngine#parse} as a merchant's file would be (fields {@code field.category},
 *       {@code customer.tier}, {@code channel}); routing is {@link RuleSet#evaluate} over a {@code HashMap}-backed
 *       {@link Facts}, the visitor applying each matched rule's {@code set_team} to the map. The rule set is
 *       compiled and indexed (hash on category, prefix index on channel, shared tier tests evaluated once).</li>
 *   <li>Easy Rules: {@link RuleBuilder} rules with lambda conditions and actions (priority {@code i}), fired by a
 *       {@link DefaultRulesEngine} with default parameters on {@code org.jeasy.rules.api.Facts}.</li>
 * </ul>
 * Targets: TicketKit at least 5× Easy Rules at 50 rules, and TicketKit at 1,000 rules keeping at least 20 % of
 * its 50-rule throughput.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RuleEngineVsEasyRules {
    static final String[] CATEGORIES = {"logistics", "refund", "exchange", "quality", "payment", "invoice",
        "address_change", "pre_sale", "complaint", "other"};
    static final String[] CHANNELS = {"EMAIL", "WECHAT", "TAOBAO", "JD", "WEB"};
    static final int TICKETS = 1024;
    static final Set<RuleEvent> EVENTS = Set.of(RuleEvent.CREATED);

    RuleSet ours50;
    RuleSet ours1000;
    Rules easy50;
    Rules easy1000;
    DefaultRulesEngine easyEngine;
    Map<String, Object>[] ourFacts;
    org.jeasy.rules.api.Facts[] easyFacts;
    int next;

    /** The rule file a merchant would write, as JSON text. */
    static String json(int n) {
        StringBuilder j = new StringBuilder("{\"rules\": [\n");
        for (int i = 0; i < n; i++) {
            j.append(i == 0 ? "" : ",\n")
                    .append("{\"id\": \"r").append(i).append("\", \"on\": [\"created\"], \"when\": {\"all\": [")
                    .append("{\"field\": \"field.category\", \"op\": \"equals\", \"value\": \"").append(CATEGORIES[i % 10]).append("\"}, ")
                    .append("{\"field\": \"customer.tier\", \"op\": \"gte\", \"value\": ").append(i % 4).append("}, ")
                    .append("{\"field\": \"channel\", \"op\": \"starts_with\", \"value\": \"E\"}]}, ")
                    .append("\"actions\": [{\"set_team\": \"team").append(i).append("\"}]}");
        }
        return j.append("\n]}\n").toString();
    }

    static Rules easyRules(int n) {
        Rules rules = new Rules();
        for (int i = 0; i < n; i++) {
            String category = CATEGORIES[i % 10];
            int tier = i % 4;
            String team = "team" + i;
            rules.register(new RuleBuilder().name("r" + i).priority(i)
                    .when(f -> category.equals(f.get("category")) && (Integer) f.get("tier") >= tier
                            && ((String) f.get("channel")).startsWith("E"))
                    .then(f -> f.put("team", team))
                    .build());
        }
        return rules;
    }

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        RuleEngine engine = RuleEngine.builder().build();
        ours50 = engine.parse("rules-50.json", json(50));
        ours1000 = engine.parse("rules-1000.json", json(1000));
        easy50 = easyRules(50);
        easy1000 = easyRules(1000);
        easyEngine = new DefaultRulesEngine();
        Random random = new Random(42);
        ourFacts = new Map[TICKETS];
        easyFacts = new org.jeasy.rules.api.Facts[TICKETS];
        for (int k = 0; k < TICKETS; k++) {
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            int tier = random.nextInt(4);
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            Map<String, Object> m = new HashMap<>();
            m.put("field.category", category);
            m.put("customer.tier", tier);
            m.put("channel", channel);
            ourFacts[k] = m;
            org.jeasy.rules.api.Facts f = new org.jeasy.rules.api.Facts();
            f.put("category", category);
            f.put("tier", tier);
            f.put("channel", channel);
            easyFacts[k] = f;
        }
        checkSameOutcome(ours50, easy50);
        checkSameOutcome(ours1000, easy1000);
    }

    /** Both sides route every ticket to the same team (so the comparison is of the same work). */
    private void checkSameOutcome(RuleSet ours, Rules easy) {
        for (int k = 0; k < TICKETS; k++) {
            Object a = routeOurs(ours, ourFacts[k]);
            Object b = routeEasy(easy, easyFacts[k]);
            if (!java.util.Objects.equals(a, b)) {
                throw new IllegalStateException("ticket " + k + ": ticketkit routed to " + a + ", easy rules to " + b);
            }
        }
    }

    private static Object routeOurs(RuleSet rules, Map<String, Object> m) {
        m.remove("team");
        Facts facts = m::get;
        rules.evaluate(facts, EVENTS, trigger -> {
            for (Action a : trigger.actions()) {
                if (a instanceof Action.SetTeam s) {
                    m.put("team", s.team().value());
                }
            }
            return RuleSet.Flow.CHANGED;
        });
        return m.get("team");
    }

    private Object routeEasy(Rules rules, org.jeasy.rules.api.Facts f) {
        f.remove("team");
        easyEngine.fire(rules, f);
        return f.get("team");
    }

    private int nextTicket() {
        int k = next;
        next = (k + 1) & (TICKETS - 1);
        return k;
    }

    @Benchmark
    public Object ticketkit50() {
        return routeOurs(ours50, ourFacts[nextTicket()]);
    }

    @Benchmark
    public Object easyRules50() {
        return routeEasy(easy50, easyFacts[nextTicket()]);
    }

    @Benchmark
    public Object ticketkit1000() {
        return routeOurs(ours1000, ourFacts[nextTicket()]);
    }

    @Benchmark
    public Object easyRules1000() {
        return routeEasy(easy1000, easyFacts[nextTicket()]);
    }
}
