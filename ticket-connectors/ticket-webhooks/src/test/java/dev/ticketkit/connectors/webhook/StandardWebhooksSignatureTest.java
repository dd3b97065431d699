package dev.ticketkit.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * {@link WebhookSignatures#standardWebhooks} and {@link WebhookSignatures#standardWebhooksSign}.
 *
 * <p>The published vector is from the standard-webhooks repository
 * ({@code libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java},
 * {@code verifyWebhookSignWorks}), re-checked with OpenSSL:
 * {@code printf 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' | openssl dgst
 * -sha256 -mac HMAC -macopt hexkey:$(echo -n MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p
 * -c 256) -binary | base64}. The second vector (key bytes 0x01..0x20) was computed the same way.
 */
class StandardWebhooksSignatureTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TS = "1614265330";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant AT_TS = Instant.ofEpochSecond(1614265330L);

    private static boolean verify(String header) {
        return WebhookSignatures.standardWebhooks(ID, TS, BODY, header, SECRET, AT_TS);
    }

    @Test
    void signReproducesPublishedVector() {
        assertThat(WebhookSignatures.standardWebhooksSign(ID, 1614265330L, BODY, SECRET)).isEqualTo(SIG);
    }

    @Test
    void signReproducesOpensslVector() {
        assertThat(WebhookSignatures.standardWebhooksSign("msg_2", 1700000000L,
                "hello".getBytes(StandardCharsets.US_ASCII),
                "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="))
                .isEqualTo("v1,0ITGrnNaCKUh/kB9WzWPnrfY5vwv6zokPyTGXTWte/Y=");
    }

    @Test
    void verifiesPublishedVector() {
        assertThat(verify(SIG)).isTrue();
    }

    @Test
    void acceptsSecretWithoutPrefix() {
        assertThat(WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG,
                "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", AT_TS)).isTrue();
    }

    @Test
    void anyMatchingEntryPasses() {
        assertThat(verify("v1,bm9wZQ== " + SIG)).isTrue();
        assertThat(verify(SIG + " v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=")).isTrue();
        assertThat(verify("v1a,Zm9v " + SIG + " garbage")).isTrue();
        assertThat(verify(SIG + "  " + SIG)).as("duplicated, extra space").isTrue();
    }

    @Test
    void rejectsWhenNoEntryMatches() {
        assertThat(verify("v1,bm9wZQ== v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=")).isFalse();
    }

    @Test
    void rejectsOtherVersionsAndMalformedEntries() {
        String sig = SIG.substring(3);
        assertThat(verify("v2," + sig)).isFalse();
        assertThat(verify("V1," + sig)).isFalse();
        assertThat(verify(sig)).as("no version").isFalse();
        assertThat(verify("v1=" + sig)).isFalse();
        assertThat(verify("v1," + sig.substring(0, 20))).as("truncated base64").isFalse();
        assertThat(verify("v1," + sig.replace('+', '-'))).as("url-safe alphabet").isFalse();
        assertThat(verify("v1,")).isFalse();
        assertThat(verify("")).isFalse();
        assertThat(verify(" ")).isFalse();
        assertThat(verify(null)).isFalse();
        assertThat(verify(SIG + "," + SIG)).as("comma-joined").isFalse();
    }

    @Test
    void rejectsWrongSecret() {
        assertThat(WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG,
                "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=", AT_TS)).isFalse();
    }

    @Test
    void rejectsTamperedBodyIdOrTimestamp() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignatures.standardWebhooks(ID, TS, tampered, SIG, SECRET, AT_TS)).isFalse();
        assertThat(WebhookSignatures.standardWebhooks("msg_other", TS, BODY, SIG, SECRET, AT_TS)).isFalse();
        assertThat(WebhookSignatures.standardWebhooks(ID, "1614265331", BODY, SIG, SECRET, AT_TS)).isFalse();
    }

    @Test
    void rejectsMissingIdOrTimestamp() {
        assertThat(WebhookSignatures.standardWebhooks(null, TS, BODY, SIG, SECRET, AT_TS)).isFalse();
        assertThat(WebhookSignatures.standardWebhooks(ID, null, BODY, SIG, SECRET, AT_TS)).isFalse();
    }

    @Test
    void acceptsUpToFiveMinutesEitherWay() {
        assertThat(WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG, SECRET, AT_TS.plusSeconds(300)))
                .isTrue();
        assertThat(WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG, SECRET, AT_TS.minusSeconds(300)))
                .isTrue();
    }

    @Test
    void rejectsStaleTimestamp() {
        assertThat(WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG, SECRET, AT_TS.plusSeconds(301)))
                .isFalse();
        assertThat(WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG, SECRET,
                AT_TS.plusSeconds(300).plusNanos(1))).isFalse();
        assertThat(WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG, SECRET,
                Instant.parse("2026-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void rejectsFutureTimestamp() {
        assertThat(WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG, SECRET, AT_TS.minusSeconds(301)))
                .isFalse();
    }

    /**
     * Each timestamp is correctly signed, so only the timestamp check can reject it. The last two
     * would land inside the window if a parser computed {@code c - '0'} for ':' (10) or '/' (-1).
     */
    @Test
    void rejectsNonNumericTimestamps() {
        for (String ts : new String[] {"", " 1614265330", "1614265330 ", "+1614265330", "-1614265330",
                "1614265330.0", "1.614265330e9", "0x6037b7f2", "１６１４２６５３３０", "99999999999999999999",
                "161426533:", "16142653/9"}) {
            String header = signUnchecked(ts);
            assertThat(WebhookSignatures.standardWebhooks(ID, ts, BODY, header, SECRET, AT_TS))
                    .as("timestamp '%s'", ts).isFalse();
        }
    }

    /** Leading zeros are digits: the value is the same and the raw text is what was signed. */
    @Test
    void acceptsLeadingZerosBecauseTheRawTextIsSigned() {
        String ts = "0" + TS;
        assertThat(WebhookSignatures.standardWebhooks(ID, ts, BODY, signUnchecked(ts), SECRET, AT_TS)).isTrue();
    }

    @Test
    void signThenVerifyRoundTrips() {
        Instant now = Instant.parse("2030-05-06T07:08:09Z");
        byte[] body = "{\"ticket\":\"T-1\",\"状态\":\"open\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignatures.standardWebhooksSign("evt_1", now.getEpochSecond(), body, SECRET);
        assertThat(WebhookSignatures.standardWebhooks("evt_1", Long.toString(now.getEpochSecond()), body,
                header, SECRET, now)).isTrue();
    }

    @Test
    void callerErrorsThrow() {
        assertThatThrownBy(() -> WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG, null, AT_TS))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG, SECRET, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookSignatures.standardWebhooks(ID, TS, null, SIG, SECRET, AT_TS))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG, "whsec_not*base64", AT_TS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> WebhookSignatures.standardWebhooks(ID, TS, BODY, SIG, "whsec_", AT_TS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSignatures.standardWebhooksSign(ID, -1, BODY, SECRET))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Independent HMAC in the test, so a wrong timestamp string still gets a correct signature. */
    private static String signUnchecked(String ts) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    java.util.Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "HmacSHA256"));
            mac.update((ID + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(BODY));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
