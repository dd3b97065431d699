package dev.ticketkit.connectors.email;

import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How TicketKit's own mail threads back to tickets: the {@code Message-ID}s it makes and the ticket token in
 * subjects.
 *
 * <ul>
 *   <li>Our {@code Message-ID} is {@code tk.<ticket id>.<message id>@<domain>} (ids are UUIDs), so a customer's
 *       {@code In-Reply-To} or {@code References} naming it leads straight to the ticket.
 *       {@link #ticketIdOf(String)} reads the ticket id back; the domain is not checked (tickets of another
 *       tenant are not found anyway).</li>
 *   <li>The ticket token is the ticket number in brackets, {@code [TK-000123]}, appended to the subject once.
 *       {@link #tokenIn(String)} finds it again (any prefix of 1 to 8 upper-case letters).</li>
 * </ul>
 * Thread-safe (stateless).
 */
public final class EmailThreading {
    private static final Pattern OWN_ID = Pattern.compile(
            "tk\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.[0-9a-zA-Z-]{1,64}@[^\\s<>]{1,255}");
    private static final Pattern TOKEN = Pattern.compile("\\[([A-Z]{1,8})-(\\d{1,18})\\]");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    private EmailThreading() {
    }

    /**
     * Our {@code Message-ID} (without angle brackets) for a message on a ticket.
     *
     * @param ticket  the ticket
     * @param message the stored message, or {@code null} to use a random id (a message not stored first)
     * @param domain  the domain part, such as {@code mail.shop.example}
     */
    public static String messageId(TicketId ticket, MessageId message, String domain) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(domain, "domain");
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain must be a host name");
        }
        String local = message != null ? message.toString() : UUID.randomUUID().toString();
        return "tk." + ticket + "." + local + "@" + domain;
    }

    /** The ticket id in one of our {@code Message-ID}s (with or without angle brackets), if it is one. */
    public static Optional<TicketId> ticketIdOf(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        Matcher m = OWN_ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TicketId.of(UUID.fromString(m.group(1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The token for a ticket number: {@code [TK-000123]}. */
    public static String token(TicketNumber number) {
        return "[" + Objects.requireNonNull(number, "number") + "]";
    }

    /**
     * The subject with the ticket token appended, unless it already carries it. An empty subject becomes the
     * token alone.
     */
    public static String subjectWithToken(String subject, TicketNumber number) {
        Objects.requireNonNull(subject, "subject");
        String token = token(number);
        String s = subject.strip();
        for (Matcher m = TOKEN.matcher(s); m.find(); ) {
            if (m.group(1).equals(number.prefix()) && parse(m.group(2)) == number.sequence()) {
                return s;
            }
        }
        return s.isEmpty() ? token : s + " " + token;
    }

    /** The last ticket token in a subject, if any (the newest one when a subject carries several). */
    public static Optional<TicketNumber> tokenIn(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        TicketNumber found = null;
        for (Matcher m = TOKEN.matcher(subject); m.find(); ) {
            long seq = parse(m.group(2));
            if (seq >= 1) {
                found = TicketNumber.of(m.group(1), seq);
            }
        }
        return Optional.ofNullable(found);
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
