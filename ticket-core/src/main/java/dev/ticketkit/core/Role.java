package dev.ticketkit.core;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named set of permissions. A team-scoped role grants its permissions only on tickets of the actor's
 * teams, tickets with no team, and tickets assigned to the actor; an unscoped role grants them on every
 * ticket of the tenant.
 *
 * @param name        the role's name
 * @param permissions what it allows
 * @param teamScoped  whether the permissions are limited to the actor's teams
 */
public record Role(String name, Set<Permission> permissions, boolean teamScoped) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Everything, on every ticket of the tenant. */
    public static final Role ADMIN = new Role("admin", EnumSet.allOf(Permission.class), false);
    /** Everything but administration, on every ticket of the tenant. */
    public static final Role SUPERVISOR = new Role("supervisor", EnumSet.complementOf(EnumSet.of(Permission.ADMIN)), false);
    /** Day-to-day ticket work, on the agent's own teams' tickets. */
    public static final Role AGENT = new Role("agent", EnumSet.of(
            Permission.TICKET_READ, Permission.TICKET_CREATE, Permission.TICKET_REPLY, Permission.TICKET_NOTE,
            Permission.TICKET_UPDATE, Permission.TICKET_ASSIGN, Permission.TICKET_LINK, Permission.TICKET_MERGE,
            Permission.TICKET_BULK, Permission.AUDIT_READ, Permission.CUSTOMER_READ, Permission.CUSTOMER_WRITE), true);
    /** Reads its teams' tickets and writes internal notes, nothing else (e.g. warehouse staff). */
    public static final Role LIGHT_AGENT = new Role("light-agent", EnumSet.of(
            Permission.TICKET_READ, Permission.TICKET_NOTE, Permission.CUSTOMER_READ), true);
    /** What a customer may do, on their own tickets only. */
    public static final Role CUSTOMER = new Role("customer", EnumSet.of(
            Permission.TICKET_READ, Permission.TICKET_CREATE, Permission.TICKET_REPLY), false);
    /** A channel integration: creates tickets and customers and adds messages on customers' behalf. */
    public static final Role INTEGRATION = new Role("integration", EnumSet.of(
            Permission.TICKET_READ, Permission.TICKET_CREATE, Permission.TICKET_REPLY, Permission.TICKET_NOTE,
            Permission.TICKET_UPDATE, Permission.TICKET_LINK, Permission.CUSTOMER_READ, Permission.CUSTOMER_WRITE), false);

    public Role {
        Checks.token(name, "role name", NAME);
        Objects.requireNonNull(permissions, "permissions");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public static Role of(String name, boolean teamScoped, Permission... permissions) {
        return new Role(name, Set.of(permissions), teamScoped);
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }
}
