package dev.ticketkit.routing.internal;

import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.routing.assign.AssignmentStrategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One tenant's agents as routing sees them, indexed for fast decisions: members per team, skills as bit masks,
 * presence, and the number of tickets each agent holds per channel. {@link #claim} picks an agent and reserves
 * one unit of their capacity atomically, so racing assignments on one node never exceed an agent's capacity.
 * Thread-safe; {@link #replaceAgents} swaps the index and keeps the loads.
 *
 * <p>A decision scans only the ticket's team (a few dozen agents), never the whole tenant.
 */
public final class AgentPool {
    private final TenantId tenantId;
    private volatile Index index;
    private final ConcurrentHashMap<AgentId, Loads> loads = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TeamId, AtomicInteger> cursors = new ConcurrentHashMap<>();

    /** What a decision is about. */
    public record Request(TeamId team, Channel channel, SkillNeed need, AssignmentStrategy strategy, Set<AgentId> excluded) {
        public Request {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(need, "need");
            Objects.requireNonNull(strategy, "strategy");
            excluded = Set.copyOf(Objects.requireNonNull(excluded, "excluded"));
        }

        public static Request of(TeamId team, Channel channel, SkillNeed need, AssignmentStrategy strategy) {
            return new Request(team, channel, need, strategy, Set.of());
        }
    }

    /** Tickets an agent holds per channel. */
    static final class Loads {
        final ConcurrentHashMap<Channel, AtomicInteger> byChannel = new ConcurrentHashMap<>();

        AtomicInteger of(Channel c) {
            return byChannel.computeIfAbsent(c, k -> new AtomicInteger());
        }

        int get(Channel c) {
            AtomicInteger a = byChannel.get(c);
            return a == null ? 0 : a.get();
        }
    }

    /** An agent with their skill mask and load counters. */
    static final class Slot {
        final Agent agent;
        final long mask;
        final Set<String> skills;
        final Loads loads;
        volatile Presence presence;

        Slot(Agent agent, long mask, Set<String> skills, Loads loads) {
            this.agent = agent;
            this.mask = mask;
            this.skills = skills;
            this.loads = loads;
            this.presence = agent.presence();
        }

        /** Capacity for the channel, or -1 for no limit. */
        int capacity(Channel c) {
            Integer cap = agent.capacity().get(c);
            return cap == null ? -1 : cap;
        }
    }

    private record Index(Map<AgentId, Slot> byId, Map<TeamId, Slot[]> teams, Map<String, Integer> bits) {
    }

    private AgentPool(TenantId tenantId) {
        this.tenantId = tenantId;
    }

    /** A pool of the tenant's agents (agents of other tenants are an {@link IllegalArgumentException}). */
    public static AgentPool of(TenantId tenantId, Collection<Agent> agents) {
        AgentPool p = new AgentPool(Objects.requireNonNull(tenantId, "tenantId"));
        p.replaceAgents(agents);
        return p;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    /** Replaces the agents (after directory changes); loads and presence set through {@link #setPresence} are kept by id only if the directory says the same. */
    public void replaceAgents(Collection<Agent> agents) {
        Objects.requireNonNull(agents, "agents");
        Map<String, Integer> bits = new HashMap<>();
        Map<AgentId, Slot> byId = new HashMap<>();
        Map<TeamId, List<Slot>> teams = new HashMap<>();
        for (Agent a : agents) {
            if (!a.tenantId().equals(tenantId)) {
                throw new IllegalArgumentException("agent " + a.id() + " belongs to another tenant");
            }
            Set<String> skills = skillsOf(a);
            long mask = 0;
            for (String s : skills) {
                Integer bit = bits.get(s);
                if (bit == null && bits.size() < 64) {
                    bit = bits.size();
                    bits.put(s, bit);
                }
                if (bit != null) {
                    mask |= 1L << bit;
                }
            }
            Slot slot = new Slot(a, mask, skills, loads.computeIfAbsent(a.id(), k -> new Loads()));
            byId.put(a.id(), slot);
            for (TeamId t : a.teams()) {
                teams.computeIfAbsent(t, k -> new ArrayList<>()).add(slot);
            }
        }
        Map<TeamId, Slot[]> arrays = new HashMap<>();
        teams.forEach((t, l) -> {
            l.sort((x, y) -> x.agent.id().value().compareTo(y.agent.id().value()));
            arrays.put(t, l.toArray(new Slot[0]));
        });
        index = new Index(Map.copyOf(byId), Map.copyOf(arrays), Map.copyOf(bits));
    }

    static Set<String> skillsOf(Agent a) {
        Set<String> s = new HashSet<>(a.skills());
        for (String l : a.languages()) {
            s.add(SkillNeed.language(l));
        }
        return Set.copyOf(s);
    }

    /** The agent, if in the pool. */
    public Optional<Agent> agent(AgentId id) {
        Slot s = index.byId().get(id);
        return s == null ? Optional.empty() : Optional.of(s.agent.withPresence(s.presence));
    }

    /** Updates an agent's presence at once (the directory is the source; this is the pool's copy). */
    public void setPresence(AgentId id, Presence presence) {
        Slot s = index.byId().get(Objects.requireNonNull(id, "id"));
        if (s != null) {
            s.presence = Objects.requireNonNull(presence, "presence");
        }
    }

    /** Tickets the agent holds on the channel, as this pool counts them. */
    public int load(AgentId id, Channel channel) {
        Loads l = loads.get(id);
        return l == null ? 0 : l.get(channel);
    }

    /** Whether the agent has every skill and one of the any-of skills of the need. */
    public boolean qualifies(AgentId id, SkillNeed need) {
        Slot s = index.byId().get(id);
        return s != null && matches(s, need, compile(index, need));
    }

    /** Picks an agent for the request without reserving capacity. */
    public Optional<AgentId> choose(Request r) {
        Slot s = pick(index, r);
        return s == null ? Optional.empty() : Optional.of(s.agent.id());
    }

    /**
     * Picks an agent and reserves one unit of their capacity for the request's channel; if another thread takes
     * the last unit first, picks again. Give the unit back with {@link #release} if the assignment is not made.
     */
    public Optional<AgentId> claim(Request r) {
        Index ix = index;
        for (int attempt = 0; attempt < 8; attempt++) {
            Slot s = pick(ix, r);
            if (s == null) {
                return Optional.empty();
            }
            if (reserve(s, r.channel())) {
                return Optional.of(s.agent.id());
            }
        }
        return Optional.empty();
    }

    /**
     * Reserves one unit of this agent's capacity if they are online, under capacity and not excluded (for
     * sticky assignment and pulls); the skills are the caller's concern.
     */
    public boolean claimAgent(AgentId id, Channel channel, boolean requireOnline) {
        Slot s = index.byId().get(id);
        if (s == null || (requireOnline && s.presence != Presence.ONLINE)) {
            return false;
        }
        return reserve(s, channel);
    }

    private static boolean reserve(Slot s, Channel channel) {
        int cap = s.capacity(channel);
        AtomicInteger counter = s.loads.of(channel);
        while (true) {
            int cur = counter.get();
            if (cap >= 0 && cur >= cap) {
                return false;
            }
            if (counter.compareAndSet(cur, cur + 1)) {
                return true;
            }
        }
    }

    /** Gives back one unit (an assignment that was not made, or a ticket the agent no longer holds). */
    public void release(AgentId id, Channel channel) {
        Loads l = loads.get(id);
        if (l != null) {
            l.of(channel).updateAndGet(v -> Math.max(0, v - 1));
        }
    }

    /** Counts a ticket the agent got by other means (a manual assignment), even beyond capacity. */
    public void add(AgentId id, Channel channel) {
        loads.computeIfAbsent(id, k -> new Loads()).of(channel).incrementAndGet();
    }

    /** Replaces all counts (after a recount from the store). */
    public void setLoads(Map<AgentId, Map<Channel, Integer>> counts) {
        for (Map.Entry<AgentId, Loads> e : loads.entrySet()) {
            Map<Channel, Integer> c = counts.getOrDefault(e.getKey(), Map.of());
            e.getValue().byChannel.forEach((ch, v) -> v.set(c.getOrDefault(ch, 0)));
        }
        counts.forEach((agent, c) -> {
            Loads l = loads.computeIfAbsent(agent, k -> new Loads());
            c.forEach((ch, n) -> l.of(ch).set(n));
        });
    }

    /** Sets one agent's count for one channel (after a recount of that agent). */
    public void setLoad(AgentId id, Channel channel, int count) {
        loads.computeIfAbsent(id, k -> new Loads()).of(channel).set(Math.max(0, count));
    }

    /** Compiled need: bit masks, or null masks when a skill has no bit (more than 64 skills in the tenant). */
    private record Compiled(long all, long any, boolean exact) {
    }

    private static Compiled compile(Index ix, SkillNeed need) {
        long all = 0;
        long any = 0;
        boolean exact = true;
        for (String s : need.all()) {
            Integer b = ix.bits().get(s);
            if (b == null) {
                exact = false;
            } else {
                all |= 1L << b;
            }
        }
        for (String s : need.anyOf()) {
            Integer b = ix.bits().get(s);
            if (b == null) {
                exact = false;
            } else {
                any |= 1L << b;
            }
        }
        return new Compiled(all, any, exact);
    }

    private static boolean matches(Slot s, SkillNeed need, Compiled c) {
        if (c.exact()) {
            return (s.mask & c.all()) == c.all() && (need.anyOf().isEmpty() || (s.mask & c.any()) != 0);
        }
        if (!s.skills.containsAll(need.all())) {
            return false;
        }
        if (need.anyOf().isEmpty()) {
            return true;
        }
        for (String a : need.anyOf()) {
            if (s.skills.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private Slot pick(Index ix, Request r) {
        Slot[] members = ix.teams().get(r.team());
        if (members == null || members.length == 0) {
            return null;
        }
        Compiled need = compile(ix, r.need());
        int n = members.length;
        AtomicInteger cursor = cursors.computeIfAbsent(r.team(), k -> new AtomicInteger());
        boolean rr = r.strategy() == AssignmentStrategy.ROUND_ROBIN;
        // round robin continues after the agent picked last; least loaded rotates its start so ties take turns
        int start = Math.floorMod(rr ? cursor.get() : cursor.getAndIncrement(), n);
        Slot best = null;
        double bestRatio = Double.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            Slot s = members[(start + k) % n];
            if (s.presence != Presence.ONLINE || !matches(s, r.need(), need)
                    || (!r.excluded().isEmpty() && r.excluded().contains(s.agent.id()))) {
                continue;
            }
            int cap = s.capacity(r.channel());
            int load = s.loads.get(r.channel());
            if (cap >= 0 && load >= cap) {
                continue;
            }
            if (rr) {
                cursor.set(start + k + 1);
                return s;
            }
            double ratio = cap > 0 ? (double) load / cap : cap == 0 ? 1 : load / 1_000_000.0;
            if (ratio < bestRatio) {
                bestRatio = ratio;
                best = s;
            }
        }
        return best;
    }

    /** The tenant's agents with their current presence. */
    public List<Agent> agents() {
        List<Agent> out = new ArrayList<>();
        for (Slot s : index.byId().values()) {
            out.add(s.agent.withPresence(s.presence));
        }
        return out;
    }
}
