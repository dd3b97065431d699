package dev.ticketkit.examples;

import dev.ticketkit.commerce.*;
import dev.ticketkit.commerce.aftersales.*;
import dev.ticketkit.commerce.context.*;
import dev.ticketkit.commerce.returns.NoReasonReturnWindow;
import dev.ticketkit.commerce.waybill.WaybillRecognizer;
import dev.ticketkit.core.*;
import java.time.Instant;
import java.util.*;

/** An ERP wiring its orders, parcels and refunds into TicketKit: a return and refund from request to done. */
public final class AfterSalesExample {
    public static void main(String[] args) {
        AfterSalesCase done = run();
        System.out.println("case " + done.id() + " " + done.type() + ": " + done.state() + ", refunded " + done.refunded());
        done.steps().forEach(s -> System.out.println("  " + s.state() + " by " + s.by() + " " + s.note()));
    }

    /** Runs the example; returns the finished case. */
    static AfterSalesCase run() {
        OrderRef ref = OrderRef.of("TAOBAO", "3141592653589793");
        Order coat = new Order(ref, OrderStatus.SIGNED, Money.of("399.00", "CNY"),
                List.of(new OrderItem("COAT-M", "羊毛大衣 M", "apparel", 1, Money.of("399.00", "CNY"))),
                new ShippingAddress("张三", "13800001234", "浙江省 杭州市 余杭区", "文一西路 1 号"),
                Instant.parse("2026-11-09T12:00:00Z"), Instant.parse("2026-11-09T12:01:00Z"),
                Instant.parse("2026-11-10T01:00:00Z"), Instant.parse("2026-11-11T08:00:00Z"), List.of("SF1234567890123"));
        OrderSource erp = new OrderSource() {                               // your OMS or ERP client
            public Optional<Order> order(TenantId tenant, OrderRef r) { return Optional.ofNullable(r.equals(ref) ? coat : null); }
            public List<Order> recentOrders(TenantId tenant, Customer c, int limit) { return List.of(coat); }
        };
        LogisticsSource tracking = (tenant, waybill) -> Optional.of(new Parcel("SF", waybill, List.of(
                new TrackingEvent(Instant.parse("2026-11-11T08:00:00Z"), ParcelStatus.DELIVERED, "已签收"))));
        Map<String, RefundReceipt> paid = new HashMap<>();                  // your payment system, idempotent by key
        RefundGateway payments = (tenant, order, amount, key) ->
                paid.computeIfAbsent(key, k -> new RefundReceipt("RF-" + (paid.size() + 1), amount));

        Commerce commerce = Commerce.builder().orders(erp).logistics(tracking).refunds(payments).build();
        try (commerce; TicketEngine engine = TicketEngine.builder().module(commerce).build()) {
            TenantId shop = TenantId.of("demo-shop");
            Actor admin = Actor.system(shop, "setup").withRoles(Role.ADMIN);
            TeamId afterSales = TeamId.of("after-sales");
            engine.directory().saveTeam(admin, Team.of(shop, afterSales, "After-sales"));
            Actor agent = staff(engine, admin, "lin", Role.AGENT.with("after-sales-agent", AfterSales.REQUEST));
            Actor lead = staff(engine, admin, "zhao", Role.AGENT.with("after-sales-lead", AfterSales.DECIDE));
            Actor warehouse = staff(engine, admin, "wang", Role.LIGHT_AGENT.with("warehouse", AfterSales.WAREHOUSE));
            Actor finance = staff(engine, admin, "qian", Role.LIGHT_AGENT.with("finance", AfterSales.REFUND));

            String text = "大衣尺码不对，想退货。顺丰单号 SF1234567890123 已签收。";
            Customer buyer = engine.customers().findOrCreate(Actor.integration(shop, "taobao"),
                    ChannelIdentity.verified(IdentityType.TAOBAO_BUYER, "tb_buyer_42"), "tb_buyer_42");
            Ticket ticket = engine.tickets().create(admin, NewTicket.builder(buyer.id(), "退货退款").channel(Channel.TAOBAO)
                    .team(afterSales).order(ref).message(NewMessage.text(text).by(AuthorKind.CUSTOMER, buyer.id().toString())).build());
            System.out.println("waybills in the message: " + WaybillRecognizer.find(text));

            TicketContext panel = commerce.context(agent, ticket.id());     // what the agent sees beside the ticket
            System.out.println("order: " + panel.orders().get(ref).value().orElse(null) + "\nparcel: " + panel.parcels().get("SF1234567890123").value()
                    .map(Parcel::status).orElse(null));
            Instant signed = coat.signedAt();
            System.out.println("no-reason return window open until " + NoReasonReturnWindow.china().lastMoment(signed)
                    + ": " + NoReasonReturnWindow.china().isOpen(signed, Instant.parse("2026-11-12T02:00:00Z")));

            AfterSales cases = commerce.afterSales();
            AfterSalesCase c = cases.open(agent, ticket.id(), CaseType.RETURN_AND_REFUND, ref, Money.of("399", "CNY"));
            cases.approve(lead, ticket.id(), c.id());
            cases.returnShipped(agent, ticket.id(), c.id(), "SF9876543210987");
            cases.receive(warehouse, ticket.id(), c.id(), Inspection.AS_EXPECTED);
            cases.refund(finance, ticket.id(), c.id(), Money.of("399", "CNY"));
            return cases.complete(agent, ticket.id(), c.id());
        }
    }

    private static Actor staff(TicketEngine engine, Actor admin, String id, Role role) {
        TeamId team = TeamId.of("after-sales");
        return Actor.agent(engine.directory().saveAgent(admin, Agent.of(admin.tenantId(), AgentId.of(id), id, team)), role);
    }
}
