package dev.ticketkit.commerce.aftersales;

/** What the buyer asks for. */
public enum CaseType {
    /** Money back, the goods stay with the buyer (never shipped, or not worth returning). */
    REFUND_ONLY,
    /** The buyer ships the goods back; money back once the warehouse has them. */
    RETURN_AND_REFUND,
    /** The buyer ships the goods back; the shop ships a replacement. */
    EXCHANGE,
    /** The shop ships again (lost or missing parcel); nothing comes back. */
    REISSUE
}
