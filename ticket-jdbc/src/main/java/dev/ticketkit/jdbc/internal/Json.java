package dev.ticketkit.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Attachment;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.EventMeta;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.FieldType;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketLink;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketStoreException;
import dev.ticketkit.core.Visibility;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Explicit JSON codecs for what the store keeps as JSON text: events (with a {@code type} discriminator),
 * ticket snapshots, custom-field values (with a {@code type} discriminator), orders, links, attachments,
 * identities, agents and field definitions. No default typing, no reflection on arbitrary classes: every
 * shape is written and read here, so a stored row can only ever become one of the core's value types.
 *
 * <p>Instants are ISO-8601 strings ({@link Instant#toString()}), exact at any precision. Decimal numbers are
 * strings, so no precision is lost through doubles.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {
    }

    /** What {@link #stream} writes. */
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Writes JSON straight to text, without building a tree first: for what every command writes (events of new
     * tickets and messages, tags). The output is the same as the tree's.
     */
    private static String stream(Body body) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    // ---- text <-> tree -------------------------------------------------------------------------

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new TicketStoreException("could not write JSON", e);
        }
    }

    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // the message of a parse error may quote stored text: keep it out of ours and drop the cause
            throw new TicketStoreException("stored JSON is not readable at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), null);
        }
    }

    private static JsonNode req(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new TicketStoreException("stored JSON lacks '" + field + "'", null);
        }
        return v;
    }

    private static String str(JsonNode n, String field) {
        return req(n, field).asText();
    }

    private static String optStr(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant optInstant(JsonNode n, String field) {
        String s = optStr(n, field);
        return s == null ? null : Instant.parse(s);
    }

    private static void putOpt(ObjectNode o, String field, Object value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value.toString());
        }
    }

    private static ArrayNode strings(Collection<?> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(v -> a.add(v.toString()));
        return a;
    }

    private static List<String> stringList(JsonNode a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            a.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    private static ObjectNode stringMap(Map<String, String> map) {
        ObjectNode o = F.objectNode();
        map.forEach(o::put);
        return o;
    }

    private static Map<String, String> readStringMap(JsonNode o) {
        Map<String, String> out = new TreeMap<>();
        if (o != null) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    // ---- small value types ---------------------------------------------------------------------

    public static String tags(Set<String> tags) {
        return tags.isEmpty() ? "[]" : stream(g -> writeStrings(g, tags));
    }

    private static void writeStrings(JsonGenerator g, Collection<?> values) throws IOException {
        g.writeStartArray();
        for (Object v : values) {
            g.writeString(v.toString());
        }
        g.writeEndArray();
    }

    public static Set<String> readTags(String json) {
        return new TreeSet<>(stringList(read(json)));
    }

    public static JsonNode fieldValue(FieldValue v) {
        ObjectNode o = F.objectNode();
        o.put("type", v.type().name());
        if (v instanceof FieldValue.Text t) {
            o.put("value", t.value());
        } else if (v instanceof FieldValue.Number n) {
            o.put("value", n.plain()); // 20, not 2E+1 (outbox consumers read this); read back exactly
        } else if (v instanceof FieldValue.Bool b) {
            o.put("value", b.value());
        } else if (v instanceof FieldValue.Date d) {
            o.put("value", d.value().toString());
        } else if (v instanceof FieldValue.Choice c) {
            o.put("value", c.value());
        } else if (v instanceof FieldValue.Choices cs) {
            o.set("values", strings(cs.values()));
        } else {
            throw new IllegalArgumentException("unknown field value type " + v.type());
        }
        return o;
    }

    public static FieldValue readFieldValue(JsonNode o) {
        FieldType type = FieldType.valueOf(str(o, "type"));
        return switch (type) {
            case TEXT -> FieldValue.text(str(o, "value"));
            case NUMBER -> FieldValue.number(new BigDecimal(str(o, "value")));
            case BOOLEAN -> FieldValue.bool(req(o, "value").asBoolean());
            case DATE -> FieldValue.date(LocalDate.parse(str(o, "value")));
            case SINGLE_SELECT -> FieldValue.choice(str(o, "value"));
            case MULTI_SELECT -> new FieldValue.Choices(new HashSet<>(stringList(req(o, "values"))));
        };
    }

    private static JsonNode optFieldValue(FieldValue v) {
        return v == null ? F.nullNode() : fieldValue(v);
    }

    private static FieldValue readOptFieldValue(JsonNode n) {
        return n == null || n.isNull() ? null : readFieldValue(n);
    }

    public static String fields(Map<String, FieldValue> fields) {
        return fields.isEmpty() ? "{}" : write(fieldsNode(fields));
    }

    private static ObjectNode fieldsNode(Map<String, FieldValue> fields) {
        ObjectNode o = F.objectNode();
        fields.forEach((k, v) -> o.set(k, fieldValue(v)));
        return o;
    }

    public static Map<String, FieldValue> readFields(String json) {
        return readFieldsNode(read(json));
    }

    private static Map<String, FieldValue> readFieldsNode(JsonNode o) {
        Map<String, FieldValue> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), readFieldValue(e.getValue()));
        }
        return out;
    }

    private static JsonNode order(OrderRef r) {
        ObjectNode o = F.objectNode();
        o.put("platform", r.platform());
        o.put("orderId", r.orderId());
        return o;
    }

    private static OrderRef readOrder(JsonNode o) {
        return OrderRef.of(str(o, "platform"), str(o, "orderId"));
    }

    public static String orders(List<OrderRef> orders) {
        return orders.isEmpty() ? "[]" : write(ordersNode(orders));
    }

    private static ArrayNode ordersNode(List<OrderRef> orders) {
        ArrayNode a = F.arrayNode();
        orders.forEach(r -> a.add(order(r)));
        return a;
    }

    public static List<OrderRef> readOrders(String json) {
        return readOrdersNode(read(json));
    }

    private static List<OrderRef> readOrdersNode(JsonNode a) {
        List<OrderRef> out = new ArrayList<>();
        a.forEach(o -> out.add(readOrder(o)));
        return out;
    }

    public static String links(List<TicketLink> links) {
        return links.isEmpty() ? "[]" : write(linksNode(links));
    }

    private static ArrayNode linksNode(List<TicketLink> links) {
        ArrayNode a = F.arrayNode();
        for (TicketLink l : links) {
            ObjectNode o = F.objectNode();
            o.put("type", l.type().name());
            o.put("ticketId", l.ticketId().toString());
            a.add(o);
        }
        return a;
    }

    public static List<TicketLink> readLinks(String json) {
        return readLinksNode(read(json));
    }

    private static List<TicketLink> readLinksNode(JsonNode a) {
        List<TicketLink> out = new ArrayList<>();
        a.forEach(o -> out.add(TicketLink.of(LinkType.valueOf(str(o, "type")), TicketId.parse(str(o, "ticketId")))));
        return out;
    }

    public static String attachments(List<Attachment> attachments) {
        ArrayNode a = F.arrayNode();
        for (Attachment x : attachments) {
            ObjectNode o = F.objectNode();
            o.put("filename", x.filename());
            o.put("contentType", x.contentType());
            o.put("size", x.size());
            o.put("storageRef", x.storageRef());
            a.add(o);
        }
        return write(a);
    }

    public static List<Attachment> readAttachments(String json) {
        List<Attachment> out = new ArrayList<>();
        read(json).forEach(o -> out.add(Attachment.of(str(o, "filename"), str(o, "contentType"),
                req(o, "size").asLong(), str(o, "storageRef"))));
        return out;
    }

    public static String identities(List<ChannelIdentity> identities) {
        ArrayNode a = F.arrayNode();
        for (ChannelIdentity i : identities) {
            ObjectNode o = F.objectNode();
            o.put("type", i.type().name());
            o.put("value", i.value());
            o.put("verified", i.verified());
            a.add(o);
        }
        return write(a);
    }

    public static List<ChannelIdentity> readIdentities(String json) {
        List<ChannelIdentity> out = new ArrayList<>();
        read(json).forEach(o -> out.add(new ChannelIdentity(IdentityType.of(str(o, "type")), str(o, "value"),
                req(o, "verified").asBoolean())));
        return out;
    }

    public static String agent(Agent a) {
        ObjectNode o = F.objectNode();
        o.put("displayName", a.displayName());
        o.set("teams", strings(new TreeSet<>(a.teams())));
        o.set("skills", strings(new TreeSet<>(a.skills())));
        o.set("languages", strings(new TreeSet<>(a.languages())));
        ObjectNode cap = F.objectNode();
        TreeMap<String, Integer> sorted = new TreeMap<>();
        a.capacity().forEach((c, n) -> sorted.put(c.name(), n));
        sorted.forEach(cap::put);
        o.set("capacity", cap);
        o.put("presence", a.presence().name());
        return write(o);
    }

    public static Agent readAgent(TenantId tenant, AgentId id, String json) {
        JsonNode o = read(json);
        Set<TeamId> teams = new LinkedHashSet<>();
        stringList(o.get("teams")).forEach(t -> teams.add(TeamId.of(t)));
        Map<Channel, Integer> capacity = new HashMap<>();
        JsonNode cap = o.get("capacity");
        if (cap != null) {
            cap.fields().forEachRemaining(e -> capacity.put(Channel.of(e.getKey()), e.getValue().asInt()));
        }
        return new Agent(id, tenant, str(o, "displayName"), teams, new HashSet<>(stringList(o.get("skills"))),
                new HashSet<>(stringList(o.get("languages"))), capacity, Presence.valueOf(str(o, "presence")));
    }

    public static String fieldDefinition(FieldDefinition d) {
        ObjectNode o = F.objectNode();
        o.put("key", d.key());
        o.put("type", d.type().name());
        o.put("label", d.label());
        o.set("options", strings(d.options()));
        return write(o);
    }

    public static FieldDefinition readFieldDefinition(String json) {
        JsonNode o = read(json);
        return new FieldDefinition(str(o, "key"), FieldType.valueOf(str(o, "type")), str(o, "label"),
                stringList(o.get("options")));
    }

    // ---- tickets -------------------------------------------------------------------------------

    /** A full ticket snapshot, as carried by {@code ticket.created}. */
    public static ObjectNode ticket(Ticket t) {
        ObjectNode o = F.objectNode();
        o.put("id", t.id().toString());
        o.put("tenant", t.tenantId().value());
        o.put("number", t.number().toString());
        o.put("numberPrefix", t.number().prefix());
        o.put("numberSequence", t.number().sequence());
        o.put("subject", t.subject());
        o.put("status", t.status().name());
        o.put("priority", t.priority().name());
        putOpt(o, "type", t.type().orElse(null));
        o.put("channel", t.channel().name());
        o.put("requester", t.requester().toString());
        putOpt(o, "assignee", t.assignee().orElse(null));
        putOpt(o, "team", t.team().orElse(null));
        o.set("tags", strings(t.tags()));
        o.set("customFields", fieldsNode(t.customFields()));
        o.set("orders", ordersNode(t.orders()));
        o.set("links", linksNode(t.links()));
        o.put("createdAt", t.createdAt().toString());
        o.put("updatedAt", t.updatedAt().toString());
        o.put("statusChangedAt", t.statusChangedAt().toString());
        putOpt(o, "firstAgentReplyAt", t.firstAgentReplyAt().orElse(null));
        putOpt(o, "solvedAt", t.solvedAt().orElse(null));
        putOpt(o, "closedAt", t.closedAt().orElse(null));
        putOpt(o, "dueAt", t.dueAt().orElse(null));
        o.put("version", t.version());
        return o;
    }

    public static Ticket readTicket(JsonNode o) {
        String assignee = optStr(o, "assignee");
        String team = optStr(o, "team");
        return Ticket.builder()
                .id(TicketId.parse(str(o, "id")))
                .tenantId(TenantId.of(str(o, "tenant")))
                .number(TicketNumber.of(str(o, "numberPrefix"), req(o, "numberSequence").asLong()))
                .subject(str(o, "subject"))
                .status(TicketStatus.valueOf(str(o, "status")))
                .priority(Priority.valueOf(str(o, "priority")))
                .type(optStr(o, "type"))
                .channel(Channel.of(str(o, "channel")))
                .requester(CustomerId.parse(str(o, "requester")))
                .assignee(assignee == null ? null : AgentId.of(assignee))
                .team(team == null ? null : TeamId.of(team))
                .tags(new TreeSet<>(stringList(o.get("tags"))))
                .customFields(readFieldsNode(req(o, "customFields")))
                .orders(readOrdersNode(req(o, "orders")))
                .links(readLinksNode(req(o, "links")))
                .createdAt(Instant.parse(str(o, "createdAt")))
                .updatedAt(Instant.parse(str(o, "updatedAt")))
                .statusChangedAt(Instant.parse(str(o, "statusChangedAt")))
                .firstAgentReplyAt(optInstant(o, "firstAgentReplyAt"))
                .solvedAt(optInstant(o, "solvedAt"))
                .closedAt(optInstant(o, "closedAt"))
                .dueAt(optInstant(o, "dueAt"))
                .version(req(o, "version").asLong())
                .build();
    }

    // ---- events --------------------------------------------------------------------------------

    /** Format version of the event payloads, written as {@code "v"}. */
    public static final int EVENT_FORMAT = 1;

    /**
     * The self-contained JSON of an event: {@code type} (the event's stable name), {@code v}, the meta
     * ({@code eventId}, {@code tenant}, {@code ticketId}, {@code ticketVersion}, {@code actor}, {@code occurredAt})
     * and the record's own components.
     */
    /**
     * An event as stored (in the events table and the outbox). The events every new ticket and message raise are
     * written straight to text; the others through a tree ({@link #eventTree}), which gives the same text.
     */
    public static String event(TicketEvent e) {
        if (e instanceof TicketEvent.TicketCreated || e instanceof TicketEvent.MessageAdded) {
            return stream(g -> writeEvent(g, e));
        }
        return write(eventTree(e));
    }

    private static void writeEvent(JsonGenerator g, TicketEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", e.type());
        g.writeNumberField("v", EVENT_FORMAT);
        EventMeta m = e.meta();
        g.writeStringField("eventId", m.eventId().toString());
        g.writeStringField("tenant", m.tenantId().value());
        g.writeStringField("ticketId", m.ticketId().toString());
        g.writeNumberField("ticketVersion", m.ticketVersion());
        g.writeObjectFieldStart("actor");
        g.writeStringField("kind", m.actor().kind().name());
        g.writeStringField("id", m.actor().id());
        g.writeEndObject();
        String occurred = m.occurredAt().toString();
        g.writeStringField("occurredAt", occurred);
        if (e instanceof TicketEvent.TicketCreated x) {
            g.writeFieldName("ticket");
            writeTicket(g, x.ticket(), m.occurredAt(), occurred);
        } else if (e instanceof TicketEvent.MessageAdded x) {
            g.writeStringField("messageId", x.messageId().toString());
            g.writeStringField("visibility", x.visibility().name());
            g.writeStringField("authorKind", x.authorKind().name());
            g.writeStringField("channel", x.channel().name());
        } else {
            throw new IllegalArgumentException("not a streamed event type " + e.type());
        }
        g.writeEndObject();
    }

    /** {@link #ticket(Ticket)} written straight to text; {@code known} is {@code knownText}'s instant. */
    private static void writeTicket(JsonGenerator g, Ticket t, Instant known, String knownText) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", t.id().toString());
        g.writeStringField("tenant", t.tenantId().value());
        g.writeStringField("number", t.number().toString());
        g.writeStringField("numberPrefix", t.number().prefix());
        g.writeNumberField("numberSequence", t.number().sequence());
        g.writeStringField("subject", t.subject());
        g.writeStringField("status", t.status().name());
        g.writeStringField("priority", t.priority().name());
        writeOpt(g, "type", t.type().orElse(null));
        g.writeStringField("channel", t.channel().name());
        g.writeStringField("requester", t.requester().toString());
        writeOpt(g, "assignee", t.assignee().orElse(null));
        writeOpt(g, "team", t.team().orElse(null));
        g.writeFieldName("tags");
        writeStrings(g, t.tags());
        g.writeFieldName("customFields");
        if (t.customFields().isEmpty()) {
            g.writeStartObject();
            g.writeEndObject();
        } else {
            MAPPER.writeTree(g, fieldsNode(t.customFields()));
        }
        g.writeFieldName("orders");
        if (t.orders().isEmpty()) {
            g.writeStartArray();
            g.writeEndArray();
        } else {
            MAPPER.writeTree(g, ordersNode(t.orders()));
        }
        g.writeFieldName("links");
        if (t.links().isEmpty()) {
            g.writeStartArray();
            g.writeEndArray();
        } else {
            MAPPER.writeTree(g, linksNode(t.links()));
        }
        g.writeStringField("createdAt", text(t.createdAt(), known, knownText));
        g.writeStringField("updatedAt", text(t.updatedAt(), known, knownText));
        g.writeStringField("statusChangedAt", text(t.statusChangedAt(), known, knownText));
        writeOpt(g, "firstAgentReplyAt", t.firstAgentReplyAt().orElse(null));
        writeOpt(g, "solvedAt", t.solvedAt().orElse(null));
        writeOpt(g, "closedAt", t.closedAt().orElse(null));
        writeOpt(g, "dueAt", t.dueAt().orElse(null));
        g.writeNumberField("version", t.version());
        g.writeEndObject();
    }

    /** The instant's text, reusing {@code knownText} when it is the same instant (a new ticket's times are). */
    private static String text(Instant i, Instant known, String knownText) {
        return i.equals(known) ? knownText : i.toString();
    }

    private static void writeOpt(JsonGenerator g, String field, Object value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value.toString());
        }
    }

    /** An event as a tree: every type (the text of {@link #event} for those it streams is the same). */
    static ObjectNode eventTree(TicketEvent e) {
        ObjectNode o = F.objectNode();
        o.put("type", e.type());
        o.put("v", EVENT_FORMAT);
        EventMeta m = e.meta();
        o.put("eventId", m.eventId().toString());
        o.put("tenant", m.tenantId().value());
        o.put("ticketId", m.ticketId().toString());
        o.put("ticketVersion", m.ticketVersion());
        ObjectNode actor = o.putObject("actor");
        actor.put("kind", m.actor().kind().name());
        actor.put("id", m.actor().id());
        o.put("occurredAt", m.occurredAt().toString());
        if (e instanceof TicketEvent.TicketCreated x) {
            o.set("ticket", ticket(x.ticket()));
        } else if (e instanceof TicketEvent.MessageAdded x) {
            o.put("messageId", x.messageId().toString());
            o.put("visibility", x.visibility().name());
            o.put("authorKind", x.authorKind().name());
            o.put("channel", x.channel().name());
        } else if (e instanceof TicketEvent.StatusChanged x) {
            o.put("from", x.from().name());
            o.put("to", x.to().name());
        } else if (e instanceof TicketEvent.PriorityChanged x) {
            o.put("from", x.from().name());
            o.put("to", x.to().name());
        } else if (e instanceof TicketEvent.SubjectChanged x) {
            o.put("from", x.from());
            o.put("to", x.to());
        } else if (e instanceof TicketEvent.TypeChanged x) {
            putOpt(o, "from", x.from());
            putOpt(o, "to", x.to());
        } else if (e instanceof TicketEvent.AssigneeChanged x) {
            putOpt(o, "from", x.from());
            putOpt(o, "to", x.to());
        } else if (e instanceof TicketEvent.TeamChanged x) {
            putOpt(o, "from", x.from());
            putOpt(o, "to", x.to());
        } else if (e instanceof TicketEvent.TagsChanged x) {
            o.set("added", strings(x.added()));
            o.set("removed", strings(x.removed()));
        } else if (e instanceof TicketEvent.CustomFieldChanged x) {
            o.put("key", x.key());
            o.set("before", optFieldValue(x.before()));
            o.set("after", optFieldValue(x.after()));
        } else if (e instanceof TicketEvent.OrderReferenceAdded x) {
            o.set("order", order(x.order()));
        } else if (e instanceof TicketEvent.TicketLinked x) {
            o.put("linkType", x.linkType().name());
            o.put("other", x.other().toString());
        } else if (e instanceof TicketEvent.TicketMerged x) {
            o.put("into", x.into().toString());
        } else if (e instanceof TicketEvent.DueAtChanged x) {
            putOpt(o, "from", x.from());
            putOpt(o, "to", x.to());
        } else if (e instanceof TicketEvent.SlaWarning x) {
            o.put("metric", x.metric());
            o.put("policy", x.policy());
            o.put("dueAt", x.dueAt().toString());
        } else if (e instanceof TicketEvent.SlaBreached x) {
            o.put("metric", x.metric());
            o.put("policy", x.policy());
            o.put("dueAt", x.dueAt().toString());
        } else if (e instanceof TicketEvent.NotificationRequested x) {
            o.put("topic", x.topic());
            o.set("attributes", stringMap(x.attributes()));
        } else if (e instanceof TicketEvent.ExtensionEvent x) {
            o.put("name", x.name());
            o.set("attributes", stringMap(x.attributes()));
        } else {
            throw new IllegalArgumentException("unknown event type " + e.type());
        }
        return o;
    }

    public static TicketEvent readEvent(String json) {
        JsonNode o = read(json);
        String type = str(o, "type");
        JsonNode actor = req(o, "actor");
        EventMeta m = new EventMeta(UUID.fromString(str(o, "eventId")), TenantId.of(str(o, "tenant")),
                TicketId.parse(str(o, "ticketId")), req(o, "ticketVersion").asLong(),
                ActorRef.of(ActorKind.valueOf(str(actor, "kind")), str(actor, "id")), Instant.parse(str(o, "occurredAt")));
        if (type.startsWith("ext.")) {
            return new TicketEvent.ExtensionEvent(m, str(o, "name"), readStringMap(o.get("attributes")));
        }
        return switch (type) {
            case "ticket.created" -> new TicketEvent.TicketCreated(m, readTicket(req(o, "ticket")));
            case "message.added" -> new TicketEvent.MessageAdded(m, MessageId.parse(str(o, "messageId")),
                    Visibility.valueOf(str(o, "visibility")), AuthorKind.valueOf(str(o, "authorKind")),
                    Channel.of(str(o, "channel")));
            case "status.changed" -> new TicketEvent.StatusChanged(m, TicketStatus.valueOf(str(o, "from")),
                    TicketStatus.valueOf(str(o, "to")));
            case "priority.changed" -> new TicketEvent.PriorityChanged(m, Priority.valueOf(str(o, "from")),
                    Priority.valueOf(str(o, "to")));
            case "subject.changed" -> new TicketEvent.SubjectChanged(m, str(o, "from"), str(o, "to"));
            case "type.changed" -> new TicketEvent.TypeChanged(m, optStr(o, "from"), optStr(o, "to"));
            case "assignee.changed" -> new TicketEvent.AssigneeChanged(m, agentOrNull(optStr(o, "from")),
                    agentOrNull(optStr(o, "to")));
            case "team.changed" -> new TicketEvent.TeamChanged(m, teamOrNull(optStr(o, "from")), teamOrNull(optStr(o, "to")));
            case "tags.changed" -> new TicketEvent.TagsChanged(m, new TreeSet<>(stringList(o.get("added"))),
                    new TreeSet<>(stringList(o.get("removed"))));
            case "field.changed" -> new TicketEvent.CustomFieldChanged(m, str(o, "key"), readOptFieldValue(o.get("before")),
                    readOptFieldValue(o.get("after")));
            case "order.added" -> new TicketEvent.OrderReferenceAdded(m, readOrder(req(o, "order")));
            case "ticket.linked" -> new TicketEvent.TicketLinked(m, LinkType.valueOf(str(o, "linkType")),
                    TicketId.parse(str(o, "other")));
            case "ticket.merged" -> new TicketEvent.TicketMerged(m, TicketId.parse(str(o, "into")));
            case "due.changed" -> new TicketEvent.DueAtChanged(m, optInstant(o, "from"), optInstant(o, "to"));
            case "sla.warning" -> new TicketEvent.SlaWarning(m, str(o, "metric"), str(o, "policy"),
                    Instant.parse(str(o, "dueAt")));
            case "sla.breached" -> new TicketEvent.SlaBreached(m, str(o, "metric"), str(o, "policy"),
                    Instant.parse(str(o, "dueAt")));
            case "notification.requested" -> new TicketEvent.NotificationRequested(m, str(o, "topic"),
                    readStringMap(o.get("attributes")));
            default -> throw new TicketStoreException("stored event has an unknown type: " + type, null);
        };
    }

    private static AgentId agentOrNull(String s) {
        return s == null ? null : AgentId.of(s);
    }

    private static TeamId teamOrNull(String s) {
        return s == null ? null : TeamId.of(s);
    }
}
