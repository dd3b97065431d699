package dev.ticketkit.routing.rules;

import dev.ticketkit.core.Ticket;
import java.util.Map;

/**
 * Supplies the {@code order.*} facts of a ticket (the commerce module, or the host's OMS, implements it):
 * keys without the prefix, such as {@code status}, {@code amount}, {@code shipped} and
 * {@code logistics_delayed}, with values that are strings, numbers, booleans or collections of strings.
 * Templates may also read nested maps, lists and records ({@code {{#order.items}}{{sku}}{{/order.items}}}): the
 * facts are copied into plain maps and lists before a template renders them, and other objects are left out, so
 * no template ever calls a method of the host's objects.
 * Called at most once per ticket per rule run, only when a rule reads an {@code order.*} field or a template
 * uses {@code {{order.*}}}; a provider that throws is logged and its facts are unset. Must be thread-safe and
 * fast (it runs inside the command's transaction).
 */
@FunctionalInterface
public interface OrderContextProvider {

    /** The order facts of the ticket's order(s); empty when there are none. Never null. */
    Map<String, Object> orderFacts(Ticket ticket);

    /** A provider with no order facts (the default). */
    static OrderContextProvider none() {
        return ticket -> Map.of();
    }
}
