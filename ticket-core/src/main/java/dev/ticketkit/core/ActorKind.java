package dev.ticketkit.core;

/** The kinds of actor that issue commands. */
public enum ActorKind {
    /** A human agent working tickets. */
    AGENT,
    /** A customer acting on their own tickets (a self-service portal or app). */
    CUSTOMER,
    /** TicketKit itself or the host's background jobs. */
    SYSTEM,
    /** A channel adapter or other machine integration. */
    INTEGRATION
}
