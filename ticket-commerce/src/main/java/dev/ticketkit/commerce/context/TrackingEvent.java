package dev.ticketkit.commerce.context;

import java.time.Instant;
import java.util.Objects;

/**
 * One scan of a parcel.
 *
 * @param at          when the carrier recorded it
 * @param status      the parcel's status after it
 * @param description the carrier's text, such as {@code 【杭州市】已签收}
 */
public record TrackingEvent(Instant at, ParcelStatus status, String description) {
    public TrackingEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(description, "description");
    }
}
