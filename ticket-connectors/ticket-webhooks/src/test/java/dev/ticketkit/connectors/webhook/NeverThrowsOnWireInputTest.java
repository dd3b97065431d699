package dev.ticketkit.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Random and hostile header values: the verifiers answer {@code false}, never throw. */
class NeverThrowsOnWireInputTest {

    private static final String[] HOSTILE = {
        "", " ", ",", "v1,", "v1,,", "v1,=", "v1,====", "v1, ", "\u0000", "\uD800", "é", "v1,é",
        "v1,\uFFFF", "9".repeat(50), "-", "v1," + "A".repeat(100_000), "v1,AAAA".repeat(1000),
    };

    @Test
    void hostileHeadersAreRejectedWithoutException() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        String ts = "1700000000";
        // Control: a correct header passes, so false below is not a blanket false.
        String good = WebhookSignatures.standardWebhooksSign("id", 1_700_000_000L, body, "whsec_c2VjcmV0");
        assertThat(WebhookSignatures.standardWebhooks("id", ts, body, good, "whsec_c2VjcmV0", now)).isTrue();
        for (String h : HOSTILE) {
            assertThat(WebhookSignatures.shopify(body, h, "secret")).as(h).isFalse();
            assertThat(WebhookSignatures.wechat("token", h, h, h)).as(h).isFalse();
            assertThat(WebhookSignatures.standardWebhooks(h, h, body, h, "whsec_c2VjcmV0", now)).as(h).isFalse();
            assertThat(WebhookSignatures.standardWebhooks("id", ts, body, h, "whsec_c2VjcmV0", now)).as(h).isFalse();
        }
    }

    @Test
    void randomHeadersAreRejectedWithoutException() {
        SplittableRandom random = new SplittableRandom(20261122L);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        for (int i = 0; i < 5_000; i++) {
            String h = randomString(random);
            assertThat(WebhookSignatures.shopify(body, h, "secret")).isFalse();
            assertThat(WebhookSignatures.wechat("token", "1700000000", "n", h)).isFalse();
            assertThat(WebhookSignatures.standardWebhooks("id", "1700000000", body, h, "whsec_c2VjcmV0", now))
                    .isFalse();
            assertThat(WebhookSignatures.standardWebhooks("id", h, body, "v1," + h, "whsec_c2VjcmV0", now))
                    .isFalse();
        }
    }

    private static String randomString(SplittableRandom random) {
        String alphabet = "v1, =+/ABCDEFabcdef0123456789\u00e9\u4e2d";
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(0, 90);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
