package dev.ticketkit.connectors.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.testkit.CapturingLogs;
import dev.ticketkit.connectors.webhook.OrderContext;
import dev.ticketkit.connectors.webhook.PayloadMapping;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ShopifyAdapterTest {
    static final String SECRET = "shpss_0123456789abcdef";
    static final TenantId TENANT = TenantId.of("shop-1");
    static final String REFUND = """
            {"id":509562969,"order_id":450789469,"created_at":"2026-11-11T08:00:00+08:00",
             "note":"Customer says the kettle arrived broken","refund_line_items":[]}""";
    static final String RETURN_REQUEST = """
            {"id":945000954,"status":"requested","created_at":"2026-11-11T09:00:00+08:00",
             "order":{"id":450789469,"name":"#1001","customer":{"id":115310627314723954,"first_name":"Carol",
               "last_name":"Chen","email":"Carol@Example.com"}},
             "return_line_items":[{"return_reason":"SIZE_TOO_SMALL","customer_note":"Need a bigger one"}]}""";
    static final String ORDER_WITH_RETURN = """
            {"id":450789469,"name":"#1001","updated_at":"2026-11-11T10:00:00+08:00","return_status":"RETURN_REQUESTED",
             "email":"carol@example.com","customer":{"id":115310627314723954,"first_name":"Carol","last_name":"Chen"}}""";
    static final String ORDER_PLAIN = """
            {"id":450789469,"name":"#1001","updated_at":"2026-11-11T10:00:00+08:00","return_status":"NO_RETURN"}""";

    final ShopifyAdapter adapter = ShopifyAdapter.builder(SECRET).build();

    static String hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static RawDelivery webhook(String topic, String id, String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("X-Shopify-Hmac-Sha256", List.of(hmac(bytes, secret)));
        h.put("X-Shopify-Topic", List.of(topic));
        h.put("X-Shopify-Webhook-Id", List.of(id));
        h.put("X-Shopify-Shop-Domain", List.of("kettles.myshopify.com"));
        return RawDelivery.of(TENANT, bytes, h, java.time.Instant.parse("2026-11-11T02:00:00Z"));
    }

    @Test
    void refundCreatedBecomesAMessageAboutItsOrder() throws Exception {
        InboundMessage m = adapter.parse(webhook("refunds/create", "wh-1", REFUND, SECRET)).get(0);
        assertThat(m.channel()).isEqualTo(Channel.SHOPIFY);
        assertThat(m.externalMessageId()).as("from the signed body").isEqualTo("refund:509562969");
        assertThat(m.conversationId()).contains("order:450789469");
        assertThat(m.sender()).isEqualTo(ChannelIdentity.verified(IdentityType.of("SHOPIFY_ORDER"), "450789469"));
        assertThat(m.text()).contains("Refund created for order 450789469", "kettle arrived broken");
        assertThat(m.metadata()).containsEntry("shopify.topic", "refunds/create")
                .containsEntry("shopify.shop", "kettles.myshopify.com").containsEntry(OrderContext.ID, "450789469");
        assertThat(OrderContext.of(m)).contains(OrderRef.of("SHOPIFY", "450789469"));
    }

    @Test
    void returnRequestIsSentByTheCustomerWithTheirEmailUnverified() throws Exception {
        InboundMessage m = adapter.parse(webhook("returns/request", "wh-2", RETURN_REQUEST, SECRET)).get(0);
        assertThat(m.externalMessageId()).isEqualTo("return:945000954");
        assertThat(m.sender()).isEqualTo(ChannelIdentity.verified(IdentityType.SHOPIFY_CUSTOMER, "115310627314723954"));
        assertThat(m.otherIdentities()).containsExactly(ChannelIdentity.of(IdentityType.EMAIL, "carol@example.com"));
        assertThat(m.senderName()).isEqualTo("Carol Chen");
        assertThat(m.text()).contains("Return requested for order #1001", "SIZE_TOO_SMALL", "Need a bigger one");
        assertThat(m.subject()).isEqualTo("Return request for order #1001");
    }

    @Test
    void orderUpdatesAreMessagesOnlyWhenTheyShowAReturn() throws Exception {
        assertThat(adapter.parse(webhook("orders/updated", "wh-3", ORDER_PLAIN, SECRET))).isEmpty();
        List<InboundMessage> ms = adapter.parse(webhook("orders/updated", "wh-4", ORDER_WITH_RETURN, SECRET));
        assertThat(ms).singleElement().satisfies(m -> assertThat(m.text()).contains("#1001", "RETURN_REQUESTED"))
                .satisfies(m -> assertThat(m.externalMessageId()).isEqualTo("order:450789469@2026-11-11T02:00:00Z"));
        assertThat(adapter.parse(webhook("products/update", "wh-5", "{\"id\":1}", SECRET))).isEmpty();
    }

    @Test
    void customTopicsAreMappedByTheirMapping() throws Exception {
        ShopifyAdapter custom = ShopifyAdapter.builder(SECRET).topic("app/customer_message", PayloadMapping.builder()
                .messageId("/message_id").senderId("/customer_id").senderType(IdentityType.SHOPIFY_CUSTOMER)
                .conversationId("/customer_id").text("/body").build()).build();
        InboundMessage m = custom.parse(webhook("app/customer_message", "wh-6",
                "{\"message_id\":\"cm-1\",\"customer_id\":\"77\",\"body\":\"Can I change my address?\"}", SECRET)).get(0);
        assertThat(m.externalMessageId()).isEqualTo("cm-1");
        assertThat(m.text()).isEqualTo("Can I change my address?");
    }

    @Test
    void badInputIsRefused() throws Exception {
        assertThatThrownBy(() -> adapter.parse(webhook("refunds/create", "wh-1", REFUND, "wrong-secret")))
                .isInstanceOf(ChannelException.class).hasMessageContaining("HMAC mismatch");
        assertThat(reasonOf(() -> adapter.parse(webhook("refunds/create", "wh-1", REFUND, "wrong-secret"))))
                .isEqualTo(Reason.SIGNATURE);
        RawDelivery good = webhook("refunds/create", "wh-1", REFUND, SECRET);
        Map<String, List<String>> noId = new LinkedHashMap<>(good.headers());
        noId.remove("x-shopify-webhook-id");
        assertThat(adapter.parse(RawDelivery.of(TENANT, good.body(), noId, good.receivedAt())))
                .as("the unsigned webhook id is not needed").extracting(InboundMessage::externalMessageId)
                .containsExactly("refund:509562969");
        Map<String, List<String>> noHmac = new LinkedHashMap<>(good.headers());
        noHmac.remove("x-shopify-hmac-sha256");
        assertThat(reasonOf(() -> adapter.parse(RawDelivery.of(TENANT, good.body(), noHmac, good.receivedAt()))))
                .isEqualTo(Reason.SIGNATURE);
        Map<String, List<String>> noTopic = new LinkedHashMap<>(good.headers());
        noTopic.remove("x-shopify-topic");
        assertThat(reasonOf(() -> adapter.parse(RawDelivery.of(TENANT, good.body(), noTopic, good.receivedAt()))))
                .isEqualTo(Reason.MALFORMED);
        Map<String, List<String>> twoTopics = new LinkedHashMap<>(good.headers());
        twoTopics.put("x-shopify-topic", List.of("refunds/create", "orders/updated"));
        assertThatThrownBy(() -> adapter.parse(RawDelivery.of(TENANT, good.body(), twoTopics, good.receivedAt())))
                .isInstanceOf(ChannelException.class).hasMessageContaining("more than once");
        assertThatThrownBy(() -> adapter.parse(webhook("refunds/create", "wh-7", "{\"order_id\":", SECRET)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("JSON");
        assertThatThrownBy(() -> adapter.parse(webhook("refunds/create", "wh-8", "{\"note\":\"Carol's secret\"}", SECRET)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("order_id").hasMessageNotContaining("Carol");
        ShopifyAdapter small = ShopifyAdapter.builder(SECRET).maxBodyBytes(100).build();
        assertThatThrownBy(() -> small.parse(webhook("refunds/create", "wh-9", REFUND, SECRET)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("over the limit");
        assertThat(reasonOf(() -> small.parse(webhook("refunds/create", "wh-9", REFUND, SECRET)))).isEqualTo(Reason.TOO_LARGE);
        assertThat(reasonOf(() -> adapter.parse(webhook("refunds/create", "wh-7", "{\"order_id\":", SECRET))))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> adapter.parse(webhook("orders/updated", "wh-10",
                ORDER_WITH_RETURN.replace("\"updated_at\":\"2026-11-11T10:00:00+08:00\",", ""), SECRET))))
                .as("an order version needs its updated_at").isEqualTo(Reason.MALFORMED);
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
    void theTopicHeaderCannotMakeASignedBodyReadAsAnotherResource() throws Exception {
        // a signed orders/transactions payload: it has an order_id, but it is no refund
        String transaction = "{\"id\":389404469,\"order_id\":450789469,\"kind\":\"refund\",\"amount\":\"209.00\","
                + "\"admin_graphql_api_id\":\"gid://shopify/OrderTransaction/389404469\"}";
        assertThat(reasonOf(() -> adapter.parse(webhook("refunds/create", "wh-20", transaction, SECRET))))
                .isEqualTo(Reason.MALFORMED);
        // refund-shaped, but Shopify's own id says it is another resource
        String mislabelled = REFUND.replace("\"refund_line_items\":[]",
                "\"refund_line_items\":[],\"admin_graphql_api_id\":\"gid://shopify/Return/509562969\"");
        assertThat(reasonOf(() -> adapter.parse(webhook("refunds/create", "wh-21", mislabelled, SECRET))))
                .isEqualTo(Reason.MALFORMED);
        assertThat(adapter.parse(webhook("refunds/create", "wh-22", REFUND.replace("\"refund_line_items\":[]",
                "\"refund_line_items\":[],\"admin_graphql_api_id\":\"gid://shopify/Refund/509562969\""), SECRET)))
                .as("named as what it is").hasSize(1);
        // a refund or a return read as an order, a return read as a refund
        assertThat(reasonOf(() -> adapter.parse(webhook("orders/updated", "wh-23", REFUND, SECRET))))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> adapter.parse(webhook("orders/updated", "wh-24", RETURN_REQUEST, SECRET))))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> adapter.parse(webhook("refunds/create", "wh-25", RETURN_REQUEST, SECRET))))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> adapter.parse(webhook("returns/request", "wh-26", ORDER_WITH_RETURN, SECRET))))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void aCustomTopicWithoutConditionsIsWarnedAbout() {
        PayloadMapping loose = PayloadMapping.builder().messageId("/message_id").senderId("/customer_id").text("/body").build();
        List<String> logs = CapturingLogs.capture(() -> ShopifyAdapter.builder(SECRET).topic("app/message", loose).build());
        assertThat(logs).anySatisfy(l -> assertThat(l).startsWith("[WARN]").contains("app/message", "when conditions"));
        PayloadMapping guarded = PayloadMapping.builder().when("/type", "customer_message").messageId("/message_id")
                .senderId("/customer_id").text("/body").build();
        assertThat(CapturingLogs.capture(() -> ShopifyAdapter.builder(SECRET).topic("app/message", guarded).build()))
                .noneSatisfy(l -> assertThat(l).startsWith("[WARN]"));
    }

    @Test
    void aSignedBodyReplayedWithAFreshWebhookIdIsADuplicate() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-11T02:00:00Z");
        TicketEngine engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).build();
        try (engine) {
            Fixtures shop = Fixtures.create(engine, TENANT);
            Intake intake = Intake.builder(engine).clock(clock).build();
            IntakeResult first = intake.accept(adapter.parse(webhook("refunds/create", "wh-30", REFUND, SECRET)).get(0));
            assertThat(first.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
            for (String freshId : List.of("wh-31", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")) {
                IntakeResult again = intake.accept(adapter.parse(webhook("refunds/create", freshId, REFUND, SECRET)).get(0));
                assertThat(again.outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
                assertThat(again.messageId()).isEqualTo(first.messageId());
            }
            assertThat(engine.tickets().messages(shop.admin, first.ticketId().orElseThrow())).hasSize(1);
            // a new version of an order is a new message; the same version under another webhook id is not
            IntakeResult order = intake.accept(adapter.parse(webhook("orders/updated", "wh-32", ORDER_WITH_RETURN, SECRET)).get(0));
            assertThat(order.outcome()).as("the customer's, not the order's").isEqualTo(IntakeResult.Outcome.CREATED);
            assertThat(intake.accept(adapter.parse(webhook("orders/updated", "wh-33", ORDER_WITH_RETURN, SECRET)).get(0))
                    .outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
            String later = ORDER_WITH_RETURN.replace("2026-11-11T10:00:00+08:00", "2026-11-11T10:05:00+08:00")
                    .replace("RETURN_REQUESTED", "RETURN_IN_PROGRESS");
            assertThat(intake.accept(adapter.parse(webhook("orders/updated", "wh-34", later, SECRET)).get(0)).outcome())
                    .isEqualTo(IntakeResult.Outcome.APPENDED);
        }
    }

    @Test
    void endToEndRefundAndReturnThreadIntoOneTicketWithTheOrderAttached() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-11T02:00:00Z");
        TicketEngine engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).build();
        try (engine) {
            Fixtures shop = Fixtures.create(engine, TENANT);
            Intake intake = Intake.builder(engine).clock(clock).build();
            InboundMessage ret = adapter.parse(webhook("orders/updated", "wh-4", ORDER_WITH_RETURN, SECRET)).get(0);
            IntakeResult first = intake.accept(ret);
            assertThat(first.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
            assertThat(first.orders()).as("the order name in the text").contains(OrderRef.of("SHOPIFY", "#1001"));
            assertThat(OrderContext.attach(engine, first, ret)).isTrue();
            assertThat(OrderContext.attach(engine, first, ret)).as("already there").isFalse();
            // Shopify retries the same webhook: taken in once
            IntakeResult again = intake.accept(adapter.parse(webhook("orders/updated", "wh-4", ORDER_WITH_RETURN, SECRET)).get(0));
            assertThat(again.outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
            Ticket t = engine.tickets().get(shop.admin, first.ticketId().orElseThrow());
            assertThat(t.channel()).isEqualTo(Channel.SHOPIFY);
            assertThat(t.orders()).contains(OrderRef.of("SHOPIFY", "450789469"), OrderRef.of("SHOPIFY", "#1001"));
            assertThat(engine.customers().findByIdentity(shop.admin, IdentityType.SHOPIFY_CUSTOMER, "115310627314723954"))
                    .isPresent();
        }
    }
}
