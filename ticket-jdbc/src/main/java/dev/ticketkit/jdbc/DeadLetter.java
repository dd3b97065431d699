package dev.ticketkit.jdbc;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An outbox event whose delivery failed {@link OutboxRelay.Builder#maxAttempts(int) maxAttempts} times and that the
 * relay set aside, so that its ticket's later events and everything else could go on. It stays until the host
 * {@linkplain OutboxRelay#retry(UUID) retries} or {@linkplain OutboxRelay#discard(UUID) discards} it. The event's
 * payload stays in the database and is not part of this record (it may hold customer text).
 *
 * @param eventId       the event's id: the dead letter's id for {@code retry} and {@code discard}
 * @param sequence      the outbox row's sequence (its place among its ticket's events)
 * @param tenantId      the tenant
 * @param ticketId      the ticket
 * @param type          the event's type name, such as {@code status.changed}
 * @param attempts      failed deliveries in all
 * @param errorClass    the class name of the exception the last delivery threw
 * @param errorReason   the first line of that exception's message, at most {@value OutboxRelay#MAX_ERROR_REASON}
 *                      characters (empty if it had none, or if it quoted the event's payload)
 * @param firstFailedAt when the first delivery failed
 * @param lastFailedAt  when the last delivery failed (and the event became a dead letter)
 */
public record DeadLetter(UUID eventId, long sequence, TenantId tenantId, TicketId ticketId, String type, int attempts,
        String errorClass, String errorReason, Instant firstFailedAt, Instant lastFailedAt) {
    public DeadLetter {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(errorReason, "errorReason");
        Objects.requireNonNull(firstFailedAt, "firstFailedAt");
        Objects.requireNonNull(lastFailedAt, "lastFailedAt");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be positive: " + attempts);
        }
    }

    /** Ids, type, attempts and the error's class; not the reason, which is the consumer's text. */
    @Override
    public String toString() {
        return "DeadLetter[" + sequence + " " + type + " event=" + eventId + " ticket=" + ticketId + " tenant=" + tenantId
                + " attempts=" + attempts + " error=" + errorClass + " lastFailedAt=" + lastFailedAt + "]";
    }
}
