package dev.ticketkit.routing.assign;

import dev.ticketkit.core.TicketEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a router learns from its engine: the clock when it is installed, the engine itself when it is bound. The
 * parts of the router read both from here. Thread-safe: each is set once and read through a volatile field.
 */
final class EngineBinding {
    private final AtomicBoolean installed = new AtomicBoolean();
    private volatile Clock clock;
    private volatile TicketEngine engine;

    /**
     * Takes the engine's clock, once.
     *
     * @throws IllegalStateException if the router is already installed on an engine
     */
    void install(Clock engineClock) {
        Objects.requireNonNull(engineClock, "clock");
        if (!installed.compareAndSet(false, true)) {
            throw new IllegalStateException("the router is already installed on an engine");
        }
        clock = engineClock;
    }

    /**
     * Binds the engine, once.
     *
     * @throws IllegalStateException if an engine is already bound
     */
    synchronized void bind(TicketEngine e) {
        Objects.requireNonNull(e, "engine");
        if (engine != null) {
            throw new IllegalStateException("the router is already bound to an engine");
        }
        engine = e;
    }

    /**
     * The engine's time.
     *
     * @throws IllegalStateException if the router is not installed yet
     */
    Instant now() {
        Clock c = clock;
        if (c == null) {
            throw new IllegalStateException("install the router on an engine first (TicketEngine.Builder.module)");
        }
        return c.instant();
    }

    /**
     * The bound engine.
     *
     * @throws IllegalStateException if none is bound yet
     */
    TicketEngine engine() {
        TicketEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("bind(engine) first");
        }
        return e;
    }

    /** The bound engine, or null before {@link #bind}. */
    TicketEngine engineOrNull() {
        return engine;
    }
}
