package dev.ticketkit.core.internal;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.Authorization;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.spi.AccessScope;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides what an actor may do: the rules of {@link Authorization}, plus one that needs the store: read, note and
 * audit rights on a ticket extend to its child tasks (followed up to {@value #MAX_PARENT_DEPTH} parents), so that
 * after-sales can follow the warehouse task it opened without reading all of the warehouse's tickets.
 */
final class Authorizer {
    /** Permissions a ticket's child tasks inherit from it. */
    static final Set<Permission> INHERITED_BY_CHILD_TASKS = Set.of(Permission.TICKET_READ, Permission.TICKET_NOTE,
            Permission.AUDIT_READ);
    static final int MAX_PARENT_DEPTH = 3;

    private Authorizer() {}

    /** Fails unless the actor has the permission on some ticket. */
    static void require(Actor actor, Permission permission) {
        Authorization.require(actor, permission);
    }

    /** Fails unless the actor has the permission on this ticket (without the child-task rule). */
    static void require(Actor actor, Permission permission, Ticket ticket) {
        Authorization.require(actor, permission, ticket);
    }

    /** Fails unless the actor has the permission on this ticket, directly or through its parent. */
    static void require(Actor actor, Permission permission, Ticket ticket, Function<TicketId, Optional<Ticket>> tickets) {
        if (actor.kind() == ActorKind.CUSTOMER || allows(actor, permission, ticket)) {
            Authorization.require(actor, permission, ticket);
            return;
        }
        if (!allows(actor, permission, ticket, tickets)) {
            throw new PermissionDeniedException(actor.ref(), permission, ticket.number());
        }
    }

    /** Whether the actor has the permission on this ticket (without the child-task rule). */
    static boolean allows(Actor actor, Permission permission, Ticket ticket) {
        return Authorization.allows(actor, permission, ticket);
    }

    /** Whether the actor has the permission on this ticket, directly or (read, note, audit) through its parent. */
    static boolean allows(Actor actor, Permission permission, Ticket ticket, Function<TicketId, Optional<Ticket>> tickets) {
        if (Authorization.allows(actor, permission, ticket)) {
            return true;
        }
        if (actor.kind() == ActorKind.CUSTOMER || !INHERITED_BY_CHILD_TASKS.contains(permission)) {
            return false;
        }
        Ticket t = ticket;
        for (int depth = 0; depth < MAX_PARENT_DEPTH; depth++) {
            List<TicketId> parents = t.linked(LinkType.PARENT);
            if (parents.isEmpty()) {
                return false;
            }
            Optional<Ticket> parent = tickets.apply(parents.get(0));
            if (parent.isEmpty()) {
                return false;
            }
            t = parent.get();
            if (Authorization.allows(actor, permission, t)) {
                return true;
            }
        }
        return false;
    }

    /** The tickets on which the actor holds the permission (views; the child-task rule does not widen views). */
    static AccessScope scopeOf(Actor actor, Permission permission) {
        if (actor.kind() == ActorKind.CUSTOMER) {
            return AccessScope.requester(actor.customerId().orElseThrow());
        }
        Role.Scope scope = actor.scopeOf(permission).orElse(Role.Scope.OWN_TEAMS);
        return switch (scope) {
            case TENANT -> AccessScope.all();
            case TEAMS -> AccessScope.teams(actor.teams(), actor.agentId().orElse(null));
            case OWN_TEAMS -> AccessScope.ownTeams(actor.teams(), actor.agentId().orElse(null));
        };
    }
}
