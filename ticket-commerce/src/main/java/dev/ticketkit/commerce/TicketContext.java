package dev.ticketkit.commerce;

import dev.ticketkit.commerce.context.Fetched;
import dev.ticketkit.commerce.context.Member;
import dev.ticketkit.commerce.context.Order;
import dev.ticketkit.commerce.context.Parcel;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.commerce.context.Freshness;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an agent sees beside a ticket, assembled from the host's systems by {@link Commerce#context}: the requester
 * and their membership, the orders the ticket references with their parcels, the requester's recent orders and
 * tickets. Every value from a host system says how current it is ({@link Fetched}): a slow or failing system gives a
 * stale or unavailable part, never a failed context.
 *
 * @param ticket        the ticket, as the actor may read it
 * @param requester     its requester
 * @param member        the requester's membership
 * @param orders        the orders the ticket references, in the ticket's order
 * @param parcels       the parcels of those orders' waybills, by waybill number
 * @param recentOrders  the requester's most recent orders, newest first
 * @param recentTickets the requester's other recent tickets the actor may read, newest first
 * @param assembledAt   when the context was put together (the engine's clock)
 */
public record TicketContext(Ticket ticket, Customer requester, Fetched<Member> member,
                            Map<OrderRef, Fetched<Order>> orders, Map<String, Fetched<Parcel>> parcels,
                            Fetched<List<Order>> recentOrders, List<Ticket> recentTickets, Instant assembledAt) {
    public TicketContext {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(recentOrders, "recentOrders");
        Objects.requireNonNull(assembledAt, "assembledAt");
        orders = Collections.unmodifiableMap(new LinkedHashMap<>(orders));
        parcels = Collections.unmodifiableMap(new LinkedHashMap<>(parcels));
        recentTickets = List.copyOf(recentTickets);
    }

    /** Whether any part is stale or unavailable (show a "may be out of date" mark). */
    public boolean degraded() {
        return member.freshness() != Freshness.FRESH
                || recentOrders.freshness() != Freshness.FRESH
                || orders.values().stream().anyMatch(f -> f.freshness() != Freshness.FRESH)
                || parcels.values().stream().anyMatch(f -> f.freshness() != Freshness.FRESH);
    }
}
