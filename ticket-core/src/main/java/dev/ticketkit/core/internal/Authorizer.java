package dev.ticketkit.core.internal;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.spi.AccessScope;

/**
 * Decides what an actor may do. Customers see only their own tickets (others behave as not found);
 * agents with team-scoped roles act on their teams' tickets, tickets with no team and tickets assigned to
 * them (others are {@link PermissionDeniedException}).
 */
final class Authorizer {
    private Authorizer() {}

    /** Fails unless the actor has the permission on some ticket. */
    static void require(Actor actor, Permission permission) {
        if (!actor.has(permission)) {
            throw new PermissionDeniedException(actor.ref(), permission, null);
        }
    }

    /** Fails unless the actor has the permission on this ticket. */
    static void require(Actor actor, Permission permission, Ticket ticket) {
        if (actor.kind() == ActorKind.CUSTOMER && !ticket.requester().toString().equals(actor.id())) {
            throw new TicketNotFoundException("ticket", ticket.id());
        }
        if (!allows(actor, permission, ticket)) {
            throw new PermissionDeniedException(actor.ref(), permission, ticket.number());
        }
    }

    /** Whether the actor has the permission on this ticket (the same rule as {@link #scopeOf}, without allocating). */
    static boolean allows(Actor actor, Permission permission, Ticket ticket) {
        if (actor.kind() == ActorKind.CUSTOMER) {
            return actor.has(permission) && ticket.requester().toString().equals(actor.id());
        }
        if (actor.hasUnscoped(permission)) {
            return true;
        }
        if (!actor.has(permission)) {
            return false;
        }
        return ticket.team().isEmpty() || actor.teams().contains(ticket.team().get())
                || (actor.kind() == ActorKind.AGENT && ticket.assignee().map(a -> a.value().equals(actor.id())).orElse(false));
    }

    /** The tickets on which the actor holds the permission. */
    static AccessScope scopeOf(Actor actor, Permission permission) {
        if (actor.kind() == ActorKind.CUSTOMER) {
            return AccessScope.requester(actor.customerId().orElseThrow());
        }
        if (actor.hasUnscoped(permission)) {
            return AccessScope.all();
        }
        return AccessScope.teams(actor.teams(), actor.agentId().orElse(null));
    }
}
