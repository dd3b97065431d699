package dev.ticketkit.routing.assign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.routing.internal.AgentPool;
import dev.ticketkit.routing.internal.SkillNeed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Racing assignments: no ticket is assigned twice and no agent goes over capacity. */
class ConcurrentAssignmentTest extends RouterTestBase {
    static final int THREADS = 8;

    @Test
    void pushedAssignmentsFromManyThreadsNeverExceedCapacity() throws Exception {
        start(Router.builder().queue(TeamQueue.builder(CHAT).noSticky().build()));
        for (int i = 0; i < 4; i++) {
            hire("c" + i, CHAT, Presence.ONLINE, Map.of(Channel.WEB_CHAT, 3));
        }
        List<Ticket> created = race(THREADS, 5, () -> ask(CHAT, Channel.WEB_CHAT));
        assertThat(created).hasSize(40);
        Map<String, Integer> perAgent = holdings();
        assertThat(perAgent.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
        assertThat(perAgent.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(12); // every slot used
        for (int i = 0; i < 4; i++) {
            assertThat(router.load(shop.tenant, AgentId.of("c" + i), Channel.WEB_CHAT)).isEqualTo(3);
        }
    }

    @Test
    void pullsFromManyThreadsNeverAssignATicketTwice() throws Exception {
        start(Router.builder().queue(TeamQueue.builder(CHAT).push(false).build()));
        List<Actor> agents = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Agent a = hire("p" + i, CHAT, Presence.ONLINE, Map.of(Channel.WEB_CHAT, 2));
            agents.add(Actor.agent(a, Role.AGENT));
        }
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            tickets.add(ask(CHAT, Channel.WEB_CHAT));
        }
        AtomicInteger next = new AtomicInteger();
        List<Optional<Ticket>> pulls = race(THREADS, 4, () -> router.next(agents.get(next.getAndIncrement() % THREADS)));
        long handedOut = pulls.stream().filter(Optional::isPresent).count();
        assertThat(handedOut).isEqualTo(16); // 8 agents x capacity 2, from 30 tickets
        assertThat(pulls.stream().flatMap(Optional::stream).map(Ticket::id).distinct().count()).isEqualTo(handedOut);
        for (Ticket t : tickets) {
            long assignments = engine.tickets().auditTrail(shop.admin, t.id()).stream()
                    .filter(e -> e instanceof TicketEvent.AssigneeChanged a && a.to() != null).count();
            assertThat(assignments).isLessThanOrEqualTo(1);
        }
        assertThat(holdings().values()).allSatisfy(n -> assertThat(n).isEqualTo(2));
    }

    @Test
    void claimsOnThePoolNeverOverrunCapacity() throws Exception {
        TenantId tenant = TenantId.of("t");
        TeamId team = TeamId.of("x");
        List<Agent> list = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            list.add(new Agent(AgentId.of("a" + i), tenant, "A" + i, Set.of(team), Set.of(), Set.of(), Map.of(Channel.APP, 7), Presence.ONLINE));
        }
        AgentPool pool = AgentPool.of(tenant, list);
        Map<AgentId, AtomicInteger> got = new ConcurrentHashMap<>();
        List<Optional<AgentId>> claims = race(THREADS, 100, () -> pool.claim(AgentPool.Request.of(team, Channel.APP, SkillNeed.NONE,
                AssignmentStrategy.LEAST_LOADED)));
        claims.stream().flatMap(Optional::stream).forEach(a -> got.computeIfAbsent(a, k -> new AtomicInteger()).incrementAndGet());
        assertThat(claims.stream().filter(Optional::isPresent).count()).isEqualTo(35);
        assertThat(got.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(7));
    }

    /** Active tickets per assignee, from the store. */
    private Map<String, Integer> holdings() {
        Map<String, Integer> m = new HashMap<>();
        for (Ticket t : engine.tickets().view(shop.admin, ViewQuery.builder().active().team(CHAT)
                .sort(SortField.CREATED_AT, true).limit(500).build()).items()) {
            t.assignee().ifPresent(a -> m.merge(a.value(), 1, Integer::sum));
        }
        return m;
    }

    /** Runs {@code task} {@code perThread} times on each of {@code threads} threads, started together. */
    static <T> List<T> race(int threads, int perThread, java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<T>>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                List<T> out = new ArrayList<>();
                for (int k = 0; k < perThread; k++) {
                    out.add(task.call());
                }
                return out;
            }));
        }
        go.countDown();
        List<T> all = Collections.synchronizedList(new ArrayList<>());
        for (Future<List<T>> f : futures) {
            all.addAll(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        return all;
    }
}
