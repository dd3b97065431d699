package dev.ticketkit.connectors.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.ChannelCapability;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.internal.Payloads;
import dev.ticketkit.connectors.webhook.PayloadMapping;
import dev.ticketkit.connectors.webhook.ReplayGuard;
import dev.ticketkit.connectors.webhook.internal.JsonPayloads;
import dev.ticketkit.core.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A template adapter for a marketplace's message service (Taobao/Tmall, JD, Pinduoduo): it verifies the delivery
 * with the platform's sorted-parameter signature and maps the message JSON with a {@link PayloadMapping} that the
 * integrator writes for the platform's message format (the platforms' IM and message-service formats differ by
 * product and are not public, so no mapping is built in).
 *
 * <p>The delivery model: the host's receiver (an HTTP callback, or the bridge from the platform's long-lived
 * message connection) hands over the platform's signed parameters as {@linkplain RawDelivery#parameters() query
 * parameters} ({@code sign}, {@code timestamp}, the app key, for Taobao the {@code sign_method}) and the message
 * JSON as the body. The signature covers the parameters without {@code sign} plus the body as the parameter named
 * {@link Builder#bodyParameter} (default {@value #DEFAULT_BODY_PARAMETER}). Checks, in order: body size (default
 * {@value #DEFAULT_MAX_BODY_BYTES} bytes; {@link Reason#TOO_LARGE}), each parameter present once
 * ({@link Reason#MALFORMED}; {@code sign} and {@code timestamp} {@link Reason#SIGNATURE}), the {@code timestamp}'s
 * format ({@link Reason#MALFORMED}), the signature ({@link Reason#SIGNATURE}; an unknown Taobao {@code sign_method}
 * {@link Reason#UNSUPPORTED}), the {@code timestamp} within the {@linkplain Builder#tolerance tolerance} (default 5
 * minutes) of the clock ({@link Reason#STALE}), the JSON and the mapping ({@link Reason#MALFORMED}), and last the
 * {@link dev.ticketkit.connectors.webhook.ReplayGuard}: the same (sign, timestamp) with another body is a
 * {@link Reason#REPLAY}. The same delivery again, byte for byte, passes: it is the platform's retry (or a harmless
 * copy), and intake answers its messages as duplicates. Set the mapping's {@code senderType} to the platform's buyer
 * type ({@link Marketplace#buyerType()}) and map the order id into metadata {@code order.id} so that
 * {@link dev.ticketkit.connectors.webhook.OrderContext} attaches it.
 *
 * <pre>{@code
 * PayloadMapping taobaoIm = PayloadMapping.fromYaml("""
 *     messageId: /msg_id
 *     senderId: /buyer_nick
 *     senderType: TAOBAO_BUYER
 *     conversationId: /buyer_nick
 *     text: /content
 *     sentAt: /send_time
 *     metadata: { order.id: /tid }
 *     """);
 * MarketplaceAdapter taobao = MarketplaceAdapter.builder(Marketplace.TAOBAO, appSecret, taobaoIm).clock(clock).build();
 * }</pre>
 *
 * <p>Inbound only: replies go through the platform's own send API, which an integrator adds by wrapping this
 * adapter. Thread-safe; owns no resources.
 */
public final class MarketplaceAdapter implements ChannelAdapter {
    /** Default largest body: 256 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    /** Default name under which the body counts in the signature. */
    public static final String DEFAULT_BODY_PARAMETER = "body";
    /** Default largest distance between the signed timestamp and the clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final Marketplace marketplace;
    private final String secret;
    private final PayloadMapping mapping;
    private final Clock clock;
    private final int maxBodyBytes;
    private final String bodyParameter;
    private final Duration tolerance;
    private final ReplayGuard replays;

    private MarketplaceAdapter(Builder b) {
        marketplace = b.marketplace;
        secret = b.secret;
        mapping = b.mapping;
        clock = b.clock;
        maxBodyBytes = b.maxBodyBytes > 0 ? b.maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
        bodyParameter = b.bodyParameter != null ? b.bodyParameter : DEFAULT_BODY_PARAMETER;
        tolerance = b.tolerance != null ? b.tolerance : DEFAULT_TOLERANCE;
        replays = ReplayGuard.of(ReplayGuard.DEFAULT_CAPACITY, tolerance);
    }

    /**
     * A builder.
     *
     * @param marketplace the platform
     * @param secret      the app secret (client secret)
     * @param mapping     how the platform's message JSON becomes messages
     */
    public static Builder builder(Marketplace marketplace, String secret, PayloadMapping mapping) {
        return new Builder(marketplace, secret, mapping);
    }

    /** The platform. */
    public Marketplace marketplace() {
        return marketplace;
    }

    @Override
    public Channel channel() {
        return marketplace.channel();
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        return EnumSet.of(ChannelCapability.INBOUND, ChannelCapability.SIGNED_DELIVERIES, ChannelCapability.CONVERSATIONS);
    }

    @Override
    public List<InboundMessage> parse(RawDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        Channel ch = channel();
        byte[] body = Payloads.body(ch, delivery, maxBodyBytes);
        Map<String, String> params = new TreeMap<>();
        for (String name : delivery.parameters().keySet()) {
            params.put(name, Payloads.singleParameter(ch, delivery, name));
        }
        String sign = params.get("sign");
        String timestamp = params.get("timestamp");
        if (sign == null || timestamp == null) {
            throw new ChannelException(Reason.SIGNATURE, ch + " delivery is missing parameter sign or timestamp");
        }
        if (params.containsKey(bodyParameter)) {
            throw new ChannelException(Reason.MALFORMED, ch + " delivery has a parameter named like the body parameter");
        }
        Instant ts = marketplace.timestamp(timestamp).orElseThrow(
                () -> new ChannelException(Reason.MALFORMED, ch + " delivery timestamp is not a recognised time"));
        params.put(bodyParameter, Payloads.utf8(ch, body));
        String expected;
        try {
            expected = marketplace.sign(params, secret);
        } catch (IllegalArgumentException e) {
            throw new ChannelException(Reason.UNSUPPORTED, ch + " delivery names an unknown sign_method");
        }
        if (!MarketplaceSigning.matches(expected, sign)) {
            throw new ChannelException(Reason.SIGNATURE, ch + " delivery signature mismatch");
        }
        Instant now = clock.instant();
        if (Duration.between(ts, now).abs().compareTo(tolerance) > 0) {
            throw new ChannelException(Reason.STALE, ch + " delivery timestamp is outside the tolerance of " + tolerance);
        }
        JsonNode json = JsonPayloads.jsonObject(ch, body);
        List<InboundMessage> messages = mapping.map(delivery.tenant(), ch, json);
        if (replays.check(sign.toUpperCase(java.util.Locale.ROOT), ts, body, now) == ReplayGuard.Verdict.CONFLICT) {
            throw new ChannelException(Reason.REPLAY,
                    ch + " delivery signature and timestamp were seen before with another body (replay)");
        }
        return messages;
    }

    @Override
    public String toString() {
        return "MarketplaceAdapter[" + marketplace + " mapping=" + mapping + "]";
    }

    /** Builds {@link MarketplaceAdapter}; each option may be set once. */
    public static final class Builder {
        private final Marketplace marketplace;
        private final String secret;
        private final PayloadMapping mapping;
        private Clock clock;
        private int maxBodyBytes;
        private String bodyParameter;
        private Duration tolerance;

        private Builder(Marketplace marketplace, String secret, PayloadMapping mapping) {
            this.marketplace = Objects.requireNonNull(marketplace, "marketplace");
            this.secret = Objects.requireNonNull(secret, "secret");
            this.mapping = Objects.requireNonNull(mapping, "mapping");
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("secret is empty");
            }
        }

        /** The clock for timestamp checks (required: pass the engine's clock). */
        public Builder clock(Clock value) {
            if (clock != null) {
                throw new IllegalStateException("clock set twice");
            }
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Largest body accepted (default {@value #DEFAULT_MAX_BODY_BYTES}). */
        public Builder maxBodyBytes(int value) {
            if (maxBodyBytes != 0) {
                throw new IllegalStateException("maxBodyBytes set twice");
            }
            if (value < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            maxBodyBytes = value;
            return this;
        }

        /** The name under which the body counts in the signature (default {@value #DEFAULT_BODY_PARAMETER}). */
        public Builder bodyParameter(String name) {
            if (bodyParameter != null) {
                throw new IllegalStateException("bodyParameter set twice");
            }
            if (Objects.requireNonNull(name, "name").isBlank() || name.equals("sign")) {
                throw new IllegalArgumentException("bodyParameter must be a name other than sign");
            }
            bodyParameter = name;
            return this;
        }

        /** Largest distance between the signed timestamp and the clock (default 5 minutes). */
        public Builder tolerance(Duration value) {
            if (tolerance != null) {
                throw new IllegalStateException("tolerance set twice");
            }
            if (Objects.requireNonNull(value, "tolerance").isNegative() || value.isZero()) {
                throw new IllegalArgumentException("tolerance must be positive");
            }
            tolerance = value;
            return this;
        }

        /**
         * The adapter.
         *
         * @throws IllegalStateException if no clock was set
         */
        public MarketplaceAdapter build() {
            if (clock == null) {
                throw new IllegalStateException("clock is required (timestamps are checked against it)");
            }
            return new MarketplaceAdapter(this);
        }
    }
}
