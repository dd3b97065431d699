package dev.ticketkit.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything that happens to a ticket, as a closed hierarchy of immutable records. Every command emits
 * events; they form the ticket's audit trail, are written to the outbox by stores that have one, and are
 * delivered to {@link TicketEventListener}s after commit. Nullable components are documented per record.
 *
 * <p>{@link #type()} is a stable name for serialised forms ({@code ticket.created}, {@code status.changed}, ...).
 */
public sealed interface TicketEvent {

    EventMeta meta();

    /** A stable, lower-case name of the event type, used in serialised forms. */
    String type();

    default TicketId ticketId() {
        return meta().ticketId();
    }

    default TenantId tenantId() {
        return meta().tenantId();
    }

    default Instant occurredAt() {
        return meta().occurredAt();
    }

    default ActorRef actor() {
        return meta().actor();
    }

    /** The ticket was created; {@code ticket} is its first snapshot. */
    record TicketCreated(EventMeta meta, Ticket ticket) implements TicketEvent {
        public TicketCreated {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(ticket, "ticket");
        }

        @Override
        public String type() {
            return "ticket.created";
        }
    }

    /** A public reply or internal note was added. */
    record MessageAdded(EventMeta meta, MessageId messageId, Visibility visibility, AuthorKind authorKind, Channel channel)
            implements TicketEvent {
        public MessageAdded {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(visibility, "visibility");
            Objects.requireNonNull(authorKind, "authorKind");
            Objects.requireNonNull(channel, "channel");
        }

        @Override
        public String type() {
            return "message.added";
        }
    }

    /** The status changed. */
    record StatusChanged(EventMeta meta, TicketStatus from, TicketStatus to) implements TicketEvent {
        public StatusChanged {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String type() {
            return "status.changed";
        }
    }

    /** The priority changed. */
    record PriorityChanged(EventMeta meta, Priority from, Priority to) implements TicketEvent {
        public PriorityChanged {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String type() {
            return "priority.changed";
        }
    }

    /** The subject changed. */
    record SubjectChanged(EventMeta meta, String from, String to) implements TicketEvent {
        public SubjectChanged {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String type() {
            return "subject.changed";
        }
    }

    /** The type changed; {@code from} and {@code to} are null when there was or is no type. */
    record TypeChanged(EventMeta meta, String from, String to) implements TicketEvent {
        public TypeChanged {
            Objects.requireNonNull(meta, "meta");
        }

        @Override
        public String type() {
            return "type.changed";
        }
    }

    /** The assignee changed; {@code from} and {@code to} are null when unassigned. */
    record AssigneeChanged(EventMeta meta, AgentId from, AgentId to) implements TicketEvent {
        public AssigneeChanged {
            Objects.requireNonNull(meta, "meta");
        }

        @Override
        public String type() {
            return "assignee.changed";
        }
    }

    /** The team changed; {@code from} and {@code to} are null when there was or is no team. */
    record TeamChanged(EventMeta meta, TeamId from, TeamId to) implements TicketEvent {
        public TeamChanged {
            Objects.requireNonNull(meta, "meta");
        }

        @Override
        public String type() {
            return "team.changed";
        }
    }

    /** Tags were added and/or removed. */
    record TagsChanged(EventMeta meta, Set<String> added, Set<String> removed) implements TicketEvent {
        public TagsChanged {
            Objects.requireNonNull(meta, "meta");
            added = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(added));
            removed = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(removed));
        }

        @Override
        public String type() {
            return "tags.changed";
        }
    }

    /** A custom field changed; {@code before} or {@code after} is null when the field was or is unset. */
    record CustomFieldChanged(EventMeta meta, String key, FieldValue before, FieldValue after) implements TicketEvent {
        public CustomFieldChanged {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String type() {
            return "field.changed";
        }
    }

    /** An order reference was added. */
    record OrderReferenceAdded(EventMeta meta, OrderRef order) implements TicketEvent {
        public OrderReferenceAdded {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(order, "order");
        }

        @Override
        public String type() {
            return "order.added";
        }
    }

    /** A link to another ticket was recorded on this ticket. */
    record TicketLinked(EventMeta meta, LinkType linkType, TicketId other) implements TicketEvent {
        public TicketLinked {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(linkType, "linkType");
            Objects.requireNonNull(other, "other");
        }

        @Override
        public String type() {
            return "ticket.linked";
        }
    }

    /** This ticket was merged into {@code into} (and closed). */
    record TicketMerged(EventMeta meta, TicketId into) implements TicketEvent {
        public TicketMerged {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(into, "into");
        }

        @Override
        public String type() {
            return "ticket.merged";
        }
    }

    /** The soonest SLA due instant changed; null when there was or is none. */
    record DueAtChanged(EventMeta meta, Instant from, Instant to) implements TicketEvent {
        public DueAtChanged {
            Objects.requireNonNull(meta, "meta");
        }

        @Override
        public String type() {
            return "due.changed";
        }
    }

    /** An SLA metric is about to breach. */
    record SlaWarning(EventMeta meta, String metric, String policy, Instant dueAt) implements TicketEvent {
        public SlaWarning {
            Objects.requireNonNull(meta, "meta");
            Checks.notBlank(metric, "metric");
            Checks.notBlank(policy, "policy");
            Objects.requireNonNull(dueAt, "dueAt");
        }

        @Override
        public String type() {
            return "sla.warning";
        }
    }

    /** An SLA metric breached. */
    record SlaBreached(EventMeta meta, String metric, String policy, Instant dueAt) implements TicketEvent {
        public SlaBreached {
            Objects.requireNonNull(meta, "meta");
            Checks.notBlank(metric, "metric");
            Checks.notBlank(policy, "policy");
            Objects.requireNonNull(dueAt, "dueAt");
        }

        @Override
        public String type() {
            return "sla.breached";
        }
    }

    /** A rule or hook asks the host to notify someone (a supervisor, a team channel); the host delivers it. */
    record NotificationRequested(EventMeta meta, String topic, Map<String, String> attributes) implements TicketEvent {
        public NotificationRequested {
            Objects.requireNonNull(meta, "meta");
            Checks.notBlank(topic, "topic");
            attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        }

        @Override
        public String type() {
            return "notification.requested";
        }
    }

    /** An event defined by a module or an integrator; {@code name} is namespaced, such as {@code csat.sent}. */
    record ExtensionEvent(EventMeta meta, String name, Map<String, String> attributes) implements TicketEvent {
        public ExtensionEvent {
            Objects.requireNonNull(meta, "meta");
            Checks.notBlank(name, "name");
            attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        }

        @Override
        public String type() {
            return "ext." + name;
        }
    }
}
