package dev.ticketkit.commerce.aftersales;

/** What the warehouse found in a returned parcel. */
public enum Inspection {
    /** The goods as sold, complete. */
    AS_EXPECTED,
    /** Damaged, by use or in transit. */
    DAMAGED,
    /** Parts, accessories or gifts missing. */
    MISSING_PARTS
}
