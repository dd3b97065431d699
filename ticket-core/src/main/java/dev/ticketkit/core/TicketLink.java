package dev.ticketkit.core;

import java.util.Objects;

/** A link from a ticket to another ticket of the same tenant. */
public record TicketLink(LinkType type, TicketId ticketId) {
    public TicketLink {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ticketId, "ticketId");
    }

    public static TicketLink of(LinkType type, TicketId ticketId) {
        return new TicketLink(type, ticketId);
    }
}
