package dev.ticketkit.core;

import java.util.regex.Pattern;

/**
 * A reference to an order in the host's or a marketplace's system.
 *
 * @param platform where the order lives, such as {@code TAOBAO}, {@code JD}, {@code SHOPIFY} or {@code ERP}
 * @param orderId  the order's id there, 1 to 64 visible characters
 */
public record OrderRef(String platform, String orderId) {
    private static final Pattern PLATFORM = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Pattern ORDER = Pattern.compile("[\\p{Graph}]{1,64}");

    public OrderRef {
        Checks.token(platform, "order platform", PLATFORM);
        Checks.token(orderId, "order id", ORDER);
    }

    public static OrderRef of(String platform, String orderId) {
        return new OrderRef(platform, orderId);
    }
}
