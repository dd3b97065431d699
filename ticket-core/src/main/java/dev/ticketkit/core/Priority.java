package dev.ticketkit.core;

/** A ticket's priority, in increasing urgency. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
