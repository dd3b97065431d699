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
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketException;
import dev.ticketkit.core.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends public replies through the channel the customer used: agents' replies and the system's (a rule's templated
 * acknowledgement or answer). Hand it every event an at-least-once relay delivers; it acts on
 * {@link TicketEvent.MessageAdded} events of public messages written by agents or the system and skips the rest
 * (notes, the customers' own messages).
 *
 * <pre>{@code
 * OutboundReplies replies = OutboundReplies.builder(engine)
 *         .adapter(merchantA, mailboxA)      // tenant A's replies on EMAIL leave through A's mailbox
 *         .adapter(merchantB, mailboxB)      // tenant B's through B's
 *         .adapter(wechatAdapter)            // every tenant's WECHAT replies (recipient: the WECHAT_OPENID)
 *         .build();
 * // with ticket-jdbc's outbox:
 * OutboxRelay relay = OutboxRelay.builder(store, m -> replies.deliver(m.event(), m.attempts())).build();
 * }</pre>
 *
 * <p><b>Routing.</b> Adapters are registered per (tenant, channel) with {@link Builder#adapter(TenantId,
 * ChannelAdapter)}, or for a channel in every tenant with {@link Builder#adapter(ChannelAdapter)} (a host with one
 * tenant, or an adapter that serves all tenants alike). A reply goes through the adapter registered for its
 * ticket's tenant and its channel, else through the one registered for the channel in every tenant. With neither it
 * is {@link Outcome#SKIPPED} and logged: at WARN when the channel has adapters for other tenants (this tenant's was
 * forgotten), at DEBUG when it has none at all (a channel the host does not send on, such as {@code API}).
 *
 * <p><b>Loop guards.</b> Intake never opens or touches a ticket for an auto-reply, bounce or out-of-office, and the
 * email channel takes mail from its own support address for automatic, so nothing here answers those. System replies
 * go out {@linkplain OutboundMessage#automatic() marked automatic} (email: {@code Auto-Submitted: auto-replied}), so
 * well-behaved auto-responders leave them unanswered. And at most {@link Builder#systemReplyLimit} system replies
 * per ticket and channel leave within the limit's window (default {@value #DEFAULT_SYSTEM_REPLY_LIMIT} per
 * {@link #DEFAULT_SYSTEM_REPLY_WINDOW hour}); one more is held back ({@link Outcome#SKIPPED}, logged at INFO), which
 * ends a ping-pong with a responder that does not say it is one. Agents' replies are never held back.
 *
 * <p>For each reply it loads the ticket, the message and the requester through the engine, picks the adapter
 * as above, and sends the text (and HTML) to the requester's identity of the adapter's recipient type, naming the
 * ticket and message so that channels able to thread do so. The outcome:
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
    /** Default most system replies per ticket and channel within {@link #DEFAULT_SYSTEM_REPLY_WINDOW}. */
    public static final int DEFAULT_SYSTEM_REPLY_LIMIT = 3;
    /** Default window of the system reply limit: one hour. */
    public static final Duration DEFAULT_SYSTEM_REPLY_WINDOW = Duration.ofHours(1);

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
        /**
         * Not a public reply by an agent or the system, no outbound adapter for its tenant and channel, or a system
         * reply held back by the loop guard: nothing was sent.
         */
        SKIPPED,
        /** The reply failed permanently; the ticket has a note and the {@value #FAILED_TAG} tag. */
        FAILED
    }

    private record Route(ChannelAdapter adapter, IdentityType recipientType) {
    }

    /** Where a route applies: one tenant's channel, or (tenant {@code null}) the channel in every tenant. */
    private record RouteKey(TenantId tenant, Channel channel) {
    }

    private final TicketEngine engine;
    private final Map<RouteKey, Route> routes;
    private final int maxAttempts;
    private final String actorName;
    private final int systemReplyLimit;
    private final Duration systemReplyWindow;

    private OutboundReplies(Builder b) {
        engine = b.engine;
        routes = Collections.unmodifiableMap(new LinkedHashMap<>(b.routes));
        maxAttempts = b.maxAttempts > 0 ? b.maxAttempts : DEFAULT_MAX_ATTEMPTS;
        actorName = b.actorName != null ? b.actorName : DEFAULT_ACTOR_NAME;
        systemReplyLimit = b.systemReplyWindow != null ? b.systemReplyLimit : DEFAULT_SYSTEM_REPLY_LIMIT;
        systemReplyWindow = b.systemReplyWindow != null ? b.systemReplyWindow : DEFAULT_SYSTEM_REPLY_WINDOW;
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
                || added.visibility() != Visibility.PUBLIC || added.authorKind() == AuthorKind.CUSTOMER) {
            return Outcome.SKIPPED;
        }
        Route route = route(event.tenantId(), added.channel());
        if (route == null) {
            if (routes.keySet().stream().anyMatch(k -> k.channel().equals(added.channel()))) {
                LOG.warn("no outbound adapter for channel {} of tenant {} (other tenants have one); reply {} of ticket {}"
                        + " not sent", added.channel(), event.tenantId(), added.messageId(), event.ticketId());
            } else {
                LOG.debug("no outbound adapter for channel {}; reply {} of tenant {} not sent", added.channel(),
                        added.messageId(), event.tenantId());
            }
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
        if (reply.authorKind() == AuthorKind.SYSTEM && overSystemReplyLimit(reply, messages)) {
            LOG.info("system reply {} of ticket {} via {} held back: {} system replies within {} before it", reply.id(),
                    ticket.id(), reply.channel(), systemReplyLimit, systemReplyWindow);
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
            throw new ChannelException(ChannelException.Reason.UNAVAILABLE, "reply " + reply.id() + " of ticket "
                    + ticket.id() + " via " + added.channel() + " failed: " + result.reasonCode(), null, true);
        }
        return failed(actor, ticket, reply, result.reasonCode());
    }

    /** The adapter for the tenant's channel, else for the channel in every tenant; {@code null} if none. */
    private Route route(TenantId tenant, Channel channel) {
        Route own = routes.get(new RouteKey(tenant, channel));
        return own != null ? own : routes.get(new RouteKey(null, channel));
    }

    /** Whether {@code systemReplyLimit} public system messages on the reply's channel precede it within the window. */
    private boolean overSystemReplyLimit(Message reply, List<Message> messages) {
        Instant since = reply.createdAt().minus(systemReplyWindow);
        int earlier = 0;
        for (Message m : messages) {
            if (m.id().equals(reply.id())) {
                break; // messages are in the order they were added
            }
            if (m.isPublic() && m.authorKind() == AuthorKind.SYSTEM && m.channel().equals(reply.channel())
                    && !m.createdAt().isBefore(since)) {
                earlier++;
            }
        }
        return earlier >= systemReplyLimit;
    }

    private OutboundMessage message(Ticket ticket, Message reply, Customer customer, ChannelIdentity to,
                                    List<Message> messages) {
        OutboundMessage.Builder b = OutboundMessage.builder(ticket.tenantId(), reply.channel(), to)
                .ticket(ticket.id(), ticket.number())
                .messageId(reply.id())
                .subject(oneLine(ticket.subject()))
                .text(reply.text())
                .html(reply.html())
                .automatic(reply.authorKind() == AuthorKind.SYSTEM);
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
        routes.forEach((k, route) -> r.put((k.tenant() == null ? "*" : k.tenant().value()) + "/" + k.channel().name(),
                route.recipientType().name()));
        return "OutboundReplies[routes=" + r + " maxAttempts=" + maxAttempts + " systemReplyLimit=" + systemReplyLimit
                + " per " + systemReplyWindow + "]";
    }

    /** Builds {@link OutboundReplies}. */
    public static final class Builder {
        private final TicketEngine engine;
        private final Map<RouteKey, Route> routes = new LinkedHashMap<>();
        private int maxAttempts;
        private String actorName;
        private int systemReplyLimit;
        private Duration systemReplyWindow;

        private Builder(TicketEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /**
         * Sends every tenant's replies on the adapter's channel through it (unless a tenant has an adapter of its own
         * for the channel), to the requester's identity of the channel's usual type (EMAIL for email, WECHAT_OPENID
         * for WeChat, the buyer type for marketplaces, SHOPIFY_CUSTOMER for Shopify, PHONE for phone). For a host
         * with one tenant, or an adapter that serves all tenants alike; an adapter bound to one merchant's account
         * (a mailbox, an official account) belongs to {@link #adapter(TenantId, ChannelAdapter)}.
         *
         * @throws IllegalArgumentException if the adapter cannot send or its channel has no usual identity type
         * @throws IllegalStateException    if the channel already has an adapter for every tenant
         */
        public Builder adapter(ChannelAdapter adapter) {
            return adapter(adapter, usualRecipient(adapter));
        }

        /**
         * Like {@link #adapter(ChannelAdapter)}, to the requester's identity of {@code recipientType}.
         *
         * @throws IllegalArgumentException if the adapter cannot send
         * @throws IllegalStateException    if the channel already has an adapter for every tenant
         */
        public Builder adapter(ChannelAdapter adapter, IdentityType recipientType) {
            return route(null, adapter, recipientType);
        }

        /**
         * Sends {@code tenant}'s replies on the adapter's channel through it, to the requester's identity of the
         * channel's usual type (see {@link #adapter(ChannelAdapter)}). Register one per merchant account: two
         * merchants with a mailbox each are two email adapters, one per tenant.
         *
         * @throws IllegalArgumentException if the adapter cannot send or its channel has no usual identity type
         * @throws IllegalStateException    if the tenant's channel already has an adapter
         */
        public Builder adapter(TenantId tenant, ChannelAdapter adapter) {
            return adapter(tenant, adapter, usualRecipient(adapter));
        }

        /**
         * Like {@link #adapter(TenantId, ChannelAdapter)}, to the requester's identity of {@code recipientType}.
         *
         * @throws IllegalArgumentException if the adapter cannot send
         * @throws IllegalStateException    if the tenant's channel already has an adapter
         */
        public Builder adapter(TenantId tenant, ChannelAdapter adapter, IdentityType recipientType) {
            return route(Objects.requireNonNull(tenant, "tenant"), adapter, recipientType);
        }

        private static IdentityType usualRecipient(ChannelAdapter adapter) {
            IdentityType type = DEFAULT_RECIPIENTS.get(Objects.requireNonNull(adapter, "adapter").channel());
            if (type == null) {
                throw new IllegalArgumentException("channel " + adapter.channel()
                        + " has no usual recipient identity type; pass one with the adapter");
            }
            return type;
        }

        private Builder route(TenantId tenant, ChannelAdapter adapter, IdentityType recipientType) {
            Objects.requireNonNull(adapter, "adapter");
            Objects.requireNonNull(recipientType, "recipientType");
            if (!adapter.can(ChannelCapability.OUTBOUND)) {
                throw new IllegalArgumentException("adapter for " + adapter.channel() + " cannot send");
            }
            if (routes.putIfAbsent(new RouteKey(tenant, adapter.channel()), new Route(adapter, recipientType)) != null) {
                throw new IllegalStateException("channel " + adapter.channel()
                        + (tenant == null ? " already has an adapter for every tenant"
                                : " of tenant " + tenant + " already has an adapter"));
            }
            return this;
        }

        /**
         * The loop guard: at most {@code count} system replies per ticket and channel leave within {@code window};
         * one more is held back (default {@value #DEFAULT_SYSTEM_REPLY_LIMIT} per hour). Counts the system's public
         * messages stored on the ticket before the reply, sent or held back, so it holds across nodes.
         *
         * @throws IllegalArgumentException if {@code count} is below 1 or {@code window} is not positive
         * @throws IllegalStateException    if set twice
         */
        public Builder systemReplyLimit(int count, Duration window) {
            if (systemReplyWindow != null) {
                throw new IllegalStateException("systemReplyLimit set twice");
            }
            if (count < 1) {
                throw new IllegalArgumentException("systemReplyLimit count must be at least 1");
            }
            if (Objects.requireNonNull(window, "window").isNegative() || window.isZero()) {
                throw new IllegalArgumentException("systemReplyLimit window must be positive");
            }
            systemReplyLimit = count;
            systemReplyWindow = window;
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
