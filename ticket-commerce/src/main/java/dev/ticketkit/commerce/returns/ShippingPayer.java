package dev.ticketkit.commerce.returns;

import java.util.Locale;

/** Who pays for the parcel back to the shop. */
public enum ShippingPayer {
    /** The buyer (China's rule for no-reason returns, unless shipping insurance or the shop covers it). */
    BUYER,
    /** The shop (the rule for quality problems). */
    SHOP;

    /** The payer's word in policy files and explanations: {@code buyer}, {@code shop}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
