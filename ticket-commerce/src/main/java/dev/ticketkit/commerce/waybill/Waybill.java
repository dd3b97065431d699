package dev.ticketkit.commerce.waybill;

import java.util.Objects;

/**
 * A waybill number found in a text.
 *
 * @param carrier the carrier it belongs to
 * @param number  the number, upper case, as the carrier prints it
 * @param start   where it starts in the text (a char index)
 * @param end     where it ends (exclusive)
 */
public record Waybill(Carrier carrier, String number, int start, int end) {
    public Waybill {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(number, "number");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
