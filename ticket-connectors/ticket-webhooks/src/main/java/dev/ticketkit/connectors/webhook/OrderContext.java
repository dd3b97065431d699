package dev.ticketkit.connectors.webhook;

import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketUpdate;
import java.util.Objects;
import java.util.Optional;

/**
 * The order an inbound message is about, as channels that know it put it in the message's metadata
 * ({@value #PLATFORM} and {@value #ID}): Shopify order events, marketplace messages mapped with an order id.
 * {@code Intake} finds order numbers written in the text; this adds the ones the platform states outright.
 *
 * <pre>{@code
 * for (InboundMessage m : shopify.parse(delivery)) {
 *     OrderContext.attach(engine, intake.accept(m), m);
 * }
 * }</pre>
 */
public final class OrderContext {
    /** Metadata key of the order's platform, such as {@code SHOPIFY}. */
    public static final String PLATFORM = "order.platform";
    /** Metadata key of the order's id on that platform. */
    public static final String ID = "order.id";
    /** Name of the integration actor that adds the reference (in the audit trail). */
    public static final String ACTOR_NAME = "order-context";

    private OrderContext() {
    }

    /**
     * The order the message names, if it names a valid one. Without {@value #PLATFORM} the platform is the
     * message's channel (so a marketplace mapping need only map {@value #ID}).
     */
    public static Optional<OrderRef> of(InboundMessage message) {
        String platform = message.metadata().getOrDefault(PLATFORM, message.channel().name());
        String id = message.metadata().get(ID);
        if (platform == null || id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OrderRef.of(platform, id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Adds the message's order to the ticket intake put it on, unless it is there already or intake added nothing.
     *
     * @return whether a reference was added
     */
    public static boolean attach(TicketEngine engine, IntakeResult result, InboundMessage message) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(result, "result");
        Optional<OrderRef> order = of(Objects.requireNonNull(message, "message"));
        if (order.isEmpty() || !result.added() || result.ticketId().isEmpty()) {
            return false;
        }
        Actor actor = Actor.integration(message.tenant(), ACTOR_NAME);
        Ticket t = engine.tickets().get(actor, result.ticketId().get());
        if (t.orders().contains(order.get())) {
            return false;
        }
        engine.tickets().update(actor, t.id(), TicketUpdate.builder().order(order.get()).build());
        return true;
    }
}
