package dev.ticketkit.connectors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.ChannelCapability;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.internal.Payloads;
import dev.ticketkit.connectors.webhook.OrderContext;
import dev.ticketkit.connectors.webhook.PayloadMapping;
import dev.ticketkit.connectors.webhook.WebhookSignatures;
import dev.ticketkit.connectors.webhook.internal.JsonPayloads;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shopify webhooks on the {@link Channel#SHOPIFY} channel. Inbound only (Shopify has no API to message a
 * customer; reply by email).
 *
 * <p>{@link #parse} checks the body size (default {@value #DEFAULT_MAX_BODY_BYTES} bytes; {@link Reason#TOO_LARGE}),
 * that {@code X-Shopify-Hmac-Sha256} ({@link Reason#SIGNATURE}) and {@code X-Shopify-Topic}
 * ({@link Reason#MALFORMED}) are each present once, and the HMAC over the raw body with the app's client secret
 * ({@link Reason#SIGNATURE}); then reads the JSON by topic:
 * <ul>
 *   <li>{@code refunds/create}: "Refund created for order …", with the refund note;</li>
 *   <li>{@code returns/request}: "Return requested for order …", with each line's reason and customer note;</li>
 *   <li>{@code orders/updated}: a message only when the order shows a return ({@code return_status} other than
 *       none, or a non-empty {@code returns} array), else nothing;</li>
 *   <li>a topic registered with {@link Builder#topic(String, PayloadMapping)} (such as a custom app's customer
 *       messages): mapped by its {@link PayloadMapping};</li>
 *   <li>any other topic: nothing (zero messages).</li>
 * </ul>
 *
 * <p>Shopify's HMAC covers the body only: the {@code X-Shopify-Topic} and {@code X-Shopify-Webhook-Id} headers can
 * be changed by anyone who captured a delivery. So nothing unsigned decides identity or meaning. The external
 * message id of a built-in topic comes from the signed body: {@code refund:<refund id>},
 * {@code return:<return id>}, {@code order:<order id>@<updated_at>} (one message per version of the order); Shopify's
 * retries carry the same body, so intake takes a retried webhook in once, and a replay of the body with a fresh
 * webhook id is a duplicate too. The topic header only picks how to read the body, and the body must be that
 * topic's resource: a refund has {@code refund_line_items}, a return {@code return_line_items} and its
 * {@code order}, an order neither an {@code order_id} nor an {@code order} object, and Shopify's
 * {@code admin_graphql_api_id}, when present, must name that resource ({@code gid://shopify/Refund/<id>} …);
 * otherwise the delivery is refused as {@link Reason#MALFORMED}, so a signed body cannot be re-read as another
 * topic. A custom topic's mapping should have {@code when} conditions that only its own payloads meet (a warning is
 * logged at build if it has none). Shopify signs no time, so there is no timestamp window: a replay of an old
 * body is answered by intake's dedup for as long as the message is stored.
 *
 * <p>The sender is the order's customer ({@link IdentityType#SHOPIFY_CUSTOMER}, verified) with their email as an
 * unverified further identity; an event that names no customer (refunds, returns) is sent by the order itself
 * (identity type {@value #ORDER_IDENTITY}, verified). The conversation id is {@code order:<id>}, so the events of one order thread into one ticket, and
 * the metadata carry {@code shopify.topic}, {@code shopify.shop} and the order ({@link OrderContext}).
 *
 * <p>Thread-safe; owns no resources.
 */
public final class ShopifyAdapter implements ChannelAdapter {
    /** Default largest body accepted: 2 MiB (order payloads are large). */
    public static final int DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
    /** Identity type of an order that stands in for a sender when the event names no customer. */
    public static final String ORDER_IDENTITY = "SHOPIFY_ORDER";

    private static final Set<String> NO_RETURN = Set.of("", "no_return", "NO_RETURN", "null");
    private static final Logger LOG = LoggerFactory.getLogger(ShopifyAdapter.class);

    private final String secret;
    private final int maxBodyBytes;
    private final Map<String, PayloadMapping> topics;

    private ShopifyAdapter(Builder b) {
        secret = b.secret;
        maxBodyBytes = b.maxBodyBytes > 0 ? b.maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
        topics = Map.copyOf(b.topics);
    }

    /**
     * A builder.
     *
     * @param clientSecret the app's client secret (the HMAC key)
     */
    public static Builder builder(String clientSecret) {
        return new Builder(clientSecret);
    }

    @Override
    public Channel channel() {
        return Channel.SHOPIFY;
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        return EnumSet.of(ChannelCapability.INBOUND, ChannelCapability.SIGNED_DELIVERIES, ChannelCapability.CONVERSATIONS);
    }

    @Override
    public List<InboundMessage> parse(RawDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        Channel ch = Channel.SHOPIFY;
        byte[] body = Payloads.body(ch, delivery, maxBodyBytes);
        String hmac = Payloads.singleHeader(ch, delivery, "X-Shopify-Hmac-Sha256", Reason.SIGNATURE);
        String topic = Payloads.singleHeader(ch, delivery, "X-Shopify-Topic");
        if (!WebhookSignatures.shopify(body, hmac, secret)) {
            throw new ChannelException(Reason.SIGNATURE, "SHOPIFY webhook HMAC mismatch");
        }
        JsonNode json = JsonPayloads.jsonObject(ch, body);
        String shop = delivery.header("X-Shopify-Shop-Domain").orElse("");
        PayloadMapping custom = topics.get(topic);
        if (custom != null) {
            return custom.map(delivery.tenant(), ch, json);
        }
        return switch (topic) {
            case "refunds/create" -> List.of(refund(delivery, json, topic, shop));
            case "returns/request" -> List.of(returnRequest(delivery, json, topic, shop));
            case "orders/updated" -> {
                String externalId = orderVersion(json, topic); // checked even when it shows no return
                yield hasReturn(json) ? List.of(orderReturn(delivery, json, externalId, topic, shop)) : List.of();
            }
            default -> List.of();
        };
    }

    private InboundMessage refund(RawDelivery d, JsonNode json, String topic, String shop) {
        String orderId = id(json.path("order_id"), "order_id");
        String refundId = id(json.path("id"), "id");
        if (!json.path("refund_line_items").isArray()) {
            throw notTheTopic(topic);
        }
        resource(json, "Refund", refundId, topic);
        StringBuilder text = new StringBuilder("Refund created for order ").append(orderId).append('.');
        String note = json.path("note").asText("");
        if (!note.isBlank()) {
            text.append("\nNote: ").append(note.strip());
        }
        return message(d, json, "refund:" + refundId, topic, shop, orderId, "", "Refund for order " + orderId,
                text.toString(), json.path("created_at"));
    }

    private InboundMessage returnRequest(RawDelivery d, JsonNode json, String topic, String shop) {
        String returnId = id(json.path("id"), "id");
        if (!json.path("order").isObject() || !json.path("return_line_items").isArray()) {
            throw notTheTopic(topic);
        }
        resource(json, "Return", returnId, topic);
        String orderId = id(json.path("order").path("id"), "order.id");
        String name = json.path("order").path("name").asText("");
        String label = name.isBlank() ? orderId : name;
        StringBuilder text = new StringBuilder("Return requested for order ").append(label).append('.');
        for (JsonNode line : json.path("return_line_items")) {
            String reason = line.path("return_reason").asText("");
            String note = line.path("customer_note").asText("");
            if (!reason.isBlank()) {
                text.append("\nReason: ").append(reason);
            }
            if (!note.isBlank()) {
                text.append("\nCustomer note: ").append(note.strip());
            }
        }
        return message(d, json.path("order"), "return:" + returnId, topic, shop, orderId, name,
                "Return request for order " + label, text.toString(), json.path("created_at"));
    }

    /**
     * The id of this version of an order: {@code order:<id>@<updated_at>}, from the signed body. Refuses a body that
     * is not an order.
     */
    private static String orderVersion(JsonNode json, String topic) {
        String orderId = id(json.path("id"), "id");
        if (json.has("order_id") || json.path("order").isObject()) {
            throw notTheTopic(topic);
        }
        resource(json, "Order", orderId, topic);
        JsonNode updated = json.path("updated_at");
        if (!updated.isTextual()) {
            throw new ChannelException(Reason.MALFORMED, "SHOPIFY payload has no updated_at");
        }
        return "order:" + orderId + "@" + time(updated.textValue());
    }

    /** Shopify's {@code admin_graphql_api_id}, where sent, must name the topic's resource and the body's id. */
    private static void resource(JsonNode json, String type, String id, String topic) {
        JsonNode gid = json.path("admin_graphql_api_id");
        if (!gid.isMissingNode() && !(gid.isTextual() && gid.textValue().equals("gid://shopify/" + type + "/" + id))) {
            throw notTheTopic(topic);
        }
    }

    private static ChannelException notTheTopic(String topic) {
        return new ChannelException(Reason.MALFORMED, "SHOPIFY payload is not the resource of topic " + topic);
    }

    private static Instant time(String iso) {
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            throw new ChannelException(Reason.MALFORMED, "SHOPIFY payload has a time that is not ISO-8601");
        }
    }

    private InboundMessage orderReturn(RawDelivery d, JsonNode json, String externalId, String topic, String shop) {
        String orderId = id(json.path("id"), "id");
        String name = json.path("name").asText("");
        String label = name.isBlank() ? orderId : name;
        String status = json.path("return_status").asText("");
        String text = "Order " + label + " has a return" + (NO_RETURN.contains(status) ? "" : " (" + status + ")") + ".";
        return message(d, json, externalId, topic, shop, orderId, name, "Return on order " + label, text,
                json.path("updated_at"));
    }

    private static boolean hasReturn(JsonNode order) {
        JsonNode status = order.path("return_status");
        if (status.isTextual() && !NO_RETURN.contains(status.textValue())) {
            return true;
        }
        JsonNode returns = order.path("returns");
        return returns.isArray() && !returns.isEmpty();
    }

    /** Builds the message of a built-in topic; {@code order} is the order object (or the refund). */
    private InboundMessage message(RawDelivery d, JsonNode order, String externalId, String topic, String shop,
                                   String orderId, String orderName, String subject, String text, JsonNode time) {
        InboundMessage.Builder b = InboundMessage.builder(d.tenant(), Channel.SHOPIFY)
                .externalMessageId(externalId)
                .conversationId("order:" + orderId)
                .subject(subject)
                .text(text);
        JsonNode customer = order.path("customer");
        JsonNode customerId = customer.path("id");
        try {
            if (customerId.isIntegralNumber() || customerId.isTextual() && !customerId.textValue().isBlank()) {
                b.sender(ChannelIdentity.verified(IdentityType.SHOPIFY_CUSTOMER, customerId.asText()));
                String name = (customer.path("first_name").asText("") + " " + customer.path("last_name").asText("")).strip();
                if (!name.isEmpty() && !"null null".equals(name)) {
                    b.senderName(name);
                }
                String email = customer.path("email").asText(order.path("email").asText(""));
                if (!email.isBlank() && !"null".equals(email)) {
                    b.otherIdentity(ChannelIdentity.of(IdentityType.EMAIL, email));
                }
            } else {
                b.sender(ChannelIdentity.verified(IdentityType.of(ORDER_IDENTITY), orderId));
            }
        } catch (IllegalArgumentException e) {
            throw new ChannelException(Reason.MALFORMED, "SHOPIFY payload has an unusable customer id or email");
        }
        if (time.isTextual()) {
            b.sentAt(time(time.textValue()));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("shopify.topic", topic);
        if (!shop.isBlank()) {
            meta.put("shopify.shop", shop);
        }
        meta.put(OrderContext.PLATFORM, "SHOPIFY");
        meta.put(OrderContext.ID, orderId);
        if (!orderName.isBlank()) {
            meta.put("order.name", orderName);
        }
        meta.forEach(b::metadata);
        return b.build();
    }

    private static String id(JsonNode node, String what) {
        if (node.isIntegralNumber() || node.isTextual() && node.textValue().matches("[\\p{Graph}]{1,64}")) {
            return node.asText();
        }
        throw new ChannelException(Reason.MALFORMED, "SHOPIFY payload has no usable " + what);
    }

    @Override
    public String toString() {
        return "ShopifyAdapter[maxBodyBytes=" + maxBodyBytes + " customTopics=" + topics.keySet() + "]";
    }

    /** Builds {@link ShopifyAdapter}. */
    public static final class Builder {
        private final String secret;
        private int maxBodyBytes;
        private final Map<String, PayloadMapping> topics = new LinkedHashMap<>();

        private Builder(String secret) {
            this.secret = Objects.requireNonNull(secret, "clientSecret");
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("clientSecret is empty");
            }
        }

        /** Largest body accepted (default {@value #DEFAULT_MAX_BODY_BYTES}). */
        public Builder maxBodyBytes(int value) {
            if (maxBodyBytes != 0) {
                throw new IllegalStateException("maxBodyBytes set twice");
            }
            if (value < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            maxBodyBytes = value;
            return this;
        }

        /**
         * Maps a topic's payloads with {@code mapping} (overrides a built-in topic of the same name). Map the
         * message id to something the platform keeps on retries. Shopify does not sign the topic header, so give the
         * mapping {@code when} conditions that only this topic's payloads meet: otherwise a signed payload of another
         * topic, sent again under this topic's name, is read with this mapping (a warning is logged at build).
         */
        public Builder topic(String topic, PayloadMapping mapping) {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(mapping, "mapping");
            if (topics.putIfAbsent(topic, mapping) != null) {
                throw new IllegalStateException("topic " + topic + " mapped twice");
            }
            return this;
        }

        public ShopifyAdapter build() {
            topics.forEach((topic, mapping) -> {
                if (mapping.conditions().isEmpty()) {
                    LOG.warn("Shopify topic {} is mapped without when conditions: a signed payload of any topic sent "
                            + "under its name is read with its mapping", topic);
                }
            });
            return new ShopifyAdapter(this);
        }
    }
}
