package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.CustomerId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A compensation on a ticket, as its events say it is now. Read-only: compensations change through
 * {@link Compensations}.
 *
 * @param id             the compensation's id on its ticket ({@code CP1}, {@code CP2}, ...)
 * @param kind           coupon, partial refund or points
 * @param state          where it is
 * @param amount         what it gives (money or points, by kind)
 * @param reason         why, as the requester wrote it
 * @param customer       who receives it: the ticket's requester when it was asked for
 * @param requestedBy    who asked for it
 * @param approvedBy     who decided it (the requester when it was within their limit), while it is approved or
 *                       granted; null otherwise
 * @param idempotencyKey the key the gateway and the ledger know it by ({@code <tenant>/<ticket>/<id>})
 * @param receiptId      the host's id of the grant (a coupon code, a refund id), once granted; null otherwise
 * @param steps          every move, oldest first (the first is the request)
 */
public record Compensation(String id, CompensationKind kind, CompensationState state, CompensationAmount amount,
                           String reason, CustomerId customer, ActorRef requestedBy, ActorRef approvedBy,
                           String idempotencyKey, String receiptId, List<CompensationStep> steps) {
    public Compensation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        steps = List.copyOf(steps);
    }

    /** Who decided it, once approved. */
    public Optional<ActorRef> approver() {
        return Optional.ofNullable(approvedBy);
    }

    /** The host's id of the grant, once granted. */
    public Optional<String> receipt() {
        return Optional.ofNullable(receiptId);
    }
}
