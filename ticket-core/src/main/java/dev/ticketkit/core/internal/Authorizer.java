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
        if (actor.kind() == ActorKind.CUSTOMER && !scopeOf(actor, permission).permits(ticket)) {
            throw new TicketNotFoundException("ticket", ticket.id());
        }
        if (!actor.has(permission)) {
            throw new PermissionDeniedException(actor.ref(), permission, ticket.number());
        }
        if (!scopeOf(actor, permission).permits(ticket)) {
            throw new PermissionDeniedException(actor.ref(), permission, ticket.number());
        }
    }

    static boolean allows(Actor actor, Permission permission, Ticket ticket) {
        return actor.has(permission) && scopeOf(actor, permission).permits(ticket);
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
