package dev.ticketkit.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.ChannelCapability;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.http.HttpTransport;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A custom channel for a made-up website chat widget: the template for writing your own adapter. Its tests extend
 * {@code ChannelAdapterContract} from {@code ticket-channel-testkit}.
 *
 * <p>The widget's backend POSTs each visitor message as JSON with an HMAC header:
 * <pre>
 * X-Widget-Signature: sha256=&lt;hex HMAC-SHA256(secret, body)&gt;
 * {"session_id":"s-1","message_id":"wm-9","visitor":{"id":"v-7","name":"Carol","email":"carol@example.com"},
 *  "text":"Is the kettle in stock?","sent_at":"2026-11-11T08:00:00Z"}
 * </pre>
 * and accepts replies at {@code POST {api}/sessions/{session_id}/messages} with {@code {"text": ...}}.
 *
 * <p>What an adapter has to get right (the contract checks each): verify before parsing; refuse bad input with a
 * {@link ChannelException} that names the failed check but never quotes the payload, with a {@link Reason} an
 * endpoint can answer by ({@link Reason#SIGNATURE}, {@link Reason#TOO_LARGE}, {@link Reason#MALFORMED} here); give
 * every message the
 * platform's stable message id (so intake drops redeliveries) and a sender identity; report send outcomes as
 * {@link SendResult}s instead of throwing; be thread-safe.
 */
public final class ChatWidgetAdapter implements ChannelAdapter {
    /** The widget's channel. */
    public static final Channel CHANNEL = Channel.of("CHAT_WIDGET");
    /** Visitors are known by the widget's visitor id. */
    public static final IdentityType VISITOR = IdentityType.of("WIDGET_VISITOR");
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] secret;
    private final URI api;
    private final HttpTransport http;

    /**
     * @param secret the shared signing secret
     * @param api    the widget's API root, for replies
     * @param http   the HTTP client for replies
     */
    public ChatWidgetAdapter(String secret, URI api, HttpTransport http) {
        this.secret = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
        this.api = Objects.requireNonNull(api, "api");
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public Channel channel() {
        return CHANNEL;
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        return EnumSet.of(ChannelCapability.INBOUND, ChannelCapability.OUTBOUND, ChannelCapability.SIGNED_DELIVERIES,
                ChannelCapability.CONVERSATIONS);
    }

    @Override
    public List<InboundMessage> parse(RawDelivery delivery) {
        byte[] body = delivery.body();
        if (body.length == 0 || body.length > MAX_BODY_BYTES) {
            throw new ChannelException(body.length == 0 ? Reason.MALFORMED : Reason.TOO_LARGE,
                    "chat widget body is empty or over " + MAX_BODY_BYTES + " bytes");
        }
        List<String> sig = delivery.headers().getOrDefault("x-widget-signature", List.of());
        if (sig.size() != 1 || !sig.get(0).startsWith("sha256=")) {
            throw new ChannelException(Reason.SIGNATURE,
                    "chat widget delivery needs exactly one X-Widget-Signature: sha256=<hex>");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(sig.get(0).substring("sha256=".length()));
        } catch (IllegalArgumentException e) {
            throw new ChannelException(Reason.SIGNATURE, "chat widget signature is not hex");
        }
        if (!MessageDigest.isEqual(sign(body), given)) {
            throw new ChannelException(Reason.SIGNATURE, "chat widget signature mismatch");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new ChannelException(Reason.MALFORMED, "chat widget body is not JSON"); // no cause: parser messages quote input
        }
        if (json == null || !json.isObject()) {
            throw new ChannelException(Reason.MALFORMED, "chat widget body is not a JSON object");
        }
        InboundMessage.Builder m = InboundMessage.builder(delivery.tenant(), CHANNEL)
                .externalMessageId(text(json, "message_id"))
                .conversationId(text(json, "session_id"))
                .text(text(json, "text"));
        try {
            // The widget signs the request but does not authenticate visitors: the identity is unverified.
            m.sender(ChannelIdentity.of(VISITOR, text(json.path("visitor"), "id")));
            String email = json.path("visitor").path("email").asText("");
            if (!email.isBlank()) {
                m.otherIdentity(ChannelIdentity.of(IdentityType.EMAIL, email));
            }
        } catch (IllegalArgumentException e) {
            throw new ChannelException(Reason.MALFORMED, "chat widget visitor id or email is unusable");
        }
        m.senderName(json.path("visitor").path("name").asText(""));
        if (json.hasNonNull("sent_at")) {
            try {
                m.sentAt(Instant.parse(json.get("sent_at").asText()));
            } catch (DateTimeParseException e) {
                throw new ChannelException(Reason.MALFORMED, "chat widget sent_at is not an ISO-8601 instant");
            }
        }
        return List.of(m.build());
    }

    @Override
    public SendResult send(OutboundMessage message) {
        String session = message.conversationId().orElse(null);
        if (session == null || !session.matches("[A-Za-z0-9_-]{1,100}")) {
            return SendResult.permanent("no_session");
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("text", message.text()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpTransport.Response r;
        try {
            r = http.post(api.resolve("/sessions/" + session + "/messages"),
                    Map.of("Content-Type", "application/json", "X-Widget-Signature", "sha256=" + HexFormat.of().formatHex(sign(body))),
                    body);
        } catch (IOException e) {
            return SendResult.retryable("io_error");
        }
        if (r.ok()) {
            return SendResult.delivered("");
        }
        return r.status() == 429 || r.status() >= 500 ? SendResult.retryable("http_" + r.status())
                : SendResult.permanent("http_" + r.status());
    }

    /** HMAC-SHA256 of {@code body} with the shared secret (what the widget puts in X-Widget-Signature). */
    public byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw new ChannelException(Reason.MALFORMED, "chat widget payload has no " + field);
        }
        return v.asText();
    }
}
