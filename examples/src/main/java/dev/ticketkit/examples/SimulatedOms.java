package dev.ticketkit.examples;

import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.condition.FieldSchema;
import dev.ticketkit.core.condition.ValueKind;
import dev.ticketkit.core.spi.FactSource;
import java.util.Map;

/**
 * The peak-day shop's order system as the rules see it: {@code order.*} facts of the orders a ticket references,
 * answered from memory (a real OMS would answer from a cache it refreshes in the background; a command never
 * waits on a remote call). About one parcel in eight is late, decided by the order id so every run agrees.
 */
final class SimulatedOms {
    /** {@code order.status}, {@code order.logistics_delayed} and {@code order.count} of the ticket's orders. */
    static final FactSource ORDER_FACTS = FactSource.of("order", FieldSchema.builder()
                    .field("order.status", ValueKind.TEXT)
                    .field("order.logistics_delayed", ValueKind.BOOLEAN)
                    .field("order.count", ValueKind.NUMBER)
                    .build(),
            (ticket, requester) -> {
                if (ticket.orders().isEmpty()) {
                    return Map.of();
                }
                OrderRef first = ticket.orders().get(0);
                boolean late = Math.floorMod(first.orderId().hashCode(), 8) == 0;
                return Map.of("status", late ? "IN_TRANSIT" : "SHIPPED", "logistics_delayed", late,
                        "count", ticket.orders().size());
            });

    /**
     * The same shop's orders for the commerce module (after-sales reads the paid amount, the items' categories and
     * when the buyer signed for them before a case opens): every order exists, its amount, category and signing day
     * decided by its id.
     */
    static final dev.ticketkit.commerce.context.OrderSource ORDERS = new dev.ticketkit.commerce.context.OrderSource() {
        @Override
        public java.util.Optional<dev.ticketkit.commerce.context.Order> order(dev.ticketkit.core.TenantId tenant, OrderRef ref) {
            dev.ticketkit.commerce.Money paid = dev.ticketkit.commerce.Money.of(
                    String.valueOf(99 + Math.floorMod(ref.orderId().hashCode(), 500)), "CNY");
            int n = Math.floorMod(ref.orderId().hashCode(), 63);
            // most orders were signed for the day before Double 11; one in seven weeks earlier (outside the seven
            // days), one in nine is fresh food (never returned without a reason)
            java.time.Instant signed = PeakDaySimulation.DOUBLE_11.minusDays(n % 7 == 0 ? 17 : 1)
                    .atTime(14, 0).atZone(PeakDaySimulation.SHANGHAI).toInstant();
            String category = n % 9 == 0 ? "fresh" : "apparel";
            return java.util.Optional.of(new dev.ticketkit.commerce.context.Order(ref,
                    dev.ticketkit.commerce.context.OrderStatus.SIGNED, paid,
                    java.util.List.of(new dev.ticketkit.commerce.context.OrderItem("SKU-" + Math.floorMod(ref.hashCode(), 40),
                            "Double 11 item", category, 1, paid)),
                    null, signed.minus(java.time.Duration.ofDays(3)), signed.minus(java.time.Duration.ofDays(3)),
                    signed.minus(java.time.Duration.ofDays(2)), signed, java.util.List.of()));
        }

        @Override
        public java.util.List<dev.ticketkit.commerce.context.Order> recentOrders(dev.ticketkit.core.TenantId tenant,
                dev.ticketkit.core.Customer customer, int limit) {
            return java.util.List.of();
        }
    };

    /** The order an agent finds for a shopper's return (looked up by the customer in the real shop). */
    static OrderRef orderOf(int shopper) {
        return OrderRef.of("TAOBAO", "DD" + (1_000_000 + shopper));
    }

    private SimulatedOms() {
    }
}
