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

    /**
     * A builder for an agent: teams, skills, languages and per-channel capacity one at a time.
     *
     * <pre>{@code
     * Agent wendy = Agent.builder(tenant, AgentId.of("wendy"), "Wendy 王")
     *         .team(WAREHOUSE).skill("returns").language("zh")
     *         .capacity(Channel.WEB_CHAT, 5).presence(Presence.OFFLINE)
     *         .build();
     * }</pre>
     */
    public static Builder builder(TenantId tenantId, AgentId id, String displayName) {
        return new Builder(tenantId, id, displayName);
    }

    /** A builder starting from this agent. */
    public Builder toBuilder() {
        Builder b = new Builder(tenantId, id, displayName);
        b.teams.addAll(teams);
        b.skills.addAll(skills);
        b.languages.addAll(languages);
        b.capacity.putAll(capacity);
        b.presence = presence;
        return b;
    }

    public Agent withPresence(Presence newPresence) {
        return new Agent(id, tenantId, displayName, teams, skills, languages, capacity, newPresence);
    }

    public boolean isMemberOf(TeamId team) {
        return teams.contains(team);
    }

    /**
     * Builds an {@link Agent}; each value is checked when set. Defaults: no teams, skills or languages, no capacity
     * limit, {@link Presence#ONLINE}.
     */
    public static final class Builder {
        private final TenantId tenantId;
        private final AgentId id;
        private String displayName;
        private final Set<TeamId> teams = new java.util.LinkedHashSet<>();
        private final Set<String> skills = new java.util.LinkedHashSet<>();
        private final Set<String> languages = new java.util.LinkedHashSet<>();
        private final Map<Channel, Integer> capacity = new java.util.LinkedHashMap<>();
        private Presence presence = Presence.ONLINE;

        private Builder(TenantId tenantId, AgentId id, String displayName) {
            this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
            this.id = Objects.requireNonNull(id, "id");
            this.displayName = Checks.notBlank(displayName, "displayName");
        }

        public Builder displayName(String name) {
            this.displayName = Checks.notBlank(name, "displayName");
            return this;
        }

        public Builder team(TeamId team) {
            teams.add(Objects.requireNonNull(team, "team"));
            return this;
        }

        public Builder teams(TeamId... more) {
            for (TeamId t : more) {
                team(t);
            }
            return this;
        }

        public Builder skill(String skill) {
            skills.add(Checks.notBlank(skill, "skill"));
            return this;
        }

        public Builder skills(String... more) {
            for (String s : more) {
                skill(s);
            }
            return this;
        }

        /** A language tag (BCP 47) such as {@code zh} or {@code en}. */
        public Builder language(String language) {
            languages.add(Checks.notBlank(language, "language"));
            return this;
        }

        public Builder languages(String... more) {
            for (String l : more) {
                language(l);
            }
            return this;
        }

        /** At most {@code max} active tickets of this channel at once (0 takes none). */
        public Builder capacity(Channel channel, int max) {
            Objects.requireNonNull(channel, "channel");
            if (max < 0) {
                throw new IllegalArgumentException("capacity for " + channel + " must not be negative");
            }
            capacity.put(channel, max);
            return this;
        }

        public Builder presence(Presence presence) {
            this.presence = Objects.requireNonNull(presence, "presence");
            return this;
        }

        public Agent build() {
            return new Agent(id, tenantId, displayName, teams, skills, languages, capacity, presence);
        }
    }
}
