package dev.ticketkit.commerce.context;

import dev.ticketkit.commerce.Money;
import dev.ticketkit.core.OrderRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An order as the host's order system has it.
 *
 * @param ref       the platform and id, as tickets reference it
 * @param status    where it is
 * @param paid      the amount paid (zero if unpaid)
 * @param items     its lines, at least one
 * @param shipTo    the shipping address, or null (virtual goods)
 * @param placedAt  when it was placed
 * @param paidAt    when it was paid, or null
 * @param shippedAt when it was handed to the carrier, or null
 * @param signedAt  when the buyer signed for it, or null
 * @param waybills  the waybill numbers it shipped under (several for split parcels), possibly none
 */
public record Order(OrderRef ref, OrderStatus status, Money paid, List<OrderItem> items, ShippingAddress shipTo,
                    Instant placedAt, Instant paidAt, Instant shippedAt, Instant signedAt, List<String> waybills) {
    public Order {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(paid, "paid");
        Objects.requireNonNull(placedAt, "placedAt");
        items = List.copyOf(items);
        waybills = List.copyOf(waybills);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one item");
        }
        for (OrderItem i : items) {
            if (!i.price().currency().equals(paid.currency())) {
                throw new IllegalArgumentException("an order's items are priced in its currency");
            }
        }
    }

    /** The shipping address, if the order ships. */
    public Optional<ShippingAddress> shippingAddress() {
        return Optional.ofNullable(shipTo);
    }

    /** When the buyer signed for it, if they have. */
    public Optional<Instant> signedFor() {
        return Optional.ofNullable(signedAt);
    }

    /** The line of a SKU, if the order has one. */
    public Optional<OrderItem> item(String sku) {
        return items.stream().filter(i -> i.sku().equals(sku)).findFirst();
    }

    /** No address: {@link ShippingAddress#toString()} hides it anyway, and an order's text stays short. */
    @Override
    public String toString() {
        return "Order[" + ref.platform() + ":" + ref.orderId() + ", " + status + ", " + paid + ", " + items.size()
                + " items]";
    }
}
