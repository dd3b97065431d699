package dev.ticketkit.commerce.returns;

import dev.ticketkit.core.MemberTier;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A member tier's own no-reason window in a {@link ReturnPolicy}, such as 30 days for VIP members. It applies to a
 * request whose member tier has this name (ignoring case), for the listed categories or, when none are listed, for
 * every category that may be returned without a reason. It never lifts a category's exclusion, and it wins only
 * when it is more generous than the window the request has anyway (the default, or the category's own); it may not
 * be shorter than the default.
 *
 * <pre>{@code
 * TierOverride.of("VIP", 30);                                  // every category that allows no-reason returns
 * TierOverride.of("GOLD", 15, Set.of("apparel", "shoes"));     // only these
 * }</pre>
 *
 * @param tier         the tier's name as {@link MemberTier#name()} has it: letters, digits, {@code _} or {@code -},
 *                     1 to 32 characters
 * @param noReasonDays the tier's no-reason window in days, 1 to 365
 * @param categories   the categories it applies to, empty for every category (copied)
 */
public record TierOverride(String tier, int noReasonDays, Set<String> categories) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public TierOverride {
        Objects.requireNonNull(tier, "tier");
        if (!NAME.matcher(tier).matches()) {
            throw new IllegalArgumentException("a tier name is 1 to 32 letters, digits, _ or -");
        }
        if (noReasonDays < 1 || noReasonDays > ReturnPolicy.MAX_NO_REASON_DAYS) {
            throw new IllegalArgumentException("a tier's no-reason window is 1 to " + ReturnPolicy.MAX_NO_REASON_DAYS
                    + " days, not " + noReasonDays);
        }
        categories = Set.copyOf(Objects.requireNonNull(categories, "categories"));
        categories.forEach(CategoryRule::checkName);
    }

    /** A tier's window for every category that allows no-reason returns. */
    public static TierOverride of(String tier, int noReasonDays) {
        return new TierOverride(tier, noReasonDays, Set.of());
    }

    /** A tier's window for the listed categories only (every category when the set is empty). */
    public static TierOverride of(String tier, int noReasonDays, Set<String> categories) {
        return new TierOverride(tier, noReasonDays, categories);
    }

    /** Whether a member of {@code memberTier} gets this override (names compared ignoring case). */
    public boolean appliesTo(MemberTier memberTier) {
        return memberTier != null && memberTier.name().equalsIgnoreCase(tier);
    }

    /** Whether the override covers a category. */
    public boolean covers(String category) {
        return categories.isEmpty() || categories.contains(category);
    }

    String key() {
        return keyOf(tier);
    }

    static String keyOf(String tierName) {
        return tierName.toUpperCase(Locale.ROOT);
    }
}
