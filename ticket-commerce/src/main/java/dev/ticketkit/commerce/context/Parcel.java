package dev.ticketkit.commerce.context;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A parcel's tracking as the host's logistics system (or a tracking aggregator) reports it.
 *
 * @param carrier the carrier's code, such as {@code SF} or {@code ZTO} (see {@code Carrier})
 * @param waybill the waybill number
 * @param events  the scans, in any order (kept oldest first)
 */
public record Parcel(String carrier, String waybill, List<TrackingEvent> events) {
    public Parcel {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(waybill, "waybill");
        events = events.stream().sorted(Comparator.comparing(TrackingEvent::at)).toList();
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a parcel has at least one tracking event");
        }
    }

    /** The latest scan. */
    public TrackingEvent last() {
        return events.get(events.size() - 1);
    }

    /** The status of the latest scan. */
    public ParcelStatus status() {
        return last().status();
    }

    /** When the carrier last reported anything. */
    public Instant lastUpdate() {
        return last().at();
    }

    /** Whole hours since the last scan at {@code now} (0 if the scan is in the future). */
    public long hoursSinceUpdate(Instant now) {
        return Math.max(0, Duration.between(lastUpdate(), now).toHours());
    }
}
