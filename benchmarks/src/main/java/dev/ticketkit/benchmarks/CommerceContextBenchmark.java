package dev.ticketkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ticketkit.commerce.Commerce;
import dev.ticketkit.commerce.Money;
import dev.ticketkit.commerce.TicketContext;
import dev.ticketkit.commerce.context.Fetched;
import dev.ticketkit.commerce.context.Member;
import dev.ticketkit.commerce.context.MemberSource;
import dev.ticketkit.commerce.context.Order;
import dev.ticketkit.commerce.context.OrderItem;
import dev.ticketkit.commerce.context.OrderSource;
import dev.ticketkit.commerce.context.OrderStatus;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.core.spi.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The commerce context's cost once it is cached, and a command's latency with a slow order source (sample time,
 * so JMH reports p50/p99). The host's order source sleeps {@code sourceLatencyMs} per call, as a slow ERP would.
 *
 * <ul>
 *   <li>{@code caffeineHit}: the baseline, a bare Caffeine lookup of one key.</li>
 *   <li>{@code cachedOrder}: {@code Commerce.order} of a cached order (key, freshness, answer).</li>
 *   <li>{@code cachedContext}: {@code Commerce.context} of a ticket whose order and member are cached: the ticket,
 *       requester and history read through the engine (in memory) plus the cached parts.</li>
 *   <li>{@code noteWithoutCommerce} / {@code noteWithCommerce}: an agent's note on a ticket that references an order,
 *       on an engine without the module and on one with it, where a hook reads {@code order.status} (so the facts are
 *       computed in every command).</li>
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class CommerceContextBenchmark {
    static final TenantId TENANT = TenantId.of("shop");
    static final OrderRef ORDER = OrderRef.of("TAOBAO", "3141592653589793");

    @Param({"200"})
    public int sourceLatencyMs;

    Commerce commerce;
    TicketEngine withCommerce;
    TicketEngine without;
    Actor agent;
    /** Notes go round these tickets (all referencing the order), so no ticket's history grows without end. */
    static final int TICKETS = 1_000;
    Ticket[] tickets;
    Ticket[] plainTickets;
    Ticket ticket;
    int next;
    Customer customer;
    Cache<String, String> caffeine;

    @Setup(Level.Trial)
    public void setUp() {
        OrderSource oms = new OrderSource() {
            @Override
            public Optional<Order> order(TenantId tenant, OrderRef ref) throws Exception {
                Thread.sleep(sourceLatencyMs); // the simulated ERP's latency
                return Optional.of(new Order(ref, OrderStatus.SIGNED, Money.of("199.00", "CNY"),
                        List.of(new OrderItem("SKU-1", "羊毛大衣", "apparel", 1, Money.of("199.00", "CNY"))), null,
                        Instant.parse("2026-11-09T12:00:00Z"), null, null, Instant.parse("2026-11-11T08:00:00Z"),
                        List.of()));
            }

            @Override
            public List<Order> recentOrders(TenantId tenant, Customer c, int limit) throws Exception {
                Thread.sleep(sourceLatencyMs);
                return List.of();
            }
        };
        MemberSource crm = (tenant, c) -> {
            Thread.sleep(sourceLatencyMs);
            return Optional.of(new Member(MemberTier.VIP, 100, Instant.parse("2024-01-01T00:00:00Z"),
                    Money.of("500", "CNY")));
        };
        commerce = Commerce.builder().orders(oms).members(crm).build();
        CommandHook readsOrderFacts = new CommandHook() {
            @Override
            public void beforeCommit(HookContext ctx) {
                ctx.facts().value("order.status");
            }
        };
        withCommerce = engine(true, readsOrderFacts);
        without = engine(false, readsOrderFacts);
        tickets = seed(withCommerce);
        plainTickets = seed(without);
        ticket = tickets[0];
        customer = withCommerce.customers().get(agent, ticket.requester());
        // fill the cache before measuring: the first read waits for the source (up to its timeout, 500 ms)
        while (commerce.context(agent, ticket.id()).degraded()) {
            Thread.onSpinWait();
        }
        caffeine = Caffeine.newBuilder().maximumSize(100_000).build();
        caffeine.put("shop:" + ORDER.orderId(), "order");
    }

    private TicketEngine engine(boolean installCommerce, CommandHook hook) {
        TicketEngine.Builder b = TicketEngine.builder().store(TicketStore.inMemory()).clock(Clock.systemUTC());
        if (installCommerce) {
            b.module(commerce);
        }
        return b.hook(hook).build();
    }

    private Ticket[] seed(TicketEngine engine) {
        Actor admin = Actor.system(TENANT, "setup").withRoles(Role.ADMIN);
        TeamId team = TeamId.of("after-sales");
        engine.directory().saveTeam(admin, Team.of(TENANT, team, "After-sales"));
        Agent a = engine.directory().saveAgent(admin, Agent.of(TENANT, AgentId.of("alice"), "Alice", team));
        agent = Actor.agent(a, Role.AGENT);
        Customer c = engine.customers().findOrCreate(Actor.integration(TENANT, "web"),
                ChannelIdentity.verified(IdentityType.EMAIL, "carol@example.com"), "Carol");
        Ticket[] made = new Ticket[TICKETS];
        for (int i = 0; i < TICKETS; i++) {
            made[i] = engine.tickets().create(admin, NewTicket.builder(c.id(), "退货 " + i).channel(Channel.WEB_CHAT)
                    .team(team).order(ORDER).message(NewMessage.text("大衣想退")).build());
        }
        return made;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        commerce.close();
        withCommerce.close();
        without.close();
    }

    @Benchmark
    public String caffeineHit() {
        return caffeine.getIfPresent("shop:" + ORDER.orderId());
    }

    @Benchmark
    public Fetched<Order> cachedOrder() {
        return commerce.order(TENANT, ORDER);
    }

    @Benchmark
    public TicketContext cachedContext() {
        return commerce.context(agent, ticket.id());
    }

    @Benchmark
    public Object noteWithoutCommerce() {
        return without.tickets().note(agent, plainTickets[next++ % TICKETS].id(), "checking with the carrier");
    }

    @Benchmark
    public Object noteWithCommerce() {
        return withCommerce.tickets().note(agent, tickets[next++ % TICKETS].id(), "checking with the carrier");
    }
}
