package dev.ticketkit.core;

/** The actor lacks the permission for this command on this ticket. */
public class PermissionDeniedException extends TicketException {
    private final Permission permission;

    public PermissionDeniedException(ActorRef actor, Permission permission, Object target) {
        super(actor + " lacks " + permission + (target == null ? "" : " on " + target));
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }
}
