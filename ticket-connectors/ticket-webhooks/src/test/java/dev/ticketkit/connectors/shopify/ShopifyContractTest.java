package dev.ticketkit.connectors.shopify;

import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.testkit.channel.ChannelAdapterContract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

class ShopifyContractTest extends ChannelAdapterContract {
    static final String SECRET = "shpss_0123456789abcdef";
    static final String RETURN = "{\"id\":945000954,\"created_at\":\"2026-11-11T09:00:00+08:00\",\"order\":{\"id\":450789469,"
            + "\"name\":\"#1001\",\"customer\":{\"id\":115310627314723954,\"first_name\":\"Carol\",\"last_name\":\"Chen\","
            + "\"email\":\"carol@example.com\"}},\"return_line_items\":[{\"return_reason\":\"DEFECTIVE\","
            + "\"customer_note\":\"The lid is cracked\"}]}";

    @Override
    protected ChannelAdapter createAdapter() {
        return ShopifyAdapter.builder(SECRET).maxBodyBytes(4096).build();
    }

    static RawDelivery webhook(TenantId tenant, String topic, String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String hmac;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            hmac = Base64.getEncoder().encodeToString(mac.doFinal(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return RawDelivery.of(tenant, bytes, Map.of("X-Shopify-Hmac-Sha256", List.of(hmac),
                "X-Shopify-Topic", List.of(topic), "X-Shopify-Webhook-Id", List.of("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")),
                Instant.parse("2026-11-11T01:00:00Z"));
    }

    @Override
    protected RawDelivery validDelivery(TenantId tenant) {
        return webhook(tenant, "returns/request", RETURN, SECRET);
    }

    @Override
    protected Optional<RawDelivery> badlySignedDelivery(TenantId tenant) {
        return Optional.of(webhook(tenant, "returns/request", RETURN, "another-secret"));
    }

    @Override
    protected Optional<RawDelivery> oversizedDelivery(TenantId tenant) {
        return Optional.of(webhook(tenant, "returns/request", RETURN.replace("The lid is cracked", "x".repeat(5000)), SECRET));
    }

    // no staleDelivery: Shopify signs no time

    @Override
    protected List<RawDelivery> tamperedDeliveries(RawDelivery original) {
        // the HMAC covers the body only: a fresh webhook id, another topic, and the HMAC on another body
        Map<String, List<String>> freshId = new LinkedHashMap<>(original.headers());
        freshId.put("x-shopify-webhook-id", List.of("00000000-0000-0000-0000-000000000001"));
        Map<String, List<String>> asRefund = new LinkedHashMap<>(original.headers());
        asRefund.put("x-shopify-topic", List.of("refunds/create"));
        Map<String, List<String>> asOrder = new LinkedHashMap<>(original.headers());
        asOrder.put("x-shopify-topic", List.of("orders/updated"));
        byte[] other = RETURN.replace("945000954", "945000955").getBytes(StandardCharsets.UTF_8);
        return List.of(RawDelivery.of(original.tenant(), original.body(), freshId, original.receivedAt()),
                RawDelivery.of(original.tenant(), original.body(), asRefund, original.receivedAt()),
                RawDelivery.of(original.tenant(), original.body(), asOrder, original.receivedAt()),
                RawDelivery.of(original.tenant(), other, original.headers(), original.receivedAt()));
    }

    @Override
    protected List<RawDelivery> malformedDeliveries(TenantId tenant) {
        return List.of(
                webhook(tenant, "returns/request", "{\"order\":{\"id\":", SECRET),
                webhook(tenant, "returns/request", "{\"order\":{\"name\":\"#1001\"}}", SECRET),
                webhook(tenant, "refunds/create", "{\"note\":\"The lid is cracked\"}", SECRET),
                webhook(tenant, "returns/request", "{\"pad\":\"" + "x".repeat(5000) + "\"}", SECRET),
                RawDelivery.of(tenant, RETURN.getBytes(StandardCharsets.UTF_8), Map.of(), Instant.EPOCH));
    }
}
