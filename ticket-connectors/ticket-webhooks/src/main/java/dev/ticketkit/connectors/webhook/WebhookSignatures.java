package dev.ticketkit.connectors.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies (and, for Standard Webhooks, produces) the signatures that chat and commerce platforms
 * put on the webhooks they send.
 *
 * <p>Every {@code boolean} method returns {@code false} for anything that does not prove the
 * request authentic: a signature mismatch, a missing ({@code null}), empty, duplicated or garbled
 * header, a stale or non-numeric timestamp. They never throw for input that comes from the wire.
 * Arguments that come from the caller's own configuration (secrets, tokens, the raw body, the
 * current instant) are programmer errors when {@code null}: {@link NullPointerException}.
 * Signatures are compared in constant time ({@link MessageDigest#isEqual(byte[], byte[])}) on the
 * decoded digests.
 *
 * <p>Stateless and thread-safe. No method reads the system clock: pass {@code clock.instant()}.
 */
public final class WebhookSignatures {

    /** Largest allowed distance between a Standard Webhooks timestamp and "now": five minutes. */
    public static final Duration STANDARD_WEBHOOKS_TOLERANCE = Duration.ofMinutes(5);

    /** Prefix of Standard Webhooks secrets ({@code whsec_} followed by the base64 key). */
    public static final String STANDARD_WEBHOOKS_SECRET_PREFIX = "whsec_";

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int SHA256_BYTES = 32;
    private static final int SHA1_BYTES = 20;
    private static final long TOLERANCE_SECONDS = STANDARD_WEBHOOKS_TOLERANCE.toSeconds();
    /** More digits than this cannot be a plausible Unix time and could overflow a long. */
    private static final int MAX_TIMESTAMP_DIGITS = 15;

    private WebhookSignatures() {
    }

    /**
     * Verifies Shopify's {@code X-Shopify-Hmac-Sha256} header: the base64 of
     * HMAC-SHA256 keyed with the app's client secret (as UTF-8) over the raw request body.
     *
     * @param rawBody the request body exactly as received (not re-serialised JSON)
     * @param hmacHeader the header value; {@code null} (header missing) gives {@code false}
     * @param secret the app's client secret
     * @return whether the header is the body's signature
     * @throws NullPointerException if {@code rawBody} or {@code secret} is {@code null}
     * @throws IllegalArgumentException if {@code secret} is empty
     */
    public static boolean shopify(byte[] rawBody, String hmacHeader, String secret) {
        Objects.requireNonNull(rawBody, "rawBody");
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret is empty");
        }
        byte[] expected = hmacSha256(secret.getBytes(StandardCharsets.UTF_8), rawBody);
        byte[] given = decodeBase64(hmacHeader);
        return given != null && given.length == SHA256_BYTES && MessageDigest.isEqual(expected, given);
    }

    /**
     * Verifies the WeChat (Official Account / WeCom plain mode) server check: {@code signature}
     * must be the lowercase or uppercase hex of SHA-1 over {@code token}, {@code timestamp} and
     * {@code nonce} sorted lexicographically and concatenated.
     *
     * <p>The scheme signs the timestamp but WeChat sets no tolerance; callers that want replay
     * protection check the timestamp themselves.
     *
     * @param token the token configured on the WeChat console
     * @param timestamp the {@code timestamp} query parameter; {@code null} gives {@code false}
     * @param nonce the {@code nonce} query parameter; {@code null} gives {@code false}
     * @param signature the {@code signature} query parameter; {@code null} gives {@code false}
     * @return whether the signature matches
     * @throws NullPointerException if {@code token} is {@code null}
     */
    public static boolean wechat(String token, String timestamp, String nonce, String signature) {
        Objects.requireNonNull(token, "token");
        if (timestamp == null || nonce == null || signature == null) {
            return false;
        }
        byte[] expected = sha1OfSorted(token, timestamp, nonce);
        byte[] given = decodeHex(signature, SHA1_BYTES);
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /**
     * Verifies a <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> request
     * (also sent by Svix-based platforms): the {@code webhook-signature} header holds
     * space-separated {@code v1,<base64 HMAC-SHA256>} entries over {@code {id}.{timestamp}.{body}};
     * one matching entry is enough, entries of other versions are ignored. The
     * {@code webhook-timestamp} must be Unix seconds (digits only) within
     * {@link #STANDARD_WEBHOOKS_TOLERANCE} of {@code now}, in either direction.
     *
     * @param id the {@code webhook-id} header; {@code null} gives {@code false}
     * @param timestamp the {@code webhook-timestamp} header; {@code null} gives {@code false}
     * @param body the raw request body
     * @param signatureHeader the {@code webhook-signature} header; {@code null} gives {@code false}
     * @param secret the endpoint secret, {@code whsec_<base64>} or the bare base64 key
     * @param now the current instant (from the caller's {@code Clock})
     * @return whether the request is authentic and fresh
     * @throws NullPointerException if {@code body}, {@code secret} or {@code now} is {@code null}
     * @throws IllegalArgumentException if {@code secret} is not (prefixed) base64 or is empty
     */
    public static boolean standardWebhooks(String id, String timestamp, byte[] body,
            String signatureHeader, String secret, Instant now) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(now, "now");
        byte[] key = standardWebhooksKey(secret);
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long seconds = parseUnixSeconds(timestamp);
        if (seconds < 0 || !fresh(seconds, now)) {
            return false;
        }
        byte[] expected = hmacSha256(key, signedContent(id, timestamp, body));
        boolean match = false;
        for (String entry : signatureHeader.split(" ")) {
            if (!entry.startsWith("v1,")) {
                continue;
            }
            byte[] given = decodeBase64(entry.substring(3));
            if (given != null && given.length == SHA256_BYTES && MessageDigest.isEqual(expected, given)) {
                match = true;
            }
        }
        return match;
    }

    /**
     * Signs an outbound Standard Webhooks request.
     *
     * @param id the {@code webhook-id} to send
     * @param timestamp the {@code webhook-timestamp} to send, Unix seconds
     * @param body the exact bytes that will be sent
     * @param secret {@code whsec_<base64>} or the bare base64 key
     * @return the {@code webhook-signature} header value, {@code v1,<base64>}
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code timestamp} is negative or the secret is malformed
     */
    public static String standardWebhooksSign(String id, long timestamp, byte[] body, String secret) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
        byte[] key = standardWebhooksKey(secret);
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp is negative: " + timestamp);
        }
        byte[] mac = hmacSha256(key, signedContent(id, Long.toString(timestamp), body));
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    private static byte[] standardWebhooksKey(String secret) {
        Objects.requireNonNull(secret, "secret");
        String encoded = secret.startsWith(STANDARD_WEBHOOKS_SECRET_PREFIX)
                ? secret.substring(STANDARD_WEBHOOKS_SECRET_PREFIX.length())
                : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // Do not chain or echo: the message could quote the secret.
            throw new IllegalArgumentException("secret is not whsec_ followed by base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("secret is empty");
        }
        return key;
    }

    private static byte[] signedContent(String id, String timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    /** @return the value, or -1 unless {@code s} is 1 to 15 ASCII digits */
    private static long parseUnixSeconds(String s) {
        if (s.isEmpty() || s.length() > MAX_TIMESTAMP_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** |now - seconds| &lt;= tolerance, exact to the nanosecond of {@code now}. */
    private static boolean fresh(long seconds, Instant now) {
        long diff = now.getEpochSecond() - seconds; // no overflow: both are far below 2^62
        if (diff > TOLERANCE_SECONDS || diff < -TOLERANCE_SECONDS) {
            return false;
        }
        return diff != TOLERANCE_SECONDS || now.getNano() == 0;
    }

    private static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha1OfSorted(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String part : sorted) {
                sha1.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /** @return the bytes, or {@code null} if {@code s} is null or not strict base64 */
    private static byte[] decodeBase64(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return the bytes, or {@code null} unless {@code s} is exactly {@code bytes * 2} hex digits */
    private static byte[] decodeHex(String s, int bytes) {
        if (s.length() != bytes * 2) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
