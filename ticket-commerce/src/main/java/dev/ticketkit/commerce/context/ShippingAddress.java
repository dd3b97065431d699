package dev.ticketkit.commerce.context;

import java.util.Objects;

/**
 * Where an order ships to. Personal data: {@link #toString()} shows the region only, so an address never reaches a
 * log line or an exception message through string conversion.
 *
 * @param recipient the recipient's name
 * @param phone     the recipient's phone
 * @param region    province, city and district, such as {@code 浙江省 杭州市 余杭区}
 * @param street    the street address
 */
public record ShippingAddress(String recipient, String phone, String region, String street) {
    public ShippingAddress {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(street, "street");
    }

    @Override
    public String toString() {
        return "ShippingAddress[region=" + region + "]";
    }
}
