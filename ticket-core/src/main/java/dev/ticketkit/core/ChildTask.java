package dev.ticketkit.core;

import java.util.Objects;

/**
 * A task another team does for a ticket (after-sales asks the warehouse to confirm a returned parcel). The
 * child ticket has the parent's requester, the type {@code task}, the given team, and the request as its
 * first internal note; the two tickets are linked PARENT/CHILD.
 *
 * @param team     the team that should do it
 * @param subject  the child's subject
 * @param request  what is asked, as an internal note on the child
 * @param priority the child's priority, or null for the parent's
 */
public record ChildTask(TeamId team, String subject, String request, Priority priority) {
    public ChildTask {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(request, "request");
    }

    public static ChildTask of(TeamId team, String subject, String request) {
        return new ChildTask(team, subject, request, null);
    }
}
