package dev.ticketkit.connectors.email;

import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.ChannelAttachment;
import dev.ticketkit.connectors.ChannelCapability;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.TenantId;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email channel: raw MIME in (pushed by the host, or polled from an IMAP mailbox by an {@link ImapPoller}),
 * replies out over SMTP. Build one per support mailbox with {@link #builder(TenantId, String)}. Thread-safe.
 *
 * <pre>{@code
 * EmailChannel email = EmailChannel.builder(tenant, "support@shop.example")
 *         .clock(engine.clock())
 *         .smtp(MailServer.of("smtp.shop.example", 587, "support", secret, MailServer.Security.STARTTLS))
 *         .imap(MailServer.of("imap.shop.example", 993, "support", secret, MailServer.Security.TLS))
 *         .build();
 * intake.acceptAll(email.parse(RawDelivery.of(tenant, rawMime, clock.instant())));   // push
 * email.imapPoller(intake::accept).pollOnce();                                        // or poll
 * }</pre>
 *
 * <p><b>Inbound.</b> Each raw message is parsed by the {@link EmailParser} (best effort for malformed mail)
 * into one {@link InboundMessage}: external id = {@code Message-ID} (synthesised from the bytes if missing),
 * sender = the {@code From} address as an EMAIL identity — unverified unless {@link Builder#trustSenderAddresses
 * trustSenderAddresses} is set (do that only when the mail system rejects forged senders, e.g. enforced
 * DMARC) — threading ids, the subject, the new text of a reply (quoted history stripped; the whole text for a
 * mail that answers nothing), sanitised HTML and the attachments. Automatic mail (auto-replies, out-of-office,
 * bounces) and mail from the support address itself (a loop) are marked {@link InboundMessage#autoReply()}.
 * A message the parser rejects (too large, header limits) is a non-retryable {@link ChannelException}.
 *
 * <p><b>Outbound.</b> {@link #send(OutboundMessage)} sends from the support address with our own
 * {@code Message-ID} ({@link EmailThreading#messageId}), {@code In-Reply-To} and {@code References} naming
 * the customer's mail, and the ticket token {@code [TK-000123]} in the subject, so the customer's answer
 * threads back. Failures are results: SMTP 4xx and connection problems are retryable, 5xx, rejected
 * recipients and failed logins permanent, each with a reason code.
 */
public final class EmailChannel implements ChannelAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);
    /** Bytes of a polled message fetched per IMAP command; the poller reads at most one block past its limit. */
    static final int IMAP_FETCH_BLOCK = 256 * 1024;

    private final TenantId tenant;
    private final String supportAddress;
    private final String fromName;
    private final String messageIdDomain;
    private final EmailParser parser;
    private final Clock clock;
    private final MailServer smtp;
    private final MailServer imap;
    private final boolean trustSenders;
    private final Session smtpSession;
    private final List<ImapPoller> pollers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private EmailChannel(Builder b) {
        tenant = b.tenant;
        supportAddress = b.supportAddress;
        fromName = b.fromName != null ? b.fromName : "";
        messageIdDomain = b.messageIdDomain != null ? b.messageIdDomain
                : supportAddress.substring(supportAddress.indexOf('@') + 1);
        parser = b.parser != null ? b.parser : EmailParser.create();
        clock = b.clock;
        smtp = b.smtp;
        imap = b.imap;
        trustSenders = b.trustSenders;
        smtpSession = smtp != null ? Session.getInstance(properties("smtp", smtp)) : null;
    }

    /**
     * A builder for the mailbox {@code supportAddress} of {@code tenant} (the tenant polled mail belongs to).
     *
     * @throws IllegalArgumentException if the address is not a plain {@code local@domain} address
     */
    public static Builder builder(TenantId tenant, String supportAddress) {
        return new Builder(tenant, supportAddress);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        EnumSet<ChannelCapability> c = EnumSet.of(ChannelCapability.INBOUND, ChannelCapability.ATTACHMENTS,
                ChannelCapability.HTML, ChannelCapability.MESSAGE_ID_THREADING);
        if (smtp != null) {
            c.add(ChannelCapability.OUTBOUND);
        }
        return Set.copyOf(c);
    }

    /** The tenant of this mailbox. */
    public TenantId tenant() {
        return tenant;
    }

    /** The support address mail is sent from. */
    public String supportAddress() {
        return supportAddress;
    }

    // ---- inbound -------------------------------------------------------------------------------

    /** Parses the delivery's body as one raw MIME message for the delivery's tenant. */
    @Override
    public List<InboundMessage> parse(RawDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        return List.of(parse(delivery.tenant(), delivery.body()));
    }

    /**
     * Parses one raw MIME message (the push API: the host hands over mail it already receives).
     *
     * @throws ChannelException if the parser rejects the message: {@link ChannelException.Reason#TOO_LARGE} over
     *                          the parser's size limit, {@link ChannelException.Reason#MALFORMED} otherwise (header
     *                          limits, no usable sender); not retryable
     */
    public InboundMessage parse(TenantId forTenant, byte[] rawMime) {
        Objects.requireNonNull(forTenant, "tenant");
        Objects.requireNonNull(rawMime, "rawMime");
        checkOpen();
        ParsedEmail mail;
        try {
            mail = parser.parse(rawMime);
        } catch (EmailParseException e) {
            throw rejected(e, rawMime.length);
        }
        return toInbound(forTenant, mail);
    }

    /** Like {@link #parse(TenantId, byte[])}, reading the stream to its end (bounded by the parser's limit). */
    public InboundMessage parse(TenantId forTenant, InputStream rawMime) {
        Objects.requireNonNull(forTenant, "tenant");
        Objects.requireNonNull(rawMime, "rawMime");
        checkOpen();
        ParsedEmail mail;
        long[] read = {0};
        InputStream counted = new FilterInputStream(rawMime) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                read[0] += b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                read[0] += Math.max(n, 0);
                return n;
            }
        };
        try {
            mail = parser.parse(counted);
        } catch (EmailParseException e) {
            throw rejected(e, read[0]);
        }
        return toInbound(forTenant, mail);
    }

    /** The parser's rejection as a channel's: too large if the input passed the size limit, else malformed. */
    private ChannelException rejected(EmailParseException e, long inputBytes) {
        ChannelException.Reason reason = inputBytes > parser.maxMessageBytes()
                ? ChannelException.Reason.TOO_LARGE : ChannelException.Reason.MALFORMED;
        return new ChannelException(reason, "email rejected by the parser: " + e.getMessage(), e, false);
    }

    /** Normalises a parsed email. */
    InboundMessage toInbound(TenantId forTenant, ParsedEmail mail) {
        boolean loop = mail.from().equalsIgnoreCase(supportAddress);
        boolean automatic = mail.autoReply() || loop;
        String from = mail.from();
        ChannelIdentity sender;
        try {
            if (from.isBlank()) {
                if (!automatic) {
                    throw new ChannelException(ChannelException.Reason.MALFORMED, "email has no sender address");
                }
                from = "mailer-daemon@invalid"; // a bounce without sender: kept only to be ignored
            }
            sender = new ChannelIdentity(IdentityType.EMAIL, from, trustSenders && !automatic);
        } catch (IllegalArgumentException e) {
            throw new ChannelException(ChannelException.Reason.MALFORMED, "email sender address is too long or malformed");
        }
        boolean isReply = mail.inReplyTo().isPresent() || !mail.references().isEmpty();
        String text = isReply && !mail.replyText().isBlank() ? mail.replyText() : mail.text();
        InboundMessage.Builder b = InboundMessage.builder(forTenant, Channel.EMAIL)
                .externalMessageId(mail.messageId())
                .sender(sender)
                .senderName(clean(mail.fromName(), 200))
                .subject(clean(mail.subject(), 998))
                .text(text)
                .html(mail.html())
                .references(validIds(mail.references()))
                .autoReply(automatic);
        mail.inReplyTo().filter(EmailChannel::validId).ifPresent(b::inReplyTo);
        mail.date().ifPresent(b::sentAt);
        if (mail.messageIdSynthesised()) {
            b.metadata("email.messageIdSynthesised", "true");
        }
        if (!mail.warnings().isEmpty()) {
            b.metadata("email.warnings", Integer.toString(mail.warnings().size()));
        }
        for (ParsedAttachment a : mail.attachments()) {
            b.attachment(attachment(a));
        }
        return b.build();
    }

    private static ChannelAttachment attachment(ParsedAttachment a) {
        String type = a.contentType().indexOf('/') > 0 ? a.contentType() : "application/octet-stream";
        ChannelAttachment c = a.contentKept()
                ? ChannelAttachment.of(a.filename(), type, a.size(), a::openStream)
                : ChannelAttachment.of(a.filename(), type, a.size(), () -> {
                    throw new IOException("attachment content was over the parser's limit and not kept");
                });
        return a.inline() && a.contentId().isPresent() ? c.asInline(a.contentId().get()) : c;
    }

    private static boolean validId(String id) {
        return !id.isBlank() && id.length() <= InboundMessage.MAX_ID_LENGTH && id.chars().noneMatch(Character::isISOControl);
    }

    private static List<String> validIds(List<String> ids) {
        return ids.stream().filter(EmailChannel::validId).toList();
    }

    /** Control characters to spaces, cut to {@code max}. */
    private static String clean(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString().strip();
    }

    /**
     * A poller for this channel's IMAP mailbox that hands each new message to {@code handler} (usually
     * {@code intake::accept}). Drive it with {@link ImapPoller#pollOnce()} or start it on a schedule. Closed
     * with this channel.
     *
     * @throws IllegalStateException if no IMAP server was configured
     */
    public ImapPoller imapPoller(Consumer<InboundMessage> handler) {
        return newPoller(Objects.requireNonNull(handler, "handler"), null);
    }

    /**
     * A poller like {@link #imapPoller} that hands each poll's messages to {@code handler} in one call, usually
     * {@code intake::acceptAll}, which opens their new tickets in one transaction: the way to take in a busy
     * mailbox. All of a poll's messages are marked read when the handler returns; when it throws, the poll hands
     * them over again one at a time, so that a message the handler cannot take is retried and, after
     * {@link ImapPoller#maxAttempts(int) maxAttempts}, set aside on its own.
     *
     * @throws IllegalStateException if no IMAP server was configured
     */
    public ImapPoller imapBatchPoller(Consumer<List<InboundMessage>> handler) {
        return newPoller(null, Objects.requireNonNull(handler, "handler"));
    }

    /** A poller with one of the two handlers, closed with this channel. */
    private ImapPoller newPoller(Consumer<InboundMessage> handler, Consumer<List<InboundMessage>> batchHandler) {
        checkOpen();
        if (imap == null) {
            throw new IllegalStateException("no IMAP server configured for this email channel");
        }
        ImapPoller p = new ImapPoller(this, Session.getInstance(properties("imap", imap)), imap, handler, batchHandler);
        pollers.add(p);
        return p;
    }

    // ---- outbound ------------------------------------------------------------------------------

    @Override
    public SendResult send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        checkOpen();
        if (smtpSession == null) {
            throw new UnsupportedOperationException("no SMTP server configured for this email channel");
        }
        if (!message.recipient().type().equals(IdentityType.EMAIL)) {
            return SendResult.permanent("recipient_not_email");
        }
        String messageId = message.ticketId()
                .map(t -> EmailThreading.messageId(t, message.messageId().orElse(null), messageIdDomain))
                .orElseGet(() -> UUID.randomUUID() + "@" + messageIdDomain);
        MimeMessage mime;
        try {
            mime = compose(message, messageId);
        } catch (AddressException e) {
            return SendResult.permanent("recipient_invalid");
        } catch (IOException e) {
            LOG.warn("email reply on ticket {} not sent: an attachment could not be read", message.ticketId().orElse(null));
            return SendResult.permanent("attachment_unreadable");
        } catch (MessagingException e) {
            LOG.warn("email reply on ticket {} could not be composed ({})", message.ticketId().orElse(null),
                    e.getClass().getSimpleName());
            return SendResult.permanent("message_invalid");
        }
        SendResult result = transmit(mime, messageId);
        if (!result.isDelivered()) {
            LOG.warn("email reply on ticket {} not sent: {} ({})", message.ticketId().orElse(null), result.reasonCode(),
                    result.status());
        }
        return result;
    }

    private MimeMessage compose(OutboundMessage m, String messageId) throws MessagingException, IOException {
        MimeMessage mime = new OwnIdMimeMessage(smtpSession, "<" + messageId + ">");
        try {
            mime.setFrom(new InternetAddress(supportAddress, fromName.isEmpty() ? null : fromName, "UTF-8"));
            InternetAddress to = new InternetAddress(m.recipient().value(), true);
            if (!m.recipientName().isEmpty()) {
                to.setPersonal(m.recipientName(), "UTF-8");
            }
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is missing", e);
        }
        String subject = m.subject();
        if (m.ticketNumber().isPresent()) {
            subject = EmailThreading.subjectWithToken(subject, m.ticketNumber().get());
        }
        mime.setSubject(subject, "UTF-8");
        mime.setSentDate(Date.from(clock.instant()));
        List<String> refs = new ArrayList<>(m.references());
        m.inReplyTo().ifPresent(id -> {
            if (!refs.contains(id)) {
                refs.add(id);
            }
        });
        if (m.inReplyTo().isPresent()) {
            mime.setHeader("In-Reply-To", "<" + m.inReplyTo().get() + ">");
        }
        if (!refs.isEmpty()) {
            StringBuilder r = new StringBuilder();
            for (String id : refs) {
                if (r.length() > 0) {
                    r.append("\r\n ");
                }
                r.append('<').append(id).append('>');
            }
            mime.setHeader("References", r.toString());
        }
        m.ticketNumber().ifPresent(n -> {
            try {
                mime.setHeader("X-TicketKit-Ticket", n.toString());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        if (m.html().isEmpty() && m.attachments().isEmpty()) {
            mime.setText(m.text(), "UTF-8");
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            if (m.html().isEmpty()) {
                body.setText(m.text(), "UTF-8");
            } else {
                MimeMultipart alt = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(m.text(), "UTF-8");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(m.html(), "UTF-8", "html");
                alt.addBodyPart(text);
                alt.addBodyPart(html);
                body.setContent(alt);
            }
            mixed.addBodyPart(body);
            for (ChannelAttachment a : m.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                byte[] bytes;
                try (InputStream in = a.openStream()) {
                    bytes = in.readAllBytes();
                }
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, a.contentType())));
                try {
                    part.setFileName(jakarta.mail.internet.MimeUtility.encodeText(a.filename(), "UTF-8", null));
                } catch (UnsupportedEncodingException e) {
                    throw new IllegalStateException(e);
                }
                if (a.inline() && a.contentId().isPresent()) {
                    part.setDisposition(MimeBodyPart.INLINE);
                    part.setContentID("<" + a.contentId().get() + ">");
                } else {
                    part.setDisposition(MimeBodyPart.ATTACHMENT);
                }
                mixed.addBodyPart(part);
            }
            mime.setContent(mixed);
        }
        if (m.automatic()) {
            // RFC 3834: responders must not answer it; Exchange honours the suppress header instead
            mime.setHeader("Auto-Submitted", "auto-replied");
            mime.setHeader("X-Auto-Response-Suppress", "All");
        } else {
            mime.setHeader("Auto-Submitted", "no");
        }
        mime.saveChanges();
        return mime;
    }

    private SendResult transmit(MimeMessage mime, String messageId) {
        String protocol = smtp.security() == MailServer.Security.TLS ? "smtps" : "smtp";
        try (Transport transport = smtpSession.getTransport(protocol)) {
            transport.connect(smtp.host(), smtp.port(), smtp.username().isEmpty() ? null : smtp.username(),
                    smtp.password().isEmpty() ? null : smtp.password());
            transport.sendMessage(mime, mime.getAllRecipients());
            return SendResult.delivered(messageId);
        } catch (AuthenticationFailedException e) {
            return SendResult.permanent("smtp_auth_failed");
        } catch (SendFailedException e) {
            int code = returnCode(e);
            if (code >= 400 && code < 500) {
                return SendResult.retryable("smtp_temporary_failure");
            }
            if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                return SendResult.permanent("recipient_rejected");
            }
            return code >= 500 ? SendResult.permanent("smtp_rejected") : SendResult.retryable("smtp_send_failed");
        } catch (MessagingException e) {
            int code = returnCode(e);
            if (code >= 500 && code < 600) {
                return SendResult.permanent("smtp_rejected");
            }
            return SendResult.retryable(hasIoCause(e) ? "smtp_unavailable" : "smtp_error");
        }
    }

    /** The SMTP reply code in the exception chain, or -1. */
    private static int returnCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != me
                    && me.getCause() == null) {
                return returnCode(me.getNextException());
            }
        }
        return -1;
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Nothing to start: pollers are started on their own ({@link ImapPoller#start}). Idempotent. */
    @Override
    public void start() {
        checkOpen();
    }

    /** Closes every poller made by {@link #imapPoller}; further use is an {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (ImapPoller p : pollers) {
            p.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("email channel is closed");
        }
    }

    private static Properties properties(String protocol, MailServer server) {
        Properties p = new Properties();
        String ms = Long.toString(server.timeout().toMillis());
        for (String proto : new String[] {protocol, protocol + "s"}) {
            p.setProperty("mail." + proto + ".connectiontimeout", ms);
            p.setProperty("mail." + proto + ".timeout", ms);
            p.setProperty("mail." + proto + ".writetimeout", ms);
        }
        if (server.security() == MailServer.Security.STARTTLS) {
            p.setProperty("mail." + protocol + ".starttls.enable", "true");
            p.setProperty("mail." + protocol + ".starttls.required", "true");
        }
        if (server.security() != MailServer.Security.PLAIN) {
            p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
            p.setProperty("mail." + protocol + "s.ssl.checkserveridentity", "true");
        }
        if (protocol.equals("smtp") && !server.username().isEmpty()) {
            p.setProperty("mail.smtp.auth", "true");
            p.setProperty("mail.smtps.auth", "true");
        }
        if (protocol.equals("imap")) {
            // Fetch with BODY.PEEK so a message that fails stays unread and is fetched again.
            p.setProperty("mail.imap.peek", "true");
            p.setProperty("mail.imaps.peek", "true");
            // Stream message content in blocks (partial fetch), so the poller's read stops near the parser's limit.
            for (String proto : new String[] {"imap", "imaps"}) {
                p.setProperty("mail." + proto + ".partialfetch", "true");
                p.setProperty("mail." + proto + ".fetchsize", Integer.toString(IMAP_FETCH_BLOCK));
            }
        }
        return p;
    }

    EmailParser parser() {
        return parser;
    }

    @Override
    public String toString() {
        return "EmailChannel[tenant=" + tenant + " smtp=" + smtp + " imap=" + imap + "]";
    }

    /** A MIME message that keeps the {@code Message-ID} we chose (Jakarta Mail would make its own). */
    private static final class OwnIdMimeMessage extends MimeMessage {
        private final String id;

        OwnIdMimeMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /**
     * Builds {@link EmailChannel}. Each option is checked when set; an option set twice is an
     * {@link IllegalStateException}.
     */
    public static final class Builder {
        private static final java.util.regex.Pattern ADDRESS =
                java.util.regex.Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

        private final TenantId tenant;
        private final String supportAddress;
        private String fromName;
        private String messageIdDomain;
        private EmailParser parser;
        private Clock clock;
        private MailServer smtp;
        private MailServer imap;
        private boolean trustSenders;
        private boolean trustSet;

        private Builder(TenantId tenant, String supportAddress) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(supportAddress, "supportAddress");
            if (!ADDRESS.matcher(supportAddress).matches()) {
                throw new IllegalArgumentException("supportAddress must be a plain local@domain address");
            }
            this.supportAddress = supportAddress.toLowerCase(Locale.ROOT);
        }

        private static void once(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set");
            }
        }

        /** The display name replies are sent under, such as the shop's name (default none). */
        public Builder fromName(String name) {
            once(fromName, "fromName");
            Objects.requireNonNull(name, "fromName");
            if (name.chars().anyMatch(Character::isISOControl) || name.length() > 200) {
                throw new IllegalArgumentException("fromName must be at most 200 characters without control characters");
            }
            fromName = name.strip();
            return this;
        }

        /** The domain of our {@code Message-ID}s (default: the support address's domain). */
        public Builder messageIdDomain(String domain) {
            once(messageIdDomain, "messageIdDomain");
            Objects.requireNonNull(domain, "domain");
            EmailThreading.messageId(dev.ticketkit.core.TicketId.of(new UUID(0, 0)), null, domain); // validates
            messageIdDomain = domain;
            return this;
        }

        /** The parser (default {@link EmailParser#create()}). */
        public Builder parser(EmailParser value) {
            once(parser, "parser");
            parser = Objects.requireNonNull(value, "parser");
            return this;
        }

        /**
         * The clock for the {@code Date} of sent mail (required: the library reads no system clock; pass the
         * engine's, {@code engine.clock()}, or the host's own clock).
         */
        public Builder clock(Clock value) {
            once(clock, "clock");
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The SMTP server replies go through (default none: the channel does not send). */
        public Builder smtp(MailServer server) {
            once(smtp, "smtp");
            smtp = Objects.requireNonNull(server, "smtp");
            return this;
        }

        /** The IMAP server of the mailbox (default none: mail is only pushed). */
        public Builder imap(MailServer server) {
            once(imap, "imap");
            imap = Objects.requireNonNull(server, "imap");
            return this;
        }

        /**
         * Whether {@code From} addresses count as verified identities (default false). Set it only when the mail
         * system rejects forged senders; verified identities are used to link channels to existing customers.
         */
        public Builder trustSenderAddresses(boolean value) {
            if (trustSet) {
                throw new IllegalStateException("trustSenderAddresses was already set");
            }
            trustSet = true;
            trustSenders = value;
            return this;
        }

        /**
         * @return the channel
         * @throws IllegalStateException if no clock was set
         */
        public EmailChannel build() {
            if (clock == null) {
                throw new IllegalStateException("clock is required (it dates sent mail)");
            }
            EmailChannel c = new EmailChannel(this);
            LOG.info("TicketKit email channel configured: {}", c);
            return c;
        }
    }
}
