package dev.ticketkit.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message on a ticket: a public reply or an internal note. Immutable.
 *
 * @param id                the message id
 * @param tenantId          the tenant
 * @param ticketId          the ticket it belongs to
 * @param visibility        public reply or internal note
 * @param authorKind        customer, agent or system
 * @param authorId          the author's id (customer id, agent id, or a system component's name)
 * @param channel           the channel it arrived or left by
 * @param text              the plain text ("" allowed only when there are attachments)
 * @param html              sanitised HTML, "" if none
 * @param attachments       attachment metadata
 * @param externalMessageId the channel's own message id, "" if none; unique per tenant and channel
 * @param createdAt         when it was added
 */
public record Message(
        MessageId id,
        TenantId tenantId,
        TicketId ticketId,
        Visibility visibility,
        AuthorKind authorKind,
        String authorId,
        Channel channel,
        String text,
        String html,
        List<Attachment> attachments,
        String externalMessageId,
        Instant createdAt) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(authorKind, "authorKind");
        Checks.notBlank(authorId, "authorId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
        Objects.requireNonNull(externalMessageId, "externalMessageId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (text.isBlank() && attachments.isEmpty()) {
            throw new IllegalArgumentException("a message needs text or an attachment");
        }
    }

    public boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }

    /** The channel's own message id, if it had one. */
    public Optional<String> external() {
        return externalMessageId.isEmpty() ? Optional.empty() : Optional.of(externalMessageId);
    }

    /** Ids and kinds only: never the text. */
    @Override
    public String toString() {
        return "Message[id=" + id + " ticket=" + ticketId + " " + visibility + " by " + authorKind + " via " + channel + "]";
    }
}
