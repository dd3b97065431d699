package dev.ticketkit.connectors.outbound;

import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.ChannelCapability;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketException;
import dev.ticketkit.core.Visibility;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends agents' public replies through the channel the customer used. Hand it every event an at-least-once relay
 * delivers; it acts on {@link TicketEvent.MessageAdded} events of public messages written by agents and skips the
 * rest.
 *
 * <pre>{@code
 * OutboundReplies replies = OutboundReplies.builder(engine)
 *         .adapter(wechatAdapter)            // recipient: the requester's WECHAT_OPENID
 *         .adapter(emailChannel)             // recipient: the requester's EMAIL
 *         .build();
 * // with ticket-jdbc's outbox:
 * OutboxRelay relay = OutboxRelay.builder(store, m -> replies.deliver(m.event(), m.attempts())).build();
 * }</pre>
 *
 * <p>For each reply it loads the ticket, the message and the requester through the engine, picks the adapter
 * registered for the message's channel, and sends the text (and HTML) to the requester's identity of the adapter's
 * recipient type, naming the ticket and message so that channels able to thread do so. The outcome:
 * <ul>
 *   <li>delivered: {@link Outcome#SENT};</li>
 *   <li>a retryable failure: a retryable {@link ChannelException} is thrown, so the relay delivers the event again
 *       later (with its backoff); once {@link Builder#maxAttempts} attempts have failed, it is handled as
 *       permanent;</li>
 *   <li>a permanent failure (or no identity to send to): an internal note on the ticket says which reply failed on
 *       which channel and the reason code (no customer data), the ticket is tagged {@value #FAILED_TAG}, and
 *       {@link Outcome#FAILED} is returned, so the relay moves on.</li>
 * </ul>
 * Delivery is at least once: if the process dies after the channel accepted a reply but before the relay recorded
 * the event as delivered, the reply is sent again. Adapters receive the stored message id
 * ({@link OutboundMessage#messageId()}) to let platforms with idempotency keys drop the second copy.
 *
 * <p>Thread-safe; holds no threads. Logs name ids, channels and reason codes only.
 */
public final class OutboundReplies {
    /** Tag put on a ticket whose reply could not be delivered. */
    public static final String FAILED_TAG = "reply-delivery-failed";
    /** Default number of attempts before a retryable failure counts as permanent. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    /** Default name of the system actor (in the audit trail). */
    public static final String DEFAULT_ACTOR_NAME = "outbound-replies";

    private static final Logger LOG = LoggerFactory.getLogger(OutboundReplies.class);
    private static final Map<Channel, IdentityType> DEFAULT_RECIPIENTS = Map.of(
            Channel.EMAIL, IdentityType.EMAIL,
            Channel.WECHAT, IdentityType.WECHAT_OPENID,
            Channel.SHOPIFY, IdentityType.SHOPIFY_CUSTOMER,
            Channel.TAOBAO, IdentityType.TAOBAO_BUYER,
            Channel.JD, IdentityType.JD_BUYER,
            Channel.PINDUODUO, IdentityType.PINDUODUO_BUYER,
            Channel.PHONE, IdentityType.PHONE);

    /** What {@link #deliver} did with an event. */
    public enum Outcome {
        /** The reply was delivered. */
        SENT,
        /** Not a public agent reply, or no outbound adapter for its channel: nothing to do. */
        SKIPPED,
        /** The reply failed permanently; the ticket has a note and the {@value #FAILED_TAG} tag. */
        FAILED
    }

    private record Route(ChannelAdapter adapter, IdentityType recipientType) {
    }

    private final TicketEngine engine;
    private final Map<Channel, Route> routes;
    private final int maxAttempts;
    private final String actorName;

    private OutboundReplies(Builder b) {
        engine = b.engine;
        routes = Map.copyOf(b.routes);
        maxAttempts = b.maxAttempts > 0 ? b.maxAttempts : DEFAULT_MAX_ATTEMPTS;
        actorName = b.actorName != null ? b.actorName : DEFAULT_ACTOR_NAME;
    }

    /** A builder sending through {@code engine}'s tickets. */
    public static Builder builder(TicketEngine engine) {
        return new Builder(engine);
    }

    /** Same as {@link #deliver(TicketEvent, int) deliver(event, 0)}. */
    public Outcome deliver(TicketEvent event) {
        return deliver(event, 0);
    }

    /**
     * Handles one delivered event.
     *
     * @param event            the event
     * @param previousAttempts how many deliveries of this event failed before (the outbox counts them)
     * @return what was done
     * @throws ChannelException (retryable) if the send failed in a way that may pass later: deliver the event again
     * @throws TicketException  if the engine failed while loading the ticket (deliver again)
     */
    public Outcome deliver(TicketEvent event, int previousAttempts) {
        Objects.requireNonNull(event, "event");
        if (!(event instanceof TicketEvent.MessageAdded added)
                || added.visibility() != Visibility.PUBLIC || added.authorKind() != AuthorKind.AGENT) {
            return Outcome.SKIPPED;
        }
        Route route = routes.get(added.channel());
        if (route == null) {
            LOG.debug("no outbound adapter for channel {}; reply {} not sent", added.channel(), added.messageId());
            return Outcome.SKIPPED;
        }
        Actor actor = Actor.system(event.tenantId(), actorName);
        Optional<Ticket> found = engine.tickets().find(actor, event.ticketId());
        if (found.isEmpty()) {
            LOG.warn("ticket {} of reply {} not found; not sent", event.ticketId(), added.messageId());
            return Outcome.SKIPPED;
        }
        Ticket ticket = found.get();
        List<Message> messages = engine.tickets().messages(actor, ticket.id());
        Message reply = messages.stream().filter(m -> m.id().equals(added.messageId())).findFirst().orElse(null);
        if (reply == null) {
            LOG.warn("reply {} not found on ticket {}; not sent", added.messageId(), ticket.id());
            return Outcome.SKIPPED;
        }
        Customer customer = engine.customers().get(actor, ticket.requester());
        Optional<ChannelIdentity> to = customer.identity(route.recipientType());
        if (to.isEmpty()) {
            return failed(actor, ticket, reply, "no_recipient_identity");
        }
        OutboundMessage out = message(ticket, reply, customer, to.get(), messages);
        SendResult result;
        try {
            result = route.adapter().send(out);
        } catch (RuntimeException e) {
            LOG.warn("adapter {} threw {} sending reply {} of ticket {}", added.channel(), e.getClass().getSimpleName(),
                    reply.id(), ticket.id());
            result = SendResult.retryable("adapter_error");
        }
        if (result.isDelivered()) {
            LOG.info("reply {} of ticket {} delivered via {}", reply.id(), ticket.id(), added.channel());
            return Outcome.SENT;
        }
        if (result.isRetryable()) {
            if (previousAttempts + 1 >= maxAttempts) {
                return failed(actor, ticket, reply, result.reasonCode() + " after " + (previousAttempts + 1) + " attempts");
            }
            LOG.info("reply {} of ticket {} via {} failed ({}), will retry", reply.id(), ticket.id(), added.channel(),
                    result.reasonCode());
            throw new ChannelException("reply " + reply.id() + " of ticket " + ticket.id() + " via " + added.channel()
                    + " failed: " + result.reasonCode(), null, true);
        }
        return failed(actor, ticket, reply, result.reasonCode());
    }

    private OutboundMessage message(Ticket ticket, Message reply, Customer customer, ChannelIdentity to,
                                    List<Message> messages) {
        OutboundMessage.Builder b = OutboundMessage.builder(ticket.tenantId(), reply.channel(), to)
                .ticket(ticket.id(), ticket.number())
                .messageId(reply.id())
                .subject(oneLine(ticket.subject()))
                .text(reply.text())
                .html(reply.html());
        String name = oneLine(customer.displayName());
        if (!name.isEmpty()) {
            b.recipientName(name);
        }
        // The customer's latest message on this channel: what the reply answers, and its conversation.
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.authorKind() == AuthorKind.CUSTOMER && m.channel().equals(reply.channel()) && m.external().isPresent()) {
                String stored = m.externalMessageId();
                int bar = stored.indexOf('|');
                if (bar > 0 && bar == stored.lastIndexOf('|') && !stored.startsWith("#")) {
                    b.conversationId(oneLine(stored.substring(0, bar)));
                    b.inReplyTo(oneLine(stored.substring(bar + 1)));
                } else {
                    b.inReplyTo(oneLine(stored));
                }
                break;
            }
        }
        return b.build();
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\u0000]+", " ");
    }

    private Outcome failed(Actor actor, Ticket ticket, Message reply, String reason) {
        LOG.warn("reply {} of ticket {} via {} failed permanently: {}", reply.id(), ticket.id(), reply.channel(), reason);
        try {
            engine.tickets().note(actor, ticket.id(), NewMessage.text("Reply " + reply.id() + " could not be delivered via "
                    + reply.channel() + " (" + reason + ").").via(Channel.INTERNAL));
            engine.tickets().tag(actor, ticket.id(), FAILED_TAG);
        } catch (TicketException e) {
            LOG.warn("could not record the failed reply {} on ticket {}: {}", reply.id(), ticket.id(),
                    e.getClass().getSimpleName());
        }
        return Outcome.FAILED;
    }

    @Override
    public String toString() {
        Map<String, String> r = new LinkedHashMap<>();
        routes.forEach((c, route) -> r.put(c.name(), route.recipientType().name()));
        return "OutboundReplies[routes=" + r + " maxAttempts=" + maxAttempts + "]";
    }

    /** Builds {@link OutboundReplies}. */
    public static final class Builder {
        private final TicketEngine engine;
        private final Map<Channel, Route> routes = new LinkedHashMap<>();
        private int maxAttempts;
        private String actorName;

        private Builder(TicketEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /**
         * Sends replies on the adapter's channel through it, to the requester's identity of the channel's usual
         * type (EMAIL for email, WECHAT_OPENID for WeChat, the buyer type for marketplaces, SHOPIFY_CUSTOMER for
         * Shopify, PHONE for phone).
         *
         * @throws IllegalArgumentException if the adapter cannot send or its channel has no usual identity type
         * @throws IllegalStateException    if the channel already has an adapter
         */
        public Builder adapter(ChannelAdapter adapter) {
            IdentityType type = DEFAULT_RECIPIENTS.get(Objects.requireNonNull(adapter, "adapter").channel());
            if (type == null) {
                throw new IllegalArgumentException("channel " + adapter.channel()
                        + " has no usual recipient identity type; use adapter(adapter, type)");
            }
            return adapter(adapter, type);
        }

        /**
         * Sends replies on the adapter's channel through it, to the requester's identity of {@code recipientType}.
         *
         * @throws IllegalArgumentException if the adapter cannot send
         * @throws IllegalStateException    if the channel already has an adapter
         */
        public Builder adapter(ChannelAdapter adapter, IdentityType recipientType) {
            Objects.requireNonNull(adapter, "adapter");
            Objects.requireNonNull(recipientType, "recipientType");
            if (!adapter.can(ChannelCapability.OUTBOUND)) {
                throw new IllegalArgumentException("adapter for " + adapter.channel() + " cannot send");
            }
            if (routes.putIfAbsent(adapter.channel(), new Route(adapter, recipientType)) != null) {
                throw new IllegalStateException("channel " + adapter.channel() + " already has an adapter");
            }
            return this;
        }

        /** Attempts before a retryable failure counts as permanent (default {@value #DEFAULT_MAX_ATTEMPTS}). */
        public Builder maxAttempts(int value) {
            if (maxAttempts != 0) {
                throw new IllegalStateException("maxAttempts set twice");
            }
            if (value < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            maxAttempts = value;
            return this;
        }

        /** The system actor's name in the audit trail (default {@value #DEFAULT_ACTOR_NAME}). */
        public Builder actorName(String value) {
            if (actorName != null) {
                throw new IllegalStateException("actorName set twice");
            }
            if (Objects.requireNonNull(value, "actorName").isBlank()) {
                throw new IllegalArgumentException("actorName is blank");
            }
            actorName = value;
            return this;
        }

        public OutboundReplies build() {
            OutboundReplies r = new OutboundReplies(this);
            LOG.info("{}", r);
            return r;
        }
    }
}
