package dev.ticketkit.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.commerce.context.Freshness;
import dev.ticketkit.commerce.context.LogisticsSource;
import dev.ticketkit.commerce.context.Member;
import dev.ticketkit.commerce.context.MemberSource;
import dev.ticketkit.commerce.context.Order;
import dev.ticketkit.commerce.context.OrderItem;
import dev.ticketkit.commerce.context.OrderSource;
import dev.ticketkit.commerce.context.OrderStatus;
import dev.ticketkit.commerce.context.Parcel;
import dev.ticketkit.commerce.context.ParcelStatus;
import dev.ticketkit.commerce.context.ShippingAddress;
import dev.ticketkit.commerce.context.TrackingEvent;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommerceModuleTest {
    static final OrderRef ORDER = OrderRef.of("TAOBAO", "3141592653589793");
    static final String WAYBILL = "SF1234567890123";

    final MutableClock clock = MutableClock.at("2026-11-12T02:00:00Z");
    final AtomicBoolean ordersDown = new AtomicBoolean();
    /** The facts each command's hook saw: order.*, logistics.*, member.*. */
    final List<Map<String, Object>> seen = new ArrayList<>();
    TicketEngine engine;
    Commerce commerce;
    Fixtures shop;

    final OrderSource oms = new OrderSource() {
        @Override
        public Optional<Order> order(TenantId tenant, OrderRef ref) throws Exception {
            if (ordersDown.get()) {
                throw new java.io.IOException("OMS down");
            }
            return ref.equals(ORDER) && tenant.equals(shop.tenant) ? Optional.of(sampleOrder()) : Optional.empty();
        }

        @Override
        public List<Order> recentOrders(TenantId tenant, Customer customer, int limit) {
            return customer.id().equals(shop.carol.id()) ? List.of(sampleOrder()) : List.of();
        }
    };

    final LogisticsSource tracking = (tenant, waybill) -> waybill.equals(WAYBILL)
            ? Optional.of(new Parcel("SF", WAYBILL, List.of(
                    new TrackingEvent(Instant.parse("2026-11-10T01:00:00Z"), ParcelStatus.IN_TRANSIT, "【杭州】已发出"),
                    new TrackingEvent(Instant.parse("2026-11-11T08:00:00Z"), ParcelStatus.DELIVERED, "已签收"))))
            : Optional.empty();

    final MemberSource crm = (tenant, customer) -> Optional.of(new Member(MemberTier.VIP, 1_200,
            Instant.parse("2024-01-01T00:00:00Z"), Money.of("8800", "CNY")));

    static Order sampleOrder() {
        return new Order(ORDER, OrderStatus.SIGNED, Money.of("199.00", "CNY"),
                List.of(new OrderItem("SKU-1", "羊毛大衣", "apparel", 1, Money.of("199.00", "CNY"))),
                new ShippingAddress("张三", "13800001234", "浙江省 杭州市 余杭区", "文一西路 1 号"),
                Instant.parse("2026-11-09T12:00:00Z"), Instant.parse("2026-11-09T12:01:00Z"),
                Instant.parse("2026-11-10T01:00:00Z"), Instant.parse("2026-11-11T08:00:00Z"), List.of(WAYBILL));
    }

    @BeforeEach
    void setUp() {
        commerce = Commerce.builder().orders(oms).logistics(tracking).members(crm).fetchExecutor(Runnable::run).build();
        CommandHook recorder = new CommandHook() {
            @Override
            public void beforeCommit(HookContext ctx) {
                Map<String, Object> facts = new java.util.TreeMap<>();
                for (String ns : List.of("order", "logistics", "member")) {
                    ctx.facts().namespace(ns).forEach((k, v) -> facts.put(ns + "." + k, v));
                }
                seen.add(facts);
            }
        };
        engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).module(commerce).hook(recorder).build();
        shop = Fixtures.create(engine, TenantId.of("shop"));
    }

    Ticket carolAsksAboutTheOrder() {
        return engine.tickets().create(shop.integration, NewTicket.builder(shop.carol.id(), "退货")
                .channel(Channel.WEB_CHAT).order(ORDER).message(shop.fromCarol("大衣想退")).build());
    }

    @Test
    void factsComeFromTheCacheAndAPrefetchMakesThemThereOnTheFirstCommand() {
        commerce.prefetch(shop.tenant, List.of(ORDER), shop.carol);
        Ticket t = carolAsksAboutTheOrder();
        Map<String, Object> first = seen.get(seen.size() - 1);
        assertThat(first).containsEntry("order.status", "signed").containsEntry("order.currency", "CNY")
                .containsEntry("order.stale", false).containsEntry("member.tier", MemberTier.VIP.level())
                .containsEntry("member.tier_name", "VIP");
        assertThat(first.get("order.paid_amount")).isEqualTo(new java.math.BigDecimal("199.00"));
        assertThat(first.get("order.items.category")).isEqualTo(java.util.Set.of("apparel"));
        assertThat(first).doesNotContainKey("logistics.status").as("the parcel is fetched after the first command");

        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("我们看一下"));
        Map<String, Object> second = seen.get(seen.size() - 1);
        assertThat(second).containsEntry("logistics.status", "delivered").containsEntry("logistics.carrier", "SF")
                .containsEntry("logistics.hours_since_update", 18L);
    }

    @Test
    void withoutOrdersInTheCacheACommandRunsWithoutOrderFacts() {
        ordersDown.set(true);
        Ticket t = carolAsksAboutTheOrder();
        assertThat(seen.get(seen.size() - 1)).doesNotContainKeys("order.status", "logistics.status");
        assertThat(t.orders()).containsExactly(ORDER);
        ordersDown.set(false);
        clock.advance(Duration.ofSeconds(31)); // past the failure back-off
        engine.tickets().note(shop.alice, t.id(), "checking");
        engine.tickets().note(shop.alice, t.id(), "still checking");
        assertThat(seen.get(seen.size() - 1)).containsEntry("order.status", "signed");
    }

    @Test
    void theContextShowsOrderParcelMemberAndHistoryToWhoeverMayReadTheTicket() {
        Ticket earlier = shop.carolAsks("发票");
        Ticket t = carolAsksAboutTheOrder();
        TicketContext ctx = commerce.context(shop.alice, t.id());
        assertThat(ctx.ticket().id()).isEqualTo(t.id());
        assertThat(ctx.requester().id()).isEqualTo(shop.carol.id());
        assertThat(ctx.orders().get(ORDER).value()).contains(sampleOrder());
        assertThat(ctx.parcels().get(WAYBILL).value().map(Parcel::status)).contains(ParcelStatus.DELIVERED);
        assertThat(ctx.member().value().map(Member::points)).contains(1_200L);
        assertThat(ctx.recentOrders().value()).contains(List.of(sampleOrder()));
        assertThat(ctx.recentTickets()).extracting(Ticket::id).containsExactly(earlier.id());
        assertThat(ctx.degraded()).isFalse();
        assertThat(ctx.assembledAt()).isEqualTo(clock.instant());
    }

    @Test
    void theContextIsNoBackDoorToATicket() {
        Ticket finance = shop.carolAsks("refund", Fixtures.FINANCE);
        assertThatThrownBy(() -> commerce.context(shop.alice, finance.id())).isInstanceOf(PermissionDeniedException.class);
        Fixtures other = Fixtures.create(engine, TenantId.of("other-shop"));
        assertThatThrownBy(() -> commerce.context(other.admin, finance.id())).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> commerce.context(shop.daveActor(), finance.id()))
                .isInstanceOfAny(PermissionDeniedException.class, TicketNotFoundException.class);
    }

    @Test
    void aFailingSourceGivesADegradedContextNotAFailure() {
        Ticket t = carolAsksAboutTheOrder();
        ordersDown.set(true);
        clock.advance(Duration.ofMinutes(31));
        TicketContext ctx = commerce.context(shop.alice, t.id());
        assertThat(ctx.orders().get(ORDER).freshness()).isIn(Freshness.STALE, Freshness.UNAVAILABLE);
        assertThat(ctx.degraded()).isTrue();
        assertThat(ctx.member().freshness()).isEqualTo(Freshness.FRESH);
    }

    @Test
    void anotherTenantsOrderOfTheSameIdIsAnotherOrder() {
        Fixtures other = Fixtures.create(engine, TenantId.of("other-shop"));
        assertThat(commerce.order(shop.tenant, ORDER).value()).isPresent();
        assertThat(commerce.order(other.tenant, ORDER).value()).isEmpty();
        assertThat(commerce.order(other.tenant, ORDER).freshness()).isEqualTo(Freshness.FRESH);
    }

    @Test
    void aModuleNotOnAnEngineSaysSo() {
        Commerce loose = Commerce.builder().orders(oms).build();
        assertThatThrownBy(() -> loose.order(shop.tenant, ORDER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not installed");
        assertThatThrownBy(() -> TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).module(commerce).build())
                .isInstanceOf(IllegalStateException.class);
        Commerce bare = Commerce.builder().fetchExecutor(Runnable::run).build();
        TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).module(bare).build();
        assertThat(bare.order(shop.tenant, ORDER).freshness()).isEqualTo(Freshness.UNAVAILABLE);
        assertThat(bare.order(shop.tenant, ORDER).problem()).isEqualTo("no order source");
    }

    @Test
    void waybillsInACustomersMessageAreLinkedToTheTicketAndItsParcelFollowed() {
        Ticket t = engine.tickets().create(shop.integration, NewTicket.builder(shop.carol.id(), "快递没到")
                .channel(Channel.WEB_CHAT).message(shop.fromCarol("顺丰单号 SF1234567890123，手机 13800001234")).build());
        assertThat(t.tags()).contains("waybill:sf1234567890123").noneMatch(tag -> tag.contains("138000"));
        assertThat(Commerce.linkedWaybills(t)).containsExactly(WAYBILL);
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("另一个单号 SF9999999999999 是我们的"));
        Ticket after = engine.tickets().get(shop.admin, t.id());
        assertThat(Commerce.linkedWaybills(after)).as("an agent's message links nothing").containsExactly(WAYBILL);
        assertThat(seen.get(seen.size() - 1)).containsEntry("logistics.status", "delivered");
        assertThat(commerce.context(shop.admin, t.id()).parcels()).containsKey(WAYBILL);
    }
}
