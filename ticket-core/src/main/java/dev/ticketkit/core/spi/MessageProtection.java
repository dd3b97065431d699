package dev.ticketkit.core.spi;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.Ticket;

/**
 * What a reader sees of a stored message: a module (compliance) registers one with
 * {@link ModuleContext#messageProtection} to mask personal data in the messages the engine hands out
 * ({@code Tickets.messages}, {@code findMessageByExternalId(s)}). The stored message is never changed. Called for every
 * message read, after the read's permission checks, outside any transaction; must be fast and thread-safe.
 */
@FunctionalInterface
public interface MessageProtection {

    /**
     * The message as this reader may see it: the message itself, or a copy with text (and HTML) masked.
     *
     * @param reader  who reads
     * @param ticket  the ticket the message is on
     * @param message the stored message
     */
    Message forReader(Actor reader, Ticket ticket, Message message);

    /** Hands every message out as stored. */
    MessageProtection NONE = (reader, ticket, message) -> message;
}
