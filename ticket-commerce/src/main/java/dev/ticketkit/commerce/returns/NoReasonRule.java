package dev.ticketkit.commerce.returns;

/**
 * Whether a category may be returned without a reason; in a policy file the category's {@code no_reason} key:
 * {@code true}, {@code false} or {@code if_unopened}.
 */
public enum NoReasonRule {
    /** No-reason returns within the window ({@code no_reason: true}, the rule of a category a policy does not name). */
    ALLOWED,
    /**
     * Never returned without a reason ({@code no_reason: false}): made to order, fresh and perishable goods,
     * newspapers and periodicals.
     */
    EXCLUDED,
    /**
     * Returned without a reason only while sealed ({@code no_reason: if_unopened}): digital goods once downloaded or
     * unsealed, and goods the shop declared at sale as not returnable once opened or activated (cosmetics, ...).
     */
    IF_UNOPENED
}
