package dev.ticketkit.routing.rules;

import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TicketStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a trigger or automation does when it fires. Each action is applied on its own: one that fails (a
 * template that renders to nothing, a move the lifecycle forbids) is logged and reported, and the rule's
 * other actions still run. Immutable.
 */
public sealed interface Action {

    /** The condition fields this action may change (so the engine knows when to look at the rules again). */
    Set<String> changes();

    /** Sets the status (subject to the lifecycle: NEW -> OPEN -> PENDING | ON_HOLD -> SOLVED -> CLOSED). */
    record SetStatus(TicketStatus status) implements Action {
        public SetStatus {
            Objects.requireNonNull(status, "status");
        }

        @Override
        public Set<String> changes() {
            return Set.of("status", "status_changed_at", "solved_at", "updated_at");
        }
    }

    /** Sets the priority. */
    record SetPriority(Priority priority) implements Action {
        public SetPriority {
            Objects.requireNonNull(priority, "priority");
        }

        @Override
        public Set<String> changes() {
            return Set.of("priority", "updated_at");
        }
    }

    /** Sets the ticket type, or clears it ({@code type} null). */
    record SetType(String type) implements Action {
        @Override
        public Set<String> changes() {
            return Set.of("type", "updated_at");
        }
    }

    /** Moves the ticket to a team, or out of any team ({@code team} null). */
    record SetTeam(TeamId team) implements Action {
        @Override
        public Set<String> changes() {
            return Set.of("team", "updated_at");
        }
    }

    /** Assigns the ticket to an agent, or unassigns it ({@code agent} null). */
    record SetAssignee(AgentId agent) implements Action {
        @Override
        public Set<String> changes() {
            return Set.of("assignee", "updated_at");
        }
    }

    /**
     * Sets a custom field (the tenant must define it) or clears it ({@code value} null). The value is a String,
     * Number, Boolean, ISO date text, or a list of choices, converted by the field's definition.
     */
    record SetField(String key, Object value) implements Action {
        public SetField {
            Objects.requireNonNull(key, "key");
            if (value instanceof List<?> l) {
                value = List.copyOf(l);
            }
        }

        @Override
        public Set<String> changes() {
            return Set.of("field." + key, "updated_at");
        }
    }

    /** Adds tags. */
    record AddTags(Set<String> tags) implements Action {
        public AddTags {
            tags = Set.copyOf(tags);
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("add_tags needs at least one tag");
            }
        }

        @Override
        public Set<String> changes() {
            return Set.of("tags", "updated_at");
        }
    }

    /** Removes tags. */
    record RemoveTags(Set<String> tags) implements Action {
        public RemoveTags {
            tags = Set.copyOf(tags);
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("remove_tags needs at least one tag");
            }
        }

        @Override
        public Set<String> changes() {
            return Set.of("tags", "updated_at");
        }
    }

    /** Adds an internal note. */
    record AddNote(MessageTemplate template) implements Action {
        public AddNote {
            Objects.requireNonNull(template, "template");
        }

        @Override
        public Set<String> changes() {
            return Set.of("updated_at");
        }
    }

    /**
     * Adds a public reply, sent by the host like any reply: its text from {@code template} rendered as plain text
     * (values verbatim), and, if {@code html} is not null, an HTML body from that template (values HTML-escaped).
     */
    record Reply(MessageTemplate template, MessageTemplate html) implements Action {
        public Reply {
            Objects.requireNonNull(template, "template");
        }

        /** A plain-text reply. */
        public Reply(MessageTemplate template) {
            this(template, null);
        }

        @Override
        public Set<String> changes() {
            return Set.of("updated_at", "first_reply_at", "status", "status_changed_at");
        }
    }

    /**
     * Emits {@code TicketEvent.NotificationRequested(topic, attributes)}; the host delivers it after commit.
     * The engine adds the attributes {@code rule}, {@code ticket} (id) and {@code number}.
     */
    record Notify(String topic, Map<String, MessageTemplate> attributes) implements Action {
        public Notify {
            Objects.requireNonNull(topic, "topic");
            if (topic.isBlank()) {
                throw new IllegalArgumentException("notify needs a topic");
            }
            attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        }

        @Override
        public Set<String> changes() {
            return Set.of();
        }
    }

    /**
     * Chooses an SLA policy: adds the tag {@code sla_policy:<name>} and removes other {@code sla_policy:} tags.
     * The SLA module uses the policy such a tag names.
     */
    record ApplySlaPolicy(String policy) implements Action {
        public ApplySlaPolicy {
            Objects.requireNonNull(policy, "policy");
            if (!policy.matches("[A-Za-z0-9_.\\-]{1,64}")) {
                throw new IllegalArgumentException("an SLA policy name holds 1 to 64 letters, digits and _.- only");
            }
        }

        /** The tag this action sets. */
        public String tag() {
            return SLA_POLICY_TAG_PREFIX + policy.toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public Set<String> changes() {
            return Set.of("tags", "updated_at");
        }
    }

    /** The prefix of the tag that names a ticket's SLA policy. */
    String SLA_POLICY_TAG_PREFIX = "sla_policy:";

    /** Creates a child task ticket for a team (e.g. the warehouse), linked to this ticket. */
    record CreateChildTask(TeamId team, MessageTemplate subject, MessageTemplate request, Priority priority) implements Action {
        public CreateChildTask {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(subject, "subject");
        }

        @Override
        public Set<String> changes() {
            return Set.of("updated_at");
        }
    }

    /**
     * Escalates: raises the priority one step (if {@code raisePriority} and not already URGENT), moves the ticket
     * to {@code team} (if not null), and emits a notification on {@code topic}.
     */
    record Escalate(boolean raisePriority, TeamId team, String topic) implements Action {
        public Escalate {
            Objects.requireNonNull(topic, "topic");
            if (!raisePriority && team == null) {
                throw new IllegalArgumentException("escalate needs raise_priority or a team");
            }
        }

        @Override
        public Set<String> changes() {
            return Set.of("priority", "team", "updated_at");
        }
    }

    /** Stops rule processing for this command after this rule: no later trigger runs. */
    record Stop() implements Action {
        @Override
        public Set<String> changes() {
            return Set.of();
        }
    }
}
