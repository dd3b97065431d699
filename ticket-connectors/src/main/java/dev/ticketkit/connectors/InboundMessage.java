package dev.ticketkit.connectors;

import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message as a channel delivered it, normalised: what {@link ChannelAdapter#parse(RawDelivery)} produces
 * and {@code Intake} consumes. Immutable; build with {@link #builder(TenantId, Channel)}.
 *
 * <p>Every message needs an {@link #externalMessageId() external message id} — the channel's own id of the
 * message (the {@code Message-ID} for email, {@code MsgId} for WeChat, the webhook id for Shopify) — because
 * intake deduplicates by (tenant, channel, external message id), and a {@link #sender() sender identity}.
 * Mark the sender {@linkplain ChannelIdentity#verified() verified} only when the channel proves it (a signed
 * platform push naming its own user id, a DKIM/DMARC-checked mail domain), since intake links identities to
 * existing customers only on verified evidence.
 *
 * <p>{@link #toString()} shows the channel and counts, never text, names or addresses.
 */
public final class InboundMessage {
    /** Longest external message id, conversation id, {@code In-Reply-To} or reference accepted. */
    public static final int MAX_ID_LENGTH = 998;
    /** Most references kept (the newest, as mail clients put them last). */
    public static final int MAX_REFERENCES = 100;
    /** Most metadata entries. */
    public static final int MAX_METADATA = 100;

    private final TenantId tenant;
    private final Channel channel;
    private final String conversationId;
    private final String externalMessageId;
    private final ChannelIdentity sender;
    private final String senderName;
    private final List<ChannelIdentity> otherIdentities;
    private final String subject;
    private final String text;
    private final String html;
    private final List<ChannelAttachment> attachments;
    private final Instant sentAt;
    private final Map<String, String> metadata;
    private final String inReplyTo;
    private final List<String> references;
    private final boolean autoReply;

    private InboundMessage(Builder b) {
        tenant = b.tenant;
        channel = b.channel;
        conversationId = b.conversationId;
        externalMessageId = b.externalMessageId;
        sender = b.sender;
        senderName = b.senderName;
        otherIdentities = List.copyOf(b.otherIdentities);
        subject = b.subject;
        text = b.text;
        html = b.html;
        attachments = List.copyOf(b.attachments);
        sentAt = b.sentAt;
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        inReplyTo = b.inReplyTo;
        List<String> refs = b.references;
        references = List.copyOf(refs.size() > MAX_REFERENCES ? refs.subList(refs.size() - MAX_REFERENCES, refs.size()) : refs);
        autoReply = b.autoReply;
    }

    /** A builder for a message of this tenant and channel. */
    public static Builder builder(TenantId tenant, Channel channel) {
        return new Builder(tenant, channel);
    }

    public TenantId tenant() { return tenant; }

    public Channel channel() { return channel; }

    /**
     * The platform's conversation id (chat session, WeChat user, marketplace buyer), if the channel has
     * conversations; intake threads chat-like channels by it.
     */
    public Optional<String> conversationId() { return opt(conversationId); }

    /** The channel's id of this message, never blank. For email the {@code Message-ID} without angle brackets. */
    public String externalMessageId() { return externalMessageId; }

    /** Who sent it, as the channel knows them. */
    public ChannelIdentity sender() { return sender; }

    /** How the sender calls themselves ("" if unknown); personal data. */
    public String senderName() { return senderName; }

    /**
     * Further identities of the sender the channel vouches for (the verified email of a Shopify customer, a
     * WeChat union id); intake may use verified ones to find an existing customer.
     */
    public List<ChannelIdentity> otherIdentities() { return otherIdentities; }

    /** The subject ("" if the channel has none). */
    public String subject() { return subject; }

    /** The plain text, "" if none. For email the new text of a reply, without quoted history. */
    public String text() { return text; }

    /** Sanitised HTML, "" if none. */
    public String html() { return html; }

    public List<ChannelAttachment> attachments() { return attachments; }

    /** When the sender sent it, by the channel's account. */
    public Optional<Instant> sentAt() { return Optional.ofNullable(sentAt); }

    /** Channel-specific facts (such as a Shopify topic or WeChat message type), in insertion order. */
    public Map<String, String> metadata() { return metadata; }

    /** The id of the message this one answers (email {@code In-Reply-To}), if any. */
    public Optional<String> inReplyTo() { return opt(inReplyTo); }

    /** Ids of earlier messages of the thread, oldest first (email {@code References}). */
    public List<String> references() { return references; }

    /** Whether this is an automatic message (auto-reply, out-of-office, bounce): it never opens a ticket. */
    public boolean autoReply() { return autoReply; }

    private static Optional<String> opt(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** Channel, kind and counts only. */
    @Override
    public String toString() {
        return "InboundMessage[tenant=" + tenant + " channel=" + channel + " " + sender + " attachments="
                + attachments.size() + (autoReply ? " auto-reply" : "") + "]";
    }

    /**
     * Builds {@link InboundMessage}. Setters reject {@code null} at once; {@link #build()} checks the whole
     * message and reports what is missing or malformed as a {@link ChannelException} (input from a channel is
     * not a programming error).
     */
    public static final class Builder {
        private final TenantId tenant;
        private final Channel channel;
        private String conversationId = "";
        private String externalMessageId = "";
        private ChannelIdentity sender;
        private String senderName = "";
        private final List<ChannelIdentity> otherIdentities = new ArrayList<>();
        private String subject = "";
        private String text = "";
        private String html = "";
        private final List<ChannelAttachment> attachments = new ArrayList<>();
        private Instant sentAt;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private String inReplyTo = "";
        private List<String> references = new ArrayList<>();
        private boolean autoReply;

        private Builder(TenantId tenant, Channel channel) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            this.channel = Objects.requireNonNull(channel, "channel");
        }

        public Builder conversationId(String id) { conversationId = Objects.requireNonNull(id, "conversationId").strip(); return this; }

        public Builder externalMessageId(String id) { externalMessageId = Objects.requireNonNull(id, "externalMessageId").strip(); return this; }

        public Builder sender(ChannelIdentity identity) { sender = Objects.requireNonNull(identity, "sender"); return this; }

        public Builder senderName(String name) { senderName = Objects.requireNonNull(name, "senderName").strip(); return this; }

        public Builder otherIdentity(ChannelIdentity identity) { otherIdentities.add(Objects.requireNonNull(identity, "identity")); return this; }

        public Builder subject(String s) { subject = Objects.requireNonNull(s, "subject").strip(); return this; }

        public Builder text(String t) { text = Objects.requireNonNull(t, "text"); return this; }

        /** HTML that is already sanitised (the email parser's output is). */
        public Builder html(String h) { html = Objects.requireNonNull(h, "html"); return this; }

        public Builder attachment(ChannelAttachment a) { attachments.add(Objects.requireNonNull(a, "attachment")); return this; }

        public Builder sentAt(Instant at) { sentAt = Objects.requireNonNull(at, "sentAt"); return this; }

        public Builder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder inReplyTo(String id) { inReplyTo = Objects.requireNonNull(id, "inReplyTo").strip(); return this; }

        public Builder references(List<String> ids) {
            List<String> copy = new ArrayList<>();
            for (String r : Objects.requireNonNull(ids, "references")) {
                copy.add(Objects.requireNonNull(r, "reference").strip());
            }
            references = copy;
            return this;
        }

        public Builder autoReply(boolean value) { autoReply = value; return this; }

        /**
         * The message.
         *
         * @throws ChannelException if the external message id or sender is missing, or an id, the metadata or
         *                          the sender name is malformed or too long
         */
        public InboundMessage build() {
            if (externalMessageId.isEmpty()) {
                throw new ChannelException(Reason.MALFORMED, channel + " message has no external message id");
            }
            if (sender == null) {
                throw new ChannelException(Reason.MALFORMED, channel + " message has no sender identity");
            }
            id(externalMessageId, "external message id");
            id(conversationId, "conversation id");
            id(inReplyTo, "in-reply-to id");
            for (String r : references) {
                if (r.isEmpty()) {
                    throw new ChannelException(Reason.MALFORMED, channel + " message has an empty reference");
                }
                id(r, "reference");
            }
            if (senderName.length() > 200 || senderName.chars().anyMatch(Character::isISOControl)) {
                throw new ChannelException(Reason.MALFORMED,
                        channel + " sender name is longer than 200 characters or has control characters");
            }
            if (subject.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new ChannelException(Reason.MALFORMED, channel + " subject has line breaks or NUL characters");
            }
            if (metadata.size() > MAX_METADATA) {
                throw new ChannelException(Reason.MALFORMED,
                        channel + " message has more than " + MAX_METADATA + " metadata entries");
            }
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey().isBlank() || e.getKey().length() > 64 || e.getValue().length() > 4096) {
                    throw new ChannelException(Reason.MALFORMED,
                            channel + " metadata key blank or longer than 64, or value longer than 4096 characters");
                }
            }
            return new InboundMessage(this);
        }

        private void id(String value, String what) {
            if (value.length() > MAX_ID_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
                throw new ChannelException(Reason.MALFORMED, channel + " " + what + " is longer than " + MAX_ID_LENGTH
                        + " characters or has control characters");
            }
        }
    }
}
