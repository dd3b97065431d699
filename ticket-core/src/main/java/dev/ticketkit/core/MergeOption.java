package dev.ticketkit.core;

/** Options of {@link Tickets#merge(Actor, TicketId, TicketId, MergeOption...)}. */
public enum MergeOption {
    /**
     * Allow the source and the target to have different requesters. Without it such a merge is refused with a
     * {@link TicketValidationException}; with it the actor needs {@link Permission#TICKET_MERGE_ACROSS_REQUESTERS}.
     * Either way, the target's readers see a merged message only if they could read it on its own ticket: the
     * target's requester never sees the other requester's messages.
     */
    ACROSS_REQUESTERS
}
