package dev.ticketkit.core.spi;

import dev.ticketkit.core.TicketEngine;

/**
 * The one way a feature module (SLA, rules, routing, classification, commerce, ...) plugs into an engine.
 *
 * <pre>{@code
 * TicketEngine engine = TicketEngine.builder()
 *         .store(store).clock(clock)
 *         .calendar("cn-service", serviceHours)        // shared by every module
 *         .module(classification)                       // installed in this order:
 *         .module(rules)                                //   each module's hooks run after the previous module's
 *         .module(router)
 *         .module(sla)
 *         .build();                                     // install(..) on each, then bind(engine) on each
 * }</pre>
 *
 * <p>{@link TicketEngine.Builder#build()} calls {@link #install} on every module in the order they were added
 * (interleaved with hooks the host added directly, in call order), then builds the engine, then calls
 * {@link #bind} on every module in the same order. A module takes the engine's clock, calendars, limits and
 * facts from the {@link ModuleContext} and never defaults to its own. The recommended order is: fact sources
 * (commerce) first, then classification, rules, routing, SLA: each hook sees the changes of the hooks before it
 * in the same command, so rules see the classifier's tags, the router sees the rules' team, and SLA sees the
 * final priority and status.
 *
 * <p>A module instance is installed on one engine only; installing it again is an {@link IllegalStateException}.
 */
public interface TicketModule {

    /** A short name for logs and errors, such as {@code sla} or {@code rules}. */
    String name();

    /** Registers the module's hooks, listeners, due-work handlers and fact sources. Called once, during build. */
    void install(ModuleContext context);

    /** Called once with the built engine, after every module was installed (e.g. to command it later). */
    default void bind(TicketEngine engine) {
    }
}
