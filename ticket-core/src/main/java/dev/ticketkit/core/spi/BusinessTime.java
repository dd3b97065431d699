package dev.ticketkit.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Open time on a calendar, as modules that are not the SLA module need it (rules measuring "pending for 72
 * business hours"). {@code dev.ticketkit.sla.BusinessCalendar} implements it; {@link #always()} is 24x7.
 * Implementations are immutable and thread-safe.
 */
public interface BusinessTime {

    /** The instant at which {@code amount} of open time has passed after {@code start}. */
    Instant plus(Instant start, Duration amount);

    /** The open time between two instants (zero if {@code to} is not after {@code from}). */
    Duration between(Instant from, Instant to);

    /** Whether the calendar is open at {@code t}. */
    boolean isOpen(Instant t);

    /** Round-the-clock time: plain instant arithmetic. */
    static BusinessTime always() {
        return Always.INSTANCE;
    }

    /** The 24x7 calendar. */
    enum Always implements BusinessTime {
        INSTANCE;

        @Override
        public Instant plus(Instant start, Duration amount) {
            Objects.requireNonNull(start, "start");
            if (amount.isNegative()) {
                throw new IllegalArgumentException("amount must not be negative");
            }
            return start.plus(amount);
        }

        @Override
        public Duration between(Instant from, Instant to) {
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }

        @Override
        public boolean isOpen(Instant t) {
            return true;
        }
    }
}
