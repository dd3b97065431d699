package dev.ticketkit.routing;

import java.util.Locale;
import java.util.Optional;

/** What an e-commerce inquiry is about. A message may be about several at once. */
public enum Category {
    /** Where is my order: shipping, tracking, delivery, lost or late parcels. */
    LOGISTICS("logistics"),
    /** Refunds and returns (退款、退货). */
    REFUND("refund"),
    /** Exchanges: another size, colour or a replacement (换货). */
    EXCHANGE("exchange"),
    /** Broken, damaged, defective, fake or wrong items (质量问题). */
    QUALITY("quality"),
    /** Paying: failed payments, double charges, payment methods. */
    PAYMENT("payment"),
    /** Invoices, receipts, VAT and tax ids (发票). */
    INVOICE("invoice"),
    /** Changing the delivery address or recipient of an order. */
    ADDRESS_CHANGE("address_change"),
    /** Questions before buying: stock, sizes, prices, coupons, pre-orders (售前). */
    PRE_SALE("pre_sale"),
    /** Complaints about the shop, the service or an agent (投诉). */
    COMPLAINT("complaint");

    private final String id;

    Category(String id) {
        this.id = id;
    }

    /** The lower-case id used in tags, configuration files and data sets, such as {@code address_change}. */
    public String id() {
        return id;
    }

    /** The category with this id (case-insensitive), if any. */
    public static Optional<Category> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String k = id.strip().toLowerCase(Locale.ROOT);
        for (Category c : values()) {
            if (c.id.equals(k)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
