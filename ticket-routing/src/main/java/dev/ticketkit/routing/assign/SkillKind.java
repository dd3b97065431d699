package dev.ticketkit.routing.assign;

/** The kinds of skill a ticket may need; a queue relaxes them one kind at a time as the ticket waits. */
public enum SkillKind {
    /** The customer's language ({@code lang:zh} tag → the agent's languages contain {@code zh}). */
    LANGUAGE,
    /** A skill for one of the ticket's categories ({@code category:refund} → skill {@code refund}); any one suffices. */
    CATEGORY,
    /** A skill for the customer's tier (VIP customers → skill {@code vip}). */
    TIER
}
