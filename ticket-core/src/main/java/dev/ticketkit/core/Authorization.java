package dev.ticketkit.core;

import java.util.Objects;

/**
 * The engine's permission rules, for hosts and modules that check their own permissions
 * ({@code refund.approve}) the way the engine checks its own, with the same {@link PermissionDeniedException}.
 *
 * <ul>
 *   <li>A customer acts only on their own tickets: another customer's ticket behaves as not found.</li>
 *   <li>An unscoped role grants its permissions on every ticket of the actor's tenant.</li>
 *   <li>A {@link Role.Scope#TEAMS} role grants them on tickets of the actor's teams, tickets with no team, and
 *       tickets assigned to the actor (an agent); a {@link Role.Scope#OWN_TEAMS} role the same without tickets
 *       with no team.</li>
 * </ul>
 *
 * <pre>{@code
 * static final Permission REFUND_APPROVE = Permission.of("refund.approve");
 * Authorization.require(actor, REFUND_APPROVE, ticket);   // PermissionDeniedException naming the ticket
 * }</pre>
 *
 * <p>The engine adds one rule these static checks cannot see: read, note and audit rights on a ticket extend to
 * its child tasks. Stateless and thread-safe.
 */
public final class Authorization {
    private Authorization() {}

    /**
     * Fails unless some role of the actor grants the permission (on some ticket).
     *
     * @throws PermissionDeniedException naming the actor and the permission
     */
    public static void require(Actor actor, Permission permission) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(permission, "permission");
        if (!actor.has(permission)) {
            throw new PermissionDeniedException(actor.ref(), permission, null);
        }
    }

    /**
     * Fails unless the actor holds the permission on this ticket.
     *
     * @throws TicketNotFoundException   if the actor is a customer and the ticket is not theirs, or it belongs to
     *                                   another tenant
     * @throws PermissionDeniedException naming the actor, the permission and the ticket's number
     */
    public static void require(Actor actor, Permission permission, Ticket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        if (!ticket.tenantId().equals(actor.tenantId())
                || actor.kind() == ActorKind.CUSTOMER && !ticket.requester().toString().equals(actor.id())) {
            throw new TicketNotFoundException("ticket", ticket.id());
        }
        if (!allows(actor, permission, ticket)) {
            throw new PermissionDeniedException(actor.ref(), permission, ticket.number());
        }
    }

    /** Whether the actor holds the permission on this ticket. */
    public static boolean allows(Actor actor, Permission permission, Ticket ticket) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(permission, "permission");
        if (!ticket.tenantId().equals(actor.tenantId())) {
            return false;
        }
        if (actor.kind() == ActorKind.CUSTOMER) {
            return actor.has(permission) && ticket.requester().toString().equals(actor.id());
        }
        Role.Scope scope = actor.scopeOf(permission).orElse(null);
        if (scope == null) {
            return false;
        }
        return switch (scope) {
            case TENANT -> true;
            case TEAMS -> ticket.team().isEmpty() || inTeamOrAssigned(actor, ticket);
            case OWN_TEAMS -> inTeamOrAssigned(actor, ticket);
        };
    }

    private static boolean inTeamOrAssigned(Actor actor, Ticket ticket) {
        return ticket.team().isPresent() && actor.teams().contains(ticket.team().get())
                || (actor.kind() == ActorKind.AGENT && ticket.assignee().map(a -> a.value().equals(actor.id())).orElse(false));
    }
}
