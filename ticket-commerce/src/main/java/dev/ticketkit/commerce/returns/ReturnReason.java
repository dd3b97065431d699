package dev.ticketkit.commerce.returns;

/** Why the buyer wants to send an item back. */
public enum ReturnReason {
    /** No reason given: the no-reason window, the category exclusions and the tier overrides decide. */
    NO_REASON,
    /** The item is faulty or not as described: the quality-problem windows decide, whatever the category. */
    QUALITY_PROBLEM
}
