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
        return new Teams(teams, agent);
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
     * Tickets whose team is one of {@code teams}, tickets with no team, and tickets assigned to {@code agent}.
     *
     * @param teams the teams
     * @param agent the agent whose own assignments are visible, or null
     */
    record Teams(Set<TeamId> teams, AgentId agent) implements AccessScope {
        public Teams {
            teams = Set.copyOf(Objects.requireNonNull(teams, "teams"));
        }

        @Override
        public boolean permits(Ticket t) {
            return t.team().isEmpty() || teams.contains(t.team().get())
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
