package dev.ticketkit.core.internal;

import dev.ticketkit.core.Limits;
import dev.ticketkit.core.TicketEventListener;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWorkHandler;
import dev.ticketkit.core.spi.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The engine's effective configuration, as the builder resolved it. */
public record EngineSettings(
        TicketStore store,
        boolean ownsStore,
        Clock clock,
        Limits limits,
        String numberPrefix,
        int ticketNumberBlock,
        String nodeId,
        int maxConflictRetries,
        Duration dueWorkPollInterval,
        Duration dueWorkLease,
        int dueWorkBatchSize,
        int dueWorkMaxAttempts,
        List<CommandHook> hooks,
        List<TicketEventListener> listeners,
        Map<String, DueWorkHandler> dueWorkHandlers,
        dev.ticketkit.core.Calendars calendars,
        dev.ticketkit.core.condition.FactCatalog facts,
        List<String> modules,
        dev.ticketkit.core.spi.MessageProtection messageProtection) {

    /** A one-line description for the log (no secrets, no data). */
    String describe() {
        return "store=" + store.getClass().getSimpleName() + ", clock=" + clock + ", numberPrefix=" + numberPrefix
                + ", ticketNumberBlock=" + ticketNumberBlock + ", nodeId=" + nodeId + ", maxConflictRetries=" + maxConflictRetries
                + ", dueWorkPollInterval=" + dueWorkPollInterval + ", dueWorkLease=" + dueWorkLease
                + ", dueWorkBatchSize=" + dueWorkBatchSize + ", dueWorkMaxAttempts=" + dueWorkMaxAttempts
                + ", modules=" + modules + ", calendars=" + calendars.names() + ", facts=" + facts.namespaces()
                + ", hooks=" + hooks.stream().map(CommandHook::name).toList()
                + ", listeners=" + listeners.size() + ", dueWorkHandlers=" + dueWorkHandlers.keySet()
                + ", limits=" + limits;
    }
}
