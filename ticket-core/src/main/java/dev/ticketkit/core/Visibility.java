package dev.ticketkit.core;

/** Whether a message is a public reply the customer sees, or an internal note only agents see. */
public enum Visibility {
    PUBLIC, INTERNAL
}
