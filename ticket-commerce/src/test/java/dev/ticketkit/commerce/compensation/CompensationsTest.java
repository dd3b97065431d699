package dev.ticketkit.commerce.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.commerce.Commerce;
import dev.ticketkit.commerce.Money;
import dev.ticketkit.commerce.aftersales.AfterSales;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompensationsTest {
    static final OrderRef COAT = OrderRef.of("TAOBAO", "3141592653589793");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** 10:00 in Shanghai on 12 November. */
    final MutableClock clock = MutableClock.at("2026-11-12T02:00:00Z");

    static CompensationAmount cny(String amount) {
        return CompensationAmount.of(amount, "CNY");
    }

    static Money money(String amount) {
        return Money.of(amount, "CNY");
    }

    final CompensationLimits limits = CompensationLimits.builder("CNY", SHANGHAI)
            .role("cs-agent", money("20"), 200)
            .role("cs-senior", money("100"), 1_000)
            .role("cs-supervisor", money("500"), 5_000)
            .role("finance", money("50"), 0)
            .dailyBudget("cs-agent", money("50"), 500)
            .dailyBudget("cs-senior", money("300"), 3_000)
            .dailyBudget("cs-supervisor", money("1000"), 10_000)
            .customerCap(money("300"), 3_000, 30)
            .build();

    /** The host's coupon, refund and points system: gives once per key, returns the first receipt for a key seen again. */
    final Map<String, CompensationReceipt> given = new ConcurrentHashMap<>();
    final List<CompensationGrant> grants = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger gifts = new AtomicInteger();
    final AtomicBoolean gatewayDown = new AtomicBoolean();
    /** Gives, then fails to answer: the outcome is unknown to the caller. */
    final AtomicBoolean gatewayTimesOutAfterGiving = new AtomicBoolean();
    final AtomicReference<Runnable> beforeGiving = new AtomicReference<>(() -> { });
    final CompensationGateway gateway = grant -> {
        beforeGiving.get().run();
        if (gatewayDown.get()) {
            throw new SocketTimeoutException("card 6222 0200 1234 5678: timed out");
        }
        CompensationReceipt r = given.computeIfAbsent(grant.idempotencyKey(), k -> {
            grants.add(grant);
            return CompensationReceipt.of("GIFT-" + gifts.incrementAndGet());
        });
        if (gatewayTimesOutAfterGiving.get()) {
            throw new SocketTimeoutException("read timed out for buyer 13800138000");
        }
        return r;
    };

    /** The in-memory ledger, with a hook before each sum (to line two threads up). */
    final CompensationLedger memory = CompensationLedger.inMemory();
    final AtomicReference<Runnable> beforeSum = new AtomicReference<>(() -> { });
    final CompensationLedger ledger = new CompensationLedger() {
        @Override
        public Outcome record(Entry entry, Bound budget, Bound cap) {
            return memory.record(entry, budget, cap);
        }

        @Override
        public CompensationAmount grantedBy(TenantId tenant, dev.ticketkit.core.ActorRef grantor, String unit,
                                            Instant from, Instant to) {
            beforeSum.get().run();
            return memory.grantedBy(tenant, grantor, unit, from, to);
        }

        @Override
        public CompensationAmount grantedTo(TenantId tenant, CustomerId customer, String unit, Instant from, Instant to) {
            beforeSum.get().run();
            return memory.grantedTo(tenant, customer, unit, from, to);
        }
    };

    TicketEngine engine;
    Commerce commerce;
    Compensations comp;
    Fixtures shop;
    Actor agent;
    Actor agent2;
    Actor senior;
    Actor supervisor;
    Actor supervisor2;
    Actor finance;
    Ticket ticket;

    @BeforeEach
    void setUp() {
        commerce = Commerce.builder().fetchExecutor(Runnable::run)
                .compensation(gateway, CompensationLimitsSource.of(limits), ledger).build();
        engine = TicketEngine.builder().store(store()).clock(clock).module(commerce).build();
        comp = commerce.compensation();
        shop = Fixtures.create(engine, TenantId.of("shop"));
        agent = shop.alice.withRoles(Role.AGENT.with("cs-agent", Compensations.REQUEST));
        agent2 = member("ann", Role.AGENT.with("cs-agent", Compensations.REQUEST));
        senior = member("sam", Role.AGENT.with("cs-senior", Compensations.REQUEST, Compensations.APPROVE));
        supervisor = member("sue", Role.AGENT.with("cs-supervisor", Compensations.REQUEST, Compensations.APPROVE));
        supervisor2 = member("sid", Role.AGENT.with("cs-supervisor", Compensations.REQUEST, Compensations.APPROVE));
        finance = member("fang", Role.AGENT.with("finance", Compensations.REQUEST, Compensations.APPROVE,
                AfterSales.REFUND));
        ticket = carolsTicket("包裹迟到三天");
    }

    /** The store compensations are kept in (with the ticket, as its events). */
    protected TicketStore store() {
        return TicketStore.inMemory();
    }

    @AfterEach
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

    private Ticket carolsTicket(String subject) {
        return engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), subject).channel(Channel.WEB_CHAT)
                .team(Fixtures.AFTER_SALES).order(COAT).message(shop.fromCarol(subject)).build());
    }

    private Ticket davesTicket(String subject) {
        return engine.tickets().create(shop.admin, NewTicket.builder(shop.dave.id(), subject).channel(Channel.WEB_CHAT)
                .team(Fixtures.AFTER_SALES).message(NewMessage.text(subject).by(AuthorKind.CUSTOMER,
                        shop.dave.id().toString())).build());
    }

    private long version() {
        return version(ticket.id());
    }

    private long version(TicketId id) {
        return engine.tickets().get(shop.admin, id).version();
    }

    private String key(String id) {
        return "shop/" + ticket.id() + "/" + id;
    }

    private List<TicketEvent.ExtensionEvent> events(TicketId id) {
        return engine.tickets().auditTrail(shop.admin, id).stream()
                .filter(e -> e instanceof TicketEvent.ExtensionEvent x && x.name().equals(Compensations.EVENT))
                .map(e -> (TicketEvent.ExtensionEvent) e).toList();
    }

    // ---- limits per role ------------------------------------------------------------------------------------

    @Test
    void withinTheRequestersLimitItIsGrantedAtOnceThroughTheGateway() {
        Compensation c = comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("20"), "包裹迟到三天");

        assertThat(c.id()).isEqualTo("CP1");
        assertThat(c.state()).isEqualTo(CompensationState.GRANTED);
        assertThat(c.amount()).isEqualTo(cny("20.00"));
        assertThat(c.customer()).isEqualTo(shop.carol.id());
        assertThat(c.requestedBy()).isEqualTo(agent.ref());
        assertThat(c.approver()).contains(agent.ref());
        assertThat(c.idempotencyKey()).isEqualTo(key("CP1"));
        assertThat(c.receipt()).contains("GIFT-1");
        assertThat(c.steps()).extracting(CompensationStep::state)
                .containsExactly(CompensationState.APPROVED, CompensationState.GRANTED);
        assertThat(c.steps().get(0).note()).isEqualTo("within the requester's limit of 20.00 CNY");

        assertThat(grants).singleElement().satisfies(g -> {
            assertThat(g.idempotencyKey()).isEqualTo(key("CP1"));
            assertThat(g.kind()).isEqualTo(CompensationKind.COUPON);
            assertThat(g.amount()).isEqualTo(cny("20"));
            assertThat(g.customer()).isEqualTo(shop.carol.id());
            assertThat(g.orders()).containsExactly(COAT);
            assertThat(g.reason()).isEqualTo("包裹迟到三天");
        });
        assertThat(events(ticket.id())).hasSize(2);
        assertThat(comp.compensations(shop.alice, ticket.id())).as("read by whoever may read the ticket")
                .containsExactly(c);
        assertThat(memory.grantedBy(shop.tenant, agent.ref(), "CNY", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))
                .isEqualTo(cny("20"));
    }

    @Test
    void theHighestLimitAmongTheActorsRolesAppliesAndPointsAreLimitedApartFromMoney() {
        assertThat(comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("20.01"), "迟到").state())
                .isEqualTo(CompensationState.PENDING_APPROVAL);
        Actor agentAndSenior = shop.alice.withRoles(Role.AGENT.with("cs-agent", Compensations.REQUEST),
                Role.AGENT.with("cs-senior", Compensations.REQUEST));
        assertThat(comp.request(agentAndSenior, ticket.id(), CompensationKind.COUPON, cny("100"), "迟到").state())
                .isEqualTo(CompensationState.GRANTED);

        assertThat(comp.request(agent2, ticket.id(), CompensationKind.POINTS, CompensationAmount.points(200), "迟到")
                .state()).as("points have their own limit: 200 for an agent").isEqualTo(CompensationState.GRANTED);
        Compensation tooManyPoints = comp.request(agent2, ticket.id(), CompensationKind.POINTS,
                CompensationAmount.points(201), "迟到");
        assertThat(tooManyPoints.state()).isEqualTo(CompensationState.PENDING_APPROVAL);
        assertThat(tooManyPoints.steps().get(0).note()).isEqualTo("above the requester's limit of 200 points");

        Actor noLimit = shop.alice.withRoles(Role.AGENT.with("helper", Compensations.REQUEST));
        assertThat(comp.request(noLimit, ticket.id(), CompensationKind.COUPON, cny("0.01"), "迟到").state())
                .as("a role without a limit grants nothing on its own").isEqualTo(CompensationState.PENDING_APPROVAL);
        assertThat(gifts.get()).isEqualTo(2);
    }

    // ---- approval ---------------------------------------------------------------------------------------------

    @Test
    void aboveTheLimitItWaitsForAnApproverWhoseLimitCoversIt() {
        Compensation pending = comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("80"), "大衣掉色");
        assertThat(pending.state()).isEqualTo(CompensationState.PENDING_APPROVAL);
        assertThat(pending.approver()).isEmpty();
        assertThat(gifts.get()).as("nothing given while it waits").isZero();

        Compensation granted = comp.approve(senior, ticket.id(), "CP1");
        assertThat(granted.state()).isEqualTo(CompensationState.GRANTED);
        assertThat(granted.approver()).contains(senior.ref());
        assertThat(granted.steps()).extracting(CompensationStep::state).containsExactly(
                CompensationState.PENDING_APPROVAL, CompensationState.APPROVED, CompensationState.GRANTED);
        assertThat(granted.steps()).extracting(CompensationStep::by).containsExactly(agent.ref(), senior.ref(),
                senior.ref());

        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("150"), "大衣破洞");
        long v = version();
        assertThatThrownBy(() -> comp.approve(senior, ticket.id(), "CP2"))
                .isInstanceOfSatisfying(CompensationLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(CompensationLimitException.Limit.ROLE_LIMIT);
                    assertThat(e.max()).isEqualTo(cny("100"));
                    assertThat(e.getMessage()).contains("CP2").contains("150.00 CNY").contains("100.00 CNY")
                            .contains("nothing was written");
                });
        assertThat(version()).isEqualTo(v);
        assertThat(comp.approve(supervisor, ticket.id(), "CP2").state()).isEqualTo(CompensationState.GRANTED);
        assertThat(gifts.get()).isEqualTo(2);
        assertThat(memory.grantedBy(shop.tenant, supervisor.ref(), "CNY", Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"))).as("an approval counts for the approver").isEqualTo(cny("150"));
    }

    @Test
    void theRequesterNeverApprovesTheirOwnCompensation() {
        comp.request(senior, ticket.id(), CompensationKind.COUPON, cny("150"), "屏幕划痕");
        long v = version();
        assertThatThrownBy(() -> comp.approve(senior, ticket.id(), "CP1"))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.permission()).isEqualTo(Compensations.APPROVE);
                    assertThat(e.getMessage()).contains("CP1").contains("which it requested itself");
                });
        Actor seniorPromoted = senior.withRoles(Role.AGENT.with("cs-supervisor", Compensations.APPROVE));
        assertThatThrownBy(() -> comp.approve(seniorPromoted, ticket.id(), "CP1"))
                .as("not even with a limit that covers it").isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> comp.approve(agent, ticket.id(), "CP1"))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.permission()).isEqualTo(Compensations.APPROVE));
        assertThat(version()).isEqualTo(v);
        assertThat(gifts.get()).isZero();
        assertThat(comp.approve(supervisor, ticket.id(), "CP1").state()).isEqualTo(CompensationState.GRANTED);
    }

    @Test
    void rejectionRecordsTheReasonAndIllegalMovesNameBothStates() {
        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("80"), "大衣掉色");
        Compensation rejected = comp.reject(supervisor, ticket.id(), "CP1", "已换货");
        assertThat(rejected.state()).isEqualTo(CompensationState.REJECTED);
        assertThat(rejected.steps().get(1).note()).isEqualTo("已换货");
        long v = version();
        assertThatThrownBy(() -> comp.approve(supervisor2, ticket.id(), "CP1"))
                .isInstanceOfSatisfying(CompensationTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(CompensationState.REJECTED);
                    assertThat(e.to()).isEqualTo(CompensationState.APPROVED);
                    assertThat(e.getMessage()).contains("CP1").contains("REJECTED").contains("APPROVED")
                            .contains("REJECTED is final");
                });
        assertThatThrownBy(() -> comp.reject(supervisor2, ticket.id(), "CP1", "again"))
                .isInstanceOf(CompensationTransitionException.class).hasMessageContaining("from REJECTED to REJECTED");
        assertThatThrownBy(() -> comp.pay(supervisor2, ticket.id(), "CP1"))
                .isInstanceOf(CompensationTransitionException.class).hasMessageContaining("from REJECTED to GRANTED");

        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("10"), "迟到");
        assertThatThrownBy(() -> comp.reject(supervisor, ticket.id(), "CP2", "too late"))
                .isInstanceOfSatisfying(CompensationTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(CompensationState.GRANTED);
                    assertThat(e.to()).isEqualTo(CompensationState.REJECTED);
                });
        assertThatThrownBy(() -> comp.approve(supervisor, ticket.id(), "CP9"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("no compensation CP9");
        assertThatThrownBy(() -> comp.reject(supervisor, ticket.id(), "CP9", "no"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("no compensation CP9");
        assertThatThrownBy(() -> comp.get(shop.admin, ticket.id(), "CP9"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("no compensation CP9");
        assertThat(version()).as("only the coupon of CP2, requested and granted").isEqualTo(v + 2);
    }

    // ---- bad input ------------------------------------------------------------------------------------------

    @Test
    void badInputIsRefusedClearlyAndWritesNothing() {
        long v = version();
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("0"), "迟到"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.POINTS, CompensationAmount.points(0),
                "迟到")).isInstanceOf(TicketValidationException.class).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> cny("-5")).isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> CompensationAmount.points(-5)).isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.COUPON,
                CompensationAmount.of("5", "USD"), "迟到")).isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("compensates in CNY, not USD");
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.COUPON,
                CompensationAmount.points(50), "迟到")).isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("COUPON is given in money, not points");
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.POINTS, cny("5"), "迟到"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("POINTS is given in points, not CNY");
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("0.001"), "迟到"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("decimal places");
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("5"), "  "))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("5"), "x".repeat(501)))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("reason");
        assertThat(version()).isEqualTo(v);
        assertThat(comp.compensations(shop.admin, ticket.id())).isEmpty();
        assertThat(gifts.get()).isZero();
    }

    @Test
    void aStaleTicketVersionIsAConflictAndWritesNothing() {
        long seen = version();
        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("80"), "大衣掉色", seen);
        assertThatThrownBy(() -> comp.request(agent2, ticket.id(), CompensationKind.COUPON, cny("5"), "迟到", seen))
                .isInstanceOf(TicketConflictException.class);
        assertThatThrownBy(() -> comp.approve(supervisor, ticket.id(), "CP1", seen))
                .isInstanceOf(TicketConflictException.class);
        assertThatThrownBy(() -> comp.reject(supervisor, ticket.id(), "CP1", "no", seen))
                .isInstanceOf(TicketConflictException.class);
        assertThat(comp.compensations(shop.admin, ticket.id())).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(CompensationState.PENDING_APPROVAL));
        assertThat(gifts.get()).as("nothing given on a stale version").isZero();
        assertThat(comp.approve(supervisor, ticket.id(), "CP1", version()).state()).isEqualTo(CompensationState.GRANTED);
    }

    @Test
    void permissionsDecideWhoMayDoWhatAndFinanceRefundsNeedTheRefundPermission() {
        assertThatThrownBy(() -> comp.request(shop.alice, ticket.id(), CompensationKind.COUPON, cny("5"), "迟到"))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.permission()).isEqualTo(Compensations.REQUEST));
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.PARTIAL_REFUND, cny("5"), "划痕"))
                .as("an after-sales agent does not touch refunds")
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.permission()).isEqualTo(AfterSales.REFUND));
        Actor outsider = shop.bob.withRoles(Role.AGENT.with("cs-supervisor", Compensations.REQUEST));
        assertThatThrownBy(() -> comp.request(outsider, ticket.id(), CompensationKind.COUPON, cny("5"), "迟到"))
                .as("an agent who may not read the after-sales ticket").isInstanceOf(PermissionDeniedException.class);
        assertThat(gifts.get()).isZero();

        Compensation refund = comp.request(finance, ticket.id(), CompensationKind.PARTIAL_REFUND, cny("30"), "划痕");
        assertThat(refund.state()).isEqualTo(CompensationState.GRANTED);
        Compensation bigRefund = comp.request(finance, ticket.id(), CompensationKind.PARTIAL_REFUND, cny("60"), "划痕");
        assertThat(bigRefund.state()).isEqualTo(CompensationState.PENDING_APPROVAL);
        assertThatThrownBy(() -> comp.approve(supervisor, ticket.id(), bigRefund.id()))
                .as("a supervisor of after-sales without refund.execute").isInstanceOfSatisfying(
                        PermissionDeniedException.class, e -> assertThat(e.permission()).isEqualTo(AfterSales.REFUND));
        assertThatThrownBy(() -> comp.reject(supervisor, ticket.id(), bigRefund.id(), "no"))
                .isInstanceOf(PermissionDeniedException.class);
        Actor financeLead = member("flo", Role.AGENT.with("cs-supervisor", Compensations.APPROVE, AfterSales.REFUND));
        assertThat(comp.approve(financeLead, ticket.id(), bigRefund.id()).state()).isEqualTo(CompensationState.GRANTED);
    }

    @Test
    void anotherTenantsTicketIsNotFound() {
        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("80"), "大衣掉色");
        Actor otherShop = Actor.system(TenantId.of("other-shop"), "admin").withRoles(Role.ADMIN);
        long v = version();
        assertThatThrownBy(() -> comp.request(otherShop, ticket.id(), CompensationKind.COUPON, cny("5"), "迟到"))
                .isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> comp.approve(otherShop, ticket.id(), "CP1")).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> comp.reject(otherShop, ticket.id(), "CP1", "no")).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> comp.pay(otherShop, ticket.id(), "CP1")).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> comp.compensations(otherShop, ticket.id())).isInstanceOf(TicketNotFoundException.class);
        assertThat(version()).isEqualTo(v);
        assertThat(gifts.get()).isZero();
    }

    // ---- budget and cap -------------------------------------------------------------------------------------

    @Test
    void theDailyBudgetCountsWhatAnAgentGrantedTodayInTheShopsZoneOnEveryTicket() {
        Ticket other = carolsTicket("鞋子开胶");
        assertThat(comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("20"), "迟到").state())
                .isEqualTo(CompensationState.GRANTED);
        assertThat(comp.request(agent, other.id(), CompensationKind.COUPON, cny("20"), "开胶").state())
                .isEqualTo(CompensationState.GRANTED);
        Compensation third = comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("20"), "再次迟到");
        assertThat(third.state()).as("40 of the 50 used: 20 more waits for approval")
                .isEqualTo(CompensationState.PENDING_APPROVAL);
        assertThat(third.steps().get(0).note()).contains("daily budget of 50.00 CNY").contains("40.00 CNY granted today");
        assertThat(comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("10"), "迟到").state())
                .as("what is left of it is still granted").isEqualTo(CompensationState.GRANTED);
        assertThat(comp.request(agent, ticket.id(), CompensationKind.POINTS, CompensationAmount.points(200), "迟到")
                .state()).as("points have their own budget").isEqualTo(CompensationState.GRANTED);
        assertThat(comp.request(agent2, ticket.id(), CompensationKind.COUPON, cny("20"), "迟到").state())
                .as("another agent's budget").isEqualTo(CompensationState.GRANTED);

        clock.set(Instant.parse("2026-11-12T15:59:59Z")); // 23:59:59 in Shanghai
        assertThat(comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("1"), "迟到").state())
                .isEqualTo(CompensationState.PENDING_APPROVAL);
        clock.set(Instant.parse("2026-11-12T16:00:00Z")); // midnight in Shanghai: a new day
        assertThat(comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("20"), "迟到").state())
                .isEqualTo(CompensationState.GRANTED);
    }

    @Test
    void theApproversDailyBudgetMustCoverWhatTheyApprove() {
        Actor lead = member("tom", Role.AGENT.with("cs-senior", Compensations.APPROVE)); // 100 at once, 300 a day
        Ticket daves = davesTicket("漏发");
        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("100"), "大衣掉色");
        comp.approve(lead, ticket.id(), "CP1");
        comp.request(agent, daves.id(), CompensationKind.COUPON, cny("100"), "漏发");
        comp.approve(lead, daves.id(), "CP1");
        comp.request(agent2, daves.id(), CompensationKind.COUPON, cny("100"), "漏发");
        comp.approve(lead, daves.id(), "CP2");
        comp.request(agent2, ticket.id(), CompensationKind.COUPON, cny("100"), "大衣破洞");

        long v = version();
        assertThatThrownBy(() -> comp.approve(lead, ticket.id(), "CP2"))
                .isInstanceOfSatisfying(CompensationLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(CompensationLimitException.Limit.DAILY_BUDGET);
                    assertThat(e.getMessage()).contains("daily budget of 300.00 CNY").contains("300.00 CNY used");
                });
        assertThat(version()).isEqualTo(v);
        assertThat(comp.approve(supervisor, ticket.id(), "CP2").state()).isEqualTo(CompensationState.GRANTED);
        assertThat(gifts.get()).isEqualTo(4);
    }

    @Test
    void theCustomerCapHoldsAcrossTicketsAndAgentsForItsDays() {
        Ticket other = carolsTicket("鞋子开胶");
        comp.request(supervisor, ticket.id(), CompensationKind.COUPON, cny("250"), "大衣掉色");
        comp.request(agent, other.id(), CompensationKind.COUPON, cny("20"), "开胶");
        Compensation pending = comp.request(agent2, other.id(), CompensationKind.COUPON, cny("30"), "开胶");
        assertThat(pending.state()).isEqualTo(CompensationState.PENDING_APPROVAL);
        comp.request(agent2, ticket.id(), CompensationKind.COUPON, cny("20"), "迟到");

        long v = version(other.id());
        assertThatThrownBy(() -> comp.request(agent, other.id(), CompensationKind.COUPON, cny("10.01"), "再次"))
                .isInstanceOfSatisfying(CompensationLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(CompensationLimitException.Limit.CUSTOMER_CAP);
                    assertThat(e.max()).isEqualTo(cny("300"));
                    assertThat(e.getMessage()).contains("290.00 CNY used").contains("nothing was written");
                });
        assertThatThrownBy(() -> comp.approve(supervisor, other.id(), pending.id()))
                .as("an approval does not lift the cap")
                .isInstanceOf(CompensationLimitException.class).hasMessageContaining("customer's cap");
        assertThat(version(other.id())).isEqualTo(v);
        assertThat(comp.get(shop.admin, other.id(), pending.id()).state()).isEqualTo(CompensationState.PENDING_APPROVAL);

        Ticket daves = davesTicket("漏发");
        assertThat(comp.request(agent, daves.id(), CompensationKind.COUPON, cny("10"), "漏发").state())
                .as("another customer").isEqualTo(CompensationState.GRANTED);
        assertThat(comp.request(agent, other.id(), CompensationKind.POINTS, CompensationAmount.points(100), "开胶")
                .state()).as("points are capped apart").isEqualTo(CompensationState.GRANTED);

        clock.advance(Duration.ofDays(29));
        assertThatThrownBy(() -> comp.approve(supervisor, other.id(), pending.id()))
                .as("still within the 30 days").isInstanceOf(CompensationLimitException.class);
        clock.advance(Duration.ofDays(1));
        assertThat(comp.approve(supervisor, other.id(), pending.id()).state()).isEqualTo(CompensationState.GRANTED);
    }

    // ---- failures, retries, races ---------------------------------------------------------------------------

    @Test
    void aGatewayFailureRecordsNothingAndARetryWithTheSameKeyGivesOnce() {
        gatewayDown.set(true);
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("20"), "迟到"))
                .isInstanceOfSatisfying(CompensationFailedException.class, e -> {
                    assertThat(e.idempotencyKey()).isEqualTo(key("CP1"));
                    assertThat(e.compensationId()).isEqualTo("CP1");
                    assertThat(e.getMessage()).contains(key("CP1")).contains("SocketTimeoutException")
                            .doesNotContain("6222").doesNotContain("timed out");
                });
        Compensation c = comp.get(shop.admin, ticket.id(), "CP1");
        assertThat(c.state()).as("decided, not given").isEqualTo(CompensationState.APPROVED);
        assertThat(c.receipt()).isEmpty();
        assertThat(events(ticket.id())).as("the failure itself recorded nothing").hasSize(1);
        long v = version();
        assertThatThrownBy(() -> comp.pay(agent, ticket.id(), "CP1")).isInstanceOf(CompensationFailedException.class);
        assertThat(version()).isEqualTo(v);

        gatewayDown.set(false);
        gatewayTimesOutAfterGiving.set(true);
        assertThatThrownBy(() -> comp.pay(agent, ticket.id(), "CP1"))
                .as("given, but the answer was lost").isInstanceOf(CompensationFailedException.class)
                .hasMessageNotContaining("13800138000");
        gatewayTimesOutAfterGiving.set(false);
        Compensation paid = comp.pay(agent, ticket.id(), "CP1");
        assertThat(paid.state()).isEqualTo(CompensationState.GRANTED);
        assertThat(paid.receipt()).contains("GIFT-1");
        assertThat(comp.pay(agent, ticket.id(), "CP1")).isEqualTo(paid);
        assertThat(gifts.get()).as("given once").isEqualTo(1);
        assertThat(memory.grantedBy(shop.tenant, agent.ref(), "CNY", Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"))).as("counted once").isEqualTo(cny("20"));
    }

    @Test
    void aRetryAtTheEdgeOfTheBudgetIsNotCountedTwice() {
        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("20"), "迟到");
        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("10"), "迟到");
        gatewayDown.set(true);
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("20"), "迟到"))
                .isInstanceOf(CompensationFailedException.class); // 50 of the 50 counted for CP3
        gatewayDown.set(false);
        Compensation c = comp.pay(agent, ticket.id(), "CP3");
        assertThat(c.state()).as("its own entry does not take it over the budget").isEqualTo(CompensationState.GRANTED);
        assertThat(memory.grantedBy(shop.tenant, agent.ref(), "CNY", Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"))).isEqualTo(cny("50"));
    }

    @Test
    void anApproverRetriesAFailedPaymentByApprovingAgain() {
        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("80"), "大衣掉色");
        gatewayDown.set(true);
        assertThatThrownBy(() -> comp.approve(supervisor, ticket.id(), "CP1"))
                .isInstanceOfSatisfying(CompensationFailedException.class,
                        e -> assertThat(e.idempotencyKey()).isEqualTo(key("CP1")));
        assertThat(comp.get(shop.admin, ticket.id(), "CP1").approver()).contains(supervisor.ref());
        assertThatThrownBy(() -> comp.pay(agent, ticket.id(), "CP1"))
                .as("the requester retries only what they granted themselves")
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.permission()).isEqualTo(Compensations.APPROVE));
        assertThatThrownBy(() -> comp.approve(supervisor2, ticket.id(), "CP1"))
                .isInstanceOf(CompensationTransitionException.class).hasMessageContaining("from APPROVED to APPROVED");
        gatewayDown.set(false);
        Compensation c = comp.approve(supervisor, ticket.id(), "CP1");
        assertThat(c.state()).isEqualTo(CompensationState.GRANTED);
        assertThat(comp.approve(supervisor, ticket.id(), "CP1")).as("approving again returns it").isEqualTo(c);
        assertThat(gifts.get()).isEqualTo(1);
        assertThat(c.steps()).extracting(CompensationStep::state).containsExactly(CompensationState.PENDING_APPROVAL,
                CompensationState.APPROVED, CompensationState.GRANTED);
    }

    @Test
    void oneApprovalSubmittedTwiceAtOnceGivesOnceAndIsGrantedOnce() throws Exception {
        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("80"), "大衣掉色");
        CyclicBarrier bothAtTheGateway = new CyclicBarrier(2);
        beforeGiving.set(() -> await(bothAtTheGateway));
        List<Compensation> results = race(() -> comp.approve(supervisor, ticket.id(), "CP1"),
                () -> comp.approve(supervisor, ticket.id(), "CP1"));

        assertThat(results).extracting(Compensation::state).containsOnly(CompensationState.GRANTED);
        Compensation c = comp.get(shop.admin, ticket.id(), "CP1");
        assertThat(gifts.get()).isEqualTo(1);
        assertThat(c.steps()).filteredOn(s -> s.state() == CompensationState.GRANTED).hasSize(1);
        assertThat(c.steps()).filteredOn(s -> s.state() == CompensationState.APPROVED).hasSize(1);
        assertThat(memory.grantedTo(shop.tenant, shop.carol.id(), "CNY", Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"))).isEqualTo(cny("80"));
    }

    @Test
    void twoApproversRacingOnOneApprovalOneWinsAndItIsGivenOnce() throws Exception {
        comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("80"), "大衣掉色");
        CyclicBarrier bothChecked = new CyclicBarrier(2);
        AtomicInteger sums = new AtomicInteger();
        beforeSum.set(() -> {
            if (sums.incrementAndGet() <= 2) {
                await(bothChecked); // both have read PENDING_APPROVAL and are checking the budget
            }
        });
        List<Object> outcomes = raceOutcomes(() -> comp.approve(supervisor, ticket.id(), "CP1"),
                () -> comp.approve(supervisor2, ticket.id(), "CP1"));

        assertThat(outcomes).filteredOn(o -> o instanceof Compensation c && c.state() == CompensationState.GRANTED)
                .hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof CompensationTransitionException).hasSize(1);
        Compensation c = comp.get(shop.admin, ticket.id(), "CP1");
        assertThat(c.state()).isEqualTo(CompensationState.GRANTED);
        assertThat(c.steps()).filteredOn(s -> s.state() == CompensationState.APPROVED).hasSize(1);
        assertThat(gifts.get()).isEqualTo(1);
    }

    @Test
    void twoRetriesRacingOnOnePaymentGiveOnce() throws Exception {
        gatewayDown.set(true);
        assertThatThrownBy(() -> comp.request(agent, ticket.id(), CompensationKind.COUPON, cny("20"), "迟到"))
                .isInstanceOf(CompensationFailedException.class);
        gatewayDown.set(false);
        CyclicBarrier bothAtTheGateway = new CyclicBarrier(2);
        beforeGiving.set(() -> await(bothAtTheGateway));
        List<Compensation> results = race(() -> comp.pay(agent, ticket.id(), "CP1"), () -> comp.pay(agent, ticket.id(), "CP1"));

        assertThat(results).extracting(Compensation::state).containsOnly(CompensationState.GRANTED);
        assertThat(gifts.get()).isEqualTo(1);
        assertThat(events(ticket.id())).hasSize(2);
    }

    @Test
    void whenTheLedgerRefusesAnApprovedCompensationItWaitsForApprovalAgain() {
        // another node granted meanwhile: the ledger knows, this node's check did not see it yet
        CompensationLedger racing = new CompensationLedger() {
            @Override
            public Outcome record(Entry entry, Bound budget, Bound cap) {
                return Outcome.OVER_BUDGET;
            }

            @Override
            public CompensationAmount grantedBy(TenantId t, dev.ticketkit.core.ActorRef g, String unit, Instant f, Instant to) {
                return CompensationAmount.zero(unit);
            }

            @Override
            public CompensationAmount grantedTo(TenantId t, CustomerId c, String unit, Instant f, Instant to) {
                return CompensationAmount.zero(unit);
            }
        };
        Commerce other = Commerce.builder().fetchExecutor(Runnable::run)
                .compensation(gateway, CompensationLimitsSource.of(limits), racing).build();
        try (TicketEngine e = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).module(other).build()) {
            Fixtures s = Fixtures.create(e, TenantId.of("shop"));
            Actor a = s.alice.withRoles(Role.AGENT.with("cs-agent", Compensations.REQUEST));
            Ticket t = s.carolAsks("迟到", Fixtures.AFTER_SALES);
            Compensation c = other.compensation().request(a, t.id(), CompensationKind.COUPON, cny("20"), "迟到");
            assertThat(c.state()).isEqualTo(CompensationState.PENDING_APPROVAL);
            assertThat(c.steps()).extracting(CompensationStep::state)
                    .containsExactly(CompensationState.APPROVED, CompensationState.PENDING_APPROVAL);
            assertThat(c.steps().get(1).note()).contains("daily budget of 50.00 CNY");
            assertThat(gifts.get()).isZero();
        } finally {
            other.close();
        }
    }

    // ---- wiring ---------------------------------------------------------------------------------------------

    @Test
    void compensationNeedsItsWiringAndEachTenantItsLimits() {
        Commerce bare = Commerce.builder().fetchExecutor(Runnable::run).build();
        TicketEngine withoutCompensation = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).module(bare)
                .build();
        try {
            assertThatThrownBy(bare::compensation).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no CompensationGateway");
        } finally {
            withoutCompensation.close();
            bare.close();
        }
        assertThatThrownBy(() -> Commerce.builder().compensation(gateway, CompensationLimitsSource.of(limits), ledger)
                .compensation(gateway, CompensationLimitsSource.of(limits), ledger))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("set already");

        Commerce onlyOtherShop = Commerce.builder().fetchExecutor(Runnable::run)
                .compensation(gateway, CompensationLimitsSource.of(Map.of(TenantId.of("other-shop"), limits)), ledger)
                .build();
        try (TicketEngine e = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).module(onlyOtherShop)
                .build()) {
            Fixtures s = Fixtures.create(e, TenantId.of("shop"));
            Ticket t = s.carolAsks("迟到", Fixtures.AFTER_SALES);
            assertThatThrownBy(() -> onlyOtherShop.compensation().request(s.admin, t.id(), CompensationKind.COUPON,
                    cny("1"), "迟到")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no compensation limits for tenant shop");
        } finally {
            onlyOtherShop.close();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs both at once; both must succeed. */
    private static List<Compensation> race(java.util.concurrent.Callable<Compensation> a,
                                           java.util.concurrent.Callable<Compensation> b) throws Exception {
        List<Object> outcomes = raceOutcomes(a, b);
        for (Object o : outcomes) {
            if (o instanceof Throwable t) {
                throw new AssertionError("a racing call failed", t);
            }
        }
        return outcomes.stream().map(o -> (Compensation) o).toList();
    }

    /** Runs both at once; what each returned or threw. */
    private static List<Object> raceOutcomes(java.util.concurrent.Callable<Compensation> a,
                                             java.util.concurrent.Callable<Compensation> b) throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Compensation>> futures = List.of(two.submit(a), two.submit(b));
            List<Object> outcomes = new ArrayList<>();
            for (Future<Compensation> f : futures) {
                try {
                    outcomes.add(f.get(20, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            two.shutdownNow();
        }
    }
}
