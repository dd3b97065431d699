package dev.ticketkit.core.spi;

import dev.ticketkit.core.Calendars;
import dev.ticketkit.core.Limits;
import dev.ticketkit.core.TicketEventListener;
import java.time.Clock;

/**
 * What a {@link TicketModule} gets while it is installed: the engine's settings to take (clock, calendars,
 * limits, node id) and the registrations it may make. Valid only during {@link TicketModule#install}.
 */
public interface ModuleContext {

    /** The engine's clock: modules take it, never the system clock. */
    Clock clock();

    /** The engine's business calendars by name ({@code 24x7} always). */
    Calendars calendars();

    /** The engine's input limits. */
    Limits limits();

    /** This node's name in due-work claims. */
    String nodeId();

    /** Adds a hook; it runs after the hooks added before it. */
    ModuleContext hook(CommandHook hook);

    /** Adds a listener for committed events. */
    ModuleContext listener(TicketEventListener listener);

    /** Registers the handler of a due-work type; one handler per type in the whole engine. */
    ModuleContext dueWorkHandler(String type, DueWorkHandler handler);

    /** Adds a source of facts for conditions (one per namespace in the whole engine). */
    ModuleContext factSource(FactSource source);

    /**
     * Registers what readers see of stored messages (masking personal data); at most one module may.
     *
     * @throws IllegalStateException if another module registered one
     */
    ModuleContext messageProtection(MessageProtection protection);
}
