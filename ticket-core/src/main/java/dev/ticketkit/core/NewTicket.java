package dev.ticketkit.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to create a ticket from. Build with {@link #builder(CustomerId, String)}.
 * The subject and values are validated by the engine against its {@link Limits} and the tenant's field
 * definitions.
 */
public final class NewTicket {
    private final CustomerId requester;
    private final String subject;
    private final Channel channel;
    private final Priority priority;
    private final String type;
    private final TeamId team;
    private final AgentId assignee;
    private final Set<String> tags;
    private final Map<String, FieldValue> fields;
    private final List<OrderRef> orders;
    private final NewMessage message;
    private final String idempotencyKey;

    private NewTicket(Builder b) {
        requester = b.requester;
        subject = b.subject;
        channel = b.channel;
        priority = b.priority;
        type = b.type;
        team = b.team;
        assignee = b.assignee;
        tags = Set.copyOf(b.tags);
        fields = Map.copyOf(b.fields);
        orders = List.copyOf(b.orders);
        message = b.message;
        idempotencyKey = b.idempotencyKey;
    }

    /** A new ticket for the given customer with the given subject. */
    public static Builder builder(CustomerId requester, String subject) {
        return new Builder(requester, subject);
    }

    public CustomerId requester() { return requester; }

    public String subject() { return subject; }

    public Channel channel() { return channel; }

    public Priority priority() { return priority; }

    public Optional<String> type() { return Optional.ofNullable(type); }

    public Optional<TeamId> team() { return Optional.ofNullable(team); }

    public Optional<AgentId> assignee() { return Optional.ofNullable(assignee); }

    public Set<String> tags() { return tags; }

    public Map<String, FieldValue> fields() { return fields; }

    public List<OrderRef> orders() { return orders; }

    public Optional<NewMessage> message() { return Optional.ofNullable(message); }

    public Optional<String> idempotencyKey() { return Optional.ofNullable(idempotencyKey); }

    /** Builds {@link NewTicket}; each setter checks its argument at once. */
    public static final class Builder {
        private final CustomerId requester;
        private final String subject;
        private Channel channel = Channel.API;
        private Priority priority = Priority.NORMAL;
        private String type;
        private TeamId team;
        private AgentId assignee;
        private final Set<String> tags = new LinkedHashSet<>();
        private final Map<String, FieldValue> fields = new LinkedHashMap<>();
        private final List<OrderRef> orders = new ArrayList<>();
        private NewMessage message;
        private String idempotencyKey;

        private Builder(CustomerId requester, String subject) {
            this.requester = Objects.requireNonNull(requester, "requester");
            this.subject = Objects.requireNonNull(subject, "subject");
        }

        /** The channel the ticket comes from (default {@link Channel#API}). */
        public Builder channel(Channel channel) { this.channel = Objects.requireNonNull(channel, "channel"); return this; }

        /** Default {@link Priority#NORMAL}. */
        public Builder priority(Priority priority) { this.priority = Objects.requireNonNull(priority, "priority"); return this; }

        public Builder type(String type) { this.type = Checks.notBlank(type, "type"); return this; }

        public Builder team(TeamId team) { this.team = Objects.requireNonNull(team, "team"); return this; }

        public Builder assignee(AgentId assignee) { this.assignee = Objects.requireNonNull(assignee, "assignee"); return this; }

        public Builder tag(String tag) { tags.add(Objects.requireNonNull(tag, "tag")); return this; }

        public Builder tags(String... more) {
            for (String t : more) {
                tag(t);
            }
            return this;
        }

        public Builder field(String key, FieldValue value) {
            fields.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder order(OrderRef order) { orders.add(Objects.requireNonNull(order, "order")); return this; }

        /** The first message of the ticket (usually the customer's inquiry). */
        public Builder message(NewMessage message) { this.message = Objects.requireNonNull(message, "message"); return this; }

        /** Shortcut for {@code message(NewMessage.text(text))}. */
        public Builder message(String text) { return message(NewMessage.text(text)); }

        /**
         * A key that makes creation idempotent within the tenant: creating again with the same key returns the
         * ticket the first call made, also when two calls race.
         */
        public Builder idempotencyKey(String key) {
            Checks.notBlank(key, "idempotencyKey");
            if (key.length() > 200) {
                throw new IllegalArgumentException("idempotencyKey must be at most 200 characters");
            }
            this.idempotencyKey = key;
            return this;
        }

        public NewTicket build() {
            return new NewTicket(this);
        }
    }
}
