package dev.ticketkit.connectors.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.connectors.webhook.OrderContext;
import dev.ticketkit.connectors.webhook.PayloadMapping;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MarketplaceAdapterTest {
    static final TenantId TENANT = TenantId.of("shop-1");
    static final String SECRET = "app-secret-0001";

    static PayloadMapping mapping(Marketplace m) {
        return PayloadMapping.fromYaml("""
                messageId: /msg_id
                senderId: /buyer
                senderType: %s
                senderName: /buyer_name
                conversationId: /buyer
                text: /content
                sentAt: /send_time
                metadata: { order.id: /order_id }
                """.formatted(m.buyerType().name()));
    }

    static String body(Marketplace m, String msgId, String text) {
        String order = switch (m) {
            case TAOBAO -> "3456789012345678901";
            case JD -> "290012345678";
            case PINDUODUO -> "231111-123456789012345";
        };
        return "{\"msg_id\":\"" + msgId + "\",\"buyer\":\"buyer-7\",\"buyer_name\":\"小王\",\"content\":\"" + text
                + "\",\"send_time\":1794355200,\"order_id\":\"" + order + "\"}";
    }

    static RawDelivery delivery(Marketplace m, String body, Instant at, String secret, String signMethod) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("app_key", "12345678");
        p.put("timestamp", m == Marketplace.PINDUODUO ? Long.toString(at.getEpochSecond())
                : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Marketplace.PLATFORM_ZONE).format(at));
        if (signMethod != null) {
            p.put("sign_method", signMethod);
        }
        Map<String, String> signed = new LinkedHashMap<>(p);
        signed.put("body", body);
        p.put("sign", m.sign(signed, secret));
        Map<String, List<String>> q = new LinkedHashMap<>();
        p.forEach((k, v) -> q.put(k, List.of(v)));
        return new RawDelivery(TENANT, body.getBytes(StandardCharsets.UTF_8), Map.of(), q, at);
    }

    @ParameterizedTest
    @EnumSource(Marketplace.class)
    void verifiedMessagesGoEndToEndIntoTicketsWithTheirOrder(Marketplace m) {
        MutableClock clock = MutableClock.at("2026-11-11T00:00:00Z");
        MarketplaceAdapter adapter = MarketplaceAdapter.builder(m, SECRET, mapping(m)).clock(clock).build();
        TicketEngine engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).build();
        try (engine) {
            Fixtures shop = Fixtures.create(engine, TENANT);
            Intake intake = Intake.builder(engine).clock(clock).build();
            InboundMessage msg = adapter.parse(delivery(m, body(m, "im-1", "还没发货吗"), clock.instant(), SECRET,
                    m == Marketplace.TAOBAO ? "hmac" : null)).get(0);
            assertThat(msg.channel()).isEqualTo(m.channel());
            assertThat(msg.sender()).isEqualTo(ChannelIdentity.verified(m.buyerType(), "buyer-7"));
            IntakeResult r = intake.accept(msg);
            assertThat(r.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
            OrderContext.attach(engine, r, msg);
            Ticket t = engine.tickets().get(shop.admin, r.ticketId().orElseThrow());
            assertThat(t.channel()).isEqualTo(m.channel());
            assertThat(t.orders()).contains(OrderRef.of(m.channel().name(), msg.metadata().get(OrderContext.ID)));
            clock.advance(Duration.ofSeconds(3)); // the platform redelivers, signed anew
            InboundMessage again = adapter.parse(delivery(m, body(m, "im-1", "还没发货吗"), clock.instant(), SECRET, null)).get(0);
            assertThat(intake.accept(again).outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
        }
    }

    @ParameterizedTest
    @EnumSource(Marketplace.class)
    void badSignaturesTimestampsReplaysAndPayloadsAreRefused(Marketplace m) {
        MutableClock clock = MutableClock.at("2026-11-11T00:00:00Z");
        MarketplaceAdapter adapter = MarketplaceAdapter.builder(m, SECRET, mapping(m)).clock(clock).build();
        String body = body(m, "im-2", "你好");
        assertThatThrownBy(() -> adapter.parse(delivery(m, body, clock.instant(), "other-secret", null)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("signature mismatch");
        assertThat(reasonOf(() -> adapter.parse(delivery(m, body, clock.instant(), "other-secret", null))))
                .isEqualTo(Reason.SIGNATURE);
        assertThatThrownBy(() -> adapter.parse(delivery(m, body, clock.instant().minus(Duration.ofMinutes(6)), SECRET, null)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("tolerance");
        assertThat(reasonOf(() -> adapter.parse(delivery(m, body, clock.instant().minus(Duration.ofMinutes(6)), SECRET,
                null)))).isEqualTo(Reason.STALE);
        assertThat(reasonOf(() -> adapter.parse(delivery(m, body, clock.instant().minus(Duration.ofMinutes(6)),
                "other-secret", null)))).as("a forgery is a signature failure whatever its time").isEqualTo(Reason.SIGNATURE);
        RawDelivery good = delivery(m, body, clock.instant(), SECRET, null);
        adapter.parse(good);
        // body changed after signing
        RawDelivery tampered = new RawDelivery(TENANT, body.replace("你好", "hi").getBytes(StandardCharsets.UTF_8),
                Map.of(), good.parameters(), good.receivedAt());
        assertThatThrownBy(() -> adapter.parse(tampered)).isInstanceOf(ChannelException.class).hasMessageContaining("signature");
        assertThat(reasonOf(() -> adapter.parse(tampered))).isEqualTo(Reason.SIGNATURE);
        Map<String, List<String>> noSign = new LinkedHashMap<>(good.parameters());
        noSign.remove("sign");
        assertThatThrownBy(() -> adapter.parse(new RawDelivery(TENANT, good.body(), Map.of(), noSign, good.receivedAt())))
                .isInstanceOf(ChannelException.class).hasMessageContaining("sign");
        assertThat(reasonOf(() -> adapter.parse(new RawDelivery(TENANT, good.body(), Map.of(), noSign, good.receivedAt()))))
                .isEqualTo(Reason.SIGNATURE);
        assertThatThrownBy(() -> adapter.parse(delivery(m, "{\"msg_id\":", clock.instant(), SECRET, null)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("JSON");
        assertThatThrownBy(() -> adapter.parse(delivery(m, "{\"msg_id\":\"x\",\"buyer\":\"b\"}", clock.instant(), SECRET, null)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("mapping.text");
        assertThat(reasonOf(() -> adapter.parse(delivery(m, "{\"msg_id\":\"x\",\"buyer\":\"b\"}", clock.instant(),
                SECRET, null)))).isEqualTo(Reason.MALFORMED);
        MarketplaceAdapter small = MarketplaceAdapter.builder(m, SECRET, mapping(m)).clock(clock).maxBodyBytes(16).build();
        assertThat(reasonOf(() -> small.parse(delivery(m, body, clock.instant(), SECRET, null)))).isEqualTo(Reason.TOO_LARGE);
        if (m == Marketplace.TAOBAO) {
            Map<String, List<String>> newer = new LinkedHashMap<>(good.parameters());
            newer.put("sign_method", List.of("sha512"));
            assertThat(reasonOf(() -> adapter.parse(new RawDelivery(TENANT, good.body(), Map.of(), newer, good.receivedAt()))))
                    .isEqualTo(Reason.UNSUPPORTED);
        }
    }

    @ParameterizedTest
    @EnumSource(Marketplace.class)
    void theSameDeliveryAgainIsADuplicateForIntakeNotARefusal(Marketplace m) {
        MutableClock clock = MutableClock.at("2026-11-11T00:00:00Z");
        MarketplaceAdapter adapter = MarketplaceAdapter.builder(m, SECRET, mapping(m)).clock(clock).build();
        TicketEngine engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).build();
        try (engine) {
            Fixtures.create(engine, TENANT);
            Intake intake = Intake.builder(engine).clock(clock).build();
            RawDelivery delivery = delivery(m, body(m, "im-3", "到哪了"), clock.instant(), SECRET, null);
            assertThat(intake.accept(adapter.parse(delivery).get(0)).outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
            // the platform's retry with the same signed parameters and body
            clock.advance(Duration.ofSeconds(20));
            assertThat(intake.accept(adapter.parse(delivery).get(0)).outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
            clock.advance(Duration.ofMinutes(5));
            assertThat(reasonOf(() -> adapter.parse(delivery))).as("replayed after the tolerance").isEqualTo(Reason.STALE);
        }
    }

    static Reason reasonOf(Runnable r) {
        try {
            r.run();
        } catch (ChannelException e) {
            return e.reason();
        }
        throw new AssertionError("no ChannelException");
    }
}
