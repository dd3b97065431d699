package dev.ticketkit.core.internal;

import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.Limits;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.TicketValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation and normalisation of command input against the engine's {@link Limits}. */
final class Inputs {
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_.:/+#-]+");
    private static final int MAX_EXTERNAL_ID = 255;

    private final Limits limits;

    Inputs(Limits limits) {
        this.limits = limits;
    }

    Limits limits() {
        return limits;
    }

    String subject(String subject) {
        String s = subject.strip();
        if (s.isEmpty()) {
            throw new TicketValidationException("subject", "must not be blank");
        }
        if (s.length() > limits.maxSubjectLength()) {
            throw new TicketValidationException("subject", "is " + s.length() + " characters, more than the limit of "
                    + limits.maxSubjectLength());
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw new TicketValidationException("subject", "must not contain control characters");
        }
        return s;
    }

    String type(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(t).matches() || t.length() > 64) {
            throw new TicketValidationException("type", "must be 1 to 64 letters, digits or _.:/+#-");
        }
        return t;
    }

    String tag(String tag) {
        String t = tag.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new TicketValidationException("tags", "a tag must not be blank");
        }
        if (t.length() > limits.maxTagLength()) {
            throw new TicketValidationException("tags", "a tag is longer than " + limits.maxTagLength() + " characters");
        }
        if (!TAG.matcher(t).matches()) {
            throw new TicketValidationException("tags", "a tag may hold letters, digits and _.:/+#- only");
        }
        return t;
    }

    void tagCount(int count) {
        if (count > limits.maxTags()) {
            throw new TicketValidationException("tags", count + " tags, more than the limit of " + limits.maxTags());
        }
    }

    void field(String key, FieldValue value, FieldDefinition def) {
        String name = "customFields." + key;
        if (def == null) {
            throw new TicketValidationException(name, "is not defined for this tenant");
        }
        String problem = def.problemWith(value);
        if (problem != null) {
            throw new TicketValidationException(name, problem);
        }
        if (value instanceof FieldValue.Text t && t.value().length() > limits.maxCustomFieldTextLength()) {
            throw new TicketValidationException(name, "text is longer than " + limits.maxCustomFieldTextLength() + " characters");
        }
    }

    void fieldCount(int count) {
        if (count > limits.maxCustomFields()) {
            throw new TicketValidationException("customFields", count + " fields, more than the limit of " + limits.maxCustomFields());
        }
    }

    void orderCount(int count) {
        if (count > limits.maxOrders()) {
            throw new TicketValidationException("orders", count + " order references, more than the limit of " + limits.maxOrders());
        }
    }

    void linkCount(int count) {
        if (count > limits.maxLinks()) {
            throw new TicketValidationException("links", count + " links, more than the limit of " + limits.maxLinks());
        }
    }

    void message(NewMessage m) {
        if (m.text().length() > limits.maxMessageTextLength()) {
            throw new TicketValidationException("message.text", m.text().length() + " characters, more than the limit of "
                    + limits.maxMessageTextLength());
        }
        if (m.html().length() > limits.maxMessageHtmlLength()) {
            throw new TicketValidationException("message.html", m.html().length() + " characters, more than the limit of "
                    + limits.maxMessageHtmlLength());
        }
        if (m.attachments().size() > limits.maxAttachmentsPerMessage()) {
            throw new TicketValidationException("message.attachments", m.attachments().size()
                    + " attachments, more than the limit of " + limits.maxAttachmentsPerMessage());
        }
        if (m.text().isBlank() && m.attachments().isEmpty()) {
            throw new TicketValidationException("message.text", "a message needs text or an attachment");
        }
        if (m.externalMessageId().length() > MAX_EXTERNAL_ID
                || m.externalMessageId().chars().anyMatch(Character::isISOControl)) {
            throw new TicketValidationException("message.externalMessageId", "must be at most " + MAX_EXTERNAL_ID
                    + " characters without control characters");
        }
    }
}
