package dev.ticketkit.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.http.HttpTransport;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.connectors.testing.LocalHttp;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StandardWebhookAdapterTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OTHER_SECRET = "whsec_c2VjcmV0LWtleS1mb3ItdGhlLW90aGVyLXNpZGU=";
    static final Channel ACME = Channel.of("ACME_CHAT");
    static final TenantId TENANT = TenantId.of("shop-1");
    static final PayloadMapping MAPPING = PayloadMapping.builder()
            .when("/type", "message.created")
            .messageId("/data/id")
            .senderId("/data/author/id")
            .senderName("/data/author/name")
            .conversationId("/data/conversation")
            .text("/data/text")
            .sentAt("/data/created_at")
            .metadata("plan", "/data/author/plan")
            .build();
    static final String BODY = """
            {"type":"message.created","data":{"id":"m-1","conversation":"c-9","text":"Where is my parcel?",
             "created_at":"2026-11-11T00:00:00Z","author":{"id":"u-42","name":"Carol","plan":"gold"}}}""";

    MutableClock clock = MutableClock.at("2026-11-11T00:00:30Z");
    StandardWebhookAdapter adapter;

    @BeforeEach
    void setUp() {
        adapter = StandardWebhookAdapter.builder(ACME, SECRET, MAPPING).clock(clock).build();
    }

    static RawDelivery signed(String body, String id, Instant at, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long ts = at.getEpochSecond();
        return new RawDelivery(TENANT, bytes, Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(WebhookSignatures.standardWebhooksSign(id, ts, bytes, secret))),
                Map.of(), at);
    }

    RawDelivery signed(String body) {
        return signed(body, "msg_1", clock.instant(), SECRET);
    }

    @Test
    void mapsAVerifiedDeliveryToAMessage() {
        List<InboundMessage> messages = adapter.parse(signed(BODY));
        assertThat(messages).hasSize(1);
        InboundMessage m = messages.get(0);
        assertThat(m.channel()).isEqualTo(ACME);
        assertThat(m.externalMessageId()).isEqualTo("m-1");
        assertThat(m.conversationId()).contains("c-9");
        assertThat(m.sender()).isEqualTo(ChannelIdentity.verified(IdentityType.EXTERNAL_ID, "u-42"));
        assertThat(m.senderName()).isEqualTo("Carol");
        assertThat(m.text()).isEqualTo("Where is my parcel?");
        assertThat(m.sentAt()).contains(Instant.parse("2026-11-11T00:00:00Z"));
        assertThat(m.metadata()).containsEntry("plan", "gold");
    }

    @Test
    void eventsThatDoNotMatchTheMappingGiveNoMessage() {
        assertThat(adapter.parse(signed("{\"type\":\"conversation.closed\",\"data\":{}}"))).isEmpty();
    }

    static Reason reasonOf(Runnable r) {
        try {
            r.run();
        } catch (ChannelException e) {
            return e.reason();
        }
        throw new AssertionError("no ChannelException");
    }

    @Test
    void theSameDeliveryAgainIsTheSameMessageForIntakeNotARefusal() {
        TicketEngine engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).build();
        try (engine) {
            Fixtures.create(engine, TENANT);
            Intake intake = Intake.builder(engine).clock(clock).build();
            RawDelivery delivery = signed(BODY);
            // the first attempt is verified, then the host fails before intake (say, the database is down)
            assertThat(adapter.parse(delivery)).hasSize(1);
            // the platform sends the very same request again: taken in, nothing lost
            clock.advance(Duration.ofSeconds(30));
            IntakeResult retried = intake.accept(adapter.parse(delivery).get(0));
            assertThat(retried.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
            // and once more, after it was taken in: a duplicate, so the endpoint answers 200 and the platform stops
            clock.advance(Duration.ofSeconds(30));
            assertThat(intake.accept(adapter.parse(delivery).get(0)).outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
            // re-signed retries are duplicates as well
            assertThat(intake.accept(adapter.parse(signed(BODY)).get(0)).outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
            // a capture replayed once the timestamp has left the tolerance is refused as stale
            clock.advance(Duration.ofMinutes(5));
            assertThat(reasonOf(() -> adapter.parse(delivery))).isEqualTo(Reason.STALE);
        }
    }

    @Test
    void anotherBodyUnderTheSameIdAndTimestampIsAReplay() {
        RawDelivery first = signed(BODY);
        adapter.parse(first);
        // only the secret's holder can sign it; the platform never sends two bodies under one id and timestamp
        String other = BODY.replace("Where is my parcel?", "Refund me twice");
        RawDelivery reused = signed(other, "msg_1", clock.instant(), SECRET);
        assertThatThrownBy(() -> adapter.parse(reused)).isInstanceOf(ChannelException.class).hasMessageContaining("replay")
                .hasMessageNotContaining("Refund me").satisfies(e -> assertThat(((ChannelException) e).reason())
                        .isEqualTo(Reason.REPLAY));
    }

    @Test
    void refusalsNameTheirReason() {
        assertThat(reasonOf(() -> adapter.parse(signed(BODY, "msg_1", clock.instant(), OTHER_SECRET))))
                .isEqualTo(Reason.SIGNATURE);
        assertThat(reasonOf(() -> adapter.parse(signed(BODY, "msg_2", clock.instant().minusSeconds(301), SECRET))))
                .isEqualTo(Reason.STALE);
        assertThat(reasonOf(() -> adapter.parse(signed(BODY, "msg_3", clock.instant().minusSeconds(301), OTHER_SECRET))))
                .as("a forgery is a signature failure whatever its time").isEqualTo(Reason.SIGNATURE);
        RawDelivery good = signed(BODY);
        RawDelivery unsigned = new RawDelivery(TENANT, good.body(), Map.of("webhook-id", List.of("msg_1"),
                "webhook-timestamp", good.headers().get("webhook-timestamp")), Map.of(), good.receivedAt());
        assertThat(reasonOf(() -> adapter.parse(unsigned))).isEqualTo(Reason.SIGNATURE);
        RawDelivery wordTime = new RawDelivery(TENANT, good.body(), Map.of("webhook-id", List.of("msg_1"),
                "webhook-timestamp", List.of("now"), "webhook-signature", good.headers().get("webhook-signature")),
                Map.of(), good.receivedAt());
        assertThat(reasonOf(() -> adapter.parse(wordTime))).isEqualTo(Reason.SIGNATURE);
        StandardWebhookAdapter small = StandardWebhookAdapter.builder(ACME, SECRET, MAPPING).clock(clock).maxBodyBytes(64).build();
        assertThat(reasonOf(() -> small.parse(signed(BODY)))).isEqualTo(Reason.TOO_LARGE);
        assertThat(reasonOf(() -> adapter.parse(signed("{\"type\": \"message.created\", \"data\": "))))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> adapter.parse(signed("{\"type\":\"message.created\",\"data\":{\"id\":\"m-1\"}}"))))
                .as("mapping").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void refusedDeliveriesAreNotRemembered() {
        RawDelivery broken = signed("{\"type\":\"message.created\",\"data\":{\"id\":\"m-1\"}}");
        assertThatThrownBy(() -> adapter.parse(broken)).isInstanceOf(ChannelException.class).hasMessageContaining("mapping.senderId");
        // the same id and timestamp with a good body is not taken for a replay
        assertThat(adapter.parse(signed(BODY))).hasSize(1);
    }

    @Test
    void badSignatureStaleTimestampAndHeaderProblemsAreRefused() {
        assertThatThrownBy(() -> adapter.parse(signed(BODY, "msg_1", clock.instant(), OTHER_SECRET)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> adapter.parse(signed(BODY, "msg_2", clock.instant().minusSeconds(301), SECRET)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("tolerance");
        RawDelivery good = signed(BODY);
        RawDelivery missing = new RawDelivery(TENANT, good.body(),
                Map.of("webhook-id", List.of("msg_1"), "webhook-timestamp", good.headers().get("webhook-timestamp")),
                Map.of(), good.receivedAt());
        assertThatThrownBy(() -> adapter.parse(missing)).isInstanceOf(ChannelException.class)
                .hasMessageContaining("missing header webhook-signature");
        RawDelivery twice = new RawDelivery(TENANT, good.body(), Map.of(
                "webhook-id", List.of("msg_1", "msg_2"),
                "webhook-timestamp", good.headers().get("webhook-timestamp"),
                "webhook-signature", good.headers().get("webhook-signature")), Map.of(), good.receivedAt());
        assertThatThrownBy(() -> adapter.parse(twice)).isInstanceOf(ChannelException.class)
                .hasMessageContaining("more than once");
    }

    @Test
    void oversizedInvalidAndHostileJsonIsRefusedWithoutQuotingIt() {
        StandardWebhookAdapter small = StandardWebhookAdapter.builder(ACME, SECRET, MAPPING).clock(clock).maxBodyBytes(64).build();
        assertThatThrownBy(() -> small.parse(signed(BODY))).isInstanceOf(ChannelException.class)
                .hasMessageContaining("over the limit of 64");
        assertThatThrownBy(() -> adapter.parse(signed("{\"type\": \"message.created\", \"data\": "))).isInstanceOf(ChannelException.class)
                .hasMessageContaining("not well-formed JSON").hasMessageNotContaining("message.created");
        assertThatThrownBy(() -> adapter.parse(signed("[1,2]", "msg_3", clock.instant(), SECRET)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("not a JSON object");
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        assertThatThrownBy(() -> adapter.parse(signed(deep, "msg_4", clock.instant(), SECRET)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("not well-formed JSON");
        String dupKeys = "{\"type\":\"message.created\",\"type\":\"x\",\"data\":{}}";
        assertThatThrownBy(() -> adapter.parse(signed(dupKeys, "msg_5", clock.instant(), SECRET)))
                .isInstanceOf(ChannelException.class);
        byte[] latin1 = "{\"t\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        long ts = clock.instant().getEpochSecond();
        RawDelivery notUtf8 = new RawDelivery(TENANT, latin1, Map.of("webhook-id", List.of("msg_6"),
                "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(WebhookSignatures.standardWebhooksSign("msg_6", ts, latin1, SECRET))),
                Map.of(), clock.instant());
        assertThatThrownBy(() -> adapter.parse(notUtf8)).isInstanceOf(ChannelException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> adapter.parse(signed("", "msg_7", clock.instant(), SECRET)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("empty body");
    }

    @Test
    void batchedPushesMapEveryItem() {
        PayloadMapping batch = PayloadMapping.fromYaml("""
                items: /events
                when: { /kind: msg }
                messageId: /id
                senderId: /from
                text: /body
                sentAt: /ts
                """);
        StandardWebhookAdapter a = StandardWebhookAdapter.builder(ACME, SECRET, batch).clock(clock).build();
        List<InboundMessage> ms = a.parse(signed("""
                {"events":[{"kind":"msg","id":"a","from":"u1","body":"one","ts":1794355200},
                           {"kind":"typing","id":"b","from":"u1"},
                           {"kind":"msg","id":"c","from":"u2","body":"two","ts":1794355200123}]}"""));
        assertThat(ms).extracting(InboundMessage::externalMessageId).containsExactly("a", "c");
        assertThat(ms.get(0).sentAt()).contains(Instant.ofEpochSecond(1794355200L));
        assertThat(ms.get(1).sentAt()).contains(Instant.ofEpochMilli(1794355200123L));
    }

    @Test
    void endToEndIntoTicketsWithRetriesTakenInOnce() {
        TicketEngine engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).build();
        try (engine) {
            Fixtures shop = Fixtures.create(engine, TENANT);
            Intake intake = Intake.builder(engine).clock(clock).build();
            IntakeResult first = intake.accept(adapter.parse(signed(BODY)).get(0));
            assertThat(first.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
            clock.advance(Duration.ofSeconds(10)); // the platform retries with a new timestamp
            IntakeResult retry = intake.accept(adapter.parse(signed(BODY)).get(0));
            assertThat(retry.outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
            String next = BODY.replace("\"m-1\"", "\"m-2\"").replace("Where is my parcel?", "Any news?");
            IntakeResult second = intake.accept(adapter.parse(signed(next, "msg_2", clock.instant(), SECRET)).get(0));
            assertThat(second.outcome()).isEqualTo(IntakeResult.Outcome.APPENDED);
            assertThat(second.ticketId()).isEqualTo(first.ticketId());
            List<Message> messages = engine.tickets().messages(shop.admin, first.ticketId().orElseThrow());
            assertThat(messages).extracting(Message::text).containsExactly("Where is my parcel?", "Any news?");
            assertThat(messages).allSatisfy(m -> assertThat(m.channel()).isEqualTo(ACME));
        }
    }

    @Test
    void outboundRepliesArePostedSignedAndClassified() throws Exception {
        try (LocalHttp remote = new LocalHttp()) {
            StandardWebhookAdapter a = StandardWebhookAdapter.builder(ACME, SECRET, MAPPING).clock(clock)
                    .outbound(remote.base().resolve("/replies"), HttpTransport.jdk()).build();
            OutboundMessage reply = OutboundMessage.builder(TENANT, ACME, ChannelIdentity.of(IdentityType.EXTERNAL_ID, "u-42"))
                    .conversationId("c-9").text("It ships today.").build();
            remote.answer(204, "").answer(503, "").answer(429, "").answer(400, "{}").answer(404, "");
            assertThat(a.send(reply).status()).isEqualTo(SendResult.Status.DELIVERED);
            assertThat(a.send(reply)).isEqualTo(SendResult.retryable("http_503"));
            assertThat(a.send(reply)).isEqualTo(SendResult.retryable("http_429"));
            assertThat(a.send(reply)).isEqualTo(SendResult.permanent("http_400"));
            assertThat(a.send(reply)).isEqualTo(SendResult.permanent("http_404"));
            LocalHttp.Request sent = remote.requests().get(0);
            assertThat(sent.uri().getPath()).isEqualTo("/replies");
            assertThat(sent.body()).contains("\"text\":\"It ships today.\"", "\"conversation_id\":\"c-9\"", "\"id\":\"u-42\"");
            String id = sent.headers().get("Webhook-id").get(0);
            String ts = sent.headers().get("Webhook-timestamp").get(0);
            String sig = sent.headers().get("Webhook-signature").get(0);
            assertThat(WebhookSignatures.standardWebhooks(id, ts, sent.body().getBytes(StandardCharsets.UTF_8), sig, SECRET,
                    clock.instant())).as("the reply verifies with the shared secret").isTrue();
            int port = remote.base().getPort();
            remote.close();
            StandardWebhookAdapter down = StandardWebhookAdapter.builder(ACME, SECRET, MAPPING).clock(clock)
                    .outbound(java.net.URI.create("http://127.0.0.1:" + port + "/replies"),
                            HttpTransport.jdk(java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                                    Duration.ofSeconds(2))).build();
            assertThat(down.send(reply)).isEqualTo(SendResult.retryable("io_error"));
        }
    }

    @Test
    void builderChecksItsArguments() {
        assertThatThrownBy(() -> StandardWebhookAdapter.builder(ACME, "whsec_!!!", MAPPING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("!!!");
        StandardWebhookAdapter.Builder b = StandardWebhookAdapter.builder(ACME, SECRET, MAPPING).clock(clock);
        assertThatThrownBy(() -> b.clock(clock)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.maxBodyBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
