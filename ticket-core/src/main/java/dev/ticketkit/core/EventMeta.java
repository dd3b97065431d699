package dev.ticketkit.core;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every ticket event carries: which ticket, at which version, who, and when.
 *
 * @param eventId       unique, time-ordered id of the event (for de-duplication downstream)
 * @param tenantId      the tenant
 * @param ticketId      the ticket
 * @param ticketVersion the ticket's version after the command that produced the event
 * @param actor         who caused it (a hook's changes are recorded as {@code SYSTEM:<hook name>})
 * @param occurredAt    when (the command's time)
 */
public record EventMeta(UUID eventId, TenantId tenantId, TicketId ticketId, long ticketVersion, ActorRef actor, Instant occurredAt) {
    public EventMeta {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (ticketVersion < 1) {
            throw new IllegalArgumentException("ticketVersion must be positive");
        }
    }
}
