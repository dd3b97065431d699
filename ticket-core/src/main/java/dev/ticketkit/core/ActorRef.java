package dev.ticketkit.core;

import java.util.Objects;

/**
 * Who did something, as recorded in events and the audit trail.
 *
 * @param kind the actor kind
 * @param id   the agent id, customer id, integration name or system component name
 */
public record ActorRef(ActorKind kind, String id) {
    public ActorRef {
        Objects.requireNonNull(kind, "kind");
        Checks.notBlank(id, "actor id");
    }

    public static ActorRef of(ActorKind kind, String id) {
        return new ActorRef(kind, id);
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
