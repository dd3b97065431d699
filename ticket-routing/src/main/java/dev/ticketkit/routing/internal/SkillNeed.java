package dev.ticketkit.routing.internal;

import java.util.Objects;
import java.util.Set;

/**
 * What a ticket needs of an agent: every skill of {@code all} and, if {@code anyOf} is not empty, at least one
 * of it. Languages are skills named {@code lang:<tag>} (the agent's languages become such skills).
 *
 * @param all   skills an agent must all have
 * @param anyOf skills of which an agent must have one (empty: no such need)
 */
public record SkillNeed(Set<String> all, Set<String> anyOf) {
    /** Needs nothing. */
    public static final SkillNeed NONE = new SkillNeed(Set.of(), Set.of());

    public SkillNeed {
        all = Set.copyOf(Objects.requireNonNull(all, "all"));
        anyOf = Set.copyOf(Objects.requireNonNull(anyOf, "anyOf"));
    }

    public static SkillNeed of(Set<String> all, Set<String> anyOf) {
        return new SkillNeed(all, anyOf);
    }

    /** The skill name that stands for a language, such as {@code lang:zh}. */
    public static String language(String tag) {
        return "lang:" + tag;
    }
}
