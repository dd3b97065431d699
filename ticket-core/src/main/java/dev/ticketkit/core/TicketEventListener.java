package dev.ticketkit.core;

import java.util.List;

/**
 * Receives a command's events after it committed, on the thread that ran the command, in order.
 * A listener that throws is logged and skipped; other listeners and the command are unaffected.
 * Keep listeners fast; hand slow work to your own executor (or use a store's outbox).
 */
@FunctionalInterface
public interface TicketEventListener {
    void onEvents(List<TicketEvent> events);
}
