package dev.ticketkit.routing.assign;

import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.routing.internal.SkillNeed;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A router's effective configuration, with the builder's defaults applied, shared by its parts. Immutable.
 *
 * @param queues             the queues by team
 * @param categoryPrefix     prefix of category tags
 * @param languagePrefix     prefix of the language tag
 * @param categorySkills     the skill each category id needs
 * @param tierLevel          tier level from which a customer needs {@code tierSkill}
 * @param tierSkill          the skill those customers need
 * @param loadStatuses       statuses that count toward an agent's load
 * @param resyncInterval     how often loads are recounted from the store
 * @param agentRefresh       how often agents are re-read from the store
 * @param reservationTimeout how long reserved capacity waits for its assignment to commit
 * @param verifyInStore      whether the hook re-reads the chosen agent's load in the committing transaction
 */
record RouterConfig(Map<TeamId, TeamQueue> queues, String categoryPrefix, String languagePrefix,
                    Map<String, String> categorySkills, int tierLevel, String tierSkill, Set<TicketStatus> loadStatuses,
                    Duration resyncInterval, Duration agentRefresh, Duration reservationTimeout, boolean verifyInStore) {

    /** Page size of the pull, recount and presence queries. */
    static final int PAGE = 100;

    RouterConfig {
        queues = Map.copyOf(queues);
        categorySkills = Map.copyOf(categorySkills);
        loadStatuses = Set.copyOf(loadStatuses);
    }

    /** The queue of the ticket's team, or null if it is in no team or its team is not routed. */
    TeamQueue queueOf(Ticket t) {
        return t.team().map(queues::get).orElse(null);
    }

    /** Unassigned, active (NEW or OPEN) and in a team: a ticket a queue may route. */
    static boolean waiting(Ticket t) {
        return t.assignee().isEmpty() && t.team().isPresent()
                && (t.status() == TicketStatus.NEW || t.status() == TicketStatus.OPEN);
    }

    /**
     * What the ticket needs now, after the relaxations its wait earned: the language of its {@code lang:} tag, a
     * skill of one of its {@code category:} tags, and the tier skill for customers of {@code tier} (null: not
     * known, no tier need).
     */
    SkillNeed needOf(Ticket t, MemberTier tier, TeamQueue q, Duration waited) {
        Set<String> all = new HashSet<>();
        Set<String> any = new HashSet<>();
        for (String tag : t.tags()) {
            if (tag.startsWith(languagePrefix) && q.needs(SkillKind.LANGUAGE, waited)) {
                all.add(SkillNeed.language(tag.substring(languagePrefix.length())));
            } else if (tag.startsWith(categoryPrefix) && q.needs(SkillKind.CATEGORY, waited)) {
                String skill = categorySkills.get(tag.substring(categoryPrefix.length()));
                if (skill != null) {
                    any.add(skill);
                }
            }
        }
        if (tier != null && tier.level() >= tierLevel && q.needs(SkillKind.TIER, waited)) {
            all.add(tierSkill);
        }
        return all.isEmpty() && any.isEmpty() ? SkillNeed.NONE : new SkillNeed(all, any);
    }
}
