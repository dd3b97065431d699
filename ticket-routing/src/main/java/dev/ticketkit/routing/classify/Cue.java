package dev.ticketkit.routing.classify;

import dev.ticketkit.routing.Category;
import java.util.Objects;

/**
 * One keyword of a lexicon, parsed from its term syntax: {@code refund} (whole word), {@code refund*} (word
 * prefix: refunds, refunded), {@code !delivered} (negation does not cancel it: "not delivered" is still about
 * delivery), {@code ~not received} (dropped when its object is money or a reply: "not received my refund"),
 * {@code refund@0.5} (weight; default 1). Chinese terms match anywhere; Latin terms match on word boundaries.
 */
record Cue(Kind kind, Category category, String text, double weight, boolean prefix, boolean negatable, boolean receipt) {

    enum Kind {
        /** Evidence for a category. */
        CATEGORY,
        /** The customer is in a hurry. */
        URGENT,
        /** The customer says there is no hurry; cancels urgency. */
        NOT_URGENT,
        /** Negative tone. */
        NEGATIVE,
        /** Cancels the keyword right after it: "不是要退款", "not asking for a refund". */
        NEGATOR,
        /** Counts for nothing, but hides the keywords inside it ("是不是" is a question, not a negation). */
        NEUTRAL
    }

    /** Longest keyword, in chars. */
    static final int MAX_LENGTH = 64;

    Cue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    boolean latin() {
        return !TextNormalizer.isHan(text.charAt(0));
    }

    /**
     * Parses a term.
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing the term)
     */
    static Cue parse(Kind kind, Category category, String term) {
        Objects.requireNonNull(term, "term");
        String t = term.strip();
        boolean negatable = true;
        boolean receipt = false;
        boolean prefix = false;
        double weight = 1.0;
        while (t.length() > 1 && (t.charAt(0) == '!' || t.charAt(0) == '~') && t.charAt(1) != '!') {
            if (t.charAt(0) == '!') {
                negatable = false;
            } else {
                receipt = true;
            }
            t = t.substring(1);
        }
        int at = t.lastIndexOf('@');
        if (at >= 0) {
            try {
                weight = Double.parseDouble(t.substring(at + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the weight after @ is not a number");
            }
            if (!(weight > 0 && weight <= 10)) {
                throw new IllegalArgumentException("a keyword weight must be in (0, 10]");
            }
            t = t.substring(0, at).strip();
        }
        if (t.endsWith("*")) {
            prefix = true;
            t = t.substring(0, t.length() - 1);
        }
        t = TextNormalizer.normalize(t).strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a keyword must not be blank");
        }
        if (t.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a keyword is longer than " + MAX_LENGTH + " characters");
        }
        if (kind == Kind.CATEGORY && !NEGATABLE.contains(category)) {
            negatable = false; // "not shipped", "payment not through", "no new address": still about it
        }
        return new Cue(kind, category, t, weight, prefix, negatable, receipt);
    }

    /** Categories whose keywords a negator cancels; the others are about a state, which a negation keeps. */
    private static final java.util.Set<Category> NEGATABLE = java.util.EnumSet.of(Category.REFUND, Category.EXCHANGE,
            Category.QUALITY, Category.INVOICE, Category.COMPLAINT, Category.PRE_SALE);

    /** The key that identifies the keyword for removal: kind, category and folded text. */
    String key() {
        return kind + "/" + (category == null ? "" : category.id()) + "/" + text;
    }
}
