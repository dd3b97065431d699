package dev.ticketkit.commerce.context;

import java.util.Locale;

/** Where a parcel is; a fact as {@code logistics.status} (lower case). */
public enum ParcelStatus {
    /** Between the warehouse and the last station. */
    IN_TRANSIT,
    /** With the courier for delivery today. */
    OUT_FOR_DELIVERY,
    /** Signed for or left at a pick-up point. */
    DELIVERED,
    /** Stuck, damaged, lost or refused: the carrier reported a problem. */
    EXCEPTION,
    /** On its way back to the sender. */
    RETURNED;

    /** The fact text: {@code in_transit}, {@code delivered}, ... */
    public String fact() {
        return name().toLowerCase(Locale.ROOT);
    }
}
