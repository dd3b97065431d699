package dev.ticketkit.benchmarks;

import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.routing.assign.AssignmentStrategy;
import dev.ticketkit.routing.internal.AgentPool;
import dev.ticketkit.routing.internal.SkillNeed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * One assignment decision with 10,000 agents in 200 teams: 70 % online, 15 % away, 15 % offline; chat
 * capacity 3 to 8, e-mail 20; two to four of twelve skills and one or two languages each; loads half full.
 * Requests rotate over 1,024 precomputed tickets (random team, channel, language and category skill).
 *
 * <ul>
 *   <li>{@link #agentPool}: {@link AgentPool#claim} (least loaded, skills as bit masks, only the ticket's team
 *       scanned, capacity reserved with a compare-and-set) followed by {@link AgentPool#release}, so loads
 *       stay as they were;</li>
 *   <li>{@link #naiveScan}: the baseline, a linear scan of all 10,000 agents checking team, presence, skills
 *       (set lookups) and capacity, keeping the least loaded.</li>
 * </ul>
 *
 * <p>The target is ≤ 20 µs per decision.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class AssignmentBenchmark {
    static final int AGENTS = 10_000;
    static final int TEAMS = 200;
    static final int REQUESTS = 1_024;
    static final TenantId TENANT = TenantId.of("acme");
    static final String[] SKILLS = {"refund", "exchange", "quality", "tracking", "address", "invoice", "presale",
            "complaint", "vip", "payment", "cross-border", "returns"};
    static final Channel[] CHANNELS = {Channel.WEB_CHAT, Channel.WECHAT, Channel.TAOBAO, Channel.EMAIL};

    AgentPool pool;
    List<Agent> agents;
    /** Each agent's skills with its languages as {@code lang:} skills, precomputed so the baseline only scans. */
    List<Set<String>> agentSkills;
    Map<AgentId, Map<Channel, AtomicInteger>> naiveLoads;
    AgentPool.Request[] requests;
    final AtomicInteger next = new AtomicInteger();

    @Setup
    public void setUp() {
        Random rnd = new Random(11);
        agents = new ArrayList<>(AGENTS);
        for (int i = 0; i < AGENTS; i++) {
            TeamId team = TeamId.of("team-" + (i % TEAMS));
            Set<String> skills = new HashSet<>();
            int n = 2 + rnd.nextInt(3);
            while (skills.size() < n) {
                skills.add(SKILLS[rnd.nextInt(SKILLS.length)]);
            }
            Set<String> langs = rnd.nextDouble() < 0.3 ? Set.of("zh", "en") : rnd.nextDouble() < 0.8 ? Set.of("zh") : Set.of("en");
            int chat = 3 + rnd.nextInt(6);
            Map<Channel, Integer> cap = Map.of(Channel.WEB_CHAT, chat, Channel.WECHAT, chat, Channel.TAOBAO, chat, Channel.EMAIL, 20);
            double p = rnd.nextDouble();
            Presence presence = p < 0.70 ? Presence.ONLINE : p < 0.85 ? Presence.AWAY : Presence.OFFLINE;
            agents.add(new Agent(AgentId.of("agent-" + i), TENANT, "Agent " + i, Set.of(team), skills, langs, cap, presence));
        }
        pool = AgentPool.of(TENANT, agents);
        agentSkills = new ArrayList<>(AGENTS);
        for (Agent a : agents) {
            Set<String> sk = new HashSet<>(a.skills());
            a.languages().forEach(l -> sk.add(SkillNeed.language(l)));
            agentSkills.add(sk);
        }
        naiveLoads = new HashMap<>();
        for (Agent a : agents) {
            Map<Channel, AtomicInteger> l = new HashMap<>();
            for (Channel c : CHANNELS) {
                int half = a.capacity().get(c) / 2;
                l.put(c, new AtomicInteger(half));
                for (int k = 0; k < half; k++) {
                    pool.add(a.id(), c);
                }
            }
            naiveLoads.put(a.id(), l);
        }
        requests = new AgentPool.Request[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            Set<String> all = Set.of(SkillNeed.language(rnd.nextDouble() < 0.8 ? "zh" : "en"));
            Set<String> any = rnd.nextDouble() < 0.7 ? Set.of(SKILLS[rnd.nextInt(SKILLS.length)]) : Set.of();
            requests[i] = AgentPool.Request.of(TeamId.of("team-" + rnd.nextInt(TEAMS)), CHANNELS[rnd.nextInt(CHANNELS.length)],
                    SkillNeed.of(all, any), AssignmentStrategy.LEAST_LOADED);
        }
    }

    private AgentPool.Request nextRequest() {
        return requests[next.getAndIncrement() & (REQUESTS - 1)];
    }

    /** The router's decision: claim (and give back) one unit of the chosen agent's capacity. */
    @Benchmark
    public Optional<AgentId> agentPool() {
        AgentPool.Request r = nextRequest();
        Optional<AgentId> a = pool.claim(r);
        a.ifPresent(id -> pool.release(id, r.channel()));
        return a;
    }

    /** Baseline: scan every agent of the tenant. */
    @Benchmark
    public Optional<AgentId> naiveScan() {
        AgentPool.Request r = nextRequest();
        Agent best = null;
        double bestRatio = Double.MAX_VALUE;
        for (int i = 0; i < agents.size(); i++) {
            Agent a = agents.get(i);
            if (!a.teams().contains(r.team()) || a.presence() != Presence.ONLINE) {
                continue;
            }
            Set<String> skills = agentSkills.get(i);
            if (!skills.containsAll(r.need().all())) {
                continue;
            }
            if (!r.need().anyOf().isEmpty() && r.need().anyOf().stream().noneMatch(skills::contains)) {
                continue;
            }
            Integer cap = a.capacity().get(r.channel());
            int load = naiveLoads.get(a.id()).get(r.channel()).get();
            if (cap != null && load >= cap) {
                continue;
            }
            double ratio = cap == null ? 0 : (double) load / cap;
            if (ratio < bestRatio) {
                bestRatio = ratio;
                best = a;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.id());
    }
}
