package dev.ticketkit.connectors;

import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A reply to send through a channel: {@link ChannelAdapter#send(OutboundMessage)}. Immutable; build with
 * {@link #builder(TenantId, Channel, ChannelIdentity)}. Name the ticket (id and number) and the stored
 * message so that channels able to thread can make the reply come back to the same ticket: the email
 * channel puts the ticket token {@code [TK-000123]} in the subject and derives its {@code Message-ID} from
 * the ids. {@link #toString()} never shows text or addresses.
 */
public final class OutboundMessage {
    private final TenantId tenant;
    private final Channel channel;
    private final ChannelIdentity recipient;
    private final String recipientName;
    private final String subject;
    private final String text;
    private final String html;
    private final List<ChannelAttachment> attachments;
    private final TicketId ticketId;
    private final TicketNumber ticketNumber;
    private final MessageId messageId;
    private final String conversationId;
    private final String inReplyTo;
    private final List<String> references;
    private final boolean automatic;

    private OutboundMessage(Builder b) {
        tenant = b.tenant;
        channel = b.channel;
        recipient = b.recipient;
        recipientName = b.recipientName;
        subject = b.subject;
        text = b.text;
        html = b.html;
        attachments = List.copyOf(b.attachments);
        ticketId = b.ticketId;
        ticketNumber = b.ticketNumber;
        messageId = b.messageId;
        conversationId = b.conversationId;
        inReplyTo = b.inReplyTo;
        references = List.copyOf(b.references);
        automatic = b.automatic;
    }

    /** A reply to {@code recipient} on {@code channel}. */
    public static Builder builder(TenantId tenant, Channel channel, ChannelIdentity recipient) {
        return new Builder(tenant, channel, recipient);
    }

    public TenantId tenant() { return tenant; }

    public Channel channel() { return channel; }

    public ChannelIdentity recipient() { return recipient; }

    public String recipientName() { return recipientName; }

    /** The subject ("" if none; channels without subjects ignore it). */
    public String subject() { return subject; }

    public String text() { return text; }

    /** Sanitised HTML, "" for text only. */
    public String html() { return html; }

    public List<ChannelAttachment> attachments() { return attachments; }

    public Optional<TicketId> ticketId() { return Optional.ofNullable(ticketId); }

    public Optional<TicketNumber> ticketNumber() { return Optional.ofNullable(ticketNumber); }

    /** The stored message being sent (an agent's reply), if it was stored first. */
    public Optional<MessageId> messageId() { return Optional.ofNullable(messageId); }

    public Optional<String> conversationId() { return conversationId.isEmpty() ? Optional.empty() : Optional.of(conversationId); }

    /** The channel's id of the message answered (for email the customer's {@code Message-ID}), if any. */
    public Optional<String> inReplyTo() { return inReplyTo.isEmpty() ? Optional.empty() : Optional.of(inReplyTo); }

    /** Ids of earlier messages of the thread, oldest first. */
    public List<String> references() { return references; }

    /**
     * Whether the system wrote it (a rule's acknowledgement, a templated answer) rather than a person. Channels that
     * can say so on the wire do, so that the customer's own auto-responders do not answer it (email:
     * {@code Auto-Submitted: auto-replied}).
     */
    public boolean automatic() { return automatic; }

    /** Channel, ticket and counts only. */
    @Override
    public String toString() {
        return "OutboundMessage[tenant=" + tenant + " channel=" + channel + " ticket=" + ticketNumber
                + " attachments=" + attachments.size() + "]";
    }

    /** Builds {@link OutboundMessage}; setters check their arguments at once. */
    public static final class Builder {
        private final TenantId tenant;
        private final Channel channel;
        private final ChannelIdentity recipient;
        private String recipientName = "";
        private String subject = "";
        private String text = "";
        private String html = "";
        private final List<ChannelAttachment> attachments = new ArrayList<>();
        private TicketId ticketId;
        private TicketNumber ticketNumber;
        private MessageId messageId;
        private String conversationId = "";
        private String inReplyTo = "";
        private final List<String> references = new ArrayList<>();
        private boolean automatic;

        private Builder(TenantId tenant, Channel channel, ChannelIdentity recipient) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            this.channel = Objects.requireNonNull(channel, "channel");
            this.recipient = Objects.requireNonNull(recipient, "recipient");
        }

        public Builder recipientName(String name) { recipientName = noBreaks(name, "recipientName"); return this; }

        public Builder subject(String s) { subject = noBreaks(s, "subject"); return this; }

        public Builder text(String t) { text = Objects.requireNonNull(t, "text"); return this; }

        public Builder html(String h) { html = Objects.requireNonNull(h, "html"); return this; }

        public Builder attachment(ChannelAttachment a) { attachments.add(Objects.requireNonNull(a, "attachment")); return this; }

        /** The ticket this replies on: its id and number. */
        public Builder ticket(TicketId id, TicketNumber number) {
            ticketId = Objects.requireNonNull(id, "ticketId");
            ticketNumber = Objects.requireNonNull(number, "ticketNumber");
            return this;
        }

        public Builder messageId(MessageId id) { messageId = Objects.requireNonNull(id, "messageId"); return this; }

        public Builder conversationId(String id) { conversationId = noBreaks(id, "conversationId"); return this; }

        public Builder inReplyTo(String id) { inReplyTo = noBreaks(id, "inReplyTo"); return this; }

        public Builder references(List<String> ids) {
            references.clear();
            for (String r : Objects.requireNonNull(ids, "references")) {
                references.add(noBreaks(r, "reference"));
            }
            return this;
        }

        /** Marks the message as written by the system, not a person (default {@code false}); see {@link #automatic()}. */
        public Builder automatic(boolean value) { automatic = value; return this; }

        /** The message; {@link IllegalArgumentException} if it has neither text, HTML nor attachments. */
        public OutboundMessage build() {
            if (text.isBlank() && html.isBlank() && attachments.isEmpty()) {
                throw new IllegalArgumentException("an outbound message needs text, HTML or an attachment");
            }
            return new OutboundMessage(this);
        }

        private static String noBreaks(String v, String what) {
            Objects.requireNonNull(v, what);
            if (v.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException(what + " must not contain line breaks");
            }
            return v.strip();
        }
    }
}
