package dev.ticketkit.core.internal;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Directory;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketValidationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Agents, teams and field definitions. */
final class DirectoryImpl implements Directory {
    private final EngineCore core;

    DirectoryImpl(EngineCore core) {
        this.core = core;
    }

    private static void sameTenant(Actor actor, TenantId tenantId) {
        if (!actor.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("the entry belongs to another tenant than the actor");
        }
    }

    private static void requireDirectoryReader(Actor actor) {
        if (actor.kind() == dev.ticketkit.core.ActorKind.CUSTOMER) {
            throw new dev.ticketkit.core.PermissionDeniedException(actor.ref(), Permission.TICKET_READ, "the directory");
        }
    }

    @Override
    public Team saveTeam(Actor actor, Team team) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(team, "team");
        Authorizer.require(actor, Permission.ADMIN);
        sameTenant(actor, team.tenantId());
        core.read(tx -> {
            tx.saveTeam(team);
            return null;
        });
        return team;
    }

    @Override
    public Optional<Team> team(Actor actor, TeamId id) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        requireDirectoryReader(actor);
        return core.read(tx -> tx.findTeam(actor.tenantId(), id));
    }

    @Override
    public List<Team> teams(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        requireDirectoryReader(actor);
        return core.read(tx -> tx.teams(actor.tenantId()));
    }

    @Override
    public Agent saveAgent(Actor actor, Agent agent) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(agent, "agent");
        Authorizer.require(actor, Permission.ADMIN);
        sameTenant(actor, agent.tenantId());
        return core.read(tx -> {
            for (TeamId t : agent.teams()) {
                if (tx.findTeam(actor.tenantId(), t).isEmpty()) {
                    throw new TicketValidationException("teams", "team " + t + " does not exist in this tenant");
                }
            }
            tx.saveAgent(agent);
            return agent;
        });
    }

    @Override
    public Optional<Agent> agent(Actor actor, AgentId id) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        requireDirectoryReader(actor);
        return core.read(tx -> tx.findAgent(actor.tenantId(), id));
    }

    @Override
    public List<Agent> agents(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        requireDirectoryReader(actor);
        return core.read(tx -> tx.agents(actor.tenantId()));
    }

    @Override
    public Agent setPresence(Actor actor, AgentId id, Presence presence) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(presence, "presence");
        boolean self = actor.agentId().map(id::equals).orElse(false);
        if (!self) {
            Authorizer.require(actor, Permission.ADMIN);
        }
        return core.read(tx -> {
            Agent a = tx.findAgent(actor.tenantId(), id).orElseThrow(() -> new TicketNotFoundException("agent", id));
            Agent next = a.withPresence(presence);
            tx.saveAgent(next);
            return next;
        });
    }

    @Override
    public FieldDefinition defineField(Actor actor, FieldDefinition definition) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(definition, "definition");
        Authorizer.require(actor, Permission.ADMIN);
        return core.read(tx -> {
            tx.saveFieldDefinition(actor.tenantId(), definition);
            return definition;
        });
    }

    @Override
    public List<FieldDefinition> fields(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        requireDirectoryReader(actor);
        return core.read(tx -> tx.fieldDefinitions(actor.tenantId()));
    }
}
