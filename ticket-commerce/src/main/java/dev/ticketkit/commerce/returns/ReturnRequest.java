package dev.ticketkit.commerce.returns;

import dev.ticketkit.core.MemberTier;
import java.time.Instant;
import java.util.Objects;

/**
 * A buyer's request to send one order item back, as a {@link ReturnPolicy} decides it.
 *
 * <pre>{@code
 * ReturnRequest r = ReturnRequest.noReason(Remedy.RETURN, item.category(), order.signedAt(), now)
 *         .withOpened(true)
 *         .withTier(member.tier());
 * }</pre>
 *
 * @param reason      why: no reason, or a quality problem
 * @param remedy      what the buyer wants: return, exchange or repair
 * @param category    the order item's category ({@code OrderItem.category()}); a category the policy does not name
 *                    follows its default rules
 * @param opened      whether the item was opened, unsealed, downloaded or activated
 * @param signedFor   when the buyer signed for the parcel, or null when not yet signed for (every window is then
 *                    still open)
 * @param requestedAt when the buyer asked
 * @param tier        the buyer's member tier, or null for none
 */
public record ReturnRequest(ReturnReason reason, Remedy remedy, String category, boolean opened, Instant signedFor,
                            Instant requestedAt, MemberTier tier) {
    /** The earliest instant a request takes (year 1, UTC). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant a request takes (the end of year 9999, UTC). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * @throws IllegalArgumentException for a blank category or an instant outside {@link #EARLIEST} to
     *                                  {@link #LATEST}
     */
    public ReturnRequest {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(remedy, "remedy");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (category.isBlank()) {
            throw new IllegalArgumentException("category must not be blank");
        }
        checkRange(requestedAt, "requestedAt");
        if (signedFor != null) {
            checkRange(signedFor, "signedFor");
        }
    }

    /** A no-reason request for an unopened item, without a member tier. */
    public static ReturnRequest noReason(Remedy remedy, String category, Instant signedFor, Instant requestedAt) {
        return new ReturnRequest(ReturnReason.NO_REASON, remedy, category, false, signedFor, requestedAt, null);
    }

    /** A quality-problem request for an unopened item, without a member tier. */
    public static ReturnRequest qualityProblem(Remedy remedy, String category, Instant signedFor,
                                               Instant requestedAt) {
        return new ReturnRequest(ReturnReason.QUALITY_PROBLEM, remedy, category, false, signedFor, requestedAt, null);
    }

    /** This request with the item opened (or not). */
    public ReturnRequest withOpened(boolean isOpened) {
        return new ReturnRequest(reason, remedy, category, isOpened, signedFor, requestedAt, tier);
    }

    /** This request from a member of {@code memberTier} (null for none). */
    public ReturnRequest withTier(MemberTier memberTier) {
        return new ReturnRequest(reason, remedy, category, opened, signedFor, requestedAt, memberTier);
    }

    /** This request asking for another remedy. */
    public ReturnRequest withRemedy(Remedy wanted) {
        return new ReturnRequest(reason, wanted, category, opened, signedFor, requestedAt, tier);
    }

    private static void checkRange(Instant t, String name) {
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw new IllegalArgumentException(name + " must be from year 1 to year 9999");
        }
    }
}
