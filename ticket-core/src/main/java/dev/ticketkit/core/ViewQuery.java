package dev.ticketkit.core;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A filtered, sorted view of tickets with keyset pagination: pass the previous page's
 * {@link Page#nextCursor()} to {@link Builder#after(String)} to get the next page. Filters combine with AND;
 * the values within one filter combine with OR, except tags, which must all be present.
 *
 * <pre>{@code
 * ViewQuery q = ViewQuery.builder().statuses(NEW, OPEN).team(TeamId.of("after-sales"))
 *         .sort(SortField.PRIORITY, false).limit(50).build();
 * }</pre>
 */
public final class ViewQuery {
    /** Page size when none is given. */
    public static final int DEFAULT_LIMIT = 50;

    private final Set<TicketStatus> statuses;
    private final Set<TeamId> teams;
    private final Set<AgentId> assignees;
    private final boolean unassignedOnly;
    private final Set<String> tags;
    private final Set<Priority> priorities;
    private final Set<Channel> channels;
    private final CustomerId requester;
    private final SortField sort;
    private final boolean ascending;
    private final int limit;
    private final String cursor;

    private ViewQuery(Builder b) {
        statuses = b.statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.statuses));
        teams = Set.copyOf(b.teams);
        assignees = Set.copyOf(b.assignees);
        unassignedOnly = b.unassignedOnly;
        tags = Set.copyOf(b.tags);
        priorities = b.priorities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.priorities));
        channels = Set.copyOf(b.channels);
        requester = b.requester;
        sort = b.sort;
        ascending = b.ascending;
        limit = b.limit;
        cursor = b.cursor;
        if (unassignedOnly && !assignees.isEmpty()) {
            throw new IllegalArgumentException("unassignedOnly and assignees exclude each other");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Statuses to include; empty means all. */
    public Set<TicketStatus> statuses() { return statuses; }

    /** Teams to include; empty means all. */
    public Set<TeamId> teams() { return teams; }

    /** Assignees to include; empty means all. */
    public Set<AgentId> assignees() { return assignees; }

    /** Only tickets with no assignee. */
    public boolean unassignedOnly() { return unassignedOnly; }

    /** Tags that must all be present; empty means no tag filter. */
    public Set<String> tags() { return tags; }

    public Set<Priority> priorities() { return priorities; }

    public Set<Channel> channels() { return channels; }

    /** Only this customer's tickets. */
    public Optional<CustomerId> requester() { return Optional.ofNullable(requester); }

    public SortField sort() { return sort; }

    public boolean ascending() { return ascending; }

    public int limit() { return limit; }

    /** The cursor from the previous page, if any. */
    public Optional<String> cursor() { return Optional.ofNullable(cursor); }

    /** Whether a ticket passes this query's filters (not the cursor or limit). */
    public boolean matches(Ticket t) {
        return (statuses.isEmpty() || statuses.contains(t.status()))
                && (teams.isEmpty() || t.team().map(teams::contains).orElse(false))
                && (assignees.isEmpty() || t.assignee().map(assignees::contains).orElse(false))
                && (!unassignedOnly || t.assignee().isEmpty())
                && t.tags().containsAll(tags)
                && (priorities.isEmpty() || priorities.contains(t.priority()))
                && (channels.isEmpty() || channels.contains(t.channel()))
                && (requester == null || requester.equals(t.requester()));
    }

    /** A builder with this query's filters and sort (and no cursor). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.statuses.addAll(statuses);
        b.teams.addAll(teams);
        b.assignees.addAll(assignees);
        b.unassignedOnly = unassignedOnly;
        b.tags.addAll(tags);
        b.priorities.addAll(priorities);
        b.channels.addAll(channels);
        b.requester = requester;
        b.sort = sort;
        b.ascending = ascending;
        b.limit = limit;
        return b;
    }

    /** Builds {@link ViewQuery}. Default sort: newest first by creation time; default limit {@value #DEFAULT_LIMIT}. */
    public static final class Builder {
        private final Set<TicketStatus> statuses = new java.util.HashSet<>();
        private final Set<TeamId> teams = new java.util.HashSet<>();
        private final Set<AgentId> assignees = new java.util.HashSet<>();
        private boolean unassignedOnly;
        private final Set<String> tags = new java.util.HashSet<>();
        private final Set<Priority> priorities = new java.util.HashSet<>();
        private final Set<Channel> channels = new java.util.HashSet<>();
        private CustomerId requester;
        private SortField sort = SortField.CREATED_AT;
        private boolean ascending = false;
        private int limit = DEFAULT_LIMIT;
        private String cursor;

        private Builder() {}

        public Builder statuses(TicketStatus... values) {
            for (TicketStatus s : values) {
                statuses.add(Objects.requireNonNull(s, "status"));
            }
            return this;
        }

        /** Shortcut for the statuses that still need work: NEW, OPEN, PENDING, ON_HOLD. */
        public Builder active() {
            return statuses(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD);
        }

        public Builder team(TeamId team) { teams.add(Objects.requireNonNull(team, "team")); return this; }

        public Builder assignee(AgentId agent) { assignees.add(Objects.requireNonNull(agent, "agent")); return this; }

        public Builder unassigned() { unassignedOnly = true; return this; }

        public Builder tag(String tag) { tags.add(Objects.requireNonNull(tag, "tag").strip().toLowerCase(java.util.Locale.ROOT)); return this; }

        public Builder priorities(Priority... values) {
            for (Priority p : values) {
                priorities.add(Objects.requireNonNull(p, "priority"));
            }
            return this;
        }

        public Builder channel(Channel channel) { channels.add(Objects.requireNonNull(channel, "channel")); return this; }

        public Builder requester(CustomerId customer) { requester = Objects.requireNonNull(customer, "customer"); return this; }

        /** Sort by the field, ascending or descending (ties by ticket id in the same direction). */
        public Builder sort(SortField field, boolean asc) {
            sort = Objects.requireNonNull(field, "field");
            ascending = asc;
            return this;
        }

        /** Page size, 1 to the engine's {@link Limits#maxPageSize()}. */
        public Builder limit(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("limit must be positive: " + size);
            }
            limit = size;
            return this;
        }

        /** Continue after the page that returned this cursor (the query must be otherwise the same). */
        public Builder after(String nextCursor) { cursor = Objects.requireNonNull(nextCursor, "cursor"); return this; }

        public ViewQuery build() {
            return new ViewQuery(this);
        }
    }
}
