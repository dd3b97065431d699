package dev.ticketkit.routing;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link dev.ticketkit.routing.spi.Classifier} found in one text.
 *
 * @param scores     the evidence for each category that had any (a category is selected when its score reaches
 *                   the classifier's threshold); never null
 * @param categories the selected categories, strongest first (empty when nothing was recognised)
 * @param urgent     whether the customer signals urgency ("急", "asap", a deadline, a legal threat)
 * @param negative   whether the tone is negative (anger, disappointment, insults, threats)
 * @param language   the detected language, {@code zh} or {@code en}
 */
public record Classification(Map<Category, Double> scores, List<Category> categories, boolean urgent, boolean negative,
                             String language) {

    public Classification {
        Objects.requireNonNull(scores, "scores");
        scores = scores.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(scores));
        categories = List.copyOf(Objects.requireNonNull(categories, "categories"));
        Objects.requireNonNull(language, "language");
        for (Category c : categories) {
            if (!scores.containsKey(c)) {
                throw new IllegalArgumentException("selected category " + c + " has no score");
            }
        }
    }

    /** A classification that found nothing. */
    public static Classification none(String language) {
        return new Classification(Map.of(), List.of(), false, false, language);
    }

    /** The strongest category, if any was selected. */
    public Optional<Category> primary() {
        return categories.isEmpty() ? Optional.empty() : Optional.of(categories.get(0));
    }

    /** The score of a category (0 if there was no evidence). */
    public double score(Category category) {
        return scores.getOrDefault(category, 0.0);
    }

    /** Whether the category was selected. */
    public boolean has(Category category) {
        return categories.contains(category);
    }
}
