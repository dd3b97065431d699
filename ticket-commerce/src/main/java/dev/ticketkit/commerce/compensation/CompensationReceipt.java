package dev.ticketkit.commerce.compensation;

import java.util.Objects;

/**
 * What the {@link CompensationGateway} gave.
 *
 * @param id the host's id of the grant: a coupon code, a refund id, a points transaction id (recorded on the ticket;
 *           not a secret)
 */
public record CompensationReceipt(String id) {
    public CompensationReceipt {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("a receipt id is 1 to 200 characters");
        }
    }

    /** A receipt with the host's id. */
    public static CompensationReceipt of(String id) {
        return new CompensationReceipt(id);
    }
}
