package dev.ticketkit.commerce.compensation;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a compensation is.
 *
 * <pre>
 * request within the requester's limit and budget  -&gt; APPROVED -&gt; GRANTED
 * request above them                               -&gt; PENDING_APPROVAL -&gt; APPROVED -&gt; GRANTED
 *                                                                      -&gt; REJECTED
 * APPROVED -&gt; PENDING_APPROVAL   only when the ledger refuses it at payment time (another grant took the budget
 *                               or the customer's cap first)
 * </pre>
 */
public enum CompensationState {
    /** Above what the requester may grant: waits for someone whose limit covers it. */
    PENDING_APPROVAL,
    /**
     * Decided (within the requester's limit, or by an approver), to be paid through the host's gateway. A
     * compensation stays here when the payment failed, until {@code Compensations.pay} (or the approver's approval
     * again) retries it with the same key.
     */
    APPROVED,
    /** Paid: the gateway's receipt is recorded. Final. */
    GRANTED,
    /** Refused by an approver, with a reason. Final. */
    REJECTED;

    /** The states this one may move to; empty for a final state. */
    public Set<CompensationState> allowed() {
        return switch (this) {
            case PENDING_APPROVAL -> EnumSet.of(APPROVED, REJECTED);
            case APPROVED -> EnumSet.of(GRANTED, PENDING_APPROVAL);
            case GRANTED, REJECTED -> EnumSet.noneOf(CompensationState.class);
        };
    }

    /** Whether nothing follows. */
    public boolean isFinal() {
        return allowed().isEmpty();
    }
}
