package dev.ticketkit.routing.assign;

/** How a team queue picks among the agents who may take a ticket (online, under capacity, with the skills). */
public enum AssignmentStrategy {
    /** The next eligible agent after the one who got the previous ticket of this queue. */
    ROUND_ROBIN,
    /**
     * The eligible agent with the lowest load for the ticket's channel, as a share of their capacity for it
     * (3 of 5 chats is 0.6); ties go round robin.
     */
    LEAST_LOADED
}
