package dev.ticketkit.connectors.webhook;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketValidationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns any platform's JSON payload into {@link InboundMessage}s by <a href="https://www.rfc-editor.org/rfc/rfc6901">
 * JSON pointers</a>. Immutable and thread-safe; build in code with {@link #builder()} or load from a file an admin
 * edits with {@link #fromJson(String)} / {@link #fromYaml(String)}:
 *
 * <pre>{@code
 * items: /events                 # optional: an array of messages; pointers below are relative to each item
 * when: { /type: message.created }   # optional: items whose values differ are skipped (not a message)
 * messageId: /id                 # required: the platform's message id (intake dedups on it)
 * senderId: /author/id           # required: the sender's id on the platform
 * senderType: EXTERNAL_ID        # identity type of senderId (default EXTERNAL_ID)
 * senderVerified: true           # whether the signed platform vouches for senderId (default true)
 * senderName: /author/name
 * conversationId: /conversation/id
 * text: /text                    # required: the message text
 * subject: /subject
 * sentAt: /created_at            # ISO-8601, or Unix seconds or milliseconds
 * metadata: { plan: /author/plan }
 * }</pre>
 *
 * <p>Unknown keys, bad pointers or identity types in a configuration are {@link TicketValidationException}s naming
 * the key ({@code mapping.<key>}). At run time, a payload without a required value, or with an object where a
 * value belongs, is a {@link ChannelException} naming the mapping key, never the payload.
 */
public final class PayloadMapping {
    private static final Set<String> KEYS = Set.of("items", "when", "messageId", "senderId", "senderType",
            "senderVerified", "senderName", "conversationId", "text", "subject", "sentAt", "metadata");
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final JsonPointer items;
    private final Map<JsonPointer, String> when;
    private final JsonPointer messageId;
    private final JsonPointer senderId;
    private final IdentityType senderType;
    private final boolean senderVerified;
    private final JsonPointer senderName;
    private final JsonPointer conversationId;
    private final JsonPointer text;
    private final JsonPointer subject;
    private final JsonPointer sentAt;
    private final Map<String, JsonPointer> metadata;

    private PayloadMapping(Builder b) {
        items = b.items;
        when = Map.copyOf(b.when);
        messageId = b.messageId;
        senderId = b.senderId;
        senderType = b.senderType;
        senderVerified = b.senderVerified;
        senderName = b.senderName;
        conversationId = b.conversationId;
        text = b.text;
        subject = b.subject;
        sentAt = b.sentAt;
        metadata = new LinkedHashMap<>(b.metadata);
    }

    /** A builder; {@code messageId}, {@code senderId} and {@code text} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a mapping from JSON text.
     *
     * @throws TicketValidationException if the text is not JSON or the mapping is not valid
     */
    public static PayloadMapping fromJson(String json) {
        return load(JsonMapper.builder().build(), json, "JSON");
    }

    /**
     * Loads a mapping from YAML text.
     *
     * @throws TicketValidationException if the text is not YAML or the mapping is not valid
     */
    public static PayloadMapping fromYaml(String yaml) {
        return load(new YAMLMapper(), yaml, "YAML");
    }

    private static PayloadMapping load(ObjectMapper mapper, String text, String format) {
        Objects.requireNonNull(text, "text");
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new TicketValidationException("mapping", "not well-formed " + format + " (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
        return from(root);
    }

    /**
     * Reads a mapping from a parsed tree (such as a section of a larger configuration file).
     *
     * @throws TicketValidationException if the mapping is not valid
     */
    public static PayloadMapping from(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new TicketValidationException("mapping", "must be an object");
        }
        Builder b = builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (!KEYS.contains(key)) {
                throw new TicketValidationException("mapping." + key, "unknown key; expected one of " + new java.util.TreeSet<>(KEYS));
            }
            try {
                switch (key) {
                    case "when", "metadata" -> {
                        if (!v.isObject()) {
                            throw new TicketValidationException("mapping." + key, "must be an object");
                        }
                        for (Iterator<Map.Entry<String, JsonNode>> f = v.fields(); f.hasNext(); ) {
                            Map.Entry<String, JsonNode> entry = f.next();
                            if (!entry.getValue().isValueNode()) {
                                throw new TicketValidationException("mapping." + key + "." + entry.getKey(), "must be a text value");
                            }
                            if (key.equals("when")) {
                                b.when(entry.getKey(), entry.getValue().asText());
                            } else {
                                b.metadata(entry.getKey(), entry.getValue().asText());
                            }
                        }
                    }
                    case "senderVerified" -> {
                        if (!v.isBoolean()) {
                            throw new TicketValidationException("mapping.senderVerified", "must be true or false");
                        }
                        b.senderVerified(v.booleanValue());
                    }
                    default -> {
                        if (!v.isTextual()) {
                            throw new TicketValidationException("mapping." + key, "must be a text value");
                        }
                        String s = v.textValue();
                        switch (key) {
                            case "items" -> b.items(s);
                            case "messageId" -> b.messageId(s);
                            case "senderId" -> b.senderId(s);
                            case "senderType" -> b.senderType(IdentityType.of(s));
                            case "senderName" -> b.senderName(s);
                            case "conversationId" -> b.conversationId(s);
                            case "text" -> b.text(s);
                            case "subject" -> b.subject(s);
                            case "sentAt" -> b.sentAt(s);
                            default -> throw new AssertionError(key);
                        }
                    }
                }
            } catch (IllegalArgumentException | IllegalStateException ex) {
                throw new TicketValidationException("mapping." + key, ex.getMessage());
            }
        }
        try {
            return b.build();
        } catch (IllegalStateException ex) {
            throw new TicketValidationException("mapping", ex.getMessage());
        }
    }

    /**
     * Maps a payload.
     *
     * @param tenant  the tenant of the delivery
     * @param channel the channel the messages are on
     * @param payload the parsed payload
     * @return the messages, in order; empty if the payload (or every item) does not match {@code when}
     * @throws ChannelException if a matching item lacks a required value or a value has the wrong shape
     */
    public List<InboundMessage> map(TenantId tenant, Channel channel, JsonNode payload) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payload, "payload");
        List<JsonNode> nodes = new ArrayList<>();
        if (items != null) {
            JsonNode array = payload.at(items);
            if (!array.isArray()) {
                throw new ChannelException(Reason.MALFORMED, channel + " payload has no array at mapping.items");
            }
            array.forEach(nodes::add);
        } else {
            nodes.add(payload);
        }
        List<InboundMessage> out = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (!matches(node)) {
                continue;
            }
            out.add(one(tenant, channel, node));
        }
        return List.copyOf(out);
    }

    /**
     * The {@code when} conditions: JSON pointer (as written) to the value a payload must hold there; empty if every
     * payload matches.
     */
    public Map<String, String> conditions() {
        Map<String, String> out = new LinkedHashMap<>();
        when.forEach((p, v) -> out.put(p.toString(), v));
        return java.util.Collections.unmodifiableMap(out);
    }

    private boolean matches(JsonNode node) {
        for (Map.Entry<JsonPointer, String> e : when.entrySet()) {
            JsonNode v = node.at(e.getKey());
            if (!v.isValueNode() || !v.asText().equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private InboundMessage one(TenantId tenant, Channel channel, JsonNode node) {
        InboundMessage.Builder b = InboundMessage.builder(tenant, channel);
        b.externalMessageId(required(channel, node, messageId, "messageId"));
        String sender = required(channel, node, senderId, "senderId");
        try {
            b.sender(new ChannelIdentity(senderType, sender, senderVerified));
        } catch (IllegalArgumentException e) {
            throw new ChannelException(Reason.MALFORMED, channel + " payload has an unusable value at mapping.senderId");
        }
        String body = required(channel, node, text, "text");
        b.text(body);
        optional(channel, node, senderName, "senderName").ifPresent(b::senderName);
        optional(channel, node, conversationId, "conversationId").ifPresent(b::conversationId);
        optional(channel, node, subject, "subject").ifPresent(s -> b.subject(s.replaceAll("[\\r\\n\\u0000]+", " ")));
        if (sentAt != null) {
            JsonNode v = node.at(sentAt);
            if (!v.isMissingNode() && !v.isNull()) {
                b.sentAt(instant(channel, v));
            }
        }
        for (Map.Entry<String, JsonPointer> e : metadata.entrySet()) {
            optional(channel, node, e.getValue(), "metadata." + e.getKey()).ifPresent(v -> b.metadata(e.getKey(), v));
        }
        return b.build();
    }

    private static String required(Channel channel, JsonNode node, JsonPointer p, String key) {
        return optional(channel, node, p, key)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new ChannelException(Reason.MALFORMED,
                        channel + " payload has no value at mapping." + key));
    }

    private static java.util.Optional<String> optional(Channel channel, JsonNode node, JsonPointer p, String key) {
        if (p == null) {
            return java.util.Optional.empty();
        }
        JsonNode v = node.at(p);
        if (v.isMissingNode() || v.isNull()) {
            return java.util.Optional.empty();
        }
        if (!v.isValueNode()) {
            throw new ChannelException(Reason.MALFORMED, channel + " payload has an object or array at mapping." + key);
        }
        return java.util.Optional.of(v.asText());
    }

    private static Instant instant(Channel channel, JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            long n = v.longValue();
            return n >= MILLIS_THRESHOLD || n <= -MILLIS_THRESHOLD ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        if (v.isTextual()) {
            String s = v.textValue().strip();
            if (s.matches("-?\\d{1,15}")) {
                long n = Long.parseLong(s);
                return n >= MILLIS_THRESHOLD || n <= -MILLIS_THRESHOLD ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(s);
                } catch (DateTimeParseException e2) {
                    // fall through
                }
            }
        }
        throw new ChannelException(Reason.MALFORMED, channel + " payload has no ISO-8601 or Unix time at mapping.sentAt");
    }

    /** The pointers, by key. */
    @Override
    public String toString() {
        return "PayloadMapping[messageId=" + messageId + " senderId=" + senderId + " text=" + text
                + (items != null ? " items=" + items : "") + "]";
    }

    /** Builds {@link PayloadMapping}; each pointer is checked when set, each key may be set once. */
    public static final class Builder {
        private JsonPointer items;
        private final Map<JsonPointer, String> when = new LinkedHashMap<>();
        private JsonPointer messageId;
        private JsonPointer senderId;
        private IdentityType senderType = IdentityType.EXTERNAL_ID;
        private boolean senderTypeSet;
        private boolean senderVerified = true;
        private boolean senderVerifiedSet;
        private JsonPointer senderName;
        private JsonPointer conversationId;
        private JsonPointer text;
        private JsonPointer subject;
        private JsonPointer sentAt;
        private final Map<String, JsonPointer> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /** Pointer to an array of messages; the other pointers are then relative to each element. */
        public Builder items(String pointer) { items = once(items, pointer, "items"); return this; }

        /** Only items whose value at {@code pointer} is {@code value} are messages. */
        public Builder when(String pointer, String value) {
            JsonPointer p = pointer(pointer, "when");
            if (when.put(p, Objects.requireNonNull(value, "value")) != null) {
                throw new IllegalStateException("when " + pointer + " set twice");
            }
            return this;
        }

        public Builder messageId(String pointer) { messageId = once(messageId, pointer, "messageId"); return this; }

        public Builder senderId(String pointer) { senderId = once(senderId, pointer, "senderId"); return this; }

        /** The identity type of the sender id (default {@link IdentityType#EXTERNAL_ID}). */
        public Builder senderType(IdentityType type) {
            if (senderTypeSet) {
                throw new IllegalStateException("senderType set twice");
            }
            senderType = Objects.requireNonNull(type, "type");
            senderTypeSet = true;
            return this;
        }

        /**
         * Whether the sender id is verified (default {@code true}: the payload is signed by the platform that
         * authenticated the sender). Set {@code false} when the platform only passes on what a visitor typed.
         */
        public Builder senderVerified(boolean value) {
            if (senderVerifiedSet) {
                throw new IllegalStateException("senderVerified set twice");
            }
            senderVerified = value;
            senderVerifiedSet = true;
            return this;
        }

        public Builder senderName(String pointer) { senderName = once(senderName, pointer, "senderName"); return this; }

        public Builder conversationId(String pointer) { conversationId = once(conversationId, pointer, "conversationId"); return this; }

        public Builder text(String pointer) { text = once(text, pointer, "text"); return this; }

        public Builder subject(String pointer) { subject = once(subject, pointer, "subject"); return this; }

        /** Pointer to the send time: ISO-8601 text, or Unix seconds or milliseconds. */
        public Builder sentAt(String pointer) { sentAt = once(sentAt, pointer, "sentAt"); return this; }

        /** Copies the value at {@code pointer} into the message's metadata under {@code key}. */
        public Builder metadata(String key, String pointer) {
            if (Objects.requireNonNull(key, "key").isBlank() || key.length() > 64) {
                throw new IllegalArgumentException("metadata key must be 1 to 64 characters");
            }
            if (metadata.put(key, pointer(pointer, "metadata." + key)) != null) {
                throw new IllegalStateException("metadata " + key + " set twice");
            }
            return this;
        }

        /**
         * The mapping.
         *
         * @throws IllegalStateException if messageId, senderId or text is missing
         */
        public PayloadMapping build() {
            if (messageId == null || senderId == null || text == null) {
                throw new IllegalStateException("messageId, senderId and text are required");
            }
            return new PayloadMapping(this);
        }

        private static JsonPointer once(JsonPointer current, String pointer, String key) {
            if (current != null) {
                throw new IllegalStateException(key + " set twice");
            }
            return pointer(pointer, key);
        }

        private static JsonPointer pointer(String pointer, String key) {
            Objects.requireNonNull(pointer, key);
            if (pointer.isEmpty() || pointer.charAt(0) != '/') {
                throw new IllegalArgumentException(key + " must be a JSON pointer starting with '/'");
            }
            try {
                return JsonPointer.compile(pointer);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " is not a valid JSON pointer");
            }
        }
    }
}
