package dev.ticketkit.core;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who issues a command: every call to the engine carries one. An actor belongs to exactly one tenant and can
 * never see another tenant's data. The host application builds actors from its own authentication.
 *
 * @param tenantId the tenant the actor acts in
 * @param kind     agent, customer, system or integration
 * @param id       the agent id, customer id, integration name or system component name
 * @param roles    the roles granting permissions
 * @param teams    the teams the actor belongs to (for team-scoped roles)
 */
public record Actor(TenantId tenantId, ActorKind kind, String id, Set<Role> roles, Set<TeamId> teams) {

    public Actor {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(kind, "kind");
        Checks.notBlank(id, "actor id");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        teams = Set.copyOf(Objects.requireNonNull(teams, "teams"));
        if (kind == ActorKind.CUSTOMER) {
            id = CustomerId.parse(id).toString(); // a customer actor's id is a customer id, in canonical form
        }
    }

    /** An agent with the given teams and roles. */
    public static Actor agent(TenantId tenantId, AgentId agentId, Set<TeamId> teams, Role... roles) {
        return new Actor(tenantId, ActorKind.AGENT, agentId.value(), Set.of(roles), teams);
    }

    /** An agent built from the directory entry, with the given roles. */
    public static Actor agent(Agent agent, Role... roles) {
        return new Actor(agent.tenantId(), ActorKind.AGENT, agent.id().value(), Set.of(roles), agent.teams());
    }

    /** A customer acting on their own tickets. */
    public static Actor customer(TenantId tenantId, CustomerId customerId) {
        return new Actor(tenantId, ActorKind.CUSTOMER, customerId.toString(), Set.of(Role.CUSTOMER), Set.of());
    }

    /** TicketKit's own or the host's background work, with every permission. */
    public static Actor system(TenantId tenantId) {
        return system(tenantId, "system");
    }

    /** A named system component (for the audit trail), with every permission. */
    public static Actor system(TenantId tenantId, String component) {
        return new Actor(tenantId, ActorKind.SYSTEM, component, Set.of(Role.ADMIN), Set.of());
    }

    /** A channel integration with the {@link Role#INTEGRATION} role. */
    public static Actor integration(TenantId tenantId, String name) {
        return new Actor(tenantId, ActorKind.INTEGRATION, name, Set.of(Role.INTEGRATION), Set.of());
    }

    /** A copy with other roles. */
    public Actor withRoles(Role... newRoles) {
        return new Actor(tenantId, kind, id, Set.copyOf(Arrays.asList(newRoles)), teams);
    }

    public ActorRef ref() {
        return new ActorRef(kind, id);
    }

    /** The agent id, if this actor is an agent. */
    public Optional<AgentId> agentId() {
        return kind == ActorKind.AGENT ? Optional.of(AgentId.of(id)) : Optional.empty();
    }

    /** The customer id, if this actor is a customer. */
    public Optional<CustomerId> customerId() {
        return kind == ActorKind.CUSTOMER ? Optional.of(CustomerId.parse(id)) : Optional.empty();
    }

    /** Whether any role grants the permission (on some ticket). */
    public boolean has(Permission permission) {
        for (Role r : roles) {
            if (r.grants(permission)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some role grants the permission on every ticket of the tenant (not only the actor's teams). */
    public boolean hasUnscoped(Permission permission) {
        for (Role r : roles) {
            if (r.grants(permission) && !r.teamScoped()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The widest scope on which some role of the actor grants the permission ({@link Role.Scope#TENANT} before
     * {@link Role.Scope#TEAMS} before {@link Role.Scope#OWN_TEAMS}), or empty if none grants it.
     */
    public Optional<Role.Scope> scopeOf(Permission permission) {
        Role.Scope widest = null;
        for (Role r : roles) {
            if (r.grants(permission) && (widest == null || r.scope().ordinal() < widest.ordinal())) {
                widest = r.scope();
            }
        }
        return Optional.ofNullable(widest);
    }
}
