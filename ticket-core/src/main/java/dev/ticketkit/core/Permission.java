package dev.ticketkit.core;

/** What an actor may do. Roles grant permissions; {@link Role#teamScoped()} limits them to the actor's teams. */
public enum Permission {
    /** Read tickets and their public messages. */
    TICKET_READ,
    /** Create tickets. */
    TICKET_CREATE,
    /** Add public replies. */
    TICKET_REPLY,
    /** Add and read internal notes. */
    TICKET_NOTE,
    /** Change status, priority, type, subject, tags, custom fields and order references. */
    TICKET_UPDATE,
    /** Assign and unassign, and move tickets between teams. */
    TICKET_ASSIGN,
    /** Link tickets and create child tasks. */
    TICKET_LINK,
    /** Merge tickets. */
    TICKET_MERGE,
    /** Run bulk updates. */
    TICKET_BULK,
    /** Read a ticket's audit trail. */
    AUDIT_READ,
    /** Read customers. */
    CUSTOMER_READ,
    /** Create and change customers. */
    CUSTOMER_WRITE,
    /** Manage agents, teams and custom field definitions. */
    ADMIN
}
