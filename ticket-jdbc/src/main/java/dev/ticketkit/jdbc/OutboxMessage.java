package dev.ticketkit.jdbc;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.jdbc.internal.Json;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as the outbox holds it, handed to an {@link OutboxConsumer}.
 *
 * @param sequence the outbox row's sequence: increasing in commit order of one ticket's events
 * @param eventId  the event's id, unique: consumers de-duplicate by it (delivery is at least once)
 * @param tenantId the tenant
 * @param ticketId the ticket
 * @param type     the event's stable type name, such as {@code status.changed}
 * @param payload  the event as self-describing JSON (its {@code type}, {@code v}, meta and components)
 * @param attempts how many deliveries of it failed before (counted from zero again when a dead letter is retried)
 */
public record OutboxMessage(long sequence, UUID eventId, TenantId tenantId, TicketId ticketId, String type, String payload,
        int attempts) {
    public OutboxMessage {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /** The payload decoded into the event it was written from. */
    public TicketEvent event() {
        return Json.readEvent(payload);
    }

    /** Ids and type only: the payload may hold customer text. */
    @Override
    public String toString() {
        return "OutboxMessage[" + sequence + " " + type + " event=" + eventId + " ticket=" + ticketId + " attempts=" + attempts + "]";
    }
}
