package dev.ticketkit.connectors.email;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The normalised content of one email, as produced by {@link EmailParser#parse}.
 *
 * <p>Strings are never {@code null} (empty when absent) and lists are immutable and never
 * {@code null}. Immutable and thread-safe. {@link #toString()} shows counts only, never addresses
 * or content.
 */
public final class ParsedEmail {

    private final String from;
    private final String fromName;
    private final List<String> to;
    private final List<String> cc;
    private final String subject;
    private final String messageId;
    private final boolean messageIdSynthesised;
    private final String inReplyTo;
    private final List<String> references;
    private final Instant date;
    private final String text;
    private final String html;
    private final String replyText;
    private final List<ParsedAttachment> attachments;
    private final boolean autoReply;
    private final List<String> warnings;

    ParsedEmail(String from, String fromName, List<String> to, List<String> cc, String subject,
                String messageId, boolean messageIdSynthesised, String inReplyTo,
                List<String> references, Instant date, String text, String html, String replyText,
                List<ParsedAttachment> attachments, boolean autoReply, List<String> warnings) {
        this.from = Objects.requireNonNull(from, "from");
        this.fromName = Objects.requireNonNull(fromName, "fromName");
        this.to = List.copyOf(to);
        this.cc = List.copyOf(cc);
        this.subject = Objects.requireNonNull(subject, "subject");
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.messageIdSynthesised = messageIdSynthesised;
        this.inReplyTo = inReplyTo;
        this.references = List.copyOf(references);
        this.date = date;
        this.text = Objects.requireNonNull(text, "text");
        this.html = Objects.requireNonNull(html, "html");
        this.replyText = Objects.requireNonNull(replyText, "replyText");
        this.attachments = List.copyOf(attachments);
        this.autoReply = autoReply;
        this.warnings = List.copyOf(warnings);
    }

    /** @return the bare sender address from {@code From} ({@code Sender} if From is empty), or "" */
    public String from() {
        return from;
    }

    /** @return the sender's decoded display name, or "" if none */
    public String fromName() {
        return fromName;
    }

    /** @return the bare addresses of {@code To}, in order */
    public List<String> to() {
        return to;
    }

    /** @return the bare addresses of {@code Cc}, in order */
    public List<String> cc() {
        return cc;
    }

    /** @return the decoded subject, or "" if none */
    public String subject() {
        return subject;
    }

    /**
     * The {@code Message-ID} without angle brackets. When the message has none, a stable id is
     * made from the SHA-256 of the raw bytes: {@code sha256.<first 32 hex digits>@ticketkit.invalid}
     * (see {@link #messageIdSynthesised()}); the same bytes always give the same id.
     *
     * @return the message id, never empty
     */
    public String messageId() {
        return messageId;
    }

    /** @return whether {@link #messageId()} was synthesised because the header was missing */
    public boolean messageIdSynthesised() {
        return messageIdSynthesised;
    }

    /** @return the first id of {@code In-Reply-To} without angle brackets */
    public Optional<String> inReplyTo() {
        return Optional.ofNullable(inReplyTo);
    }

    /** @return the ids of {@code References} without angle brackets, oldest first, no duplicates */
    public List<String> references() {
        return references;
    }

    /** @return the instant of the {@code Date} header, if present and parseable */
    public Optional<Instant> date() {
        return Optional.ofNullable(date);
    }

    /**
     * @return the plain text body: the {@code text/plain} body parts, else text converted from
     *     the HTML body; line ends are {@code \n}; at most the configured max text chars
     */
    public String text() {
        return text;
    }

    /** @return the sanitised HTML body (jsoup {@code Safelist.relaxed()} plus {@code cid:}), or "" */
    public String html() {
        return html;
    }

    /**
     * @return the new text of this message: {@link #text()} (or the HTML) without quoted history and without
     *     a recognised signature; text the customer wrote below or between quotes is kept, and when it is
     *     unclear whether something is history it is kept (see the package documentation for the rules);
     *     empty when the message holds nothing but quotes
     */
    public String replyText() {
        return replyText;
    }

    /** @return the attachments and inline parts, in MIME order */
    public List<ParsedAttachment> attachments() {
        return attachments;
    }

    /** @return whether this is an auto-reply, out-of-office notice or bounce (see package docs) */
    public boolean autoReply() {
        return autoReply;
    }

    /**
     * @return best-effort notes about problems met while parsing (malformed parts, unknown
     *     charsets, limits reached); never contain addresses or message content
     */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "ParsedEmail[to=" + to.size() + ", cc=" + cc.size() + ", references="
                + references.size() + ", textChars=" + text.length() + ", htmlChars="
                + html.length() + ", attachments=" + attachments.size() + ", autoReply="
                + autoReply + ", warnings=" + warnings.size() + "]";
    }
}
