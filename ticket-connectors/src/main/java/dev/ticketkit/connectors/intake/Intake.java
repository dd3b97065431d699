package dev.ticketkit.connectors.intake;

import dev.ticketkit.connectors.ChannelAttachment;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.OwnMessageIds;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Attachment;
import dev.ticketkit.core.BatchCreateResult;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.Customers;
import dev.ticketkit.core.DuplicateKeyException;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.Limits;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.MessageResult;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Regex;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketException;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.Tickets;
import dev.ticketkit.core.ViewQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake pipeline: turns normalised {@link InboundMessage}s from any channel into tickets and messages on a
 * {@link TicketEngine}. Thread-safe; build once with {@link #builder(TicketEngine)} and share.
 *
 * <pre>{@code
 * Intake intake = Intake.builder(engine).build();
 * IntakeResult r = intake.accept(emailChannel.parse(tenant, rawMime));
 *     // CREATED, APPENDED, REOPENED, FOLLOW_UP, DUPLICATE or IGNORED_AUTO_REPLY
 * List<IntakeResult> all = intake.acceptAll(messages);   // a batch: its new tickets in one transaction
 * }</pre>
 *
 * <p>For each message, in order:
 * <ol>
 *   <li><b>Dedup.</b> A message whose (tenant, channel, external id) was taken in before is a
 *       {@link IntakeResult.Outcome#DUPLICATE} naming the ticket and message stored the first time; nothing is
 *       added. Two deliveries racing on two threads (or nodes) end the same way: the store's unique key on the
 *       external message id lets one win and the other report the duplicate. For messages with a conversation
 *       id the stored external id is {@link #storedExternalId(String, String) conversation-qualified}.</li>
 *   <li><b>Auto-replies</b> (auto-reply, out-of-office, bounce) are {@link IntakeResult.Outcome#IGNORED_AUTO_REPLY}:
 *       they never open or touch a ticket, so nothing answers them.</li>
 *   <li><b>Identity.</b> The sender's identity finds the customer. An unknown identity is linked to an existing
 *       customer only on verified evidence: a further identity of the message of type EMAIL or PHONE that is
 *       verified and matches a verified identity of that customer. A customer never gets a second identity of a
 *       platform id type (anything but EMAIL and PHONE): a second Shopify customer id with the same email makes a
 *       new customer. Otherwise a new customer is created. Verified further identities nobody holds are added.</li>
 *   <li><b>Threading.</b> First by ids: the {@code In-Reply-To} and then the {@code References} (newest first),
 *       each matched against TicketKit's own message ids ({@link OwnMessageIds}) and against the external
 *       ids of stored messages. Then by the ticket token {@code [TK-000123]} in the subject
 *       ({@link TicketNumber#tokenIn}), which counts only if
 *       the sender is the ticket's requester or a customer who wrote on it before (else a new ticket). Then, for
 *       messages with a conversation id, the requester's latest ticket on the same channel holding a message of
 *       that conversation, if its latest message is within the {@linkplain Builder#conversationWindow inactivity
 *       window}. A ticket merged into another threads to the target.</li>
 *   <li><b>Append or create.</b> A message threaded to a ticket is added as the customer's reply: a pending,
 *       on-hold or solved ticket reopens ({@link IntakeResult.Outcome#REOPENED} for solved), and a closed ticket
 *       gets a new ticket linked FOLLOW_UP_OF it ({@link IntakeResult.Outcome#FOLLOW_UP}). Otherwise a new
 *       ticket is opened ({@link IntakeResult.Outcome#CREATED}).</li>
 *   <li><b>Order numbers</b> found in the subject and text by the {@link OrderNumbers} patterns are added to the
 *       ticket as order references.</li>
 * </ol>
 *
 * <p>Input over the {@linkplain Builder#limits limits} is cut, not refused, so that no inquiry is lost: text
 * beyond the length limit is cut, HTML beyond its limit dropped (the text stays), attachments beyond the count
 * or size limit kept as metadata only; each such case adds a warning to the result. Failures of the engine are
 * {@link TicketException}s and leave nothing half-written (except an attachment already handed to the sink).
 * Logs name outcomes and ids, never addresses or content.
 */
public final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    /** Default inactivity window after which a chat-like conversation's next message opens a new ticket. */
    public static final Duration DEFAULT_CONVERSATION_WINDOW = Duration.ofHours(8);
    /** Default largest attachment whose content is stored (25 MiB); larger ones are kept as metadata. */
    public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 25L * 1024 * 1024;
    /** Default name of the integration actor intake acts as (in the audit trail). */
    public static final String DEFAULT_ACTOR_NAME = "intake";

    /** Longest external id the stores keep. */
    static final int MAX_STORED_ID = 255;
    private static final int MAX_THREAD_IDS = 20;
    private static final int CONVERSATION_CANDIDATES = 20;
    private static final int MAX_MERGE_HOPS = 5;
    /**
     * Reply and forward prefixes. RE2 (linear time) because subjects are the customer's: java.util.regex
     * backtracked quadratically over long runs of white space here and overflowed its stack on thousands of
     * {@code "re: "}. {@code [\t\n\x0B\f\r ]} is java.util.regex's {@code \s}, which RE2's leaves the vertical tab out of.
     */
    private static final Regex REPLY_PREFIX = Regex.of(
            "(?i)^(?:[\\t\\n\\x0B\\f\\r ]*(?:re|fw|fwd|aw|wg|sv|vs|antw|回复|答复|转发|回覆|轉寄)[\\t\\n\\x0B\\f\\r ]*"
                    + "(?:\\[[0-9]+\\])?[\\t\\n\\x0B\\f\\r ]*[:：][\\t\\n\\x0B\\f\\r ]*)+");

    private final TicketEngine engine;
    private final Clock clock;
    private final Duration conversationWindow;
    private final OrderNumbers orderNumbers;
    private final Limits limits;
    private final long maxAttachmentBytes;
    private final AttachmentSink attachmentSink;
    private final String actorName;

    private Intake(Builder b) {
        engine = b.engine;
        clock = b.clock != null ? b.clock : engine.clock();
        conversationWindow = b.conversationWindow != null ? b.conversationWindow : DEFAULT_CONVERSATION_WINDOW;
        orderNumbers = b.orderNumbers != null ? b.orderNumbers : OrderNumbers.ofDefaults();
        limits = b.limits != null ? b.limits : Limits.ofDefaults();
        maxAttachmentBytes = b.maxAttachmentBytes != null ? b.maxAttachmentBytes : DEFAULT_MAX_ATTACHMENT_BYTES;
        attachmentSink = b.attachmentSink != null ? b.attachmentSink : AttachmentSink.none();
        actorName = b.actorName != null ? b.actorName : DEFAULT_ACTOR_NAME;
    }

    /** A builder over this engine. */
    public static Builder builder(TicketEngine engine) {
        return new Builder(engine);
    }

    /**
     * The external id intake stores for a message: the channel's id, qualified by the conversation id when there
     * is one (platforms whose message ids are unique only within a conversation stay apart), and replaced by a
     * SHA-256 digest where it would pass the stores' 255 characters. Hosts use it to look a message up with
     * {@link Tickets#findMessageByExternalId}.
     *
     * @param conversationId the conversation id, "" if none
     */
    public static String storedExternalId(String conversationId, String externalMessageId) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(externalMessageId, "externalMessageId");
        if (conversationId.isEmpty()) {
            return externalMessageId.length() <= MAX_STORED_ID ? externalMessageId : "#" + sha256(externalMessageId);
        }
        return conversationPrefix(conversationId)
                + (externalMessageId.length() <= 150 ? externalMessageId : "#" + sha256(externalMessageId));
    }

    /** The part of a stored id that names the conversation; contains exactly one '|', at its end. */
    private static String conversationPrefix(String conversationId) {
        String c = conversationId.length() <= 100 && conversationId.indexOf('|') < 0 ? conversationId
                : "#" + sha256(conversationId).substring(0, 40);
        return c + "|";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }

    /**
     * Takes in many messages (such as one IMAP poll, or what a webhook endpoint collected over a few
     * milliseconds), with the same outcome for each as {@link #accept} one by one in order, but batched: the
     * redelivery check for the whole batch is one store read, and the new tickets are opened together through
     * {@link Tickets#createAll} (one transaction for up to {@link Limits#maxBulkSize()} of them, each still
     * atomic for its own ticket). Messages that thread to an existing ticket are added one at a time, in order. A
     * message that answers one opened earlier in the same batch, or repeats its external id, is taken in after
     * that ticket is committed, so it threads (or is a duplicate) exactly as it would one by one.
     *
     * @return one result per message, in order
     * @throws TicketException if the engine refused a message (such as a store failure). The other messages of
     *         the batch were still taken in; taking the whole batch in again is safe, as the ones already taken in
     *         are {@link IntakeResult.Outcome#DUPLICATE}s
     */
    public List<IntakeResult> acceptAll(List<InboundMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        for (InboundMessage m : messages) {
            Objects.requireNonNull(m, "message");
        }
        IntakeResult[] out = new IntakeResult[messages.size()];
        RuntimeException first = null;
        int chunk = limits.maxBulkSize();
        for (int from = 0; from < messages.size(); from += chunk) {
            RuntimeException f = acceptChunk(messages, from, Math.min(messages.size(), from + chunk), out);
            first = first == null ? f : first;
        }
        if (first != null) {
            throw first;
        }
        return Arrays.asList(out);
    }

    /**
     * Takes in one message: dedup, identity, threading, then append or create (see the class description).
     *
     * @return what happened
     * @throws TicketException if the engine refused the message (such as a store failure); nothing was added
     */
    public IntakeResult accept(InboundMessage message) {
        return acceptAll(List.of(Objects.requireNonNull(message, "message"))).get(0);
    }

    /** Where a message was stored. */
    private record Taken(TicketId ticketId, dev.ticketkit.core.MessageId messageId) {
        static Taken of(Message m) {
            return new Taken(m.ticketId(), m.id());
        }
    }

    /** A new ticket waiting to be opened with the others of its batch. */
    private record Pending(int index, Actor actor, InboundMessage message, String key, NewTicket ticket,
                           Customer customer, List<OrderRef> orders, List<String> warnings) {
    }

    /** The batch being taken in: what is waiting to be created, and what each external id became. */
    private final class Batch {
        final IntakeResult[] out;
        final List<Pending> pending = new ArrayList<>();
        /** (tenant, channel, stored id) of the pending messages, to their position in {@link #pending}. */
        final Map<String, Integer> pendingKeys = new HashMap<>();
        /** (tenant, channel, conversation) of the pending messages. */
        final Set<String> pendingConversations = new HashSet<>();
        /** (tenant, channel, stored id) to where its message is: stored before, or taken in by this batch. */
        final Map<String, Taken> stored = new HashMap<>();
        /** Senders' customers as the batch knows them (looked up together up front, then as resolved). */
        final Map<String, Customer> senders = new HashMap<>();
        /** Sender keys looked up: a key here without a customer in {@link #senders} has none. */
        final Set<String> sendersLooked = new HashSet<>();
        /** Messages repeating a pending one's id: their index, to the pending one's. */
        final Map<Integer, Integer> followers = new LinkedHashMap<>();
        RuntimeException failure;

        Batch(IntakeResult[] out) {
            this.out = out;
        }

        void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }

        /** Opens the pending tickets with one {@code createAll}. */
        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            Actor actor = pending.get(0).actor();
            List<NewTicket> specs = pending.stream().map(Pending::ticket).toList();
            BatchCreateResult created;
            try {
                created = engine.tickets().createAll(actor, specs);
            } catch (RuntimeException e) {
                pending.forEach(p -> fail(e));
                clear();
                return;
            }
            // createAll names each new ticket's first message; only a message another delivery stored first
            // (a race the batch lost) is read back
            Map<Channel, List<String>> keys = new LinkedHashMap<>();
            for (int j = 0; j < pending.size(); j++) {
                BatchCreateResult.Item item = created.item(j);
                Pending p = pending.get(j);
                if (item.message().isEmpty() && (item.succeeded() || isDuplicateMessage(item.error()))) {
                    keys.computeIfAbsent(p.message().channel(), c -> new ArrayList<>()).add(p.key());
                }
            }
            Map<String, Message> messages = new HashMap<>();
            try {
                keys.forEach((channel, ids) -> engine.tickets().findMessagesByExternalIds(actor, channel, ids)
                        .forEach((id, m) -> messages.put(storeKey(actor, channel, id), m)));
            } catch (RuntimeException e) {
                pending.forEach(p -> fail(e));
                clear();
                return;
            }
            for (int j = 0; j < pending.size(); j++) {
                BatchCreateResult.Item item = created.item(j);
                Pending p = pending.get(j);
                String k = storeKey(actor, p.message().channel(), p.key());
                Message m = messages.get(k);
                dev.ticketkit.core.MessageId first = item.message().orElse(m == null ? null : m.id());
                if (item.status() == BatchCreateResult.Status.CREATED && first != null) {
                    stored.put(k, new Taken(item.ticket().id(), first));
                    out[p.index()] = new IntakeResult(IntakeResult.Outcome.CREATED, item.ticket().id(), first,
                            p.customer().id(), null, p.orders(), p.warnings());
                    LOG.debug("CREATED {} message into ticket {} of tenant {}", p.message().channel(), item.ticket().id(),
                            p.message().tenant());
                } else if (!item.succeeded() && isDuplicateMessage(item.error()) && m != null) {
                    // another delivery of the same message won the race; report what it stored
                    stored.put(k, Taken.of(m));
                    out[p.index()] = duplicate(m);
                } else if (item.succeeded()) {
                    fail(new IllegalStateException("the message of new ticket " + item.ticket().id() + " is not readable"));
                } else {
                    fail(item.error());
                }
            }
            followers.forEach((i, leader) -> {
                IntakeResult r = out[leader];
                if (r != null) {
                    out[i] = new IntakeResult(IntakeResult.Outcome.DUPLICATE, r.ticketId().orElse(null),
                            r.messageId().orElse(null), null, null, List.of(), List.of());
                }
            });
            clear();
        }

        private void clear() {
            pending.clear();
            pendingKeys.clear();
            pendingConversations.clear();
            followers.clear();
        }
    }

    private static boolean isDuplicateMessage(RuntimeException e) {
        return e instanceof DuplicateKeyException d && "external_message_id".equals(d.key());
    }

    /** The batch-wide name of a stored external id: tenant, channel and id. */
    private static String storeKey(Actor actor, Channel channel, String storedId) {
        return actor.tenantId().value() + "\u0000" + channel.name() + "\u0000" + storedId;
    }

    /** The batch-wide name of a message's tenant and channel: what one redelivery read covers. */
    private static String channelGroup(InboundMessage m) {
        return m.tenant().value() + "\u0000" + m.channel().name();
    }

    /** Messages {@code [from, to)}: at most the bulk limit. Returns the first failure, if any. */
    private RuntimeException acceptChunk(List<InboundMessage> messages, int from, int to, IntakeResult[] out) {
        Batch batch = new Batch(out);
        // the redelivery check of the chunk: one read per tenant and channel
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        Map<String, InboundMessage> sample = new HashMap<>();
        for (int i = from; i < to; i++) {
            InboundMessage m = messages.get(i);
            String group = channelGroup(m);
            wanted.computeIfAbsent(group, g -> new ArrayList<>()).add(keyOf(m));
            sample.putIfAbsent(group, m);
        }
        Set<String> unchecked = new HashSet<>(); // groups whose redelivery check failed: not taken in
        for (Map.Entry<String, List<String>> e : wanted.entrySet()) {
            InboundMessage m = sample.get(e.getKey());
            Actor actor = Actor.integration(m.tenant(), actorName);
            try {
                engine.tickets().findMessagesByExternalIds(actor, m.channel(), e.getValue())
                        .forEach((id, msg) -> batch.stored.put(storeKey(actor, m.channel(), id), Taken.of(msg)));
            } catch (RuntimeException ex) {
                batch.fail(ex);
                unchecked.add(e.getKey());
            }
        }
        prefetchSenders(batch, messages, from, to);
        for (int i = from; i < to; i++) {
            InboundMessage m = messages.get(i);
            if (unchecked.contains(channelGroup(m))) {
                continue;
            }
            try {
                acceptOne(batch, i, m);
            } catch (RuntimeException e) {
                batch.fail(e);
            }
        }
        batch.flush();
        return batch.failure;
    }

    /**
     * Looks up the customers of the chunk's senders together: one read per tenant and identity type, for the
     * messages that are not redeliveries or auto-replies. A failed read only means each is looked up alone.
     */
    private void prefetchSenders(Batch batch, List<InboundMessage> messages, int from, int to) {
        Map<String, List<InboundMessage>> groups = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            InboundMessage m = messages.get(i);
            Actor actor = Actor.integration(m.tenant(), actorName);
            if (m.autoReply() || batch.stored.containsKey(storeKey(actor, m.channel(), keyOf(m)))) {
                continue;
            }
            groups.computeIfAbsent(m.tenant().value() + "\u0000" + m.sender().type().name(), g -> new ArrayList<>()).add(m);
        }
        for (List<InboundMessage> group : groups.values()) {
            if (group.size() < 2) {
                continue; // one message: its own lookup is the same read
            }
            InboundMessage first = group.get(0);
            Actor actor = Actor.integration(first.tenant(), actorName);
            Map<String, Customer> found;
            try {
                found = engine.customers().findByIdentities(actor, first.sender().type(),
                        group.stream().map(m -> m.sender().value()).toList());
            } catch (RuntimeException e) {
                LOG.debug("batched sender lookup failed ({}); looking senders up one by one", e.getClass().getSimpleName());
                continue;
            }
            for (InboundMessage m : group) {
                String key = senderKey(m);
                batch.sendersLooked.add(key);
                Customer c = found.get(m.sender().value());
                if (c != null) {
                    batch.senders.put(key, c);
                }
            }
        }
    }

    private static String keyOf(InboundMessage m) {
        return storedExternalId(m.conversationId().orElse(""), m.externalMessageId());
    }

    /** One message of a batch: a result now, or a pending new ticket. */
    private void acceptOne(Batch batch, int index, InboundMessage message) {
        Actor actor = Actor.integration(message.tenant(), actorName);
        Channel channel = message.channel();
        String conversation = message.conversationId().orElse("");
        String key = keyOf(message);
        String storeKey = storeKey(actor, channel, key);

        Taken seen = batch.stored.get(storeKey);
        if (seen != null) {
            batch.out[index] = new IntakeResult(IntakeResult.Outcome.DUPLICATE, seen.ticketId(), seen.messageId(), null, null,
                    List.of(), List.of());
            return;
        }
        Integer leader = batch.pendingKeys.get(storeKey);
        if (leader != null) {
            batch.followers.put(index, batch.pending.get(leader).index());
            return;
        }
        if (message.autoReply()) {
            LOG.debug("ignored an automatic {} message of tenant {}", channel, message.tenant());
            batch.out[index] = new IntakeResult(IntakeResult.Outcome.IGNORED_AUTO_REPLY, null, null, null, null, List.of(), List.of());
            return;
        }
        if (!batch.pending.isEmpty() && (!batch.pending.get(0).actor().tenantId().equals(message.tenant())
                || mayThreadToPending(batch, actor, message, conversation))) {
            batch.flush(); // it may answer a ticket of this batch: open those first
        }
        List<String> warnings = new ArrayList<>();
        Customer customer = resolveCustomer(actor, message, batch);
        List<OrderRef> orders = orderNumbers.find(message.subject(), message.text());
        Optional<Ticket> target = thread(actor, message, customer);
        NewMessage content = content(message, key, customer, warnings);
        if (target.isEmpty()) {
            NewTicket.Builder b = NewTicket.builder(customer.id(), subjectFor(message)).channel(channel).message(content);
            List<OrderRef> kept = orders.size() > limits.maxOrders() ? orders.subList(0, limits.maxOrders()) : orders;
            kept.forEach(b::order);
            batch.pendingKeys.put(storeKey, batch.pending.size());
            if (!conversation.isEmpty()) {
                batch.pendingConversations.add(storeKey(actor, channel, conversation));
            }
            batch.pending.add(new Pending(index, actor, message, key, b.build(), customer, orders, warnings));
            return;
        }
        try {
            IntakeResult r = append(actor, target.get(), content, customer, orders, warnings);
            batch.stored.put(storeKey, new Taken(r.ticketId().orElseThrow(), r.messageId().orElseThrow()));
            LOG.debug("{} {} message into ticket {} of tenant {}", r.outcome(), channel, r.ticketId().orElse(null),
                    message.tenant());
            batch.out[index] = r;
        } catch (DuplicateKeyException e) {
            if (!"external_message_id".equals(e.key())) {
                throw e;
            }
            // another delivery of the same message won the race; report what it stored
            Message first = engine.tickets().findMessageByExternalId(actor, channel, key).orElseThrow(() -> e);
            batch.out[index] = duplicate(first);
        }
    }

    /** Whether the message's thread ids or conversation name a message waiting in the batch. */
    private static boolean mayThreadToPending(Batch batch, Actor actor, InboundMessage m, String conversation) {
        if (!conversation.isEmpty() && batch.pendingConversations.contains(storeKey(actor, m.channel(), conversation))) {
            return true;
        }
        if (m.inReplyTo().isPresent()
                && batch.pendingKeys.containsKey(storeKey(actor, m.channel(), storedExternalId(conversation, m.inReplyTo().get())))) {
            return true;
        }
        for (String ref : m.references()) {
            if (batch.pendingKeys.containsKey(storeKey(actor, m.channel(), storedExternalId(conversation, ref)))) {
                return true;
            }
        }
        return false;
    }

    private static IntakeResult duplicate(Message m) {
        return new IntakeResult(IntakeResult.Outcome.DUPLICATE, m.ticketId(), m.id(), null, null, List.of(), List.of());
    }

    // ---- append / create -----------------------------------------------------------------------

    private IntakeResult append(Actor actor, Ticket target, NewMessage content, Customer customer,
                                List<OrderRef> orders, List<String> warnings) {
        TicketStatus before = target.status();
        MessageResult r = engine.tickets().reply(actor, target.id(), content);
        IntakeResult.Outcome outcome = r.isFollowUp() ? IntakeResult.Outcome.FOLLOW_UP
                : before == TicketStatus.SOLVED ? IntakeResult.Outcome.REOPENED : IntakeResult.Outcome.APPENDED;
        addOrders(actor, r.ticket(), orders, warnings);
        return new IntakeResult(outcome, r.ticket().id(), r.message().id(), customer.id(), r.followUpOf(), orders, warnings);
    }

    private void addOrders(Actor actor, Ticket t, List<OrderRef> orders, List<String> warnings) {
        List<OrderRef> fresh = orders.stream().filter(o -> !t.orders().contains(o)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        if (t.orders().size() + fresh.size() > limits.maxOrders()) {
            warnings.add("order references not added: the ticket is at its order limit");
            return;
        }
        TicketUpdate.Builder u = TicketUpdate.builder();
        fresh.forEach(u::order);
        try {
            engine.tickets().update(actor, t.id(), u.build());
        } catch (TicketException e) {
            LOG.warn("could not add {} order reference(s) to ticket {}: {}", fresh.size(), t.id(), e.getMessage());
            warnings.add("order references not added: the ticket refused the update");
        }
    }

    /**
     * The subject of a new ticket: without reply prefixes and tokens; else the first line of text. Control
     * characters (which the engine refuses in a subject) become spaces.
     */
    private String subjectFor(InboundMessage m) {
        String s = withoutControls(TicketNumber.stripTokens(REPLY_PREFIX.pattern().matcher(m.subject()).replaceFirst("")));
        if (s.isEmpty()) {
            String text = m.text().strip();
            int nl = text.indexOf('\n');
            s = withoutControls(nl >= 0 ? text.substring(0, nl) : text);
            if (s.length() > 80) {
                s = cut(s, 80) + "…";
            }
        }
        if (s.isEmpty()) {
            s = "(no subject)";
        }
        return cut(s, limits.maxSubjectLength());
    }

    /** Control characters to spaces, stripped. */
    private static String withoutControls(String s) {
        if (s.chars().noneMatch(Character::isISOControl)) {
            return s.strip();
        }
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> b.append(Character.isISOControl(c) ? ' ' : (char) c));
        return b.toString().strip();
    }

    // ---- message content -----------------------------------------------------------------------

    private NewMessage content(InboundMessage m, String key, Customer customer, List<String> warnings) {
        String text = m.text();
        if (text.length() > limits.maxMessageTextLength()) {
            text = cut(text, limits.maxMessageTextLength());
            warnings.add("text cut to the length limit");
        }
        String html = m.html();
        if (html.length() > limits.maxMessageHtmlLength()) {
            html = "";
            warnings.add("HTML over the length limit dropped (text kept)");
        }
        List<Attachment> attachments = new ArrayList<>();
        int index = 0;
        for (ChannelAttachment a : m.attachments()) {
            if (index++ >= limits.maxAttachmentsPerMessage()) {
                warnings.add("attachments over the count limit dropped");
                break;
            }
            attachments.add(store(m, a, warnings));
        }
        if (text.isBlank() && attachments.isEmpty()) {
            text = m.subject().isBlank() ? "(empty message)" : cut(m.subject(), limits.maxMessageTextLength());
        }
        NewMessage nm = NewMessage.text(text).withHtml(html);
        for (Attachment a : attachments) {
            nm = nm.withAttachment(a);
        }
        return nm.withExternalId(key).via(m.channel()).by(AuthorKind.CUSTOMER, customer.id().toString());
    }

    private Attachment store(InboundMessage m, ChannelAttachment a, List<String> warnings) {
        String ref = "";
        if (a.size() > maxAttachmentBytes) {
            warnings.add("attachment over the size limit kept as metadata only");
        } else {
            try {
                ref = Objects.requireNonNull(attachmentSink.store(m.tenant(), a), "storage key");
                if (ref.length() > 255) {
                    throw new IOException("storage key longer than 255 characters");
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("attachment of a {} message of tenant {} not stored ({}); kept as metadata only",
                        m.channel(), m.tenant(), e.getClass().getSimpleName());
                warnings.add("attachment not stored (the sink failed) and kept as metadata only");
                ref = "";
            }
        }
        return Attachment.of(cut(a.filename(), 255), a.contentType(), a.size(), ref);
    }

    /** At most {@code max} characters, not splitting a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    // ---- identity ------------------------------------------------------------------------------

    private static boolean isPlatformId(IdentityType type) {
        return !type.equals(IdentityType.EMAIL) && !type.equals(IdentityType.PHONE);
    }

    /** Whether the customer may take this identity: never a second id of one platform. */
    private static boolean mayHold(Customer c, ChannelIdentity identity) {
        if (!isPlatformId(identity.type())) {
            return true;
        }
        return c.identities().stream().noneMatch(i -> i.type().equals(identity.type()) && !i.value().equals(identity.value()));
    }

    private static boolean holdsVerified(Customer c, ChannelIdentity identity) {
        return c.identities().stream().anyMatch(i -> i.type().equals(identity.type())
                && i.value().equals(identity.value()) && i.verified());
    }

    /** The batch-wide name of a sender identity. */
    private static String senderKey(InboundMessage m) {
        return m.tenant().value() + "\u0000" + m.sender().type().name() + "\u0000" + m.sender().value();
    }

    private Customer resolveCustomer(Actor actor, InboundMessage m, Batch batch) {
        Customers customers = engine.customers();
        ChannelIdentity sender = m.sender();
        String key = senderKey(m);
        Customer c = batch.sendersLooked.contains(key) ? batch.senders.get(key)
                : customers.findByIdentity(actor, sender.type(), sender.value()).orElse(null);
        Customer before = c;
        c = resolveFrom(actor, m, c);
        if (before != null && before.version() != c.version() || before == null) {
            Customer now = c; // changed (or new): every sender of the batch holding this customer sees the change
            batch.senders.replaceAll((k, v) -> v.id().equals(now.id()) ? now : v);
        }
        batch.senders.put(key, c); // what a later message of the batch from this sender starts from
        batch.sendersLooked.add(key);
        return c;
    }

    /** Identity resolution from the sender's customer as found ({@code c}, null if none). */
    private Customer resolveFrom(Actor actor, InboundMessage m, Customer c) {
        Customers customers = engine.customers();
        ChannelIdentity sender = m.sender();
        if (c != null) {
            if (sender.verified() && !holdsVerified(c, sender)) {
                c = customers.addIdentity(actor, c.id(), sender); // marks it verified
            }
        } else {
            c = linkByEvidence(actor, m).orElse(null);
            if (c == null) {
                c = customers.findOrCreate(actor, sender, m.senderName());
            }
        }
        for (ChannelIdentity other : m.otherIdentities()) {
            if (other.verified() && mayHold(c, other) && !holdsVerified(c, other)
                    && customers.findByIdentity(actor, other.type(), other.value()).isEmpty()) {
                try {
                    c = customers.addIdentity(actor, c.id(), other);
                } catch (TicketValidationException e) {
                    LOG.debug("identity of type {} was taken by another customer meanwhile", other.type());
                }
            }
        }
        return c;
    }

    /** An existing customer proven by a verified email or phone of the message, if one may take the sender's identity. */
    private Optional<Customer> linkByEvidence(Actor actor, InboundMessage m) {
        Customers customers = engine.customers();
        ChannelIdentity sender = m.sender();
        for (ChannelIdentity evidence : m.otherIdentities()) {
            if (!evidence.verified() || isPlatformId(evidence.type())) {
                continue;
            }
            Optional<Customer> candidate = customers.findByIdentity(actor, evidence.type(), evidence.value());
            if (candidate.isEmpty() || !holdsVerified(candidate.get(), evidence) || !mayHold(candidate.get(), sender)) {
                continue;
            }
            try {
                return Optional.of(customers.addIdentity(actor, candidate.get().id(), sender));
            } catch (TicketValidationException e) {
                // another delivery linked or created the sender's identity meanwhile: use that customer
                return customers.findByIdentity(actor, sender.type(), sender.value());
            }
        }
        return Optional.empty();
    }

    // ---- threading -----------------------------------------------------------------------------

    private Optional<Ticket> thread(Actor actor, InboundMessage m, Customer customer) {
        Tickets tickets = engine.tickets();
        String conversation = m.conversationId().orElse("");
        List<String> ids = new ArrayList<>();
        m.inReplyTo().ifPresent(ids::add);
        List<String> refs = m.references();
        for (int i = refs.size() - 1; i >= 0 && ids.size() < MAX_THREAD_IDS; i--) {
            if (!ids.contains(refs.get(i))) {
                ids.add(refs.get(i));
            }
        }
        for (String id : ids) {
            Optional<Ticket> t = OwnMessageIds.ticketIdOf(id).flatMap(tid -> tickets.find(actor, tid));
            if (t.isEmpty()) {
                t = tickets.findMessageByExternalId(actor, m.channel(), storedExternalId(conversation, id))
                        .flatMap(msg -> tickets.find(actor, msg.ticketId()));
            }
            if (t.isPresent()) {
                return Optional.of(followMerges(actor, t.get()));
            }
        }
        Optional<TicketNumber> token = TicketNumber.tokenIn(m.subject());
        if (token.isPresent()) {
            Optional<Ticket> t = tickets.findByNumber(actor, token.get());
            if (t.isPresent() && isParticipant(actor, t.get(), customer)) {
                return Optional.of(followMerges(actor, t.get()));
            }
            if (t.isPresent()) {
                LOG.debug("ticket token of {} in a message from a non-participant: opening a new ticket", t.get().id());
            }
            return Optional.empty();
        }
        if (!conversation.isEmpty()) {
            return conversationTicket(actor, m, customer, conversation);
        }
        return Optional.empty();
    }

    private boolean isParticipant(Actor actor, Ticket t, Customer customer) {
        if (t.requester().equals(customer.id())) {
            return true;
        }
        String id = customer.id().toString();
        return engine.tickets().messages(actor, t.id()).stream()
                .anyMatch(msg -> msg.authorKind() == AuthorKind.CUSTOMER && msg.authorId().equals(id));
    }

    private Ticket followMerges(Actor actor, Ticket t) {
        Ticket current = t;
        for (int hop = 0; hop < MAX_MERGE_HOPS && current.status() == TicketStatus.CLOSED; hop++) {
            List<TicketId> into = current.linked(LinkType.MERGED_INTO);
            if (into.isEmpty()) {
                break;
            }
            Optional<Ticket> next = engine.tickets().find(actor, into.get(0));
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
        }
        return current;
    }

    private Optional<Ticket> conversationTicket(Actor actor, InboundMessage m, Customer customer, String conversation) {
        Instant since = clock.instant().minus(conversationWindow);
        String prefix = conversationPrefix(conversation);
        ViewQuery q = ViewQuery.builder().channel(m.channel()).sort(SortField.UPDATED_AT, false)
                .limit(CONVERSATION_CANDIDATES).build();
        for (Ticket t : engine.customers().history(actor, customer.id(), q).items()) {
            if (t.updatedAt().isBefore(since)) {
                break; // sorted by last change: every later ticket is older still
            }
            List<Message> messages = engine.tickets().messages(actor, t.id());
            boolean ours = messages.stream().anyMatch(msg -> msg.channel().equals(m.channel())
                    && msg.externalMessageId().startsWith(prefix));
            if (ours && !messages.isEmpty() && !messages.get(messages.size() - 1).createdAt().isBefore(since)) {
                return Optional.of(followMerges(actor, t));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Intake[conversationWindow=" + conversationWindow + ", maxAttachmentBytes=" + maxAttachmentBytes
                + ", orderPatterns=" + orderNumbers.patterns() + ", actor=" + actorName + "]";
    }

    /**
     * Builds {@link Intake}. Each option is checked when set ({@link IllegalArgumentException}); an option set
     * twice is an {@link IllegalStateException}.
     */
    public static final class Builder {
        private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

        private final TicketEngine engine;
        private Clock clock;
        private Duration conversationWindow;
        private OrderNumbers orderNumbers;
        private Limits limits;
        private Long maxAttachmentBytes;
        private AttachmentSink attachmentSink;
        private String actorName;

        private Builder(TicketEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        private static void once(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set");
            }
        }

        /** The clock for inactivity windows (default: the engine's clock). */
        public Builder clock(Clock value) {
            once(clock, "clock");
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How long a chat-like conversation may be quiet before its next message opens a new ticket (default
         * {@link #DEFAULT_CONVERSATION_WINDOW 8 hours}).
         */
        public Builder conversationWindow(Duration value) {
            once(conversationWindow, "conversationWindow");
            Objects.requireNonNull(value, "conversationWindow");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("conversationWindow must be positive");
            }
            conversationWindow = value;
            return this;
        }

        /** How order numbers are recognised (default {@link OrderNumbers#ofDefaults()}). */
        public Builder orderNumbers(OrderNumbers value) {
            once(orderNumbers, "orderNumbers");
            orderNumbers = Objects.requireNonNull(value, "orderNumbers");
            return this;
        }

        /**
         * The engine's input limits, so intake cuts input to fit instead of having it refused (default
         * {@link Limits#ofDefaults()}; pass the same limits the engine was built with).
         */
        public Builder limits(Limits value) {
            once(limits, "limits");
            limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** Largest attachment whose content goes to the sink (default 25 MiB); larger ones keep metadata only. */
        public Builder maxAttachmentBytes(long value) {
            once(maxAttachmentBytes, "maxAttachmentBytes");
            if (value < 0) {
                throw new IllegalArgumentException("maxAttachmentBytes must not be negative");
            }
            maxAttachmentBytes = value;
            return this;
        }

        /** Where attachment content goes (default {@link AttachmentSink#none()}: metadata only). */
        public Builder attachmentSink(AttachmentSink value) {
            once(attachmentSink, "attachmentSink");
            attachmentSink = Objects.requireNonNull(value, "attachmentSink");
            return this;
        }

        /** The integration actor's name in the audit trail (default {@value #DEFAULT_ACTOR_NAME}). */
        public Builder actorName(String value) {
            once(actorName, "actorName");
            Objects.requireNonNull(value, "actorName");
            if (!ACTOR.matcher(value).matches()) {
                throw new IllegalArgumentException("actorName must be 1 to 64 characters of [A-Za-z0-9._:-]");
            }
            actorName = value;
            return this;
        }

        public Intake build() {
            Intake intake = new Intake(this);
            LOG.info("TicketKit intake configured: {}", intake);
            return intake;
        }
    }
}
