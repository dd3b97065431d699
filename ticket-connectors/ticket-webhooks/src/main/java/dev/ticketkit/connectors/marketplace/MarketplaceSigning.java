package dev.ticketkit.connectors.marketplace;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sorted-parameter signatures of the Chinese marketplaces' open platforms. Each sorts the parameters by name
 * (ASCII order), leaves out {@code sign}, concatenates name and value without separators, and hashes:
 * <ul>
 *   <li>Taobao/Tmall TOP, {@code sign_method=md5}: {@code MD5(secret + params + secret)};
 *       {@code sign_method=hmac}: {@code HMAC-MD5(secret, params)}; {@code sign_method=hmac-sha256}:
 *       {@code HMAC-SHA256(secret, params)}; parameters with an empty value are left out;</li>
 *   <li>JD (JOS): {@code MD5(appSecret + params + appSecret)}; empty values are left out;</li>
 *   <li>Pinduoduo: {@code MD5(client_secret + params + client_secret)}; every parameter but {@code sign}
 *       counts.</li>
 * </ul>
 * All return upper-case hex, UTF-8 throughout. Stateless and thread-safe. {@link #matches} compares in constant
 * time, ignoring case.
 */
public final class MarketplaceSigning {
    private MarketplaceSigning() {
    }

    /** Taobao TOP {@code sign_method=md5}. */
    public static String taobaoMd5(Map<String, String> params, String secret) {
        return md5Wrapped(concat(params, true), secret);
    }

    /** Taobao TOP {@code sign_method=hmac} (HMAC-MD5 keyed with the secret). */
    public static String taobaoHmacMd5(Map<String, String> params, String secret) {
        return hmac("HmacMD5", concat(params, true), secret);
    }

    /** Taobao TOP {@code sign_method=hmac-sha256}. */
    public static String taobaoHmacSha256(Map<String, String> params, String secret) {
        return hmac("HmacSHA256", concat(params, true), secret);
    }

    /** JD JOS: {@code MD5(appSecret + sorted params + appSecret)}. */
    public static String jd(Map<String, String> params, String appSecret) {
        return md5Wrapped(concat(params, true), appSecret);
    }

    /** Pinduoduo: {@code MD5(client_secret + sorted params + client_secret)}. */
    public static String pinduoduo(Map<String, String> params, String clientSecret) {
        return md5Wrapped(concat(params, false), clientSecret);
    }

    /**
     * Whether a received signature equals the expected one, ignoring case, in constant time for equal lengths.
     *
     * @param expected the signature computed here
     * @param given    the received signature; {@code null} gives {@code false}
     */
    public static boolean matches(String expected, String given) {
        Objects.requireNonNull(expected, "expected");
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                given.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The sorted name+value concatenation (without {@code sign}). */
    static String concat(Map<String, String> params, boolean skipEmpty) {
        Objects.requireNonNull(params, "params");
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> {
            Objects.requireNonNull(k, "parameter name");
            if (k.equals("sign")) {
                return;
            }
            String value = v == null ? "" : v;
            if (skipEmpty && (k.isEmpty() || value.isEmpty())) {
                return;
            }
            sb.append(k).append(value);
        });
        return sb.toString();
    }

    private static String md5Wrapped(String content, String secret) {
        checkSecret(secret);
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(secret.getBytes(StandardCharsets.UTF_8));
            md5.update(content.getBytes(StandardCharsets.UTF_8));
            md5.update(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(md5.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    private static String hmac(String algorithm, String content, String secret) {
        checkSecret(secret);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    private static void checkSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret is empty");
        }
    }
}
