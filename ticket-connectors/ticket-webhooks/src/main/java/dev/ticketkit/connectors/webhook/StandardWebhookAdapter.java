package dev.ticketkit.connectors.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.ChannelCapability;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.http.HttpTransport;
import dev.ticketkit.connectors.internal.Payloads;
import dev.ticketkit.connectors.webhook.internal.JsonPayloads;
import dev.ticketkit.core.Channel;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A generic signed JSON webhook following <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}; also what Svix-based platforms send),
 * with a {@link PayloadMapping} that turns the platform's JSON into messages.
 *
 * <pre>{@code
 * StandardWebhookAdapter chat = StandardWebhookAdapter.builder(Channel.of("ACME_CHAT"), "whsec_...",
 *                 PayloadMapping.fromYaml(Files.readString(mappingFile)))
 *         .clock(clock)
 *         .build();
 * intake.acceptAll(chat.parse(new RawDelivery(tenant, body, headers, Map.of(), clock.instant())));
 * }</pre>
 *
 * <p>{@link #parse} checks, in order: the body size ({@link Builder#maxBodyBytes}, default
 * {@value #DEFAULT_MAX_BODY_BYTES} bytes; {@link Reason#TOO_LARGE}), that each of the three headers is present
 * exactly once ({@link Reason#SIGNATURE}), the signature ({@link Reason#SIGNATURE}), the timestamp's freshness
 * ({@link WebhookSignatures#STANDARD_WEBHOOKS_TOLERANCE}; {@link Reason#STALE}), the JSON and the mapping
 * ({@link Reason#MALFORMED}), and last the {@link ReplayGuard}: the same (id, timestamp) with another body is a
 * {@link Reason#REPLAY} (it needs the secret, so it is a safety net). The same delivery again, byte for byte, is
 * not refused: it is the platform's retry (some retry without signing anew), or a copy that gives the same messages,
 * which intake answers as duplicates by their message ids. Each failure is a non-retryable
 * {@link ChannelException}; nothing is remembered for a refused delivery.
 *
 * <p>Outbound is optional: with {@link Builder#outbound(URI, HttpTransport)} a reply is POSTed to the platform as
 * a Standard Webhooks request signed with the same secret. 2xx is delivered; 408, 425, 429, 5xx and I/O failures
 * are retryable; other statuses permanent.
 *
 * <p>Thread-safe. Owns no threads, so {@link #start()} and {@link #close()} do nothing.
 */
public final class StandardWebhookAdapter implements ChannelAdapter {
    /** Default largest body accepted: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private final Channel channel;
    private final String secret;
    private final PayloadMapping mapping;
    private final Clock clock;
    private final int maxBodyBytes;
    private final ReplayGuard replays;
    private final URI outboundUri;
    private final HttpTransport transport;

    private StandardWebhookAdapter(Builder b) {
        channel = b.channel;
        secret = b.secret;
        mapping = b.mapping;
        clock = b.clock;
        maxBodyBytes = b.maxBodyBytes > 0 ? b.maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
        replays = ReplayGuard.of(b.replayCapacity > 0 ? b.replayCapacity : ReplayGuard.DEFAULT_CAPACITY,
                WebhookSignatures.STANDARD_WEBHOOKS_TOLERANCE);
        outboundUri = b.outboundUri;
        transport = b.transport;
    }

    /**
     * A builder.
     *
     * @param channel the channel the platform's messages are on (such as {@code Channel.of("ACME_CHAT")})
     * @param secret  the endpoint secret, {@code whsec_<base64>} or bare base64
     * @param mapping how payloads become messages
     * @throws IllegalArgumentException if the secret is not (prefixed) base64
     */
    public static Builder builder(Channel channel, String secret, PayloadMapping mapping) {
        return new Builder(channel, secret, mapping);
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        EnumSet<ChannelCapability> c = EnumSet.of(ChannelCapability.INBOUND, ChannelCapability.SIGNED_DELIVERIES,
                ChannelCapability.CONVERSATIONS);
        if (outboundUri != null) {
            c.add(ChannelCapability.OUTBOUND);
        }
        return c;
    }

    /**
     * Verifies and maps one delivery (see the class description for the checks).
     *
     * @throws ChannelException if a check fails
     */
    @Override
    public List<InboundMessage> parse(RawDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        byte[] body = Payloads.body(channel, delivery, maxBodyBytes);
        String id = Payloads.singleHeader(channel, delivery, "webhook-id", Reason.SIGNATURE);
        String timestamp = Payloads.singleHeader(channel, delivery, "webhook-timestamp", Reason.SIGNATURE);
        String signature = Payloads.singleHeader(channel, delivery, "webhook-signature", Reason.SIGNATURE);
        if (!timestamp.matches("\\d{1,15}")) {
            throw new ChannelException(Reason.SIGNATURE, channel + " webhook-timestamp is not Unix seconds");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Instant now = clock.instant();
        if (!WebhookSignatures.standardWebhooks(id, timestamp, body, signature, secret, now)) {
            // Checked as of its own timestamp the freshness test passes, so what is left is the signature itself.
            boolean authentic = WebhookSignatures.standardWebhooks(id, timestamp, body, signature, secret, signedAt);
            throw authentic
                    ? new ChannelException(Reason.STALE, channel + " webhook timestamp is outside the tolerance of "
                            + WebhookSignatures.STANDARD_WEBHOOKS_TOLERANCE)
                    : new ChannelException(Reason.SIGNATURE, channel + " webhook signature mismatch");
        }
        JsonNode json = JsonPayloads.jsonObject(channel, body);
        List<InboundMessage> messages = mapping.map(delivery.tenant(), channel, json);
        if (replays.check(id, signedAt, body, now) == ReplayGuard.Verdict.CONFLICT) {
            throw new ChannelException(Reason.REPLAY, channel + " webhook id and timestamp were seen before with another"
                    + " body (replay)");
        }
        return messages;
    }

    /**
     * POSTs the reply to the platform as a signed Standard Webhooks request with the JSON body
     * {@code {"type":"message.reply","conversation_id","recipient":{"type","id"},"text","html","ticket","message_id"}}.
     *
     * @throws UnsupportedOperationException if no outbound endpoint was configured
     */
    @Override
    public SendResult send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        if (outboundUri == null) {
            throw new UnsupportedOperationException(channel + " adapter has no outbound endpoint");
        }
        ObjectNode json = JsonPayloads.mapper().createObjectNode();
        json.put("type", "message.reply");
        json.put("tenant", message.tenant().toString());
        message.conversationId().ifPresent(c -> json.put("conversation_id", c));
        ObjectNode to = json.putObject("recipient");
        to.put("type", message.recipient().type().name());
        to.put("id", message.recipient().value());
        json.put("text", message.text());
        if (!message.html().isEmpty()) {
            json.put("html", message.html());
        }
        message.ticketNumber().ifPresent(n -> json.put("ticket", n.toString()));
        message.messageId().ifPresent(m -> json.put("message_id", m.toString()));
        byte[] body;
        try {
            body = JsonPayloads.mapper().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply could not be written as JSON", e);
        }
        String webhookId = message.messageId().map(m -> "msg_" + m).orElseGet(() -> "msg_" + UUID.randomUUID());
        long ts = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                "Content-Type", "application/json",
                "webhook-id", webhookId,
                "webhook-timestamp", Long.toString(ts),
                "webhook-signature", WebhookSignatures.standardWebhooksSign(webhookId, ts, body, secret));
        HttpTransport.Response r;
        try {
            r = transport.post(outboundUri, headers, body);
        } catch (IOException e) {
            return SendResult.retryable("io_error");
        }
        return classify(r.status(), webhookId);
    }

    /** 2xx delivered; 408, 425, 429 and 5xx retryable; everything else permanent. */
    static SendResult classify(int status, String id) {
        if (status >= 200 && status < 300) {
            return SendResult.delivered(id);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return SendResult.retryable("http_" + status);
        }
        return SendResult.permanent("http_" + status);
    }

    @Override
    public String toString() {
        return "StandardWebhookAdapter[" + channel + " maxBodyBytes=" + maxBodyBytes
                + (outboundUri != null ? " outbound" : "") + "]";
    }

    /** Builds {@link StandardWebhookAdapter}; each option may be set once. */
    public static final class Builder {
        private final Channel channel;
        private final String secret;
        private final PayloadMapping mapping;
        private Clock clock;
        private int maxBodyBytes;
        private int replayCapacity;
        private URI outboundUri;
        private HttpTransport transport;

        private Builder(Channel channel, String secret, PayloadMapping mapping) {
            this.channel = Objects.requireNonNull(channel, "channel");
            this.secret = Objects.requireNonNull(secret, "secret");
            this.mapping = Objects.requireNonNull(mapping, "mapping");
            WebhookSignatures.standardWebhooksSign("check", 0, new byte[0], secret); // fails fast on a bad secret
        }

        /** The clock for timestamp checks and outbound timestamps (required: pass the engine's clock). */
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

        /** How many deliveries the replay guard remembers (default {@link ReplayGuard#DEFAULT_CAPACITY}). */
        public Builder replayCapacity(int value) {
            if (replayCapacity != 0) {
                throw new IllegalStateException("replayCapacity set twice");
            }
            if (value < 1) {
                throw new IllegalArgumentException("replayCapacity must be positive");
            }
            replayCapacity = value;
            return this;
        }

        /** Enables outbound replies, POSTed to {@code uri} through {@code transport}. */
        public Builder outbound(URI uri, HttpTransport via) {
            if (outboundUri != null) {
                throw new IllegalStateException("outbound set twice");
            }
            outboundUri = Objects.requireNonNull(uri, "uri");
            transport = Objects.requireNonNull(via, "transport");
            return this;
        }

        /**
         * The adapter.
         *
         * @throws IllegalStateException if no clock was set
         */
        public StandardWebhookAdapter build() {
            if (clock == null) {
                throw new IllegalStateException("clock is required (timestamps are checked against it)");
            }
            return new StandardWebhookAdapter(this);
        }
    }
}
