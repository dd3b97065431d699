package dev.ticketkit.connectors.marketplace;

import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.webhook.PayloadMapping;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.testkit.MutableClock;
import dev.ticketkit.testkit.channel.ChannelAdapterContract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;

class MarketplaceContractTest {
    static final String SECRET = "app-secret-0001";

    abstract static class Base extends ChannelAdapterContract {
        final MutableClock clock = MutableClock.at("2026-11-11T00:10:00Z");
        final AtomicInteger age = new AtomicInteger();

        abstract Marketplace marketplace();

        @Override
        protected ChannelAdapter createAdapter() {
            Marketplace m = marketplace();
            return MarketplaceAdapter.builder(m, SECRET, PayloadMapping.builder().messageId("/msg_id").senderId("/buyer")
                    .senderType(m.buyerType()).conversationId("/buyer").text("/content").metadata("order.id", "/order_id").build())
                    .clock(clock).maxBodyBytes(2048).build();
        }

        RawDelivery delivery(TenantId tenant, String body, String secret) {
            Marketplace m = marketplace();
            Instant at = clock.instant().minusSeconds(age.getAndIncrement() % 250);
            Map<String, String> p = new LinkedHashMap<>();
            p.put("app_key", "12345678");
            p.put("timestamp", m == Marketplace.PINDUODUO ? Long.toString(at.getEpochSecond())
                    : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Marketplace.PLATFORM_ZONE).format(at));
            Map<String, String> signed = new LinkedHashMap<>(p);
            signed.put("body", body);
            p.put("sign", m.sign(signed, secret));
            Map<String, List<String>> q = new LinkedHashMap<>();
            p.forEach((k, v) -> q.put(k, List.of(v)));
            return new RawDelivery(tenant, body.getBytes(StandardCharsets.UTF_8), Map.of(), q, clock.instant());
        }

        static final String BODY = "{\"msg_id\":\"im-1\",\"buyer\":\"buyer-7\",\"content\":\"还没发货吗\",\"order_id\":\"123\"}";

        @Override
        protected RawDelivery validDelivery(TenantId tenant) {
            return delivery(tenant, BODY, SECRET);
        }

        @Override
        protected Optional<RawDelivery> badlySignedDelivery(TenantId tenant) {
            return Optional.of(delivery(tenant, BODY, "another-secret"));
        }

        @Override
        protected Optional<RawDelivery> oversizedDelivery(TenantId tenant) {
            return Optional.of(delivery(tenant, BODY.replace("还没发货吗", "x".repeat(3000)), SECRET));
        }

        @Override
        protected Optional<RawDelivery> staleDelivery(TenantId tenant) {
            Marketplace m = marketplace();
            Instant at = clock.instant().minusSeconds(600);
            Map<String, String> p = new LinkedHashMap<>();
            p.put("app_key", "12345678");
            p.put("timestamp", Long.toString(at.getEpochSecond()));
            Map<String, String> signed = new LinkedHashMap<>(p);
            signed.put("body", BODY);
            p.put("sign", m.sign(signed, SECRET));
            Map<String, List<String>> q = new LinkedHashMap<>();
            p.forEach((k, v) -> q.put(k, List.of(v)));
            return Optional.of(new RawDelivery(tenant, BODY.getBytes(StandardCharsets.UTF_8), Map.of(), q, clock.instant()));
        }

        @Override
        protected List<RawDelivery> tamperedDeliveries(RawDelivery original) {
            // the parameters and the body are all signed
            Map<String, List<String>> extra = new LinkedHashMap<>(original.parameters());
            extra.put("session", List.of("s-1"));
            byte[] other = BODY.replace("im-1", "im-2").getBytes(StandardCharsets.UTF_8);
            return List.of(new RawDelivery(original.tenant(), other, Map.of(), original.parameters(), original.receivedAt()),
                    new RawDelivery(original.tenant(), original.body(), Map.of(), extra, original.receivedAt()));
        }

        @Override
        protected List<RawDelivery> malformedDeliveries(TenantId tenant) {
            return List.of(delivery(tenant, "{\"msg_id\":", SECRET),
                    delivery(tenant, "{\"msg_id\":\"im-1\",\"content\":\"还没发货吗\"}", SECRET),
                    delivery(tenant, "{\"pad\":\"" + "x".repeat(3000) + "\"}", SECRET),
                    new RawDelivery(tenant, BODY.getBytes(StandardCharsets.UTF_8), Map.of(), Map.of(), clock.instant()));
        }
    }

    @Nested
    class Taobao extends Base {
        @Override
        Marketplace marketplace() {
            return Marketplace.TAOBAO;
        }
    }

    @Nested
    class Jd extends Base {
        @Override
        Marketplace marketplace() {
            return Marketplace.JD;
        }
    }

    @Nested
    class Pinduoduo extends Base {
        @Override
        Marketplace marketplace() {
            return Marketplace.PINDUODUO;
        }
    }
}
