package dev.ticketkit.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A set of field changes applied to a ticket in one command (one new version). Build with
 * {@link #builder()}. Only what is set changes. Without {@link Builder#expectVersion(long)} the engine
 * applies the change to the latest version (retrying on a concurrent write); with it, a stale version
 * fails with {@link TicketConflictException}.
 */
public final class TicketUpdate {
    private final String subject;
    private final TicketStatus status;
    private final Priority priority;
    private final Optional<String> type;
    private final Optional<TeamId> team;
    private final Optional<AgentId> assignee;
    private final Set<String> addTags;
    private final Set<String> removeTags;
    private final Map<String, Optional<FieldValue>> fields;
    private final List<OrderRef> orders;
    private final long expectedVersion;

    private TicketUpdate(Builder b) {
        subject = b.subject;
        status = b.status;
        priority = b.priority;
        type = b.type;
        team = b.team;
        assignee = b.assignee;
        addTags = Set.copyOf(b.addTags);
        removeTags = Set.copyOf(b.removeTags);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
        orders = List.copyOf(b.orders);
        expectedVersion = b.expectedVersion;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static TicketUpdate status(TicketStatus status) {
        return builder().status(status).build();
    }

    public static TicketUpdate priority(Priority priority) {
        return builder().priority(priority).build();
    }

    public Optional<String> subject() { return Optional.ofNullable(subject); }

    public Optional<TicketStatus> status() { return Optional.ofNullable(status); }

    public Optional<Priority> priority() { return Optional.ofNullable(priority); }

    /** Absent: no change; present and empty: clear the type. */
    public Optional<Optional<String>> typeChange() { return Optional.ofNullable(type); }

    /** Absent: no change; present and empty: clear the team. */
    public Optional<Optional<TeamId>> teamChange() { return Optional.ofNullable(team); }

    /** Absent: no change; present and empty: unassign. */
    public Optional<Optional<AgentId>> assigneeChange() { return Optional.ofNullable(assignee); }

    public Set<String> addTags() { return addTags; }

    public Set<String> removeTags() { return removeTags; }

    /** Field changes by key; an empty value clears the field. */
    public Map<String, Optional<FieldValue>> fields() { return fields; }

    public List<OrderRef> orders() { return orders; }

    public OptionalLong expectedVersion() {
        return expectedVersion < 0 ? OptionalLong.empty() : OptionalLong.of(expectedVersion);
    }

    /** A copy that expects the given version. */
    public TicketUpdate expecting(long version) {
        Builder b = new Builder();
        b.subject = subject;
        b.status = status;
        b.priority = priority;
        b.type = type;
        b.team = team;
        b.assignee = assignee;
        b.addTags.addAll(addTags);
        b.removeTags.addAll(removeTags);
        b.fields.putAll(fields);
        b.orders.addAll(orders);
        return b.expectVersion(version).build();
    }

    /** Builds {@link TicketUpdate}; setting the same change twice is an {@link IllegalStateException}. */
    public static final class Builder {
        private String subject;
        private TicketStatus status;
        private Priority priority;
        private Optional<String> type;
        private Optional<TeamId> team;
        private Optional<AgentId> assignee;
        private final Set<String> addTags = new LinkedHashSet<>();
        private final Set<String> removeTags = new LinkedHashSet<>();
        private final Map<String, Optional<FieldValue>> fields = new LinkedHashMap<>();
        private final List<OrderRef> orders = new ArrayList<>();
        private long expectedVersion = -1;

        private Builder() {}

        private static void once(Object current, String what) {
            if (current != null) {
                throw new IllegalStateException(what + " was already set");
            }
        }

        public Builder subject(String subject) { once(this.subject, "subject"); this.subject = Objects.requireNonNull(subject, "subject"); return this; }

        public Builder status(TicketStatus status) { once(this.status, "status"); this.status = Objects.requireNonNull(status, "status"); return this; }

        public Builder priority(Priority priority) { once(this.priority, "priority"); this.priority = Objects.requireNonNull(priority, "priority"); return this; }

        public Builder type(String type) { once(this.type, "type"); this.type = Optional.of(Checks.notBlank(type, "type")); return this; }

        public Builder clearType() { once(this.type, "type"); this.type = Optional.empty(); return this; }

        public Builder team(TeamId team) { once(this.team, "team"); this.team = Optional.of(Objects.requireNonNull(team, "team")); return this; }

        public Builder clearTeam() { once(this.team, "team"); this.team = Optional.empty(); return this; }

        public Builder assignee(AgentId agent) { once(this.assignee, "assignee"); this.assignee = Optional.of(Objects.requireNonNull(agent, "agent")); return this; }

        public Builder unassign() { once(this.assignee, "assignee"); this.assignee = Optional.empty(); return this; }

        public Builder addTags(String... tags) {
            for (String t : tags) {
                addTags.add(Objects.requireNonNull(t, "tag"));
            }
            return this;
        }

        public Builder removeTags(String... tags) {
            for (String t : tags) {
                removeTags.add(Objects.requireNonNull(t, "tag"));
            }
            return this;
        }

        public Builder field(String key, FieldValue value) {
            Objects.requireNonNull(key, "key");
            if (fields.containsKey(key)) {
                throw new IllegalStateException("field " + key + " was already set");
            }
            fields.put(key, Optional.of(Objects.requireNonNull(value, "value")));
            return this;
        }

        public Builder clearField(String key) {
            Objects.requireNonNull(key, "key");
            if (fields.containsKey(key)) {
                throw new IllegalStateException("field " + key + " was already set");
            }
            fields.put(key, Optional.empty());
            return this;
        }

        public Builder order(OrderRef order) { orders.add(Objects.requireNonNull(order, "order")); return this; }

        /** Fail with {@link TicketConflictException} unless the ticket is at this version. */
        public Builder expectVersion(long version) {
            if (version < 1) {
                throw new IllegalArgumentException("version must be positive");
            }
            if (expectedVersion >= 0) {
                throw new IllegalStateException("expected version was already set");
            }
            expectedVersion = version;
            return this;
        }

        public TicketUpdate build() {
            return new TicketUpdate(this);
        }
    }
}
