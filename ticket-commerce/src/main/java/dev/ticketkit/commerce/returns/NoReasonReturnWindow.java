package dev.ticketkit.commerce.returns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A no-reason return window: China's seven days ({@link #china()}), or a shop's own length (a VIP tier's 30 days).
 *
 * <p>The window starts on the day after the buyer signed for the parcel, in the shop's time zone, and ends at the
 * end of its last day: signed for on 11 November at any time, Shanghai, seven days run from 12 November 00:00 to
 * 18 November 24:00. Days are calendar days in the zone, so the edges are always at local midnight (in a zone with
 * daylight-saving time a day may have 23 or 25 hours). A request made before the parcel was signed for (a buyer
 * refusing delivery, or asking early) is inside the window.
 *
 * <pre>{@code
 * NoReasonReturnWindow w = NoReasonReturnWindow.china();
 * w.lastMoment(signedAt);          // 2026-11-18T15:59:59.999999999Z for a parcel signed 2026-11-11 in Shanghai
 * w.isOpen(signedAt, requestedAt);
 * }</pre>
 *
 * @param days the window's length in days, 1 to 365
 * @param zone the shop's time zone, whose midnights are the window's edges
 */
public record NoReasonReturnWindow(int days, ZoneId zone) {
    /** The zone of China's rules. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    public NoReasonReturnWindow {
        Objects.requireNonNull(zone, "zone");
        if (days < 1 || days > 365) {
            throw new IllegalArgumentException("a return window is 1 to 365 days, not " + days);
        }
    }

    /** China's seven-day no-reason returns, in Asia/Shanghai. */
    public static NoReasonReturnWindow china() {
        return new NoReasonReturnWindow(7, SHANGHAI);
    }

    /** A window of {@code days} days in a zone. */
    public static NoReasonReturnWindow of(int days, ZoneId zone) {
        return new NoReasonReturnWindow(days, zone);
    }

    /** The first instant of the window: midnight after the day the parcel was signed for. */
    public Instant firstMoment(Instant signedFor) {
        Objects.requireNonNull(signedFor, "signedFor");
        LocalDate signedOn = signedFor.atZone(zone).toLocalDate();
        return signedOn.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The last instant a request is inside the window: one nanosecond before midnight ending its last day. */
    public Instant lastMoment(Instant signedFor) {
        Objects.requireNonNull(signedFor, "signedFor");
        LocalDate signedOn = signedFor.atZone(zone).toLocalDate();
        return signedOn.plusDays(days + 1L).atStartOfDay(zone).toInstant().minusNanos(1);
    }

    /** Whether a request at {@code requestedAt} is inside the window of a parcel signed for at {@code signedFor}. */
    public boolean isOpen(Instant signedFor, Instant requestedAt) {
        Objects.requireNonNull(requestedAt, "requestedAt");
        return !requestedAt.isAfter(lastMoment(signedFor));
    }
}
