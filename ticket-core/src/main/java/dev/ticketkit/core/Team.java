package dev.ticketkit.core;

import java.util.Objects;

/**
 * A team of agents, such as pre-sales, after-sales, logistics complaints, warehouse or finance.
 *
 * @param id       the team id
 * @param tenantId the tenant
 * @param name     a display name
 */
public record Team(TeamId id, TenantId tenantId, String name) {
    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Checks.notBlank(name, "team name");
    }

    public static Team of(TenantId tenantId, TeamId id, String name) {
        return new Team(id, tenantId, name);
    }
}
