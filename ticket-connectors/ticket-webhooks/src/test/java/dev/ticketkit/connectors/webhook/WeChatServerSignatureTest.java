package dev.ticketkit.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link WebhookSignatures#wechat}. Expected values computed independently with
 * {@code printf '%s\n' "$TOKEN" "$TS" "$NONCE" | LC_ALL=C sort | tr -d '\n' | sha1sum}.
 */
class WeChatServerSignatureTest {

    /** Token of WeChat's official sample ("pamtest"), timestamp and nonce of the same sample. */
    private static final String SAMPLE_SIG = "76480565cbe296026c53aaacd1ad523a1ddba24f";

    @Test
    void acceptsSha1OfSortedParameters() {
        assertThat(WebhookSignatures.wechat("pamtest", "1409304348", "xxxxxx", SAMPLE_SIG)).isTrue();
    }

    /** Sorting is by code unit, so digits sort before upper case before lower case. */
    @Test
    void sortsLexicographicallyNotByArgumentOrder() {
        // sorted: "1700000000" + "Token123" + "abcXYZ"
        assertThat(WebhookSignatures.wechat("Token123", "1700000000", "abcXYZ",
                "c4633a67463ebcd036541014ebb4eece1d3be20d")).isTrue();
    }

    @Test
    void acceptsUpperCaseHex() {
        assertThat(WebhookSignatures.wechat("pamtest", "1409304348", "xxxxxx", SAMPLE_SIG.toUpperCase()))
                .isTrue();
    }

    @Test
    void rejectsWrongTokenOrChangedParameters() {
        assertThat(WebhookSignatures.wechat("pamtest2", "1409304348", "xxxxxx", SAMPLE_SIG)).isFalse();
        assertThat(WebhookSignatures.wechat("pamtest", "1409304349", "xxxxxx", SAMPLE_SIG)).isFalse();
        assertThat(WebhookSignatures.wechat("pamtest", "1409304348", "xxxxxy", SAMPLE_SIG)).isFalse();
        // Swapping timestamp and nonce does not change the sorted concatenation: still valid.
        assertThat(WebhookSignatures.wechat("pamtest", "xxxxxx", "1409304348", SAMPLE_SIG)).isTrue();
    }

    @Test
    void rejectsMissingAndGarbledSignatures() {
        assertThat(WebhookSignatures.wechat("pamtest", null, "xxxxxx", SAMPLE_SIG)).isFalse();
        assertThat(WebhookSignatures.wechat("pamtest", "1409304348", null, SAMPLE_SIG)).isFalse();
        assertThat(WebhookSignatures.wechat("pamtest", "1409304348", "xxxxxx", null)).isFalse();
        assertThat(WebhookSignatures.wechat("pamtest", "1409304348", "xxxxxx", "")).isFalse();
        assertThat(WebhookSignatures.wechat("pamtest", "1409304348", "xxxxxx", SAMPLE_SIG.substring(2)))
                .isFalse();
        assertThat(WebhookSignatures.wechat("pamtest", "1409304348", "xxxxxx", SAMPLE_SIG + "00")).isFalse();
        assertThat(WebhookSignatures.wechat("pamtest", "1409304348", "xxxxxx",
                "zz" + SAMPLE_SIG.substring(2))).isFalse();
        assertThat(WebhookSignatures.wechat("pamtest", "1409304348", "xxxxxx", SAMPLE_SIG + SAMPLE_SIG))
                .as("duplicated").isFalse();
    }

    @Test
    void nullTokenIsProgrammerError() {
        assertThatThrownBy(() -> WebhookSignatures.wechat(null, "1", "2", SAMPLE_SIG))
                .isInstanceOf(NullPointerException.class);
    }
}
