package dev.ticketkit.connectors.email;

import dev.ticketkit.connectors.OwnMessageIds;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * How TicketKit's own mail threads back to tickets: the {@code Message-ID}s it makes and the ticket token in
 * subjects. Both are channel-neutral and owned elsewhere; these are the e-mail channel's names for them.
 *
 * <ul>
 *   <li>Our {@code Message-ID} is {@code tk.<ticket id>.<message id>@<domain>} ({@link OwnMessageIds}), so a
 *       customer's {@code In-Reply-To} or {@code References} naming it leads straight to the ticket.
 *       {@link #ticketIdOf(String)} reads the ticket id back; the domain is not checked (tickets of another
 *       tenant are not found anyway).</li>
 *   <li>The ticket token is the ticket number in brackets, {@code [TK-000123]} ({@link TicketNumber#token()}),
 *       appended to the subject once. {@link #tokenIn(String)} finds it again (any prefix of 1 to 8 upper-case
 *       letters).</li>
 * </ul>
 * Thread-safe (stateless).
 */
public final class EmailThreading {

    private EmailThreading() {
    }

    /**
     * Our {@code Message-ID} (without angle brackets) for a message on a ticket: {@link OwnMessageIds#of}.
     *
     * @param ticket  the ticket
     * @param message the stored message, or {@code null} to use a random id (a message not stored first)
     * @param domain  the domain part, such as {@code mail.shop.example}
     */
    public static String messageId(TicketId ticket, MessageId message, String domain) {
        return OwnMessageIds.of(ticket, message, domain);
    }

    /** The ticket id in one of our {@code Message-ID}s (with or without angle brackets), if it is one. */
    public static Optional<TicketId> ticketIdOf(String messageId) {
        return OwnMessageIds.ticketIdOf(messageId);
    }

    /** The token for a ticket number: {@code [TK-000123]} ({@link TicketNumber#token()}). */
    public static String token(TicketNumber number) {
        return Objects.requireNonNull(number, "number").token();
    }

    /**
     * The subject with the ticket token appended, unless it already carries it. An empty subject becomes the
     * token alone.
     */
    public static String subjectWithToken(String subject, TicketNumber number) {
        Objects.requireNonNull(subject, "subject");
        String token = token(number);
        String s = subject.strip();
        if (TicketNumber.tokensIn(s).contains(number)) {
            return s;
        }
        return s.isEmpty() ? token : s + " " + token;
    }

    /** The last ticket token in a subject, if any (the newest one when a subject carries several). */
    public static Optional<TicketNumber> tokenIn(String subject) {
        return subject == null ? Optional.empty() : TicketNumber.tokenIn(subject);
    }
}
