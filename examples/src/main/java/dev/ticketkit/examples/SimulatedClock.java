package dev.ticketkit.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when the simulation moves it, so a whole day runs in seconds and every timestamp
 * the engine records is reproducible. It never runs backwards (the engine's time-ordered ids and due work
 * assume that). Thread-safe; {@link #withZone} returns a view that follows this clock's moves.
 */
public final class SimulatedClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public SimulatedClock(Instant start, ZoneId zone) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), zone);
    }

    private SimulatedClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Moves the clock forward by {@code step} (zero is allowed). */
    public void advance(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative()) {
            throw new IllegalArgumentException("the simulated clock never runs backwards");
        }
        now.updateAndGet(t -> t.plus(step));
    }

    /** Moves the clock to {@code instant}; an instant in the past is an IllegalArgumentException. */
    public void advanceTo(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        now.updateAndGet(t -> {
            if (instant.isBefore(t)) {
                throw new IllegalArgumentException("the simulated clock never runs backwards");
            }
            return instant;
        });
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new SimulatedClock(now, other);
    }

    @Override
    public String toString() {
        return "SimulatedClock[" + now.get() + ", " + zone + "]";
    }
}
