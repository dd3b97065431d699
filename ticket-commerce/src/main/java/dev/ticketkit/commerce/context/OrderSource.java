package dev.ticketkit.commerce.context;

import dev.ticketkit.core.Customer;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.TenantId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's orders (its OMS or ERP, or a marketplace's order API behind it). Implemented by the host; optional.
 * Calls may be slow and may fail: TicketKit calls them with a timeout, off the command path, and caches what they
 * return ({@link ContextCache}). Implementations must be thread-safe and must answer only for the tenant asked.
 */
public interface OrderSource {

    /** One order, or empty if the host has no such order for the tenant. */
    Optional<Order> order(TenantId tenant, OrderRef ref) throws Exception;

    /**
     * Several orders at once. The default asks one by one; override it with the host's bulk call.
     *
     * @return the orders found, keyed by reference; those not found are absent
     */
    default Map<OrderRef, Order> orders(TenantId tenant, Collection<OrderRef> refs) throws Exception {
        Map<OrderRef, Order> found = new LinkedHashMap<>();
        for (OrderRef r : refs) {
            Optional<Order> o = order(tenant, r);
            if (o.isPresent()) {
                found.put(r, o.get());
            }
        }
        return found;
    }

    /** The customer's most recent orders, newest first, at most {@code limit}. */
    List<Order> recentOrders(TenantId tenant, Customer customer, int limit) throws Exception;
}
