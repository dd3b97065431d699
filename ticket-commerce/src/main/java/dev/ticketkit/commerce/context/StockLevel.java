package dev.ticketkit.commerce.context;

import java.util.Objects;

/**
 * The stock of one SKU in one warehouse (for exchanges and reissues).
 *
 * @param sku       the SKU
 * @param warehouse the warehouse's code
 * @param available units that can be promised, zero or more
 */
public record StockLevel(String sku, String warehouse, int available) {
    public StockLevel {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(warehouse, "warehouse");
        if (available < 0) {
            throw new IllegalArgumentException("available must not be negative");
        }
    }
}
