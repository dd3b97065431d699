package dev.ticketkit.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A message to add: the first message of a new ticket, a public reply or an internal note. Immutable; start
 * with {@link #text(String)} and refine with the {@code with...} methods.
 *
 * @param text              plain text ("" allowed when there are attachments)
 * @param html              sanitised HTML, "" if none (TicketKit stores it as given: sanitise first)
 * @param attachments       attachment metadata
 * @param externalMessageId the channel's message id, "" if none; a second message with the same id on the
 *                          same channel and tenant is a {@link DuplicateKeyException}
 * @param channel           the channel, or null for the ticket's channel (or {@link Channel#API} on create)
 * @param authorKind        who wrote it, or null to derive it from the actor (agent → AGENT, customer and
 *                          integration → CUSTOMER, system → SYSTEM)
 * @param authorId          the author's id, or null to derive it (the actor's id; for an integration writing
 *                          as the customer, the ticket's requester)
 * @param statusAfter       a status to move to with the message (such as PENDING: "reply and wait for the
 *                          customer"), or null
 */
public record NewMessage(
        String text,
        String html,
        List<Attachment> attachments,
        String externalMessageId,
        Channel channel,
        AuthorKind authorKind,
        String authorId,
        TicketStatus statusAfter) {

    public NewMessage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
        Objects.requireNonNull(externalMessageId, "externalMessageId");
        if (authorId != null && authorId.isBlank()) {
            throw new IllegalArgumentException("authorId must not be blank");
        }
    }

    /** A plain-text message with everything else derived. */
    public static NewMessage text(String text) {
        return new NewMessage(text, "", List.of(), "", null, null, null, null);
    }

    public NewMessage withHtml(String newHtml) {
        return new NewMessage(text, newHtml, attachments, externalMessageId, channel, authorKind, authorId, statusAfter);
    }

    public NewMessage withAttachment(Attachment attachment) {
        List<Attachment> list = new ArrayList<>(attachments);
        list.add(Objects.requireNonNull(attachment, "attachment"));
        return new NewMessage(text, html, list, externalMessageId, channel, authorKind, authorId, statusAfter);
    }

    public NewMessage withExternalId(String id) {
        return new NewMessage(text, html, attachments, id, channel, authorKind, authorId, statusAfter);
    }

    public NewMessage via(Channel newChannel) {
        return new NewMessage(text, html, attachments, externalMessageId, Objects.requireNonNull(newChannel, "channel"),
                authorKind, authorId, statusAfter);
    }

    public NewMessage by(AuthorKind kind, String id) {
        return new NewMessage(text, html, attachments, externalMessageId, channel, Objects.requireNonNull(kind, "kind"),
                Checks.notBlank(id, "authorId"), statusAfter);
    }

    public NewMessage thenStatus(TicketStatus status) {
        return new NewMessage(text, html, attachments, externalMessageId, channel, authorKind, authorId,
                Objects.requireNonNull(status, "status"));
    }

    /** Kinds only: never the text. */
    @Override
    public String toString() {
        return "NewMessage[channel=" + channel + " author=" + authorKind + " attachments=" + attachments.size() + "]";
    }
}
