package dev.ticketkit.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-ticket outcome of a bulk update, in the order the ids were given. Each ticket is its own
 * transaction: one ticket failing does not undo the others.
 */
public final class BulkResult {

    /** How one ticket fared. */
    public enum Status {
        UPDATED, UNCHANGED, NOT_FOUND, PERMISSION_DENIED, CONFLICT, ILLEGAL_TRANSITION, INVALID, FAILED
    }

    /**
     * One ticket's outcome.
     *
     * @param status what happened
     * @param detail the exception message for failures, "" otherwise
     * @param ticket the ticket after the update, for UPDATED and UNCHANGED; null otherwise
     */
    public record Outcome(Status status, String detail, Ticket ticket) {
        public Outcome {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }

        public boolean succeeded() {
            return status == Status.UPDATED || status == Status.UNCHANGED;
        }

        public Optional<Ticket> result() {
            return Optional.ofNullable(ticket);
        }
    }

    private final Map<TicketId, Outcome> outcomes;

    public BulkResult(Map<TicketId, Outcome> outcomes) {
        this.outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    public Map<TicketId, Outcome> outcomes() {
        return outcomes;
    }

    public Outcome outcome(TicketId id) {
        Outcome o = outcomes.get(id);
        if (o == null) {
            throw new IllegalArgumentException("ticket " + id + " was not part of the bulk update");
        }
        return o;
    }

    public long count(Status status) {
        return outcomes.values().stream().filter(o -> o.status() == status).count();
    }

    @Override
    public String toString() {
        Map<Status, Long> counts = new java.util.EnumMap<>(Status.class);
        outcomes.values().forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        return "BulkResult" + counts;
    }
}
