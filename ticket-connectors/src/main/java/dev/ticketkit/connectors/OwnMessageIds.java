package dev.ticketkit.connectors;

import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.TicketId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids TicketKit gives the messages it sends, so that an answer naming one threads straight to its ticket, on
 * any channel that carries such ids back.
 *
 * <p>The format is {@code tk.<ticket id>.<message id>@<domain>} (ids are UUIDs; the e-mail channel uses it as the
 * {@code Message-ID} of the mail it sends). A channel that receives an answer puts the ids it refers to in
 * {@link InboundMessage#inReplyTo()} and {@link InboundMessage#references()}; intake reads the ticket id back
 * with {@link #ticketIdOf(String)}. The domain is not checked when reading (a ticket of another tenant is not
 * found anyway). The format never changes, so that answers to messages sent by an older version still thread.
 *
 * <pre>{@code
 * String id = OwnMessageIds.of(ticket.id(), reply.message().id(), "mail.shop.example");
 * OwnMessageIds.ticketIdOf("<" + id + ">");   // Optional[ticket.id()]
 * }</pre>
 * Thread-safe (stateless).
 */
public final class OwnMessageIds {
    private static final Pattern OWN_ID = Pattern.compile(
            "tk\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.[0-9a-zA-Z-]{1,64}@[^\\s<>]{1,255}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    private OwnMessageIds() {
    }

    /**
     * The id (without angle brackets) of a message TicketKit sends on a ticket.
     *
     * @param ticket  the ticket
     * @param message the stored message, or {@code null} to use a random id (a message not stored first)
     * @param domain  the domain part, such as {@code mail.shop.example}
     * @throws IllegalArgumentException if the domain is not a host name
     */
    public static String of(TicketId ticket, MessageId message, String domain) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(domain, "domain");
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain must be a host name");
        }
        String local = message != null ? message.toString() : UUID.randomUUID().toString();
        return "tk." + ticket + "." + local + "@" + domain;
    }

    /**
     * The ticket id in one of TicketKit's own message ids (with or without angle brackets), if it is one; empty
     * for {@code null} and for any other id.
     */
    public static Optional<TicketId> ticketIdOf(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String s = id.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        Matcher m = OWN_ID.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TicketId.of(UUID.fromString(m.group(1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
