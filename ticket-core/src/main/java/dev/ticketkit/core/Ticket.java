package dev.ticketkit.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable snapshot of a ticket at one {@link #version()}. Tickets change only through the engine's
 * commands, each of which produces a new snapshot with the version incremented by one.
 *
 * <p>{@link #builder()} and {@link #toBuilder()} exist for store implementations and tests that need to
 * rebuild a snapshot; they check the snapshot's own consistency, not the lifecycle.
 */
public final class Ticket {
    private final TicketId id;
    private final TenantId tenantId;
    private final TicketNumber number;
    private final String subject;
    private final TicketStatus status;
    private final Priority priority;
    private final String type;
    private final Channel channel;
    private final CustomerId requester;
    private final AgentId assignee;
    private final TeamId team;
    private final SortedSet<String> tags;
    private final SortedMap<String, FieldValue> customFields;
    private final List<OrderRef> orders;
    private final List<TicketLink> links;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant statusChangedAt;
    private final Instant firstAgentReplyAt;
    private final Instant solvedAt;
    private final Instant closedAt;
    private final Instant dueAt;
    private final long version;

    private Ticket(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.tenantId = Objects.requireNonNull(b.tenantId, "tenantId");
        this.number = Objects.requireNonNull(b.number, "number");
        this.subject = Checks.notBlank(b.subject, "subject");
        this.status = Objects.requireNonNull(b.status, "status");
        this.priority = Objects.requireNonNull(b.priority, "priority");
        this.type = b.type;
        this.channel = Objects.requireNonNull(b.channel, "channel");
        this.requester = Objects.requireNonNull(b.requester, "requester");
        this.assignee = b.assignee;
        this.team = b.team;
        // Collections unchanged since toBuilder() are shared with the source snapshot (they are immutable).
        Ticket src = b.source;
        this.tags = src != null && b.tags == src.tags ? src.tags
                : Collections.unmodifiableSortedSet(new TreeSet<>(b.tags));
        this.customFields = src != null && b.customFields == src.customFields ? src.customFields
                : Collections.unmodifiableSortedMap(new TreeMap<>(b.customFields));
        this.orders = src != null && b.orders == src.orders ? src.orders : List.copyOf(new LinkedHashSet<>(b.orders));
        this.links = src != null && b.links == src.links ? src.links : List.copyOf(new LinkedHashSet<>(b.links));
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
        this.statusChangedAt = Objects.requireNonNull(b.statusChangedAt, "statusChangedAt");
        this.firstAgentReplyAt = b.firstAgentReplyAt;
        this.solvedAt = b.solvedAt;
        this.closedAt = b.closedAt;
        this.dueAt = b.dueAt;
        this.version = b.version;
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
        if (type != null && type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public TicketId id() { return id; }

    public TenantId tenantId() { return tenantId; }

    public TicketNumber number() { return number; }

    public String subject() { return subject; }

    public TicketStatus status() { return status; }

    public Priority priority() { return priority; }

    /** The tenant-defined type, such as {@code question}, {@code incident}, {@code task} or {@code return}. */
    public Optional<String> type() { return Optional.ofNullable(type); }

    /** The channel the ticket was opened by. */
    public Channel channel() { return channel; }

    public CustomerId requester() { return requester; }

    public Optional<AgentId> assignee() { return Optional.ofNullable(assignee); }

    public Optional<TeamId> team() { return Optional.ofNullable(team); }

    /** Lower-case tags, sorted. */
    public SortedSet<String> tags() { return tags; }

    /** Custom field values by key, sorted by key. */
    public SortedMap<String, FieldValue> customFields() { return customFields; }

    public List<OrderRef> orders() { return orders; }

    public List<TicketLink> links() { return links; }

    /** The other tickets linked with the given type. */
    public List<TicketId> linked(LinkType linkType) {
        return links.stream().filter(l -> l.type() == linkType).map(TicketLink::ticketId).toList();
    }

    public Instant createdAt() { return createdAt; }

    public Instant updatedAt() { return updatedAt; }

    /** When the status last changed (the creation time for a ticket that never changed status). */
    public Instant statusChangedAt() { return statusChangedAt; }

    public Optional<Instant> firstAgentReplyAt() { return Optional.ofNullable(firstAgentReplyAt); }

    /** When the ticket was last solved; cleared when it reopens. */
    public Optional<Instant> solvedAt() { return Optional.ofNullable(solvedAt); }

    public Optional<Instant> closedAt() { return Optional.ofNullable(closedAt); }

    /** The soonest SLA due instant, maintained by an SLA hook; views can sort by it. */
    public Optional<Instant> dueAt() { return Optional.ofNullable(dueAt); }

    public long version() { return version; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Ticket t)) return false;
        return version == t.version && id.equals(t.id) && tenantId.equals(t.tenantId) && number.equals(t.number)
                && subject.equals(t.subject) && status == t.status && priority == t.priority
                && Objects.equals(type, t.type) && channel.equals(t.channel) && requester.equals(t.requester)
                && Objects.equals(assignee, t.assignee) && Objects.equals(team, t.team) && tags.equals(t.tags)
                && customFields.equals(t.customFields) && orders.equals(t.orders) && links.equals(t.links)
                && createdAt.equals(t.createdAt) && updatedAt.equals(t.updatedAt)
                && statusChangedAt.equals(t.statusChangedAt)
                && Objects.equals(firstAgentReplyAt, t.firstAgentReplyAt) && Objects.equals(solvedAt, t.solvedAt)
                && Objects.equals(closedAt, t.closedAt) && Objects.equals(dueAt, t.dueAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    /** Ids, number, state and version only: never the subject or other customer text. */
    @Override
    public String toString() {
        return "Ticket[" + number + " id=" + id + " tenant=" + tenantId + " status=" + status + " priority="
                + priority + " version=" + version + "]";
    }

    /** Builds ticket snapshots; not thread-safe. */
    public static final class Builder {
        private TicketId id;
        private TenantId tenantId;
        private TicketNumber number;
        private String subject;
        private TicketStatus status = TicketStatus.NEW;
        private Priority priority = Priority.NORMAL;
        private String type;
        private Channel channel;
        private CustomerId requester;
        private AgentId assignee;
        private TeamId team;
        private Set<String> tags = new TreeSet<>();
        private Map<String, FieldValue> customFields = new TreeMap<>();
        private List<OrderRef> orders = List.of();
        private List<TicketLink> links = List.of();
        private Instant createdAt;
        private Instant updatedAt;
        private Instant statusChangedAt;
        private Instant firstAgentReplyAt;
        private Instant solvedAt;
        private Instant closedAt;
        private Instant dueAt;
        private long version = 1;
        private Ticket source;

        private Builder() {}

        private Builder(Ticket t) {
            source = t;
            id = t.id;
            tenantId = t.tenantId;
            number = t.number;
            subject = t.subject;
            status = t.status;
            priority = t.priority;
            type = t.type;
            channel = t.channel;
            requester = t.requester;
            assignee = t.assignee;
            team = t.team;
            tags = t.tags;
            customFields = t.customFields;
            orders = t.orders;
            links = t.links;
            createdAt = t.createdAt;
            updatedAt = t.updatedAt;
            statusChangedAt = t.statusChangedAt;
            firstAgentReplyAt = t.firstAgentReplyAt;
            solvedAt = t.solvedAt;
            closedAt = t.closedAt;
            dueAt = t.dueAt;
            version = t.version;
        }

        public Builder id(TicketId id) { this.id = id; return this; }

        public Builder tenantId(TenantId tenantId) { this.tenantId = tenantId; return this; }

        public Builder number(TicketNumber number) { this.number = number; return this; }

        public Builder subject(String subject) { this.subject = subject; return this; }

        public Builder status(TicketStatus status) { this.status = status; return this; }

        public Builder priority(Priority priority) { this.priority = priority; return this; }

        public Builder type(String type) { this.type = type; return this; }

        public Builder channel(Channel channel) { this.channel = channel; return this; }

        public Builder requester(CustomerId requester) { this.requester = requester; return this; }

        public Builder assignee(AgentId assignee) { this.assignee = assignee; return this; }

        public Builder team(TeamId team) { this.team = team; return this; }

        public Builder tags(Set<String> tags) { this.tags = Objects.requireNonNull(tags, "tags"); return this; }

        public Builder customFields(Map<String, FieldValue> customFields) {
            this.customFields = Objects.requireNonNull(customFields, "customFields");
            return this;
        }

        public Builder orders(List<OrderRef> orders) { this.orders = Objects.requireNonNull(orders, "orders"); return this; }

        public Builder links(List<TicketLink> links) { this.links = Objects.requireNonNull(links, "links"); return this; }

        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }

        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }

        public Builder statusChangedAt(Instant statusChangedAt) { this.statusChangedAt = statusChangedAt; return this; }

        public Builder firstAgentReplyAt(Instant firstAgentReplyAt) { this.firstAgentReplyAt = firstAgentReplyAt; return this; }

        public Builder solvedAt(Instant solvedAt) { this.solvedAt = solvedAt; return this; }

        public Builder closedAt(Instant closedAt) { this.closedAt = closedAt; return this; }

        public Builder dueAt(Instant dueAt) { this.dueAt = dueAt; return this; }

        public Builder version(long version) { this.version = version; return this; }

        public Ticket build() {
            return new Ticket(this);
        }
    }
}
