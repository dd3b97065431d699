package dev.ticketkit.core;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An agent of a tenant, as routing sees them.
 *
 * @param id          the agent id
 * @param tenantId    the tenant
 * @param displayName a display name
 * @param teams       the teams the agent belongs to
 * @param skills      skill tags such as {@code refund} or {@code vip}
 * @param languages   language tags (BCP 47) such as {@code zh} or {@code en}
 * @param capacity    how many active tickets of each channel the agent may hold at once
 *                    (a channel not listed means no limit)
 * @param presence    online, away or offline
 */
public record Agent(
        AgentId id,
        TenantId tenantId,
        String displayName,
        Set<TeamId> teams,
        Set<String> skills,
        Set<String> languages,
        Map<Channel, Integer> capacity,
        Presence presence) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Checks.notBlank(displayName, "displayName");
        teams = Set.copyOf(Objects.requireNonNull(teams, "teams"));
        skills = Set.copyOf(Objects.requireNonNull(skills, "skills"));
        languages = Set.copyOf(Objects.requireNonNull(languages, "languages"));
        capacity = Map.copyOf(Objects.requireNonNull(capacity, "capacity"));
        capacity.forEach((channel, max) -> {
            if (max < 0) {
                throw new IllegalArgumentException("capacity for " + channel + " must not be negative");
            }
        });
        Objects.requireNonNull(presence, "presence");
    }

    /** An online agent in the given teams, with no skills, languages or capacity limits. */
    public static Agent of(TenantId tenantId, AgentId id, String displayName, TeamId... teams) {
        return new Agent(id, tenantId, displayName, Set.of(teams), Set.of(), Set.of(), Map.of(), Presence.ONLINE);
    }

    public Agent withPresence(Presence newPresence) {
        return new Agent(id, tenantId, displayName, teams, skills, languages, capacity, newPresence);
    }

    public boolean isMemberOf(TeamId team) {
        return teams.contains(team);
    }
}
