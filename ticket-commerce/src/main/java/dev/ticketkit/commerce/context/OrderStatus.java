package dev.ticketkit.commerce.context;

import java.util.Locale;

/** Where an order is, in the words every platform shares; a fact as {@code order.status} (lower case). */
public enum OrderStatus {
    /** Placed, not paid. */
    PENDING_PAYMENT,
    /** Paid, not shipped. */
    PAID,
    /** Handed to the carrier. */
    SHIPPED,
    /** The buyer signed for the parcel (the start of the no-reason return window). */
    SIGNED,
    /** Confirmed by the buyer or automatically after signing. */
    COMPLETED,
    /** A refund is in progress on the platform. */
    REFUNDING,
    /** Cancelled before shipping, or closed after a full refund. */
    CLOSED;

    /** The fact text: {@code paid}, {@code signed}, ... */
    public String fact() {
        return name().toLowerCase(Locale.ROOT);
    }
}
