package dev.ticketkit.compliance;

import java.util.Objects;

/**
 * A banned phrase found in a text by {@link BannedPhrases#find(String)}.
 *
 * <p>The span is in the <em>original</em> text (char indices, as {@link String#substring(int, int)} takes them) and
 * covers everything from the first to the last character of the phrase, including the spaces, punctuation or
 * invisible characters inserted between them: for the phrase {@code 保本} in {@code "这款保 本"} the hit is
 * {@code (保本, 2, 5)}.
 *
 * @param phrase the phrase as it was given in the list (not normalised)
 * @param start  where the hit starts (inclusive char index into the scanned text)
 * @param end    where the hit ends (exclusive char index)
 */
public record PhraseHit(String phrase, int start, int end) {
    /**
     * Checks the hit.
     *
     * @throws NullPointerException     if {@code phrase} is null
     * @throws IllegalArgumentException if {@code start} is negative or {@code end} is not after it
     */
    public PhraseHit {
        Objects.requireNonNull(phrase, "phrase");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
