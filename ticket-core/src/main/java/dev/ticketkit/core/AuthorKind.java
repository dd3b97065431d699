package dev.ticketkit.core;

/** Who wrote a message. */
public enum AuthorKind {
    CUSTOMER, AGENT, SYSTEM
}
