package dev.ticketkit.connectors.webhook;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.testkit.Bounded;
import dev.ticketkit.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the JSON side of {@link StandardWebhookAdapter#parse}: every input is
 * a correctly signed delivery, so the payload reaches JSON parsing and the mapping. It must map or
 * be refused with a {@link ChannelException}, within a time and allocation bound. Regression inputs
 * in {@code WebhookPayloadFuzzTestInputs/parse}; fuzzing under {@code -Pfuzz}.
 */
class WebhookPayloadFuzzTest {

    private static final MutableClock CLOCK = MutableClock.at("2026-11-11T00:00:30Z");
    private static final StandardWebhookAdapter ADAPTER = StandardWebhookAdapter.builder(
            StandardWebhookAdapterTest.ACME, StandardWebhookAdapterTest.SECRET, StandardWebhookAdapterTest.MAPPING)
            .clock(CLOCK).build();
    private static long deliveries;

    static { // load (and instrument) the classes before any bound applies
        ADAPTER.parse(delivery(StandardWebhookAdapterTest.BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @FuzzTest(maxDuration = "1m")
    void parse(byte[] body) {
        RawDelivery delivery = delivery(body);
        Bounded.run(body.length, Duration.ofSeconds(5), 400, 64L * 1024 * 1024, () -> {
            try {
                ADAPTER.parse(delivery);
            } catch (ChannelException refused) {
                // malformed or unmapped payloads are refused: fine
            }
        });
    }

    private static RawDelivery delivery(byte[] body) {
        String id = "msg_" + (++deliveries); // a new id each time: the replay guard must not answer
        long ts = CLOCK.instant().getEpochSecond();
        return new RawDelivery(StandardWebhookAdapterTest.TENANT, body, Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(WebhookSignatures.standardWebhooksSign(id, ts, body,
                        StandardWebhookAdapterTest.SECRET))),
                Map.of(), CLOCK.instant());
    }
}
