package dev.ticketkit.core;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an actor may do: an open set of named permissions. The engine's own are the constants below; modules and
 * hosts name theirs with {@link #of(String)} ({@code refund.approve}, {@code compensation.issue}), grant them
 * through {@link Role}s and check them with {@link Authorization}, so that a missing one is the same
 * {@link PermissionDeniedException} as a missing built-in one.
 *
 * <p>A name is lower-case dot-separated words of letters, digits, {@code _} and {@code -}, each starting with a
 * letter, at most {@value #MAX_LENGTH} characters: {@code ticket.read}, {@code refund.approve},
 * {@code pii.view}. Two permissions are equal when their names are.
 *
 * <p>Roles grant permissions; {@link Role#teamScoped()} limits them to the actor's teams. {@link Role#ADMIN}
 * holds {@link #ALL}, which grants every permission, including ones defined later.
 *
 * @param name the permission's name
 */
public record Permission(String name) implements Comparable<Permission> {
    /** The longest name. */
    public static final int MAX_LENGTH = 100;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*");
    private static final String ALL_NAME = "*";

    /** Read tickets and their public messages. */
    public static final Permission TICKET_READ = new Permission("ticket.read");
    /** Create tickets. */
    public static final Permission TICKET_CREATE = new Permission("ticket.create");
    /** Add public replies. */
    public static final Permission TICKET_REPLY = new Permission("ticket.reply");
    /** Add and read internal notes. */
    public static final Permission TICKET_NOTE = new Permission("ticket.note");
    /** Change priority, type, subject, tags, custom fields and order references. */
    public static final Permission TICKET_UPDATE = new Permission("ticket.update");
    /**
     * Change a ticket's status, however it is asked for: {@link Tickets#update}, {@link Tickets#changeStatus},
     * a message's {@link NewMessage#thenStatus} on a reply or a note, or the first message of a new ticket. The
     * lifecycle's own moves (an agent's first reply opening a new ticket, a customer's reply reopening a solved
     * one, a merge closing its source) need no permission beyond the command's.
     */
    public static final Permission TICKET_STATUS = new Permission("ticket.status");
    /** Assign and unassign, and move tickets between teams (also when creating a ticket or a child task). */
    public static final Permission TICKET_ASSIGN = new Permission("ticket.assign");
    /** Link tickets and create child tasks. */
    public static final Permission TICKET_LINK = new Permission("ticket.link");
    /** Merge tickets of the same requester. */
    public static final Permission TICKET_MERGE = new Permission("ticket.merge");
    /** Merge tickets of different requesters, when the merge says so ({@link MergeOption#ACROSS_REQUESTERS}). */
    public static final Permission TICKET_MERGE_ACROSS_REQUESTERS = new Permission("ticket.merge.across-requesters");
    /** Run bulk updates. */
    public static final Permission TICKET_BULK = new Permission("ticket.bulk");
    /** Read a ticket's audit trail. */
    public static final Permission AUDIT_READ = new Permission("audit.read");
    /** Read customers. */
    public static final Permission CUSTOMER_READ = new Permission("customer.read");
    /** Create and change customers. */
    public static final Permission CUSTOMER_WRITE = new Permission("customer.write");
    /** Manage agents, teams and custom field definitions. */
    public static final Permission ADMIN = new Permission("admin");
    /** Every permission, including those modules and hosts define: what {@link Role#ADMIN} holds. */
    public static final Permission ALL = new Permission(ALL_NAME);

    private static final Set<Permission> BUILT_IN = Set.of(TICKET_READ, TICKET_CREATE, TICKET_REPLY, TICKET_NOTE,
            TICKET_UPDATE, TICKET_STATUS, TICKET_ASSIGN, TICKET_LINK, TICKET_MERGE, TICKET_MERGE_ACROSS_REQUESTERS,
            TICKET_BULK, AUDIT_READ, CUSTOMER_READ, CUSTOMER_WRITE, ADMIN);

    /**
     * @throws IllegalArgumentException if the name is not a valid permission name
     */
    public Permission {
        Objects.requireNonNull(name, "name");
        if (!name.equals(ALL_NAME) && (name.length() > MAX_LENGTH || !NAME.matcher(name).matches())) {
            throw new IllegalArgumentException("a permission name is lower-case dot-separated words of [a-z0-9_-],"
                    + " each starting with a letter, at most " + MAX_LENGTH + " characters");
        }
    }

    /**
     * A permission by name, such as a module's or the host's own ({@code refund.approve}).
     *
     * @throws IllegalArgumentException if the name is not a valid permission name
     */
    public static Permission of(String name) {
        return new Permission(name);
    }

    /** The engine's own permissions (without {@link #ALL}). */
    public static Set<Permission> builtIn() {
        return BUILT_IN;
    }

    /** Whether this is {@link #ALL}. */
    public boolean isAll() {
        return name.equals(ALL_NAME);
    }

    @Override
    public int compareTo(Permission o) {
        return name.compareTo(o.name);
    }

    /** The name. */
    @Override
    public String toString() {
        return name;
    }
}
