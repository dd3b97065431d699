package dev.ticketkit.core;

/** An agent's presence; only {@link #ONLINE} agents are pushed new work by routing. */
public enum Presence {
    ONLINE, AWAY, OFFLINE
}
