package dev.ticketkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What adding a message did.
 *
 * @param ticket     the ticket the message landed on, after the command (a new follow-up ticket when the
 *                   customer wrote to a closed one)
 * @param message    the message
 * @param followUpOf the closed ticket this one follows up, or null if the message landed where it was sent
 */
public record MessageResult(Ticket ticket, Message message, TicketId followUpOf) {
    public MessageResult {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(message, "message");
    }

    /** Whether the message opened a follow-up ticket (the target was closed). */
    public boolean isFollowUp() {
        return followUpOf != null;
    }

    public Optional<TicketId> followUp() {
        return Optional.ofNullable(followUpOf);
    }
}
