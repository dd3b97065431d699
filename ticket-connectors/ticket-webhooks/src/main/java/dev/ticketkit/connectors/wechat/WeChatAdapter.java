package dev.ticketkit.connectors.wechat;

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
import dev.ticketkit.connectors.webhook.ReplayGuard;
import dev.ticketkit.connectors.webhook.WebhookSignatures;
import dev.ticketkit.connectors.webhook.internal.JsonPayloads;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A WeChat Official Account as a channel ({@link Channel#WECHAT}): the server check, inbound pushes in plain or
 * safe (AES) mode, and replies through the customer-service message API.
 *
 * <pre>{@code
 * WeChatAdapter wechat = WeChatAdapter.builder(appId, token)
 *         .encodingAesKey(aesKey)                                     // safe mode; omit for plain mode
 *         .clock(engine.clock())                                      // required in plain mode
 *         .outbound(HttpTransport.jdk(), AccessTokenProvider.stable(HttpTransport.jdk(),
 *                 WeChatAdapter.DEFAULT_API_BASE, appId, appSecret, clock))
 *         .build();
 * // GET (server check): answer with the returned echostr
 * String echo = wechat.echo(new RawDelivery(tenant, new byte[0], Map.of(), query, clock.instant()));
 * // POST (push): answer "success" once taken in
 * intake.acceptAll(wechat.parse(new RawDelivery(tenant, body, headers, query, clock.instant())));
 * }</pre>
 *
 * <p><b>Inbound, safe mode</b> ({@code encrypt_type=aes}, required once an {@linkplain Builder#encodingAesKey
 * encoding AES key} is set): verifies {@code msg_signature}, which covers the ciphertext, and decrypts with
 * {@link WeChatCrypto}. The sender is the {@link IdentityType#WECHAT_OPENID}, verified: WeChat signed it.
 *
 * <p><b>Inbound, plain mode</b>: the {@code signature} query parameter is the SHA-1 of the sorted token,
 * {@code timestamp} and {@code nonce} only; it does not cover the body. So a captured push URL would let anyone post
 * any XML as any open id. Plain mode therefore (1) refuses a push whose signed {@code timestamp} is further than the
 * {@linkplain Builder#tolerance tolerance} (default 5 minutes) from the {@linkplain Builder#clock clock}
 * ({@link Reason#STALE}); (2) remembers each (nonce, timestamp) with a digest of its body ({@link ReplayGuard}) and
 * refuses the same signed parameters with another body ({@link Reason#REPLAY}), while the same push again (WeChat's
 * retry) passes and intake answers it as a duplicate; and (3) never marks the sender verified: the open id is an
 * unverified {@link IdentityType#WECHAT_OPENID}. What remains is a forged body posted with a captured URL before the
 * genuine push arrives, or on another node (the guard is per process): prefer safe mode.
 *
 * <p>Each parameter must be present once. The XML is parsed with DOCTYPE, external entities and
 * XInclude disabled (so neither XXE nor entity expansion), and each element may appear once. Messages:
 * {@code text} (its content), {@code image} ("[image]", with {@code wechat.pic_url} and {@code wechat.media_id}
 * metadata), {@code voice} (WeChat's speech recognition if on, else "[voice]", with the media id), and other
 * message types as "[type]"; {@code event} pushes (subscribe, menu clicks) give no message. The external id is the
 * {@code MsgId}, which WeChat keeps on its retries, so intake takes a retried push in once; the open id is also the
 * conversation id. Refusals are {@link ChannelException}s with a {@linkplain ChannelException#reason() reason}:
 * {@link Reason#SIGNATURE} (missing or wrong signature, or {@code timestamp}/{@code nonce} missing),
 * {@link Reason#STALE}, {@link Reason#REPLAY}, {@link Reason#TOO_LARGE}, {@link Reason#MALFORMED}, and
 * {@link Reason#CONFIGURATION} for a push in the other mode than the one configured. {@link WeChatSigning} signs
 * pushes for tests.
 *
 * <p><b>Outbound.</b> {@link #send} posts a text message to {@code /cgi-bin/message/custom/send} (the reply must
 * fall within WeChat's 48-hour window after the customer's last message). Outcomes: errcode 0 delivered; HTTP
 * 408/429/5xx, I/O failures, errcode -1 (busy), 45009/45011 (rate limits) and 40001/40014/42001 (token invalid
 * or expired: the token is {@linkplain AccessTokenProvider#invalidate invalidated}) retryable; other errcodes and
 * HTTP statuses permanent (such as 45015, the window has passed, or 43004, the user unsubscribed), with reason
 * code {@code wechat_<errcode>} or {@code http_<status>}.
 *
 * <p>Thread-safe; owns no threads.
 */
public final class WeChatAdapter implements ChannelAdapter {
    /** The WeChat API root. */
    public static final URI DEFAULT_API_BASE = URI.create("https://api.weixin.qq.com");
    /** Default largest body accepted: 64 KiB (WeChat pushes are small). */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Default largest distance between a plain-mode push's signed timestamp and the clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final Set<Integer> RETRYABLE = Set.of(-1, 45009, 45011);
    private static final Set<Integer> TOKEN_REFUSED = Set.of(40001, 40014, 42001);
    private static final Set<String> ELEMENTS = Set.of("ToUserName", "FromUserName", "CreateTime", "MsgType",
            "Content", "MsgId", "PicUrl", "MediaId", "Format", "Recognition", "Event", "EventKey", "Encrypt",
            "ThumbMediaId", "Label", "Title", "Description", "Url");

    private final String appId;
    private final String token;
    private final WeChatCrypto crypto;
    private final int maxBodyBytes;
    private final HttpTransport transport;
    private final AccessTokenProvider tokens;
    private final URI sendUri;
    private final Clock clock;
    /** The timestamp window; {@code null} in safe mode unless one was set. */
    private final Duration tolerance;
    /** Plain mode only: the same signed parameters must not carry another body. */
    private final ReplayGuard replays;

    private WeChatAdapter(Builder b) {
        appId = b.appId;
        token = b.token;
        crypto = b.aesKey != null ? new WeChatCrypto(b.token, b.aesKey, b.appId) : null;
        maxBodyBytes = b.maxBodyBytes > 0 ? b.maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
        clock = b.clock;
        tolerance = b.tolerance != null ? b.tolerance : crypto == null ? DEFAULT_TOLERANCE : null;
        replays = crypto == null ? ReplayGuard.of(b.replayCapacity > 0 ? b.replayCapacity : ReplayGuard.DEFAULT_CAPACITY,
                tolerance) : null;
        transport = b.transport;
        tokens = b.tokens;
        sendUri = (b.apiBase != null ? b.apiBase : DEFAULT_API_BASE).resolve("/cgi-bin/message/custom/send");
    }

    /**
     * A builder.
     *
     * @param appId the Official Account's app id
     * @param token the token configured on the WeChat console (signs the pushes)
     */
    public static Builder builder(String appId, String token) {
        return new Builder(appId, token);
    }

    @Override
    public Channel channel() {
        return Channel.WECHAT;
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        EnumSet<ChannelCapability> c = EnumSet.of(ChannelCapability.INBOUND, ChannelCapability.SIGNED_DELIVERIES,
                ChannelCapability.CONVERSATIONS);
        if (transport != null) {
            c.add(ChannelCapability.OUTBOUND);
        }
        return c;
    }

    /** Whether pushes must be in safe (AES) mode. */
    public boolean safeMode() {
        return crypto != null;
    }

    /**
     * The server check WeChat makes when the URL is configured: a GET with {@code signature}, {@code timestamp},
     * {@code nonce} and {@code echostr}.
     *
     * @return the {@code echostr} to answer with
     * @throws ChannelException if a parameter is missing or repeated ({@link Reason#SIGNATURE} for the signed ones,
     *                          {@link Reason#MALFORMED} for {@code echostr}), or the signature does not match
     *                          ({@link Reason#SIGNATURE})
     */
    public String echo(RawDelivery request) {
        Objects.requireNonNull(request, "request");
        Channel ch = Channel.WECHAT;
        String signature = Payloads.singleParameter(ch, request, "signature", Reason.SIGNATURE);
        String timestamp = Payloads.singleParameter(ch, request, "timestamp", Reason.SIGNATURE);
        String nonce = Payloads.singleParameter(ch, request, "nonce", Reason.SIGNATURE);
        String echostr = Payloads.singleParameter(ch, request, "echostr");
        if (!WebhookSignatures.wechat(token, timestamp, nonce, signature)) {
            throw new ChannelException(Reason.SIGNATURE, "WECHAT server check signature mismatch");
        }
        return echostr;
    }

    /**
     * Verifies and normalises one push (see the class description for the checks of each mode).
     *
     * @throws ChannelException if a check fails; its {@linkplain ChannelException#reason() reason} says which kind
     */
    @Override
    public List<InboundMessage> parse(RawDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        Channel ch = Channel.WECHAT;
        byte[] body = Payloads.body(ch, delivery, maxBodyBytes);
        String timestamp = Payloads.singleParameter(ch, delivery, "timestamp", Reason.SIGNATURE);
        String nonce = Payloads.singleParameter(ch, delivery, "nonce", Reason.SIGNATURE);
        boolean aes = delivery.parameters().containsKey("encrypt_type")
                && "aes".equals(Payloads.singleParameter(ch, delivery, "encrypt_type"));
        String xml;
        if (crypto != null) {
            if (!aes) {
                throw new ChannelException(Reason.CONFIGURATION,
                        "WECHAT push is not in safe mode (encrypt_type=aes) as configured");
            }
            String msgSignature = Payloads.singleParameter(ch, delivery, "msg_signature", Reason.SIGNATURE);
            xml = crypto.decryptEnvelope(msgSignature, timestamp, nonce, Payloads.utf8(ch, body));
        } else {
            if (aes) {
                throw new ChannelException(Reason.CONFIGURATION,
                        "WECHAT push is in safe mode but no encoding AES key is configured");
            }
            String signature = Payloads.singleParameter(ch, delivery, "signature", Reason.SIGNATURE);
            if (!WebhookSignatures.wechat(token, timestamp, nonce, signature)) {
                throw new ChannelException(Reason.SIGNATURE, "WECHAT push signature mismatch");
            }
            xml = Payloads.utf8(ch, body);
        }
        Instant signedAt = null;
        Instant now = null;
        if (tolerance != null) {
            signedAt = unixSeconds(timestamp);
            now = clock.instant();
            if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
                throw new ChannelException(Reason.STALE, "WECHAT push timestamp is outside the tolerance of " + tolerance);
            }
        }
        Map<String, String> f = fields(Payloads.xmlRoot(ch, xml));
        String type = f.getOrDefault("MsgType", "");
        if (type.isBlank()) {
            throw new ChannelException(Reason.MALFORMED, "WECHAT push has no MsgType");
        }
        if (type.equals("event")) {
            notReplayed(nonce, signedAt, body, now); // an event's signed parameters must not carry a message either
            return List.of();
        }
        InboundMessage.Builder b = InboundMessage.builder(delivery.tenant(), ch);
        String openId = required(f, "FromUserName");
        b.externalMessageId(required(f, "MsgId"));
        try {
            // Only safe mode's signature covers the XML, so only there does WeChat vouch for the open id.
            b.sender(crypto != null ? ChannelIdentity.verified(IdentityType.WECHAT_OPENID, openId)
                    : ChannelIdentity.of(IdentityType.WECHAT_OPENID, openId));
        } catch (IllegalArgumentException e) {
            throw new ChannelException(Reason.MALFORMED, "WECHAT push has an unusable FromUserName");
        }
        b.conversationId(openId);
        String created = f.getOrDefault("CreateTime", "");
        if (created.matches("\\d{1,12}")) {
            b.sentAt(Instant.ofEpochSecond(Long.parseLong(created)));
        }
        b.metadata("wechat.msg_type", type);
        switch (type) {
            case "text" -> b.text(required(f, "Content"));
            case "image" -> {
                b.text("[image]");
                meta(b, f, "PicUrl", "wechat.pic_url");
                meta(b, f, "MediaId", "wechat.media_id");
            }
            case "voice" -> {
                String recognised = f.getOrDefault("Recognition", "");
                b.text(recognised.isBlank() ? "[voice]" : recognised);
                meta(b, f, "MediaId", "wechat.media_id");
                meta(b, f, "Format", "wechat.format");
            }
            default -> {
                if (!type.matches("[a-z_]{1,32}")) {
                    throw new ChannelException(Reason.MALFORMED, "WECHAT push has an unknown MsgType");
                }
                b.text("[" + type + "]");
                meta(b, f, "MediaId", "wechat.media_id");
            }
        }
        InboundMessage message = b.build();
        notReplayed(nonce, signedAt, body, now);
        return List.of(message);
    }

    /** Plain mode: refuses signed parameters seen before with another body; a repetition of the same push passes. */
    private void notReplayed(String nonce, Instant signedAt, byte[] body, Instant now) {
        if (replays != null && replays.check(nonce, signedAt, body, now) == ReplayGuard.Verdict.CONFLICT) {
            throw new ChannelException(Reason.REPLAY,
                    "WECHAT push reuses the signed timestamp and nonce of another push with another body (replay)");
        }
    }

    /** A signed {@code timestamp}: Unix seconds. */
    private static Instant unixSeconds(String timestamp) {
        if (!timestamp.matches("\\d{1,15}")) {
            throw new ChannelException(Reason.MALFORMED, "WECHAT push timestamp is not Unix seconds");
        }
        return Instant.ofEpochSecond(Long.parseLong(timestamp));
    }

    private static void meta(InboundMessage.Builder b, Map<String, String> f, String element, String key) {
        String v = f.get(element);
        if (v != null && !v.isBlank()) {
            b.metadata(key, v);
        }
    }

    private static String required(Map<String, String> f, String name) {
        String v = f.get(name);
        if (v == null || v.isBlank()) {
            throw new ChannelException(Reason.MALFORMED, "WECHAT push has no " + name);
        }
        return v;
    }

    /** The root's child elements as text; an element given twice is refused. */
    private static Map<String, String> fields(Element root) {
        if (!"xml".equals(root.getNodeName())) {
            throw new ChannelException(Reason.MALFORMED, "WECHAT push root element is not <xml>");
        }
        Map<String, String> out = new HashMap<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            String name = n.getNodeName();
            if (!ELEMENTS.contains(name)) {
                continue; // newer fields we do not use
            }
            if (out.put(name, n.getTextContent().strip()) != null) {
                throw new ChannelException(Reason.MALFORMED, "WECHAT push has element " + name + " more than once");
            }
        }
        return out;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        if (transport == null) {
            throw new UnsupportedOperationException("WECHAT adapter has no outbound transport");
        }
        if (!message.recipient().type().equals(IdentityType.WECHAT_OPENID)) {
            return SendResult.permanent("recipient_not_wechat_openid");
        }
        if (message.text().isBlank()) {
            return SendResult.permanent("text_required");
        }
        ObjectNode json = JsonPayloads.mapper().createObjectNode();
        json.put("touser", message.recipient().value());
        json.put("msgtype", "text");
        json.putObject("text").put("content", message.text());
        byte[] body;
        try {
            body = JsonPayloads.mapper().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply could not be written as JSON", e);
        }
        String accessToken;
        try {
            accessToken = tokens.accessToken();
        } catch (ChannelException e) {
            return e.isRetryable() ? SendResult.retryable("access_token_unavailable")
                    : SendResult.permanent("access_token_refused");
        }
        URI uri = URI.create(sendUri + "?access_token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
        HttpTransport.Response r;
        try {
            r = transport.post(uri, Map.of("Content-Type", "application/json; charset=utf-8"), body);
        } catch (IOException e) {
            return SendResult.retryable("io_error");
        }
        if (!r.ok()) {
            int s = r.status();
            return s == 408 || s == 429 || s >= 500 ? SendResult.retryable("http_" + s) : SendResult.permanent("http_" + s);
        }
        JsonNode answer;
        try {
            answer = JsonPayloads.jsonObject(Channel.WECHAT, r.body());
        } catch (ChannelException e) {
            return SendResult.retryable("bad_response");
        }
        if (!answer.path("errcode").canConvertToInt() && !answer.path("errcode").isMissingNode()) {
            return SendResult.retryable("bad_response");
        }
        int errcode = answer.path("errcode").asInt(0);
        if (errcode == 0) {
            return SendResult.delivered(answer.path("msgid").asText(""));
        }
        if (TOKEN_REFUSED.contains(errcode)) {
            tokens.invalidate(accessToken);
            return SendResult.retryable("wechat_" + errcode);
        }
        return RETRYABLE.contains(errcode) ? SendResult.retryable("wechat_" + errcode)
                : SendResult.permanent("wechat_" + errcode);
    }

    @Override
    public String toString() {
        return "WeChatAdapter[appId=" + appId + (crypto != null ? " safe-mode" : " plain-mode")
                + (tolerance != null ? " tolerance=" + tolerance : "") + (transport != null ? " outbound" : "") + "]";
    }

    /** Builds {@link WeChatAdapter}; each option may be set once. */
    public static final class Builder {
        private final String appId;
        private final String token;
        private String aesKey;
        private int maxBodyBytes;
        private HttpTransport transport;
        private AccessTokenProvider tokens;
        private URI apiBase;
        private Clock clock;
        private Duration tolerance;
        private int replayCapacity;

        private Builder(String appId, String token) {
            this.appId = Objects.requireNonNull(appId, "appId");
            this.token = Objects.requireNonNull(token, "token");
            if (appId.isBlank() || token.isBlank()) {
                throw new IllegalArgumentException("appId and token must not be blank");
            }
        }

        /** Requires safe mode and decrypts with this 43-character key. */
        public Builder encodingAesKey(String key) {
            if (aesKey != null) {
                throw new IllegalStateException("encodingAesKey set twice");
            }
            new WeChatCrypto(token, Objects.requireNonNull(key, "encodingAesKey"), appId); // checks the key now
            aesKey = key;
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

        /** Enables replies through the customer-service message API. */
        public Builder outbound(HttpTransport via, AccessTokenProvider accessTokens) {
            if (transport != null) {
                throw new IllegalStateException("outbound set twice");
            }
            transport = Objects.requireNonNull(via, "transport");
            tokens = Objects.requireNonNull(accessTokens, "accessTokens");
            return this;
        }

        /** The API root (default {@link #DEFAULT_API_BASE}); tests point it at a local server. */
        public Builder apiBase(URI value) {
            if (apiBase != null) {
                throw new IllegalStateException("apiBase set twice");
            }
            apiBase = Objects.requireNonNull(value, "apiBase");
            return this;
        }

        /**
         * The clock push timestamps are checked against: required in plain mode, and in safe mode with a
         * {@link #tolerance}. Pass the engine's clock.
         */
        public Builder clock(Clock value) {
            if (clock != null) {
                throw new IllegalStateException("clock set twice");
            }
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Largest distance between a push's signed {@code timestamp} and the clock; a push outside it is refused as
         * {@link Reason#STALE}. Plain mode: default {@link #DEFAULT_TOLERANCE 5 minutes}. Safe mode, whose
         * signature covers the message: no window unless set here.
         */
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
         * Plain mode: how many pushes the replay guard remembers (default {@link ReplayGuard#DEFAULT_CAPACITY}).
         */
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

        /**
         * The adapter.
         *
         * @throws IllegalStateException if no clock was set in plain mode (or in safe mode with a tolerance), or a
         *                               replay capacity was set in safe mode (which keeps no replay guard)
         */
        public WeChatAdapter build() {
            boolean plain = aesKey == null;
            if (clock == null && (plain || tolerance != null)) {
                throw new IllegalStateException("clock is required " + (plain ? "in plain mode" : "with a tolerance")
                        + " (push timestamps are checked against it)");
            }
            if (!plain && replayCapacity != 0) {
                throw new IllegalStateException("replayCapacity applies to plain mode only");
            }
            return new WeChatAdapter(this);
        }
    }
}
