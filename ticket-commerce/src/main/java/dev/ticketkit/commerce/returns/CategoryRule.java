package dev.ticketkit.commerce.returns;

import java.util.Objects;

/**
 * A category's own no-reason rule in a {@link ReturnPolicy}: whether its items may be returned without a reason, and
 * optionally its own window, longer than the policy's default (the most generous window applies). Categories are the shop's keys, as {@code OrderItem.category()} carries them, compared
 * exactly (case matters). A category a policy does not name follows the policy's default rules.
 *
 * <pre>{@code
 * CategoryRule.excluded("fresh");          // never without a reason
 * CategoryRule.ifUnopened("cosmetics");    // without a reason only while sealed
 * CategoryRule.allowed("apparel", 15);     // 15 days rather than the policy's default 7
 * }</pre>
 *
 * @param category     the category key, 1 to {@value #MAX_NAME} characters, no surrounding spaces
 * @param noReason     whether items of the category may be returned without a reason
 * @param noReasonDays the category's own no-reason window in days (1 to 365), or 0 for the policy's default; always
 *                     0 for an {@link NoReasonRule#EXCLUDED} category
 */
public record CategoryRule(String category, NoReasonRule noReason, int noReasonDays) {
    /** The longest category key. */
    public static final int MAX_NAME = 100;

    public CategoryRule {
        checkName(category);
        Objects.requireNonNull(noReason, "noReason");
        if (noReasonDays != 0 && (noReasonDays < 1 || noReasonDays > ReturnPolicy.MAX_NO_REASON_DAYS)) {
            throw new IllegalArgumentException("a category's no-reason window is 1 to "
                    + ReturnPolicy.MAX_NO_REASON_DAYS + " days (0 for the policy's default), not " + noReasonDays);
        }
        if (noReason == NoReasonRule.EXCLUDED && noReasonDays != 0) {
            throw new IllegalArgumentException("category " + category
                    + " is excluded from no-reason returns and has no no-reason window");
        }
    }

    /** A category never returned without a reason. */
    public static CategoryRule excluded(String category) {
        return new CategoryRule(category, NoReasonRule.EXCLUDED, 0);
    }

    /** A category returned without a reason only while unopened, in the policy's default window. */
    public static CategoryRule ifUnopened(String category) {
        return new CategoryRule(category, NoReasonRule.IF_UNOPENED, 0);
    }

    /** A category returned without a reason in its own window of {@code days} days. */
    public static CategoryRule allowed(String category, int days) {
        if (days == 0) {
            throw new IllegalArgumentException("a category's no-reason window is 1 to "
                    + ReturnPolicy.MAX_NO_REASON_DAYS + " days, not 0");
        }
        return new CategoryRule(category, NoReasonRule.ALLOWED, days);
    }

    /** A category's rule, with its own window in days or 0 for the policy's default. */
    public static CategoryRule of(String category, NoReasonRule noReason, int noReasonDays) {
        return new CategoryRule(category, noReason, noReasonDays);
    }

    /** Whether the category has its own no-reason window rather than the policy's default. */
    public boolean hasOwnWindow() {
        return noReasonDays != 0;
    }

    static void checkName(String category) {
        Objects.requireNonNull(category, "category");
        if (category.isBlank() || category.length() > MAX_NAME || !category.equals(category.strip())) {
            throw new IllegalArgumentException("a category is 1 to " + MAX_NAME
                    + " characters without surrounding spaces");
        }
    }
}
