package dev.ticketkit.routing.spi;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.routing.Classification;
import dev.ticketkit.routing.ClassificationInput;

/**
 * Reads an inquiry and says what it is about. Implementations must be thread-safe, fast (they run inside
 * ticket commands) and must never log or echo the text. {@link dev.ticketkit.routing.classify.KeywordClassifier}
 * is the built-in one; an integrator may plug in another (a model behind an HTTP call, say) through this
 * interface.
 */
@FunctionalInterface
public interface Classifier {

    /**
     * Classifies one text for a tenant (so per-tenant configuration applies).
     *
     * @throws NullPointerException if an argument is null
     */
    Classification classify(TenantId tenantId, ClassificationInput input);
}
