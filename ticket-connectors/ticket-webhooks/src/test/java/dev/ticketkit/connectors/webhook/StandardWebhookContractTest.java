package dev.ticketkit.connectors.webhook;

import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.http.HttpTransport;
import dev.ticketkit.connectors.testing.LocalHttp;
import dev.ticketkit.connectors.testing.Remote;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.testkit.MutableClock;
import dev.ticketkit.testkit.channel.ChannelAdapterContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

class StandardWebhookContractTest extends ChannelAdapterContract {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Channel CHANNEL = Channel.of("ACME_CHAT");
    static final String BODY = "{\"type\":\"message.created\",\"data\":{\"id\":\"m-1\",\"conversation\":\"c-9\","
            + "\"text\":\"Where is my parcel?\",\"author\":{\"id\":\"u-42\",\"name\":\"Carol Chen\"}}}";

    final MutableClock clock = MutableClock.at("2026-11-11T00:10:00Z");
    final AtomicInteger age = new AtomicInteger();
    LocalHttp remote;

    @Override
    protected ChannelAdapter createAdapter() {
        try {
            if (remote == null) {
                remote = new LocalHttp();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return StandardWebhookAdapter.builder(CHANNEL, SECRET, PayloadMapping.builder()
                        .when("/type", "message.created").messageId("/data/id").senderId("/data/author/id")
                        .senderName("/data/author/name").conversationId("/data/conversation").text("/data/text").build())
                .clock(clock)
                .maxBodyBytes(4096)
                .outbound(remote.base().resolve("/replies"), HttpTransport.jdk())
                .build();
    }

    @AfterEach
    void stopRemote() {
        if (remote != null) {
            remote.close();
        }
    }

    /** Each call is signed with an older timestamp, as a platform retry is signed anew. */
    RawDelivery signed(TenantId tenant, String body, String secret) {
        long ts = clock.instant().getEpochSecond() - age.getAndIncrement() % 250;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new RawDelivery(tenant, bytes, Map.of("webhook-id", List.of("msg_1"),
                "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(WebhookSignatures.standardWebhooksSign("msg_1", ts, bytes, secret))),
                Map.of(), clock.instant());
    }

    @Override
    protected RawDelivery validDelivery(TenantId tenant) {
        return signed(tenant, BODY, SECRET);
    }

    @Override
    protected Optional<RawDelivery> badlySignedDelivery(TenantId tenant) {
        return Optional.of(signed(tenant, BODY, "whsec_c2VjcmV0LWtleS1mb3ItdGhlLW90aGVyLXNpZGU="));
    }

    @Override
    protected List<RawDelivery> malformedDeliveries(TenantId tenant) {
        return List.of(
                signed(tenant, "{\"type\":\"message.created\",\"data\":", SECRET),
                signed(tenant, "not json at all, Carol Chen", SECRET),
                signed(tenant, BODY.replace("\"text\":\"Where is my parcel?\",", ""), SECRET),
                signed(tenant, "{\"pad\":\"" + "x".repeat(5000) + "\"}", SECRET),
                new RawDelivery(tenant, BODY.getBytes(StandardCharsets.UTF_8), Map.of(), Map.of(), clock.instant()));
    }

    @Override
    protected Optional<RawDelivery> oversizedDelivery(TenantId tenant) {
        return Optional.of(signed(tenant, BODY.replace("Where is my parcel?", "x".repeat(5000)), SECRET));
    }

    @Override
    protected Optional<RawDelivery> staleDelivery(TenantId tenant) {
        long ts = clock.instant().getEpochSecond() - 600;
        byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
        return Optional.of(new RawDelivery(tenant, bytes, Map.of("webhook-id", List.of("msg_1"),
                "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(WebhookSignatures.standardWebhooksSign("msg_1", ts, bytes, SECRET))),
                Map.of(), clock.instant()));
    }

    @Override
    protected List<RawDelivery> tamperedDeliveries(RawDelivery original) {
        // id, timestamp and body are all signed: changing any is a signature failure
        Map<String, List<String>> otherId = new java.util.LinkedHashMap<>(original.headers());
        otherId.put("webhook-id", List.of("msg_2"));
        byte[] other = BODY.replace("m-1", "m-2").getBytes(StandardCharsets.UTF_8);
        return List.of(new RawDelivery(original.tenant(), other, original.headers(), Map.of(), original.receivedAt()),
                new RawDelivery(original.tenant(), original.body(), otherId, Map.of(), original.receivedAt()));
    }

    @Override
    protected OutboundMessage outboundMessage(TenantId tenant) {
        return OutboundMessage.builder(tenant, CHANNEL, ChannelIdentity.of(IdentityType.EXTERNAL_ID, "u-42"))
                .conversationId("c-9").text("It ships today.").build();
    }

    @Override
    protected void remoteWillAnswer(SendResult.Status outcome) {
        Remote.answer(remote, outcome, "{}", null, null);
    }

    @Override
    protected List<String> sensitiveValues() {
        return List.of(SECRET, "Where is my parcel?", "Carol Chen", "u-42");
    }
}
