package dev.ticketkit.routing.assign;

import dev.ticketkit.core.TeamId;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one team's queue is worked. Immutable; build with {@link #builder(TeamId)}.
 *
 * <pre>{@code
 * TeamQueue afterSales = TeamQueue.builder(TeamId.of("after-sales"))
 *         .strategy(AssignmentStrategy.LEAST_LOADED)
 *         .relax(SkillKind.CATEGORY, Duration.ofMinutes(2))   // any after-sales agent after 2 minutes
 *         .overflow(TeamId.of("general"), Duration.ofMinutes(15))
 *         .build();
 * }</pre>
 */
public final class TeamQueue {
    /** Default strategy. */
    public static final AssignmentStrategy DEFAULT_STRATEGY = AssignmentStrategy.LEAST_LOADED;
    /** Default: a returning customer's last agent is preferred if their last ticket changed within this long. */
    public static final Duration DEFAULT_STICKY_WITHIN = Duration.ofDays(7);
    /** Default wait after which a ticket no longer needs a category skill. */
    public static final Duration DEFAULT_RELAX_CATEGORY = Duration.ofMinutes(2);
    /** Default wait after which a ticket no longer needs a tier skill. */
    public static final Duration DEFAULT_RELAX_TIER = Duration.ofMinutes(5);

    private final TeamId team;
    private final AssignmentStrategy strategy;
    private final boolean push;
    private final Duration stickyWithin;
    private final Map<SkillKind, Duration> relaxAfter;
    private final TeamId overflowTo;
    private final Duration overflowAfter;
    private final boolean returnOnOffline;

    private TeamQueue(Builder b) {
        team = b.team;
        strategy = b.strategy != null ? b.strategy : DEFAULT_STRATEGY;
        push = b.push == null || b.push;
        stickyWithin = b.stickySet ? b.stickyWithin : DEFAULT_STICKY_WITHIN;
        Map<SkillKind, Duration> r = new EnumMap<>(SkillKind.class);
        r.put(SkillKind.CATEGORY, DEFAULT_RELAX_CATEGORY);
        r.put(SkillKind.TIER, DEFAULT_RELAX_TIER);
        r.putAll(b.relax);
        r.values().removeIf(Objects::isNull);
        relaxAfter = Collections.unmodifiableMap(r);
        overflowTo = b.overflowTo;
        overflowAfter = b.overflowAfter;
        returnOnOffline = b.returnOnOffline == null || b.returnOnOffline;
    }

    public static Builder builder(TeamId team) {
        return new Builder(team);
    }

    /** A queue with every default. */
    public static TeamQueue of(TeamId team) {
        return builder(team).build();
    }

    public TeamId team() { return team; }

    public AssignmentStrategy strategy() { return strategy; }

    /** Whether tickets are pushed to agents as they arrive (default true); otherwise agents pull. */
    public boolean push() { return push; }

    /** How recent a customer's last ticket must be for their agent to be preferred; empty: sticky is off. */
    public Optional<Duration> stickyWithin() { return Optional.ofNullable(stickyWithin); }

    /** After how long a waiting ticket stops needing each kind of skill (a kind not listed is never relaxed). */
    public Map<SkillKind, Duration> relaxAfter() { return relaxAfter; }

    /** The team tickets overflow to when nobody took them in time. */
    public Optional<TeamId> overflowTo() { return Optional.ofNullable(overflowTo); }

    public Optional<Duration> overflowAfter() { return Optional.ofNullable(overflowAfter); }

    /** Whether an agent going offline gives back the tickets they have not answered yet (default true). */
    public boolean returnOnOffline() { return returnOnOffline; }

    /** Whether a ticket that waited this long still needs this kind of skill. */
    boolean needs(SkillKind kind, Duration waited) {
        Duration after = relaxAfter.get(kind);
        return after == null || waited.compareTo(after) < 0;
    }

    @Override
    public String toString() {
        return "TeamQueue[" + team + " " + strategy + (push ? " push" : " pull") + " sticky=" + stickyWithin
                + " relax=" + relaxAfter + " overflow=" + overflowTo + "/" + overflowAfter + " returnOnOffline=" + returnOnOffline + "]";
    }

    /** Builds a {@link TeamQueue}; each option may be set once. */
    public static final class Builder {
        private final TeamId team;
        private AssignmentStrategy strategy;
        private Boolean push;
        private Duration stickyWithin;
        private boolean stickySet;
        private final Map<SkillKind, Duration> relax = new EnumMap<>(SkillKind.class);
        private TeamId overflowTo;
        private Duration overflowAfter;
        private Boolean returnOnOffline;

        private Builder(TeamId team) {
            this.team = Objects.requireNonNull(team, "team");
        }

        private static void once(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set");
            }
        }

        private static Duration positive(Duration d, String option) {
            Objects.requireNonNull(d, option);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(option + " must be positive");
            }
            return d;
        }

        /** Default {@link AssignmentStrategy#LEAST_LOADED}. */
        public Builder strategy(AssignmentStrategy s) {
            once(strategy, "strategy");
            strategy = Objects.requireNonNull(s, "strategy");
            return this;
        }

        /** Push tickets to online agents as they arrive (default true); false: agents pull with {@code next}. */
        public Builder push(boolean enabled) {
            once(push, "push");
            push = enabled;
            return this;
        }

        /** Prefer a returning customer's last agent if that ticket changed within this long (default 7 days). */
        public Builder sticky(Duration within) {
            if (stickySet) {
                throw new IllegalStateException("sticky was already set");
            }
            stickySet = true;
            stickyWithin = positive(within, "sticky");
            return this;
        }

        /** No sticky agent. */
        public Builder noSticky() {
            if (stickySet) {
                throw new IllegalStateException("sticky was already set");
            }
            stickySet = true;
            stickyWithin = null;
            return this;
        }

        /**
         * Stop needing this kind of skill once the ticket has waited this long (since it was created). Defaults:
         * CATEGORY after 2 minutes, TIER after 5 minutes, LANGUAGE never.
         */
        public Builder relax(SkillKind kind, Duration after) {
            Objects.requireNonNull(kind, "kind");
            if (relax.containsKey(kind)) {
                throw new IllegalStateException("relax " + kind + " was already set");
            }
            relax.put(kind, positive(after, "relax"));
            return this;
        }

        /** Never relax this kind of skill. */
        public Builder neverRelax(SkillKind kind) {
            Objects.requireNonNull(kind, "kind");
            if (relax.containsKey(kind)) {
                throw new IllegalStateException("relax " + kind + " was already set");
            }
            relax.put(kind, null);
            return this;
        }

        /** Move tickets nobody took within {@code after} (from entering this queue) to another team. */
        public Builder overflow(TeamId to, Duration after) {
            once(overflowTo, "overflow");
            overflowTo = Objects.requireNonNull(to, "to");
            if (to.equals(team)) {
                throw new IllegalArgumentException("a queue can't overflow to its own team");
            }
            overflowAfter = positive(after, "overflow");
            return this;
        }

        /** Whether an agent going offline gives back untouched tickets (default true). */
        public Builder returnOnOffline(boolean enabled) {
            once(returnOnOffline, "returnOnOffline");
            returnOnOffline = enabled;
            return this;
        }

        public TeamQueue build() {
            return new TeamQueue(this);
        }
    }
}
