package dev.ticketkit.commerce.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.commerce.Commerce;
import dev.ticketkit.commerce.Money;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.jdbc.JdbcTicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two engines, each with its own commerce module and store, on one database) working the same case at
 * the same moment: of two decisions one wins and the other is refused; two refunds pay once and record once.
 */
class TwoNodesTest {

    @Test
    void twoNodesDecidingOneCaseAtOnceRecordOneDecision(@TempDir Path dir) throws Exception {
        MutableClock clock = MutableClock.at("2026-11-12T02:00:00Z");
        Commerce c1 = Commerce.builder().orders(new AfterSalesTest().oms).fetchExecutor(Runnable::run).build();
        Commerce c2 = Commerce.builder().orders(new AfterSalesTest().oms).fetchExecutor(Runnable::run).build();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try (JdbcTicketStore s1 = JdbcTicketStore.embedded(dir);      // two pools on one H2 file database
             JdbcTicketStore s2 = JdbcTicketStore.embedded(dir);
             TicketEngine n1 = TicketEngine.builder().store(s1).clock(clock).nodeId("n1").module(c1).build();
             TicketEngine n2 = TicketEngine.builder().store(s2).clock(clock).nodeId("n2").module(c2).build()) {
            Fixtures shop = Fixtures.create(n1, TenantId.of("shop"));
            Actor agent = shop.alice.withRoles(Role.AGENT.with("after-sales-agent", AfterSales.REQUEST));
            Actor[] leads = new Actor[2];
            for (int i = 0; i < 2; i++) {
                Agent a = n1.directory().saveAgent(shop.admin, Agent.builder(shop.tenant, AgentId.of("lead" + i), "Lead " + i)
                        .team(Fixtures.AFTER_SALES).build());
                leads[i] = Actor.agent(a, Role.AGENT.with("after-sales-lead", AfterSales.DECIDE));
            }
            for (int round = 0; round < 10; round++) {
                Ticket t = n1.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "退款 " + round)
                        .channel(Channel.WEB_CHAT).team(Fixtures.AFTER_SALES).order(AfterSalesTest.COAT)
                        .message(shop.fromCarol("退款")).build());
                c1.afterSales().open(agent, t.id(), CaseType.REFUND_ONLY, AfterSalesTest.COAT, Money.of("20", "CNY"));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Callable<AfterSalesCase>> decisions = List.of(
                        () -> {
                            together.await(10, TimeUnit.SECONDS);
                            return c1.afterSales().approve(leads[0], t.id(), "C1");
                        },
                        () -> {
                            together.await(10, TimeUnit.SECONDS);
                            return c2.afterSales().reject(leads[1], t.id(), "C1", "已过退款期");
                        });
                List<Future<AfterSalesCase>> outcomes = new ArrayList<>();
                for (Callable<AfterSalesCase> d : decisions) {
                    outcomes.add(nodes.submit(d));
                }
                int won = 0;
                for (Future<AfterSalesCase> f : outcomes) {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                        won++;
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOfAny(CaseTransitionException.class, TicketConflictException.class);
                    }
                }
                assertThat(won).as("round " + round).isEqualTo(1);
                AfterSalesCase c = c2.afterSales().get(shop.admin, t.id(), "C1");
                assertThat(c.steps()).hasSize(2);
                assertThat(c.state()).isIn(CaseState.APPROVED, CaseState.REJECTED);
            }
        } finally {
            nodes.shutdownNow();
            c1.close();
            c2.close();
        }
    }

    @Test
    void twoNodesRefundingOneCaseAtOncePayOnceAndRecordOnce(@TempDir Path dir) throws Exception {
        MutableClock clock = MutableClock.at("2026-11-12T02:00:00Z");
        java.util.Map<String, RefundReceipt> paid = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger payments = new java.util.concurrent.atomic.AtomicInteger();
        CyclicBarrier atTheGateway = new CyclicBarrier(2);
        RefundGateway gateway = (tenant, order, amount, key) -> {
            atTheGateway.await(10, TimeUnit.SECONDS);            // both nodes computed their key before either pays
            return paid.computeIfAbsent(key, k -> new RefundReceipt("RF-" + payments.incrementAndGet(), amount));
        };
        Commerce c1 = Commerce.builder().orders(new AfterSalesTest().oms).refunds(gateway).fetchExecutor(Runnable::run).build();
        Commerce c2 = Commerce.builder().orders(new AfterSalesTest().oms).refunds(gateway).fetchExecutor(Runnable::run).build();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try (JdbcTicketStore s1 = JdbcTicketStore.embedded(dir);
             JdbcTicketStore s2 = JdbcTicketStore.embedded(dir);
             TicketEngine n1 = TicketEngine.builder().store(s1).clock(clock).nodeId("n1").module(c1).build();
             TicketEngine n2 = TicketEngine.builder().store(s2).clock(clock).nodeId("n2").module(c2).build()) {
            Fixtures shop = Fixtures.create(n1, TenantId.of("shop"));
            Actor agent = shop.alice.withRoles(Role.AGENT.with("after-sales-agent", AfterSales.REQUEST));
            Agent l = n1.directory().saveAgent(shop.admin, Agent.builder(shop.tenant, AgentId.of("lead"), "Lead")
                    .team(Fixtures.AFTER_SALES).build());
            Actor lead = Actor.agent(l, Role.AGENT.with("after-sales-lead", AfterSales.DECIDE, AfterSales.REFUND));
            Ticket t = n1.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "退款").channel(Channel.WEB_CHAT)
                    .team(Fixtures.AFTER_SALES).order(AfterSalesTest.COAT).message(shop.fromCarol("退款")).build());
            c1.afterSales().open(agent, t.id(), CaseType.REFUND_ONLY, AfterSalesTest.COAT, Money.of("50", "CNY"));
            c1.afterSales().approve(lead, t.id(), "C1");
            Future<AfterSalesCase> a = nodes.submit(() -> c1.afterSales().refund(lead, t.id(), "C1", Money.of("50", "CNY")));
            Future<AfterSalesCase> b = nodes.submit(() -> c2.afterSales().refund(lead, t.id(), "C1", Money.of("50", "CNY")));
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
            AfterSalesCase c = c2.afterSales().get(shop.admin, t.id(), "C1");
            assertThat(payments.get()).isEqualTo(1);
            assertThat(c.refunded()).isEqualTo(Money.of("50", "CNY"));
            assertThat(c.steps()).filteredOn(st -> st.state() == CaseState.REFUNDED).hasSize(1);
        } finally {
            nodes.shutdownNow();
            c1.close();
            c2.close();
        }
    }
}
