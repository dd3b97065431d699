package dev.ticketkit.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/**
 * {@link WebhookSignatures#shopify}. Expected values were computed independently with OpenSSL,
 * e.g. {@code printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64}.
 * Shopify's documentation shows the algorithm but publishes no fixed vector.
 */
class ShopifySignatureTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 4231 test case 2 (HMAC-SHA256, key "Jefe"), hex 5bdcc146…3843, here in base64. */
    @Test
    void acceptsRfc4231TestCase2() {
        assertThat(WebhookSignatures.shopify(utf8("what do ya want for nothing?"),
                "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=", "Jefe")).isTrue();
    }

    @Test
    void acceptsOpensslVectorForJsonBody() {
        assertThat(WebhookSignatures.shopify(utf8("{\"id\":1,\"topic\":\"orders/create\"}"),
                "rlYwtxSz64KhPygOLXbekmzsjq0OqrcotnlUzAe2yuQ=", "hush")).isTrue();
        assertThat(WebhookSignatures.shopify(
                utf8("{\"id\":1234567890,\"email\":\"customer@example.com\",\"total_price\":\"123.45\"}"),
                "QNyObTlKbMx2qDlPF/ZOZcBqg5OgPg+2oky3zldc0Gw=", "test-webhook-secret")).isTrue();
    }

    /** Body and secret are signed as raw UTF-8 bytes (openssl fed the same UTF-8 bytes). */
    @Test
    void signsRawUtf8BytesOfBodyAndSecret() {
        assertThat(WebhookSignatures.shopify(utf8("{\"note\":\"工单 #42 已关闭\"}"),
                "CoKLyd/VGoWfX/jwJX7+m1tcLyzO702mGC1frNfEycU=", "shpss_秘密")).isTrue();
    }

    @Test
    void rejectsWrongSecret() {
        assertThat(WebhookSignatures.shopify(utf8("{\"id\":1,\"topic\":\"orders/create\"}"),
                "rlYwtxSz64KhPygOLXbekmzsjq0OqrcotnlUzAe2yuQ=", "hush2")).isFalse();
    }

    @Test
    void rejectsTamperedBody() {
        assertThat(WebhookSignatures.shopify(utf8("{\"id\":2,\"topic\":\"orders/create\"}"),
                "rlYwtxSz64KhPygOLXbekmzsjq0OqrcotnlUzAe2yuQ=", "hush")).isFalse();
        // Re-serialised JSON (whitespace added) is a different body.
        assertThat(WebhookSignatures.shopify(utf8("{\"id\": 1,\"topic\":\"orders/create\"}"),
                "rlYwtxSz64KhPygOLXbekmzsjq0OqrcotnlUzAe2yuQ=", "hush")).isFalse();
    }

    @Test
    void rejectsMissingGarbledAndTruncatedHeaders() {
        byte[] body = utf8("{\"id\":1,\"topic\":\"orders/create\"}");
        String good = "rlYwtxSz64KhPygOLXbekmzsjq0OqrcotnlUzAe2yuQ=";
        assertThat(WebhookSignatures.shopify(body, good, "hush")).as("control").isTrue();
        assertThat(WebhookSignatures.shopify(body, null, "hush")).isFalse();
        assertThat(WebhookSignatures.shopify(body, "", "hush")).isFalse();
        assertThat(WebhookSignatures.shopify(body, "not base64!!", "hush")).isFalse();
        assertThat(WebhookSignatures.shopify(body, good.substring(0, 40), "hush")).isFalse();
        assertThat(WebhookSignatures.shopify(body, good + good, "hush")).as("duplicated").isFalse();
        assertThat(WebhookSignatures.shopify(body, good + ", " + good, "hush")).as("joined").isFalse();
        assertThat(WebhookSignatures.shopify(body, " " + good, "hush")).isFalse();
    }

    /** Hex of the right digest is not the base64 Shopify sends. */
    @Test
    void rejectsHexEncodedDigest() {
        byte[] mac = Base64.getDecoder().decode("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
        String hex = java.util.HexFormat.of().formatHex(mac);
        assertThat(WebhookSignatures.shopify(utf8("what do ya want for nothing?"), hex, "Jefe")).isFalse();
    }

    /** A digest that is a prefix of the right one (still valid base64) is not accepted. */
    @Test
    void rejectsPrefixOfDigest() {
        byte[] mac = Base64.getDecoder().decode("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
        String prefix = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(mac, 16));
        assertThat(WebhookSignatures.shopify(utf8("what do ya want for nothing?"), prefix, "Jefe")).isFalse();
    }

    @Test
    void nullBodyOrSecretIsProgrammerError() {
        assertThatThrownBy(() -> WebhookSignatures.shopify(null, "x", "s"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookSignatures.shopify(new byte[0], "x", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookSignatures.shopify(new byte[0], "x", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
