package dev.ticketkit.core;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named set of permissions and the tickets it grants them on ({@link Scope}): every ticket of the tenant; the
 * actor's teams' tickets, tickets with no team and tickets assigned to the actor; or only the actor's teams'
 * tickets and tickets assigned to the actor. Permissions are an open set ({@link Permission#of}): a host's or a module's own
 * ({@code refund.approve}) are granted the same way as the built-in ones.
 *
 * <table>
 * <caption>The built-in roles</caption>
 * <tr><th>role</th><th>scope</th><th>grants</th></tr>
 * <tr><td>{@link #ADMIN}</td><td>tenant</td><td>{@link Permission#ALL}: everything, also permissions defined later</td></tr>
 * <tr><td>{@link #SUPERVISOR}</td><td>tenant</td><td>every built-in permission but {@code admin}</td></tr>
 * <tr><td>{@link #AGENT}</td><td>teams</td><td>read, create, reply, note, update, status, assign, link, merge
 *     (same requester), bulk, audit, customers</td></tr>
 * <tr><td>{@link #LIGHT_AGENT}</td><td>own teams only (not unteamed tickets)</td><td>read, note and status (e.g.
 *     warehouse staff: read the task they were given, note on it and solve it)</td></tr>
 * <tr><td>{@link #CUSTOMER}</td><td>own tickets</td><td>read, create, reply (a reply still reopens a solved
 *     ticket; changing the status otherwise needs {@code ticket.status})</td></tr>
 * <tr><td>{@link #INTEGRATION}</td><td>tenant</td><td>read, create, reply, note, update, status, link,
 *     customers</td></tr>
 * </table>
 *
 * <p>Child tasks: whoever may read a ticket may also read, note on and read the audit trail of its child tasks
 * (after-sales follows the warehouse task it opened), whatever team the task is in.
 *
 * @param name        the role's name
 * @param permissions what it allows
 * @param scope       on which tickets it allows it
 */
public record Role(String name, Set<Permission> permissions, Scope scope) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Everything, on every ticket of the tenant, including permissions modules and hosts define. */
    public static final Role ADMIN = new Role("admin", Set.of(Permission.ALL), Scope.TENANT);
    /** Every built-in permission but administration, on every ticket of the tenant. */
    public static final Role SUPERVISOR = new Role("supervisor", without(Permission.builtIn(), Permission.ADMIN), Scope.TENANT);
    /** Day-to-day ticket work, on the agent's own teams' tickets. */
    public static final Role AGENT = new Role("agent", Set.of(
            Permission.TICKET_READ, Permission.TICKET_CREATE, Permission.TICKET_REPLY, Permission.TICKET_NOTE,
            Permission.TICKET_UPDATE, Permission.TICKET_STATUS, Permission.TICKET_ASSIGN, Permission.TICKET_LINK,
            Permission.TICKET_MERGE, Permission.TICKET_BULK, Permission.AUDIT_READ, Permission.CUSTOMER_READ,
            Permission.CUSTOMER_WRITE), Scope.TEAMS);
    /**
     * Reads its teams' tickets, writes internal notes and moves their status, nothing else (e.g. warehouse staff
     * who confirm a returned parcel on the task they were given and solve it).
     */
    public static final Role LIGHT_AGENT = new Role("light-agent", Set.of(
            Permission.TICKET_READ, Permission.TICKET_NOTE, Permission.TICKET_STATUS, Permission.CUSTOMER_READ), Scope.OWN_TEAMS);
    /** What a customer may do, on their own tickets only. */
    public static final Role CUSTOMER = new Role("customer", Set.of(
            Permission.TICKET_READ, Permission.TICKET_CREATE, Permission.TICKET_REPLY), Scope.TENANT);
    /** A channel integration: creates tickets and customers and adds messages on customers' behalf. */
    public static final Role INTEGRATION = new Role("integration", Set.of(
            Permission.TICKET_READ, Permission.TICKET_CREATE, Permission.TICKET_REPLY, Permission.TICKET_NOTE,
            Permission.TICKET_UPDATE, Permission.TICKET_STATUS, Permission.TICKET_LINK, Permission.CUSTOMER_READ,
            Permission.CUSTOMER_WRITE), Scope.TENANT);

    /** On which tickets of the tenant a role grants its permissions (customers: always only their own). */
    public enum Scope {
        /** Every ticket of the tenant. */
        TENANT,
        /** Tickets of the actor's teams, tickets with no team, and tickets assigned to the actor. */
        TEAMS,
        /** Tickets of the actor's teams and tickets assigned to the actor; not tickets with no team. */
        OWN_TEAMS
    }

    public Role {
        Checks.token(name, "role name", NAME);
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(scope, "scope");
        permissions = Set.copyOf(permissions);
    }

    /** A role that is team-scoped ({@link Scope#TEAMS}) or not ({@link Scope#TENANT}). */
    public Role(String name, Set<Permission> permissions, boolean teamScoped) {
        this(name, permissions, teamScoped ? Scope.TEAMS : Scope.TENANT);
    }

    public static Role of(String name, boolean teamScoped, Permission... permissions) {
        return new Role(name, Set.copyOf(Arrays.asList(permissions)), teamScoped);
    }

    public static Role of(String name, Scope scope, Permission... permissions) {
        return new Role(name, Set.copyOf(Arrays.asList(permissions)), scope);
    }

    /** Whether the role is limited to the actor's teams (any scope but {@link Scope#TENANT}). */
    public boolean teamScoped() {
        return scope != Scope.TENANT;
    }

    /** Whether the role grants the permission: it holds it, or it holds {@link Permission#ALL}. */
    public boolean grants(Permission permission) {
        return permissions.contains(permission) || permissions.contains(Permission.ALL);
    }

    /** A copy that also grants these permissions (e.g. {@code Role.AGENT.with(Permission.of("refund.request"))}). */
    public Role with(String newName, Permission... more) {
        Set<Permission> all = new HashSet<>(permissions);
        all.addAll(Arrays.asList(more));
        return new Role(newName, all, scope);
    }

    private static Set<Permission> without(Set<Permission> all, Permission removed) {
        Set<Permission> s = new HashSet<>(all);
        s.remove(removed);
        return s;
    }
}
