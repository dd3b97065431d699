package dev.ticketkit.routing.rules;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.Directory;
import dev.ticketkit.core.Team;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The teams and agents of a tenant, to check the ones a rule set names when it is installed
 * ({@link RuleEngine#replace(dev.ticketkit.core.TenantId, RuleSet, DirectoryCheck)}). A rule engine bound to a
 * ticket engine ({@link RuleEngine#bind}) checks against that engine's directory by default; {@link #none()} is
 * the explicit way to skip the check.
 */
public interface DirectoryCheck {

    /**
     * No check: every team and agent is taken to exist. Actions naming one that does not then fail when they
     * run (logged and reported as a {@link RuleRun.ActionFailure}), not when the rules load.
     */
    static DirectoryCheck none() {
        return Unchecked.INSTANCE;
    }

    /** Whether the tenant has a team with this id. */
    boolean hasTeam(String teamId);

    /** Whether the tenant has an agent with this id. */
    boolean hasAgent(String agentId);

    /** A snapshot of the directory of the actor's tenant (the actor needs to read teams and agents). */
    static DirectoryCheck of(Directory directory, Actor actor) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(actor, "actor");
        Set<String> teams = new HashSet<>();
        for (Team t : directory.teams(actor)) {
            teams.add(t.id().value());
        }
        Set<String> agents = new HashSet<>();
        for (Agent a : directory.agents(actor)) {
            agents.add(a.id().value());
        }
        return of(teams, agents);
    }

    /** Fixed sets of team and agent ids. */
    static DirectoryCheck of(Set<String> teams, Set<String> agents) {
        Set<String> t = Set.copyOf(teams);
        Set<String> a = Set.copyOf(agents);
        return new DirectoryCheck() {
            @Override
            public boolean hasTeam(String teamId) {
                return t.contains(teamId);
            }

            @Override
            public boolean hasAgent(String agentId) {
                return a.contains(agentId);
            }
        };
    }

    /** The check that accepts everything; see {@link #none()}. */
    enum Unchecked implements DirectoryCheck {
        INSTANCE;

        @Override
        public boolean hasTeam(String teamId) {
            return true;
        }

        @Override
        public boolean hasAgent(String agentId) {
            return true;
        }
    }
}
