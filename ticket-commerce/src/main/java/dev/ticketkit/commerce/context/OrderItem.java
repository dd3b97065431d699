package dev.ticketkit.commerce.context;

import dev.ticketkit.commerce.Money;
import java.util.Objects;

/**
 * One line of an order.
 *
 * @param sku      the stock-keeping unit
 * @param title    the product title as sold
 * @param category the shop's category key, such as {@code apparel} or {@code fresh_food} (return policies decide
 *                 by it)
 * @param quantity 1 or more
 * @param price    the unit price paid
 */
public record OrderItem(String sku, String title, String category, int quantity, Money price) {
    public OrderItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(price, "price");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }
}
