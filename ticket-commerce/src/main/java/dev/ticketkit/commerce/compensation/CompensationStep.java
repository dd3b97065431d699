package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.ActorRef;
import java.time.Instant;
import java.util.Objects;

/**
 * One move of a compensation, as its ticket's audit trail records it.
 *
 * @param at            when
 * @param by            who
 * @param state         the state it moved to
 * @param note          what came with the move (why it waits or was granted at once, a rejection's reason, a
 *                      receipt), or empty
 * @param ticketVersion the ticket version the move made
 */
public record CompensationStep(Instant at, ActorRef by, CompensationState state, String note, long ticketVersion) {
    public CompensationStep {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(note, "note");
    }
}
