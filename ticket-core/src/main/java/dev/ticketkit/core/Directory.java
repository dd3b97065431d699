package dev.ticketkit.core;

import java.util.List;
import java.util.Optional;

/**
 * The tenant's agents, teams and custom field definitions. Changes need {@link Permission#ADMIN}
 * (an agent may change their own presence). Thread-safe.
 */
public interface Directory {

    Team saveTeam(Actor actor, Team team);

    Optional<Team> team(Actor actor, TeamId id);

    List<Team> teams(Actor actor);

    Agent saveAgent(Actor actor, Agent agent);

    Optional<Agent> agent(Actor actor, AgentId id);

    List<Agent> agents(Actor actor);

    Agent setPresence(Actor actor, AgentId id, Presence presence);

    /** Defines (or redefines) a custom field for the actor's tenant. */
    FieldDefinition defineField(Actor actor, FieldDefinition definition);

    List<FieldDefinition> fields(Actor actor);
}
