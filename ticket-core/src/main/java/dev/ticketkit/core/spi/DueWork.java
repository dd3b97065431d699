package dev.ticketkit.core.spi;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A timed task the engine runs when it is due: an SLA warning or breach, a time-based automation. Unique per
 * tenant by {@code key}: scheduling the same key again replaces the earlier entry (reschedule). Run by the
 * {@link DueWorkHandler} registered for its {@code type}.
 *
 * @param tenantId the tenant
 * @param key      unique per tenant, 1 to 200 characters, such as {@code sla:<ticket>:first_reply:breach}
 * @param type     selects the handler, such as {@code sla.breach}
 * @param ticketId the ticket it concerns, or null
 * @param dueAt    when it is due
 * @param payload  handler data (often JSON), "" if none
 * @param attempts how many times it failed before (0 for new work)
 */
public record DueWork(TenantId tenantId, String key, String type, TicketId ticketId, Instant dueAt, String payload, int attempts) {
    public DueWork {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(key, "key");
        if (key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("due work key must be 1 to 200 characters");
        }
        Objects.requireNonNull(type, "type");
        if (type.isBlank() || type.length() > 64) {
            throw new IllegalArgumentException("due work type must be 1 to 64 characters");
        }
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(payload, "payload");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /** New work with no payload. */
    public static DueWork of(TenantId tenantId, String key, String type, TicketId ticketId, Instant dueAt) {
        return new DueWork(tenantId, key, type, ticketId, dueAt, "", 0);
    }

    public DueWork withPayload(String newPayload) {
        return new DueWork(tenantId, key, type, ticketId, dueAt, newPayload, attempts);
    }

    public Optional<TicketId> ticket() {
        return Optional.ofNullable(ticketId);
    }
}
