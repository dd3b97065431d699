package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.core.ActorRef;
import java.time.Instant;
import java.util.Objects;

/**
 * One move of a case, as its ticket's audit trail records it.
 *
 * @param at     when
 * @param by     who
 * @param state  the state it moved to
 * @param note   what came with the move (a reason, a waybill, an inspection, an amount), or empty
 * @param ticketVersion the ticket version the move made
 * @param task   the id of the child task the move opened for another team, or null
 */
public record CaseStep(Instant at, ActorRef by, CaseState state, String note, long ticketVersion, String task) {
    public CaseStep {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(note, "note");
    }
}
