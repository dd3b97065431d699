package dev.ticketkit.commerce.returns;

import java.util.Locale;

/** What the buyer asks for. */
public enum Remedy {
    /** Send the item back for the money. */
    RETURN,
    /** Send the item back for another of the same. */
    EXCHANGE,
    /** Have the item repaired. */
    REPAIR;

    /** The remedy's word in policy files, clause keys and explanations: {@code return}, {@code exchange}, {@code repair}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
