package dev.ticketkit.commerce.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.commerce.Commerce;
import dev.ticketkit.commerce.Money;
import dev.ticketkit.commerce.context.Order;
import dev.ticketkit.commerce.context.OrderItem;
import dev.ticketkit.commerce.context.OrderSource;
import dev.ticketkit.commerce.context.OrderStatus;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AfterSalesTest {
    static final OrderRef COAT = OrderRef.of("TAOBAO", "3141592653589793");
    static final OrderRef OTHER_ORDER = OrderRef.of("TAOBAO", "2718281828459045");

    final MutableClock clock = MutableClock.at("2026-11-12T02:00:00Z");
    final AtomicBoolean omsDown = new AtomicBoolean();
    TicketEngine engine;
    Commerce commerce;
    AfterSales cases;
    Fixtures shop;
    Actor agent;
    Actor lead;
    Actor lead2;
    Actor warehouse;
    Actor finance;
    Ticket ticket;

    final OrderSource oms = new OrderSource() {
        @Override
        public Optional<Order> order(TenantId tenant, OrderRef ref) throws Exception {
            if (omsDown.get()) {
                throw new java.io.IOException("down");
            }
            return Optional.of(new Order(ref, OrderStatus.SIGNED, Money.of("199.00", "CNY"),
                    List.of(new OrderItem("SKU-1", "羊毛大衣", "apparel", 1, Money.of("199.00", "CNY"))), null,
                    Instant.parse("2026-11-09T12:00:00Z"), null, null, Instant.parse("2026-11-11T08:00:00Z"), List.of()));
        }

        @Override
        public List<Order> recentOrders(TenantId tenant, Customer customer, int limit) {
            return List.of();
        }
    };

    /** The host's payment system: pays once per key, returns the first receipt for a key seen again. */
    final java.util.Map<String, RefundReceipt> paid = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger paymentCount = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicReference<Runnable> beforePaying = new java.util.concurrent.atomic.AtomicReference<>(() -> { });
    final AtomicBoolean paymentsDown = new AtomicBoolean();
    final RefundGateway payments = (tenant, order, amount, key) -> {
        beforePaying.get().run();
        if (paymentsDown.get()) {
            throw new java.net.SocketTimeoutException("card 6222 0200 1234 5678: timed out");
        }
        return paid.computeIfAbsent(key, k -> {
            return new RefundReceipt("RF-" + paymentCount.incrementAndGet(), amount);
        });
    };

    @BeforeEach
    void setUp() {
        commerce = Commerce.builder().orders(oms).refunds(payments).fetchExecutor(Runnable::run).build();
        engine = TicketEngine.builder().store(store()).clock(clock).module(commerce).build();
        cases = commerce.afterSales();
        shop = Fixtures.create(engine, TenantId.of("shop"));
        agent = shop.alice.withRoles(Role.AGENT.with("after-sales-agent", AfterSales.REQUEST));
        lead = member("lena", Role.AGENT.with("after-sales-lead", AfterSales.REQUEST, AfterSales.DECIDE));
        lead2 = member("liu", Role.AGENT.with("after-sales-lead", AfterSales.REQUEST, AfterSales.DECIDE));
        warehouse = member("wang", Role.AGENT.with("warehouse", AfterSales.WAREHOUSE));
        finance = member("fang", Role.AGENT.with("finance", AfterSales.REFUND));
        ticket = engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "退货退款").channel(Channel.WEB_CHAT)
                .team(Fixtures.AFTER_SALES).order(COAT).order(OTHER_ORDER).message(shop.fromCarol("大衣想退")).build());
    }

    /** The store the cases are kept in (with the ticket, as its events). */
    protected TicketStore store() {
        return TicketStore.inMemory();
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() throws java.sql.SQLException {
        if (engine != null) {
            engine.close();
        }
        if (commerce != null) {
            commerce.close();
        }
        databases.close(); // the database subclasses' stores: closed, their tables dropped
    }

    /** Stores on the machine's databases, for the subclasses that run these tests there. */
    protected final dev.ticketkit.commerce.DatabaseStores databases = new dev.ticketkit.commerce.DatabaseStores();

    private Actor member(String id, Role role) {
        Agent a = engine.directory().saveAgent(shop.admin,
                Agent.builder(shop.tenant, AgentId.of(id), id).team(Fixtures.AFTER_SALES).build());
        return Actor.agent(a, role);
    }

    private long version() {
        return engine.tickets().get(shop.admin, ticket.id()).version();
    }

    @Test
    void aReturnAndRefundRunsFromRequestToDoneWithEachStepByItsTeam() {
        AfterSalesCase c = cases.open(agent, ticket.id(), CaseType.RETURN_AND_REFUND, COAT, Money.of("199", "CNY"));
        assertThat(c.id()).isEqualTo("C1");
        assertThat(c.state()).isEqualTo(CaseState.REQUESTED);
        assertThat(c.requestedBy()).isEqualTo(agent.ref());
        cases.approve(lead, ticket.id(), "C1");
        cases.returnShipped(agent, ticket.id(), "C1", "SF1234567890123");
        cases.receive(warehouse, ticket.id(), "C1", Inspection.AS_EXPECTED);
        AfterSalesCase refunded = cases.refunded(finance, ticket.id(), "C1", Money.of("199", "CNY"));
        assertThat(refunded.refundable().isZero()).isTrue();
        AfterSalesCase done = cases.complete(agent, ticket.id(), "C1");

        assertThat(done.state()).isEqualTo(CaseState.DONE);
        assertThat(done.refunded()).isEqualTo(Money.of("199", "CNY"));
        assertThat(done.returnWaybill()).contains("SF1234567890123");
        assertThat(done.inspected()).contains(Inspection.AS_EXPECTED);
        assertThat(done.steps()).extracting(CaseStep::state).containsExactly(CaseState.REQUESTED, CaseState.APPROVED,
                CaseState.RETURN_SHIPPED, CaseState.RECEIVED, CaseState.REFUNDED, CaseState.DONE);
        assertThat(done.steps()).extracting(CaseStep::by).containsExactly(agent.ref(), lead.ref(), agent.ref(),
                warehouse.ref(), finance.ref(), agent.ref());
        assertThat(cases.cases(shop.admin, ticket.id())).containsExactly(done);
        assertThat(engine.tickets().auditTrail(shop.admin, ticket.id()))
                .filteredOn(e -> e instanceof TicketEvent.ExtensionEvent x && x.name().equals(AfterSales.EVENT)).hasSize(6);
    }

    @Test
    void anIllegalMoveNamesBothStatesAndWritesNothing() {
        cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("20", "CNY"));
        long v = version();
        assertThatThrownBy(() -> cases.receive(warehouse, ticket.id(), "C1", Inspection.DAMAGED))
                .isInstanceOfSatisfying(CaseTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(CaseState.REQUESTED);
                    assertThat(e.to()).isEqualTo(CaseState.RECEIVED);
                    assertThat(e.getMessage()).contains("REQUESTED").contains("RECEIVED").contains("REFUND_ONLY");
                });
        assertThat(version()).isEqualTo(v);
        cases.cancel(agent, ticket.id(), "C1");
        assertThatThrownBy(() -> cases.approve(lead, ticket.id(), "C1")).isInstanceOf(CaseTransitionException.class)
                .hasMessageContaining("CANCELLED is final");
        assertThatThrownBy(() -> cases.approve(lead, ticket.id(), "C9")).isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("no case C9");
    }

    @Test
    void noOneApprovesTheCaseTheyOpenedAndEachStepNeedsItsPermission() {
        cases.open(lead, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("20", "CNY"));
        assertThatThrownBy(() -> cases.approve(lead, ticket.id(), "C1")).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> cases.approve(agent, ticket.id(), "C1"))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.permission()).isEqualTo(AfterSales.DECIDE));
        cases.approve(lead2, ticket.id(), "C1");
        assertThatThrownBy(() -> cases.refunded(agent, ticket.id(), "C1", Money.of("20", "CNY")))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.permission()).isEqualTo(AfterSales.REFUND));
        assertThat(dev.ticketkit.commerce.compensation.Compensations.REFUND).as("one refund permission")
                .isEqualTo(AfterSales.REFUND);
        Actor financeElsewhere = shop.bob.withRoles(Role.AGENT.with("finance", AfterSales.REFUND));
        assertThatThrownBy(() -> cases.refunded(financeElsewhere, ticket.id(), "C1", Money.of("20", "CNY")))
                .as("a finance agent who may not read the after-sales ticket").isInstanceOf(PermissionDeniedException.class);
        Actor otherShop = Actor.system(TenantId.of("other-shop"), "admin").withRoles(Role.ADMIN);
        assertThatThrownBy(() -> cases.refunded(otherShop, ticket.id(), "C1", Money.of("20", "CNY")))
                .isInstanceOf(TicketNotFoundException.class);
        assertThat(cases.get(shop.admin, ticket.id(), "C1").state()).isEqualTo(CaseState.APPROVED);
    }

    @Test
    void amountsStayWithinWhatWasPaidAndWhatIsLeftToRefund() {
        assertThatThrownBy(() -> cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("199.01", "CNY")))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("199.00 CNY paid");
        cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("150", "CNY"));
        assertThatThrownBy(() -> cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("60", "CNY")))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("49.00 CNY left");
        cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, OTHER_ORDER, Money.of("60", "CNY")); // another order
        assertThatThrownBy(() -> cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("10", "USD")))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("paid in CNY");
        assertThatThrownBy(() -> cases.open(agent, ticket.id(), CaseType.EXCHANGE, COAT, Money.of("1", "CNY")))
                .isInstanceOf(TicketValidationException.class);
        assertThatThrownBy(() -> cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("0", "CNY")))
                .isInstanceOf(TicketValidationException.class);
        assertThatThrownBy(() -> cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, OrderRef.of("JD", "1"),
                Money.of("1", "CNY"))).isInstanceOf(TicketValidationException.class).hasMessageContaining("does not reference");

        cases.approve(lead, ticket.id(), "C1");
        cases.refunded(finance, ticket.id(), "C1", Money.of("100", "CNY"));
        AfterSalesCase partial = cases.refunded(finance, ticket.id(), "C1", Money.of("50", "CNY"));
        assertThat(partial.refunded()).isEqualTo(Money.of("150", "CNY"));
        long v = version();
        assertThatThrownBy(() -> cases.refunded(finance, ticket.id(), "C1", Money.of("0.01", "CNY")))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("0.00 CNY the case has left");
        assertThat(version()).isEqualTo(v);
        // a rejected case's amount is free again
        cases.reject(lead, ticket.id(), "C2", "买家已确认收货");
        assertThat(cases.get(shop.admin, ticket.id(), "C2").steps().get(1).note()).isEqualTo("买家已确认收货");
    }

    @Test
    void theOrderIsReadBeforeTheCommandAndAnUnreadableOrderIsRefused() {
        omsDown.set(true);
        OrderRef shoes = OrderRef.of("JD", "5772156649");
        Ticket t = engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "鞋子退款")
                .channel(Channel.WEB_CHAT).team(Fixtures.AFTER_SALES).order(shoes).message(shop.fromCarol("鞋子开胶")).build());
        assertThatThrownBy(() -> cases.open(agent, t.id(), CaseType.REFUND_ONLY, shoes, Money.of("20", "CNY")))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("cannot be read")
                .hasMessageContaining("failed: IOException");
        assertThat(cases.cases(shop.admin, t.id())).isEmpty();
        AfterSalesCase exchange = cases.open(agent, t.id(), CaseType.EXCHANGE, shoes, Money.of("0", "CNY"));
        assertThat(exchange.state()).as("no money, no order read").isEqualTo(CaseState.REQUESTED);
    }

    @Test
    void twoDecisionsOnOneCaseOneWinsTheOtherIsRefused() {
        cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("20", "CNY"));
        long seen = version();
        cases.approve(lead, ticket.id(), "C1", seen);
        assertThatThrownBy(() -> cases.approve(lead2, ticket.id(), "C1", seen)).isInstanceOf(TicketConflictException.class);
        assertThatThrownBy(() -> cases.reject(lead2, ticket.id(), "C1", "no"))
                .as("without a version the second sees the first's decision").isInstanceOf(CaseTransitionException.class);
        assertThat(cases.get(shop.admin, ticket.id(), "C1").steps()).hasSize(2);
    }

    @Test
    void arbitrationAndTheOtherTypesFollowTheirOwnPaths() {
        cases.open(agent, ticket.id(), CaseType.REISSUE, COAT, Money.of("0", "CNY"));
        cases.reject(lead, ticket.id(), "C1", "已签收");
        cases.arbitrate(lead, ticket.id(), "C1");
        cases.approve(lead2, ticket.id(), "C1");
        cases.reship(warehouse, ticket.id(), "C1", "ZTO 75312345678901");
        assertThat(cases.complete(agent, ticket.id(), "C1").state()).isEqualTo(CaseState.DONE);

        cases.open(agent, ticket.id(), CaseType.EXCHANGE, COAT, Money.of("0", "CNY"));
        cases.approve(lead, ticket.id(), "C2");
        assertThatThrownBy(() -> cases.reship(warehouse, ticket.id(), "C2", "SF1"))
                .as("an exchange ships again only after the goods came back").isInstanceOf(CaseTransitionException.class);
        assertThat(CaseState.RECEIVED.allowed(CaseType.EXCHANGE)).containsExactlyInAnyOrder(CaseState.RESHIPPED,
                CaseState.IN_ARBITRATION);
        assertThat(CaseState.DONE.allowed(CaseType.REFUND_ONLY)).isEmpty();
    }

    @Test
    void refundsGoThroughTheGatewayOncePerKeyAndAreRecordedOnce() {
        cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("199", "CNY"));
        cases.approve(lead, ticket.id(), "C1");
        assertThatThrownBy(() -> cases.refund(agent, ticket.id(), "C1", Money.of("100", "CNY")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(paymentCount.get()).as("no payment without the permission").isZero();

        paymentsDown.set(true);
        long v = version();
        assertThatThrownBy(() -> cases.refund(finance, ticket.id(), "C1", Money.of("100", "CNY")))
                .isInstanceOfSatisfying(RefundFailedException.class, e -> {
                    assertThat(e.idempotencyKey()).isEqualTo("shop/" + ticket.id() + "/C1/refund-1");
                    assertThat(e.getMessage()).contains("SocketTimeoutException").doesNotContain("6222");
                });
        assertThat(version()).isEqualTo(v);
        paymentsDown.set(false);
        AfterSalesCase c = cases.refund(finance, ticket.id(), "C1", Money.of("100", "CNY"));
        assertThat(c.refunded()).isEqualTo(Money.of("100", "CNY"));
        assertThat(c.steps().get(c.steps().size() - 1).note()).isEqualTo("100.00 CNY (RF-1)");
        c = cases.refund(finance, ticket.id(), "C1", Money.of("99", "CNY"));
        assertThat(c.refundKeys()).containsExactly("shop/" + ticket.id() + "/C1/refund-1", "shop/" + ticket.id() + "/C1/refund-2");
        assertThat(paymentCount.get()).isEqualTo(2);
        assertThatThrownBy(() -> cases.refund(finance, ticket.id(), "C1", Money.of("1", "CNY")))
                .isInstanceOf(TicketValidationException.class);
        assertThat(paymentCount.get()).as("checked before paying").isEqualTo(2);
    }

    @Test
    void twoRefundsRacingOnOneCasePayOnceAndRecordOnce() throws Exception {
        cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("199", "CNY"));
        cases.approve(lead, ticket.id(), "C1");
        java.util.concurrent.CyclicBarrier bothAtTheGateway = new java.util.concurrent.CyclicBarrier(2);
        beforePaying.set(() -> {
            try {
                bothAtTheGateway.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = two.submit(() -> cases.refund(finance, ticket.id(), "C1", Money.of("199", "CNY")));
            var b = two.submit(() -> cases.refund(finance, ticket.id(), "C1", Money.of("199", "CNY")));
            a.get(20, java.util.concurrent.TimeUnit.SECONDS);
            b.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            two.shutdownNow();
        }
        AfterSalesCase c = cases.get(shop.admin, ticket.id(), "C1");
        assertThat(paymentCount.get()).isEqualTo(1);
        assertThat(c.refunded()).isEqualTo(Money.of("199", "CNY"));
        assertThat(c.steps()).filteredOn(st -> st.state() == CaseState.REFUNDED).hasSize(1);
    }

    @Test
    void withoutAGatewayRefundsAreRecordedOnly() {
        Commerce bare = Commerce.builder().orders(oms).fetchExecutor(Runnable::run).build();
        TicketEngine e = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).module(bare).build();
        assertThatThrownBy(() -> bare.afterSales().refund(shop.admin, ticket.id(), "C1", Money.of("1", "CNY")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no RefundGateway");
        e.close();
    }

    @Test
    void anUnansweredRequestEscalatesOnceAfter48HoursAndAnAnsweredOneNever() {
        cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, COAT, Money.of("20", "CNY"));
        cases.open(agent, ticket.id(), CaseType.REFUND_ONLY, OTHER_ORDER, Money.of("20", "CNY"));
        clock.advance(java.time.Duration.ofHours(47));
        cases.approve(lead, ticket.id(), "C2");
        assertThat(engine.runDueWork()).isZero();
        clock.advance(java.time.Duration.ofHours(1));
        assertThat(engine.runDueWork()).isEqualTo(1);
        assertThat(engine.runDueWork()).isZero();
        Ticket t = engine.tickets().get(shop.admin, ticket.id());
        assertThat(t.priority()).isEqualTo(dev.ticketkit.core.Priority.URGENT);
        assertThat(t.tags()).contains(AfterSales.OVERDUE_TAG);
        AfterSalesCase c1 = cases.get(shop.admin, ticket.id(), "C1");
        assertThat(c1.state()).isEqualTo(CaseState.REQUESTED);
        assertThat(c1.steps().get(c1.steps().size() - 1).note()).isEqualTo("escalated: no decision within PT48H");
        assertThat(cases.get(shop.admin, ticket.id(), "C2").steps()).hasSize(2);
        clock.advance(java.time.Duration.ofDays(30));
        assertThat(engine.runDueWork()).as("nothing left to fire").isZero();
    }

    @Test
    void deadlinesCanProceedAsTheShopWouldHave() {
        Commerce proceeding = Commerce.builder().orders(oms).refunds(payments).fetchExecutor(Runnable::run)
                .afterSalesDeadlines(new AfterSalesDeadlines(java.time.Duration.ofHours(48),
                        AfterSalesDeadlines.Action.PROCEED, java.time.Duration.ofDays(7), AfterSalesDeadlines.Action.PROCEED))
                .build();
        try (TicketEngine e = TicketEngine.builder().store(store()).clock(clock).module(proceeding).build()) {
            Fixtures s2 = Fixtures.create(e, TenantId.of("shop-2"));
            Actor a = s2.alice.withRoles(Role.AGENT.with("after-sales-agent", AfterSales.REQUEST));
            Ticket t = e.tickets().create(s2.admin, NewTicket.builder(s2.carol.id(), "退货").channel(Channel.WEB_CHAT)
                    .team(Fixtures.AFTER_SALES).order(COAT).message(s2.fromCarol("退货")).build());
            AfterSales c = proceeding.afterSales();
            c.open(a, t.id(), CaseType.RETURN_AND_REFUND, COAT, Money.of("199", "CNY"));
            clock.advance(java.time.Duration.ofHours(48));
            assertThat(e.runDueWork()).isEqualTo(1);
            AfterSalesCase approved = c.get(s2.admin, t.id(), "C1");
            assertThat(approved.state()).isEqualTo(CaseState.APPROVED);
            assertThat(approved.steps().get(1).by().kind()).isEqualTo(dev.ticketkit.core.ActorKind.SYSTEM);
            c.returnShipped(a, t.id(), "C1", "SF1234567890123");
            clock.advance(java.time.Duration.ofDays(7));
            assertThat(e.runDueWork()).isEqualTo(1);
            AfterSalesCase released = c.get(s2.admin, t.id(), "C1");
            assertThat(released.state()).as("received, then the refund released").isEqualTo(CaseState.REFUNDED);
            assertThat(released.inspected()).isEmpty();
            assertThat(released.refunded()).isEqualTo(Money.of("199", "CNY"));
            assertThat(paymentCount.get()).isEqualTo(1);
            assertThat(e.runDueWork()).isZero();
        } finally {
            proceeding.close();
        }
    }

    @Test
    void theWarehouseAndFinanceStepsAreChildTasksAndFinishingThemMovesTheCase() {
        Commerce withTeams = Commerce.builder().orders(oms).refunds(payments).fetchExecutor(Runnable::run)
                .afterSalesTeams(new AfterSalesTeams(Fixtures.WAREHOUSE, Fixtures.FINANCE)).build();
        try (TicketEngine e = TicketEngine.builder().store(store()).clock(clock).module(withTeams).build()) {
            Fixtures s2 = Fixtures.create(e, TenantId.of("shop-3"));
            Actor a = s2.alice.withRoles(Role.AGENT.with("after-sales-agent", AfterSales.REQUEST));
            Actor l = Actor.agent(e.directory().saveAgent(s2.admin, Agent.builder(s2.tenant, AgentId.of("lena"), "Lena")
                    .team(Fixtures.AFTER_SALES).build()), Role.AGENT.with("after-sales-lead", AfterSales.DECIDE));
            Actor f = Actor.agent(e.directory().saveAgent(s2.admin, Agent.builder(s2.tenant, AgentId.of("fang"), "Fang")
                    .team(Fixtures.AFTER_SALES).build()), Role.AGENT.with("finance", AfterSales.REFUND));
            Ticket t = e.tickets().create(s2.admin, NewTicket.builder(s2.carol.id(), "退货").channel(Channel.WEB_CHAT)
                    .team(Fixtures.AFTER_SALES).order(COAT).message(s2.fromCarol("退货")).build());
            AfterSales c = withTeams.afterSales();
            c.open(a, t.id(), CaseType.RETURN_AND_REFUND, COAT, Money.of("199", "CNY"));
            AfterSalesCase approved = c.approve(l, t.id(), "C1");
            dev.ticketkit.core.TicketId receipt = dev.ticketkit.core.TicketId.parse(approved.steps().get(1).task());
            Ticket task = e.tickets().get(s2.wendy, receipt);                  // the warehouse sees its task
            assertThat(task.team()).contains(Fixtures.WAREHOUSE);
            c.returnShipped(a, t.id(), "C1", "SF1234567890123");
            e.tickets().tag(s2.admin, receipt, "inspection:damaged");
            e.tickets().changeStatus(s2.wendy, receipt, dev.ticketkit.core.TicketStatus.SOLVED);

            AfterSalesCase received = c.get(s2.admin, t.id(), "C1");
            assertThat(received.state()).isEqualTo(CaseState.RECEIVED);
            assertThat(received.inspected()).contains(Inspection.DAMAGED);
            dev.ticketkit.core.TicketId refundTask = dev.ticketkit.core.TicketId.parse(
                    received.steps().get(received.steps().size() - 1).task());
            assertThat(e.tickets().get(s2.bob, refundTask).team()).contains(Fixtures.FINANCE);

            c.refund(f, t.id(), "C1", Money.of("100", "CNY"));
            assertThat(e.tickets().get(s2.admin, refundTask).status().isActive()).as("partly refunded").isTrue();
            c.refund(f, t.id(), "C1", Money.of("99", "CNY"));
            assertThat(e.tickets().get(s2.admin, refundTask).status()).isEqualTo(dev.ticketkit.core.TicketStatus.SOLVED);
            e.tickets().changeStatus(s2.wendy, receipt, dev.ticketkit.core.TicketStatus.OPEN);
            e.tickets().changeStatus(s2.wendy, receipt, dev.ticketkit.core.TicketStatus.SOLVED);
            assertThat(c.get(s2.admin, t.id(), "C1").state()).as("a task solved again moves nothing")
                    .isEqualTo(CaseState.REFUNDED);
        } finally {
            withTeams.close();
        }
    }

    @Test
    void theReturnPolicyDecidesAReturnAndARefusalIsOnTheRecordWithItsClause() {
        // signed for on 11 November 16:00 in Shanghai: seven days run to the end of 18 November
        AfterSalesCase allowed = cases.open(agent, ticket.id(), CaseType.RETURN_AND_REFUND, COAT, Money.of("199", "CNY"),
                dev.ticketkit.commerce.returns.ReturnReason.NO_REASON, false);
        assertThat(allowed.state()).isEqualTo(CaseState.REQUESTED);
        assertThat(allowed.policy()).hasValueSatisfying(d -> {
            assertThat(d.allowed()).isTrue();
            assertThat(d.clause()).isEqualTo("no_reason.window");
            assertThat(d.returnShippingPaidBy()).isEqualTo(dev.ticketkit.commerce.returns.ShippingPayer.BUYER);
        });
        cases.cancel(agent, ticket.id(), allowed.id());

        clock.set(Instant.parse("2026-11-18T16:00:00Z"));                 // 19 November 00:00 in Shanghai
        AfterSalesCase late = cases.open(agent, ticket.id(), CaseType.RETURN_AND_REFUND, COAT, Money.of("199", "CNY"),
                dev.ticketkit.commerce.returns.ReturnReason.NO_REASON, false);
        assertThat(late.state()).isEqualTo(CaseState.REJECTED);
        assertThat(late.policy().orElseThrow().allowed()).isFalse();
        assertThat(late.steps().get(1).note()).startsWith("policy no_reason.window: ");
        assertThat(cases.get(shop.admin, ticket.id(), late.id())).isEqualTo(late);

        AfterSalesCase quality = cases.open(agent, ticket.id(), CaseType.EXCHANGE, COAT, Money.of("0", "CNY"),
                dev.ticketkit.commerce.returns.ReturnReason.QUALITY_PROBLEM, true);
        assertThat(quality.state()).as("a quality problem has its own, longer windows").isEqualTo(CaseState.REQUESTED);
        assertThat(quality.policy().orElseThrow().returnShippingPaidBy())
                .isEqualTo(dev.ticketkit.commerce.returns.ShippingPayer.SHOP);
        assertThatThrownBy(() -> cases.open(agent, ticket.id(), CaseType.REISSUE, COAT, Money.of("0", "CNY"),
                dev.ticketkit.commerce.returns.ReturnReason.NO_REASON, false))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("no return policy decides");
    }

    @Test
    void aTenantsOwnPolicyDecidesForIt() {
        Commerce generous = Commerce.builder().orders(oms).fetchExecutor(Runnable::run)
                .returnPolicy(shop.tenant, dev.ticketkit.commerce.returns.ReturnPolicy.builder().noReasonDays(15).build())
                .build();
        try (TicketEngine e = TicketEngine.builder().store(store()).clock(clock).module(generous).build()) {
            Fixtures s2 = Fixtures.create(e, shop.tenant);
            Fixtures s3 = Fixtures.create(e, TenantId.of("strict-shop"));
            clock.set(Instant.parse("2026-11-20T02:00:00Z"));             // day 9 after signing
            for (Fixtures f : List.of(s2, s3)) {
                Ticket t = e.tickets().create(f.admin, NewTicket.builder(f.carol.id(), "退货").channel(Channel.WEB_CHAT)
                        .team(Fixtures.AFTER_SALES).order(COAT).message(f.fromCarol("退货")).build());
                AfterSalesCase c = generous.afterSales().open(f.admin, t.id(), CaseType.RETURN_AND_REFUND, COAT,
                        Money.of("10", "CNY"), dev.ticketkit.commerce.returns.ReturnReason.NO_REASON, false);
                assertThat(c.state()).as(f.tenant.value()).isEqualTo(f == s2 ? CaseState.REQUESTED : CaseState.REJECTED);
            }
        } finally {
            generous.close();
        }
    }
}
