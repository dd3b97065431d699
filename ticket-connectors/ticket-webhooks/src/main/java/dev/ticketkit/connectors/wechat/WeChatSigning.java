package dev.ticketkit.connectors.wechat;

import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.core.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs WeChat Official Account requests the way WeChat's servers do, for tests of a host's endpoint (and of
 * {@link WeChatAdapter} itself): the server check, plain-mode pushes and safe-mode (encrypted) pushes.
 *
 * <pre>{@code
 * RawDelivery push = WeChatSigning.plainPush(token, xml, clock.instant(), "nonce-1").toDelivery(tenant, clock.instant());
 * RawDelivery safe = WeChatSigning.safePush(new WeChatCrypto(token, aesKey, appId), xml, clock.instant(), "nonce-2")
 *         .toDelivery(tenant, clock.instant());
 * }</pre>
 *
 * <p>The {@code signature} is the lower-case hex SHA-1 of the token, {@code timestamp} and {@code nonce} sorted and
 * concatenated; in safe mode {@code msg_signature} also covers the ciphertext ({@link WeChatCrypto}). Timestamps are
 * Unix seconds. Stateless and thread-safe.
 */
public final class WeChatSigning {
    private WeChatSigning() {
    }

    /**
     * A signed push: the query parameters WeChat puts on the push URL and the POST body.
     *
     * @param parameters the query parameters, names to values (one each)
     * @param body       the request body (the XML, or for safe mode the envelope holding the ciphertext)
     */
    public record Push(Map<String, List<String>> parameters, byte[] body) {
        /**
         * @throws NullPointerException if a component is {@code null}
         */
        public Push {
            parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters"));
            Objects.requireNonNull(body, "body");
        }

        /** The push as the host would hand it to {@link WeChatAdapter#parse}. */
        public RawDelivery toDelivery(TenantId tenant, Instant receivedAt) {
            return new RawDelivery(tenant, body.clone(), Map.of(), parameters, receivedAt);
        }
    }

    /**
     * The plain-mode and server-check {@code signature}.
     *
     * @return lower-case hex SHA-1 over the sorted token, timestamp and nonce
     * @throws NullPointerException if an argument is {@code null}
     */
    public static String signature(String token, String timestamp, String nonce) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(nonce, "nonce");
        String[] parts = {token, timestamp, nonce};
        Arrays.sort(parts);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String part : parts) {
                sha1.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /**
     * The query parameters of the server check WeChat makes when the URL is configured ({@link WeChatAdapter#echo}).
     *
     * @param at the time WeChat signs
     */
    public static Map<String, List<String>> serverCheck(String token, Instant at, String nonce, String echostr) {
        Objects.requireNonNull(echostr, "echostr");
        String ts = unixSeconds(at);
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("signature", List.of(signature(token, ts, nonce)));
        q.put("timestamp", List.of(ts));
        q.put("nonce", List.of(nonce));
        q.put("echostr", List.of(echostr));
        return Collections.unmodifiableMap(q);
    }

    /**
     * A plain-mode push of {@code xml}, signed at {@code at}.
     *
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Push plainPush(String token, String xml, Instant at, String nonce) {
        Objects.requireNonNull(xml, "xml");
        String ts = unixSeconds(at);
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("signature", List.of(signature(token, ts, nonce)));
        q.put("timestamp", List.of(ts));
        q.put("nonce", List.of(nonce));
        return new Push(q, xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A safe-mode push of {@code xml}: encrypted with {@code crypto} (its token, key and app id), the ciphertext in
     * the {@code <xml><Encrypt>} envelope, with {@code encrypt_type=aes}, {@code msg_signature}, {@code timestamp}
     * and {@code nonce} as WeChat sends them.
     *
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Push safePush(WeChatCrypto crypto, String xml, Instant at, String nonce) {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(nonce, "nonce");
        WeChatCrypto.Encrypted e = crypto.encrypt(xml, unixSeconds(at), nonce);
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("timestamp", List.of(e.timestamp()));
        q.put("nonce", List.of(e.nonce()));
        q.put("encrypt_type", List.of("aes"));
        q.put("msg_signature", List.of(e.msgSignature()));
        String envelope = "<xml><Encrypt><![CDATA[" + e.encrypted() + "]]></Encrypt></xml>";
        return new Push(q, envelope.getBytes(StandardCharsets.UTF_8));
    }

    private static String unixSeconds(Instant at) {
        return Long.toString(Objects.requireNonNull(at, "at").getEpochSecond());
    }
}
