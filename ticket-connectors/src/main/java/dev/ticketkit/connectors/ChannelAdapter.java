package dev.ticketkit.connectors;

import dev.ticketkit.core.Channel;
import java.util.List;
import java.util.Set;

/**
 * A channel: how messages of one kind (email, a webhook, WeChat, a chat widget, a marketplace IM) come in and
 * how replies go out. Integrators implement it; {@code Intake} consumes what it parses.
 *
 * <p>Inbound, the host hands each raw delivery to {@link #parse(RawDelivery)}, which verifies it (signature,
 * app id) and normalises it to zero or more {@link InboundMessage}s — zero for a delivery that carries no
 * customer message (a WeChat subscribe event, a Shopify webhook about stock), several for a batched push.
 * Examples of how inputs fit:
 * <ul>
 *   <li>raw MIME: the body is the message; one message, external id = {@code Message-ID}, threading ids set;</li>
 *   <li>Shopify webhook: verify {@code X-Shopify-Hmac-Sha256} over the body, external id from the signed body
 *       (such as {@code refund:<id>}; never from an unsigned header), sender = the {@code SHOPIFY_CUSTOMER} id
 *       (verified), the customer's email as a further identity;</li>
 *   <li>WeChat XML push: verify {@code msg_signature}/{@code timestamp}/{@code nonce} from the
 *       {@linkplain RawDelivery#parameters() query parameters}, decrypt, external id = {@code MsgId}, sender =
 *       the {@code WECHAT_OPENID} (verified where the signature covers the message), conversation id = the open
 *       id;</li>
 *   <li>chat widget JSON: external id and conversation (session) id from the payload, sender as the widget
 *       authenticated them (unverified unless the host signed the visitor).</li>
 * </ul>
 *
 * <p>What is verified decides what may be trusted: a value the signature does not cover (a header, a query
 * parameter, the body under a signature of the parameters only) must not pick the external message id or mark an
 * identity verified. A repetition of a delivery (the platform's retry) must give the same messages with the same
 * external ids, so that intake answers it as a duplicate; refuse it only as {@link ChannelException.Reason#REPLAY}
 * if the signed parameters come back with other content, and as {@link ChannelException.Reason#STALE} once its
 * signed time has left the adapter's window.
 *
 * <p>Outbound, {@link #send(OutboundMessage)} delivers a reply and reports the outcome as a {@link SendResult};
 * it does not throw for delivery failures (a rejected recipient, a timeout) — those are results with a reason
 * code — only for programming errors.
 *
 * <p>Implementations are thread-safe. {@link #start()} and {@link #close()} are idempotent; an adapter that owns
 * no resources need not override them. A closed adapter may refuse work with an {@link IllegalStateException}.
 */
public interface ChannelAdapter extends AutoCloseable {

    /** The channel this adapter serves; every message it parses carries it. */
    Channel channel();

    /** What this adapter can do; {@link ChannelCapability#INBOUND} and/or {@link ChannelCapability#OUTBOUND} at least. */
    Set<ChannelCapability> capabilities();

    /** Whether {@link #capabilities()} holds the capability. */
    default boolean can(ChannelCapability capability) {
        return capabilities().contains(capability);
    }

    /**
     * Verifies and normalises one delivery.
     *
     * @return the messages in the delivery, in order; empty if it holds none
     * @throws ChannelException if the delivery fails verification or cannot be read at all (not retryable: the
     *                          same bytes fail again); messages name the failed check, never the payload, and the
     *                          {@linkplain ChannelException#reason() reason} says which kind of failure it is
     * @throws UnsupportedOperationException if the adapter has no {@link ChannelCapability#INBOUND}
     */
    default List<InboundMessage> parse(RawDelivery delivery) {
        throw new UnsupportedOperationException(channel() + " adapter does not receive messages");
    }

    /**
     * Sends one reply.
     *
     * @return delivered (with the channel's message id), or a retryable or permanent failure with a reason code
     * @throws UnsupportedOperationException if the adapter has no {@link ChannelCapability#OUTBOUND}
     */
    default SendResult send(OutboundMessage message) {
        throw new UnsupportedOperationException(channel() + " adapter does not send messages");
    }

    /** Starts background work (polling, connections), if the adapter has any. Idempotent. */
    default void start() {
    }

    /** Stops background work and releases resources, waiting a bounded time. Idempotent. */
    @Override
    default void close() {
    }
}
