package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.commerce.Money;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.OrderRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An after-sales case on a ticket, as its events say it is now. Read-only: cases change through {@link AfterSales}.
 *
 * @param id             the case's id on its ticket ({@code C1}, {@code C2}, ...)
 * @param type           what the buyer asked for
 * @param state          where it is
 * @param order          the order it is about (one the ticket references)
 * @param requested      the amount asked back (zero for an exchange or a reissue)
 * @param refunded       what went back so far
 * @param requestedBy    who opened it
 * @param reverseWaybill the waybill the buyer shipped the goods back under, if any
 * @param inspection     what the warehouse found, if it has received the goods
 * @param steps          every move, oldest first (the first is the request)
 * @param refundKeys     the idempotency keys of the refunds paid through the {@link RefundGateway}
 * @param policyDecision what the shop's return policy decided when the case was opened with a reason, or null
 */
public record AfterSalesCase(String id, CaseType type, CaseState state, OrderRef order, Money requested, Money refunded,
                             ActorRef requestedBy, String reverseWaybill, Inspection inspection, List<CaseStep> steps,
                             java.util.Set<String> refundKeys,
                             dev.ticketkit.commerce.returns.ReturnDecision policyDecision) {
    public AfterSalesCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(refunded, "refunded");
        Objects.requireNonNull(requestedBy, "requestedBy");
        steps = List.copyOf(steps);
        refundKeys = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(refundKeys));
    }

    /** The return policy's decision, for a case opened with a reason. */
    public Optional<dev.ticketkit.commerce.returns.ReturnDecision> policy() {
        return Optional.ofNullable(policyDecision);
    }

    /** The reverse waybill, once the buyer shipped. */
    public Optional<String> returnWaybill() {
        return Optional.ofNullable(reverseWaybill);
    }

    /** The inspection, once the warehouse received the goods. */
    public Optional<Inspection> inspected() {
        return Optional.ofNullable(inspection);
    }

    /** What may still be refunded on this case: requested less refunded. */
    public Money refundable() {
        return requested.minus(refunded);
    }
}
