package dev.ticketkit.commerce.returns;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link ReturnPolicy} decided about a {@link ReturnRequest}, and why.
 *
 * <p>The clause is a short stable key for programs (count refusals by clause, pick a reply template):
 *
 * <table>
 *   <caption>Clauses</caption>
 *   <tr><th>clause</th><th>decides</th></tr>
 *   <tr><td>{@code no_reason.window}</td><td>a no-reason request by the policy's default window</td></tr>
 *   <tr><td>{@code category.<name>.window}</td><td>by the category's own no-reason window</td></tr>
 *   <tr><td>{@code tier.<name>.window}</td><td>by the member tier's no-reason window (it was the most generous)</td></tr>
 *   <tr><td>{@code category.<name>.excluded}</td><td>refused: the category is never returned without a reason</td></tr>
 *   <tr><td>{@code category.<name>.opened}</td><td>refused: the category is returned without a reason only unopened</td></tr>
 *   <tr><td>{@code no_reason.remedies}</td><td>refused: the remedy is not offered without a reason (a repair)</td></tr>
 *   <tr><td>{@code quality.<remedy>.window}</td><td>a quality-problem return, exchange or repair by its window</td></tr>
 * </table>
 *
 * @param allowed              whether the request is allowed
 * @param clause               the clause that allowed or refused it, such as {@code tier.VIP.window}
 * @param explanation          the same in an English sentence for agents and logs, such as {@code no-reason
 *                             returns of category fresh are excluded}; it names categories and tiers, never the
 *                             buyer
 * @param deadline             the last instant of the window that applied, or null when no window applied (a
 *                             category's exclusion, an item not yet signed for)
 * @param returnShippingPaidBy who pays for the parcel back under the policy for the request's reason (also given
 *                             when the request is refused)
 */
public record ReturnDecision(boolean allowed, String clause, String explanation, Instant deadline,
                             ShippingPayer returnShippingPaidBy) {
    public ReturnDecision {
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(returnShippingPaidBy, "returnShippingPaidBy");
        if (clause.isBlank()) {
            throw new IllegalArgumentException("clause must not be blank");
        }
    }
}
