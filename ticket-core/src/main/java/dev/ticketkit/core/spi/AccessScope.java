package dev.ticketkit.core.spi;

import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import java.util.Objects;
import java.util.Set;

/**
 * Which tickets of a tenant a query may return, as decided by the engine from the actor's roles. Stores
 * must apply it in the query itself, so a page is never short because of access filtering.
 */
public sealed interface AccessScope {

    /** Whether the ticket is inside this scope. */
    boolean permits(Ticket ticket);

    /** Every ticket of the tenant. */
    static AccessScope all() {
        return All.INSTANCE;
    }

    /** Tickets of these teams, tickets with no team, and tickets assigned to {@code agent} (may be null). */
    static AccessScope teams(Set<TeamId> teams, AgentId agent) {
        return new Teams(teams, agent, true);
    }

    /** Tickets of these teams and tickets assigned to {@code agent} (may be null), not tickets with no team. */
    static AccessScope ownTeams(Set<TeamId> teams, AgentId agent) {
        return new Teams(teams, agent, false);
    }

    /** Only this customer's own tickets. */
    static AccessScope requester(CustomerId customer) {
        return new Requester(customer);
    }

    /** Every ticket of the tenant. */
    enum All implements AccessScope {
        INSTANCE;

        @Override
        public boolean permits(Ticket ticket) {
            return true;
        }
    }

    /**
     * Tickets whose team is one of {@code teams}, tickets assigned to {@code agent}, and (with
     * {@code unteamed}) tickets with no team.
     *
     * @param teams    the teams
     * @param agent    the agent whose own assignments are visible, or null
     * @param unteamed whether tickets with no team are in scope
     */
    record Teams(Set<TeamId> teams, AgentId agent, boolean unteamed) implements AccessScope {
        public Teams {
            teams = Set.copyOf(Objects.requireNonNull(teams, "teams"));
        }

        /** Tickets of these teams, tickets with no team, and tickets assigned to the agent. */
        public Teams(Set<TeamId> teams, AgentId agent) {
            this(teams, agent, true);
        }

        @Override
        public boolean permits(Ticket t) {
            return (unteamed && t.team().isEmpty()) || (t.team().isPresent() && teams.contains(t.team().get()))
                    || (agent != null && t.assignee().map(agent::equals).orElse(false));
        }
    }

    /** Only the tickets this customer requested. */
    record Requester(CustomerId customer) implements AccessScope {
        public Requester {
            Objects.requireNonNull(customer, "customer");
        }

        @Override
        public boolean permits(Ticket t) {
            return t.requester().equals(customer);
        }
    }
}
