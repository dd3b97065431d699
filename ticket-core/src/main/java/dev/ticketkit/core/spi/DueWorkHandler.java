package dev.ticketkit.core.spi;

/**
 * Runs due work of one type, registered with {@code TicketEngine.builder().dueWorkHandler(type, handler)}.
 * The handler runs inside a transaction that also completes the work item: if it returns normally,
 * everything it did and the completion commit together; if it throws, nothing it did is kept and the item
 * is retried later with backoff. Must be thread-safe.
 */
@FunctionalInterface
public interface DueWorkHandler {
    void handle(DueWorkContext context) throws Exception;
}
