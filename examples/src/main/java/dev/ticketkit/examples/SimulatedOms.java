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

    private SimulatedOms() {
    }
}
