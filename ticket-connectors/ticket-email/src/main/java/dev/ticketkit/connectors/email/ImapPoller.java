package dev.ticketkit.connectors.email;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.InboundMessage;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.angus.mail.util.ReadableMime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls an IMAP mailbox for unread mail and hands each message to a handler (usually {@code intake::accept}).
 * Made by {@link EmailChannel#imapPoller}. Thread-safe: polls never overlap.
 *
 * <p>Each poll connects, opens the folder (default {@code INBOX}), takes up to {@link #DEFAULT_BATCH_SIZE}
 * unread messages oldest first, and for each: reads it without marking it read, parses it and calls the
 * handler. When the handler returns, the message is marked read (and moved to the processed folder, if one is
 * set). When the handler throws, or the message cannot be read, it stays unread and is tried again by the next
 * poll, and a failed attempt is counted against its UID; after {@link #maxAttempts(int) maxAttempts} failed
 * attempts (default {@value #DEFAULT_MAX_ATTEMPTS}) the message is <em>set aside</em>. A message that can never be
 * taken in is set aside at once: one the parser rejects, and one larger than the parser's
 * {@link EmailParser#maxMessageBytes() maxMessageBytes} (read through a stream cut off just past that limit, so a
 * server that reports no size, or a wrong one, cannot make the poller read more). Since intake deduplicates by
 * {@code Message-ID}, a message handled twice (a crash between handling and marking) adds nothing the second time.
 *
 * <p><b>Set aside</b> means: marked read and {@code \Flagged}, with the keyword {@value #FAILED_KEYWORD} where the
 * server keeps keywords, then moved to the {@link #moveFailedTo(String) failed folder} if one is set and the server
 * has it (it is not created); logged at WARN with its UID only. Later polls skip it (they take unread mail only);
 * the rest of the batch is taken in as usual, so a few bad messages no longer hold up the mailbox. To try a
 * set-aside message again, mark it unread (in the polled folder): it gets {@code maxAttempts} fresh attempts.
 *
 * <p>Attempt counts are kept in memory ({@link ImapAttempts}): a restarted poller counts from zero again, and a
 * UID's count is forgotten once the message is handled, set aside, or no longer unread. Counts follow the folder's
 * {@code UIDVALIDITY}: when the server renumbers the folder, a message's count is found again by its
 * {@code Message-ID}, and never given to the message that now has its old UID. Every failure of the handler
 * counts, whatever its cause: a store outage that lasts {@code maxAttempts} polls sets aside the mail those polls
 * saw (nothing is lost: mark it unread to take it in), so choose {@code maxAttempts} times the poll interval longer
 * than the outages you want to ride out.
 *
 * <p>A poller made by {@link EmailChannel#imapBatchPoller} instead hands the poll's parsed messages to its
 * handler in one call (usually {@code intake::acceptAll}, which opens their tickets in one transaction): when it
 * returns, all of them are marked read. When it throws, the poll hands the same messages to the handler again one
 * at a time (each in a list of one), so that one message the handler cannot take neither holds back nor sets
 * aside the rest: those the failed call took in come back as duplicates, and only a message that fails on its own
 * counts a failed attempt.
 *
 * <p>Tests drive it with {@link #pollOnce()}; production may {@link #start(Duration)} a background thread named
 * {@code ticketkit-email-poll-N} that polls at a fixed delay, stopped by {@link #close()} within a bounded wait.
 */
public final class ImapPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapPoller.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Default most messages handled by one poll. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Default folder polled. */
    public static final String DEFAULT_FOLDER = "INBOX";
    /** Default failed attempts after which a message is set aside ({@link #maxAttempts(int)}). */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** The IMAP keyword put on a set-aside message, where the server keeps keywords. */
    public static final String FAILED_KEYWORD = "$TicketKitFailed";
    /** Upper bound of {@link #maxAttempts(int)}. */
    static final int MAX_ATTEMPTS_LIMIT = 1_000;

    /**
     * What one poll did; {@link #total()} is the number of messages the poll looked at.
     *
     * @param handled  messages the handler took, now marked read
     * @param failed   messages the handler failed on, or that could not be read, left unread for a later poll
     * @param rejected messages set aside in this poll: rejected by the parser, too large, or failed for the
     *                 {@linkplain #maxAttempts(int) last allowed time}
     */
    public record PollResult(int handled, int failed, int rejected) {
        /** Messages seen in this poll. */
        public int total() {
            return handled + failed + rejected;
        }
    }

    private final EmailChannel channel;
    private final Session session;
    private final MailServer server;
    private final Consumer<InboundMessage> handler;
    private final Consumer<List<InboundMessage>> batchHandler;
    private final Object pollLock = new Object();
    private final ImapAttempts attempts = new ImapAttempts(); // guarded by pollLock
    private volatile String folder = DEFAULT_FOLDER;
    private volatile String processedFolder;
    private volatile String failedFolder;
    private volatile int batchSize = DEFAULT_BATCH_SIZE;
    private volatile int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;
    private boolean failedFolderMissingLogged; // guarded by pollLock

    ImapPoller(EmailChannel channel, Session session, MailServer server, Consumer<InboundMessage> handler,
               Consumer<List<InboundMessage>> batchHandler) {
        this.channel = channel;
        this.session = session;
        this.server = server;
        this.handler = handler;
        this.batchHandler = batchHandler;
    }

    /** The folder to poll (default {@value #DEFAULT_FOLDER}). */
    public ImapPoller folder(String name) {
        folder = requireName(name);
        return this;
    }

    /** Move handled mail to this folder (created if missing); default: leave it in place, marked read. */
    public ImapPoller moveProcessedTo(String name) {
        processedFolder = requireName(name);
        return this;
    }

    /**
     * Move set-aside mail (see the class documentation) to this folder, if the server has it; it is not created, so
     * that an administrator decides where failed mail goes. Default: none, set-aside mail stays in the polled
     * folder, read and flagged.
     */
    public ImapPoller moveFailedTo(String name) {
        failedFolder = requireName(name);
        return this;
    }

    /** Most messages one poll handles (default {@value #DEFAULT_BATCH_SIZE}). */
    public ImapPoller batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        batchSize = size;
        return this;
    }

    /**
     * Failed attempts after which a message is set aside (default {@value #DEFAULT_MAX_ATTEMPTS}; 1 sets a
     * message aside on its first failure). An attempt fails when the handler throws on the message or the message
     * cannot be read.
     *
     * @throws IllegalArgumentException unless 1 to 1,000
     */
    public ImapPoller maxAttempts(int attempts) {
        if (attempts < 1 || attempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxAttempts must be 1 to " + MAX_ATTEMPTS_LIMIT);
        }
        maxAttempts = attempts;
        return this;
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "folder");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("folder name must be 1 to 200 characters");
        }
        return name;
    }

    /**
     * Polls once on the calling thread.
     *
     * @return how many messages were handled, failed (left unread), or set aside
     * @throws ChannelException (retryable) if the mailbox cannot be reached or read
     */
    public PollResult pollOnce() {
        synchronized (pollLock) {
            if (closed) {
                throw new IllegalStateException("poller is closed");
            }
            String protocol = server.security() == MailServer.Security.TLS ? "imaps" : "imap";
            try (Store store = session.getStore(protocol)) {
                store.connect(server.host(), server.port(), server.username(), server.password());
                Folder inbox = store.getFolder(folder);
                inbox.open(Folder.READ_WRITE);
                Poll poll = new Poll(store, inbox);
                try {
                    return poll.run();
                } finally {
                    if (inbox.isOpen()) {
                        inbox.close(poll.expunge);
                    }
                }
            } catch (MessagingException e) {
                throw new ChannelException("IMAP poll failed (" + e.getClass().getSimpleName() + ")", e, true);
            }
        }
    }

    /** One poll of the open folder; runs under the poll lock. */
    private final class Poll {
        private final Store store;
        private final Folder inbox;
        private final UIDFolder uids;
        private final List<Message> done = new ArrayList<>();
        private final List<Message> setAside = new ArrayList<>();
        private int handled;
        private int failed;
        private int rejected;
        boolean expunge;

        Poll(Store store, Folder inbox) throws MessagingException {
            this.store = store;
            this.inbox = inbox;
            if (!(inbox instanceof UIDFolder u)) {
                throw new MessagingException("the folder has no UIDs");
            }
            this.uids = u;
        }

        PollResult run() throws MessagingException {
            attempts.begin(inbox.getFullName(), uids.getUIDValidity());
            Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            Message[] batch = Arrays.copyOf(unread, Math.min(unread.length, batchSize));
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.SIZE);
            inbox.fetch(batch, profile);
            if (!attempts.isEmpty()) {
                forgetMessagesNoLongerUnread(unread);
            }
            int max = channel.parser().maxMessageBytes();
            List<Message> read = new ArrayList<>();
            List<InboundMessage> parsed = new ArrayList<>();
            for (Message m : batch) {
                long uid = uids.getUID(m);
                InboundMessage in;
                try {
                    in = channel.parse(channel.tenant(), readRaw(m, max));
                } catch (TooLargeException e) {
                    LOG.warn("IMAP message uid {} is larger than the parser's limit of {} bytes; set aside", uid, max);
                    setAside(m, uid, null);
                    continue;
                } catch (ChannelException e) {
                    LOG.warn("IMAP message uid {} rejected by the parser ({}); set aside", uid, e.getMessage());
                    setAside(m, uid, null);
                    continue;
                } catch (IOException | MessagingException e) {
                    // IMAP content streams report MessagingExceptions as the cause of an IOException
                    Throwable cause = e instanceof IOException && e.getCause() instanceof MessagingException me ? me : e;
                    if (cause instanceof FolderClosedException || cause instanceof StoreClosedException) {
                        throw (MessagingException) cause; // the connection is gone: the poll fails, no message is to blame
                    }
                    if (cause instanceof MessageRemovedException) {
                        failed++; // expunged by someone else meanwhile: nothing to count
                        continue;
                    }
                    failedAttempt(m, uid, null, "could not be read", e);
                    continue;
                }
                if (batchHandler != null) {
                    parsed.add(in);
                    read.add(m);
                } else {
                    deliver(m, uid, in, handler, in);
                }
            }
            if (!parsed.isEmpty()) {
                deliverBatch(read, parsed);
            }
            if (processedFolder != null && !done.isEmpty()) {
                move(done, processedFolder, true);
            }
            if (failedFolder != null && !setAside.isEmpty()) {
                move(setAside, failedFolder, false);
            }
            return new PollResult(handled, failed, rejected);
        }

        private void forgetMessagesNoLongerUnread(Message[] unread) throws MessagingException {
            FetchProfile uidOnly = new FetchProfile();
            uidOnly.add(UIDFolder.FetchProfileItem.UID);
            inbox.fetch(unread, uidOnly);
            Set<Long> live = new HashSet<>(unread.length * 2);
            for (Message m : unread) {
                live.add(uids.getUID(m));
            }
            attempts.retain(live);
        }

        private void deliverBatch(List<Message> read, List<InboundMessage> parsed) throws MessagingException {
            try {
                batchHandler.accept(List.copyOf(parsed));
            } catch (RuntimeException e) {
                LOG.warn("handler failed on a batch of {} IMAP messages ({}); handing them over one at a time",
                        read.size(), e.getClass().getSimpleName());
                for (int i = 0; i < read.size(); i++) {
                    Message m = read.get(i);
                    InboundMessage in = parsed.get(i);
                    deliver(m, uids.getUID(m), in, batchHandler, List.of(in));
                }
                return;
            }
            for (int i = 0; i < read.size(); i++) {
                succeeded(read.get(i), uids.getUID(read.get(i)), parsed.get(i));
            }
        }

        private <T> void deliver(Message m, long uid, InboundMessage in, Consumer<T> to, T argument)
                throws MessagingException {
            try {
                to.accept(argument);
            } catch (RuntimeException e) {
                failedAttempt(m, uid, in.externalMessageId(), "handler failed", e);
                return;
            }
            succeeded(m, uid, in);
        }

        private void succeeded(Message m, long uid, InboundMessage in) throws MessagingException {
            m.setFlag(Flags.Flag.SEEN, true);
            attempts.forget(uid, in.externalMessageId());
            done.add(m);
            handled++;
        }

        private void failedAttempt(Message m, long uid, String messageId, String what, Exception e)
                throws MessagingException {
            int count = attempts.failed(uid, messageId);
            int limit = maxAttempts;
            if (count < limit) {
                LOG.warn("IMAP message uid {}: {} ({}), attempt {} of {}; left unread for the next poll", uid, what,
                        e.getClass().getSimpleName(), count, limit);
                failed++;
                return;
            }
            LOG.warn("IMAP message uid {}: {} ({}) on attempt {} of {}; set aside", uid, what,
                    e.getClass().getSimpleName(), count, limit);
            setAside(m, uid, messageId);
        }

        /** Marks the message read, flagged and with {@link #FAILED_KEYWORD} now; it is moved after the batch. */
        private void setAside(Message m, long uid, String messageId) throws MessagingException {
            Flags flags = new Flags();
            flags.add(Flags.Flag.SEEN);
            flags.add(Flags.Flag.FLAGGED);
            if (inbox.getPermanentFlags().contains(Flags.Flag.USER)) {
                flags.add(FAILED_KEYWORD);
            }
            m.setFlags(flags, true);
            attempts.forget(uid, messageId);
            setAside.add(m);
            rejected++;
        }

        /** Copies the messages to {@code name} and deletes them here (expunged when the folder closes). */
        private void move(List<Message> messages, String name, boolean create) throws MessagingException {
            Folder target = store.getFolder(name);
            if (!target.exists()) {
                if (!create) {
                    if (!failedFolderMissingLogged) {
                        LOG.warn("IMAP folder for failed mail does not exist; set-aside mail stays flagged in place");
                        failedFolderMissingLogged = true;
                    }
                    return;
                }
                target.create(Folder.HOLDS_MESSAGES);
            }
            Message[] moved = messages.toArray(new Message[0]);
            inbox.copyMessages(moved, target);
            inbox.setFlags(moved, new Flags(Flags.Flag.DELETED), true);
            expunge = true;
        }
    }

    /** A message over the parser's size limit. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("message larger than the parser's limit", null, false, false);
        }
    }

    /**
     * The raw bytes of a message, never reading more than {@code max + 1} bytes of it: a size the server reports
     * above {@code max} is refused before reading, and the content is read through a stream cut off past
     * {@code max} (an IMAP message streams its content in blocks of {@code mail.imap.fetchsize}), so a server
     * reporting no size or a wrong one cannot make us read more.
     *
     * @throws TooLargeException if the message is larger than {@code max} bytes
     */
    static byte[] readRaw(Message m, int max) throws MessagingException, IOException, TooLargeException {
        if (m.getSize() > max) {
            throw new TooLargeException();
        }
        if (m instanceof ReadableMime readable) {
            try (InputStream in = readable.getMimeStream()) {
                byte[] raw = in.readNBytes(max + 1);
                if (raw.length > max) {
                    throw new TooLargeException();
                }
                return raw;
            }
        }
        CappedBuffer out = new CappedBuffer(max);
        try {
            m.writeTo(out);
        } catch (CappedBuffer.Overflow e) {
            throw new TooLargeException();
        }
        return out.toByteArray();
    }

    /** A byte buffer that refuses to grow past its limit (for messages that can only write themselves out). */
    private static final class CappedBuffer extends ByteArrayOutputStream {
        private final int max;

        CappedBuffer(int max) {
            super(Math.min(max, 8192));
            this.max = max;
        }

        @Override
        public synchronized void write(int b) {
            if (count >= max) {
                throw new Overflow();
            }
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (len > max - count) {
                throw new Overflow();
            }
            super.write(b, off, len);
        }

        /** Unchecked so that it passes through {@code writeTo}; caught right around it. */
        private static final class Overflow extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Overflow() {
                super("over the limit", null, false, false);
            }
        }
    }

    /**
     * Starts polling every {@code interval} on a background thread. A failing poll is logged and retried at the
     * next interval. Idempotent while running.
     */
    public void start(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("poller is closed");
            }
            if (scheduler != null) {
                return;
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ticketkit-email-poll-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void pollQuietly() {
        try {
            PollResult r = pollOnce();
            if (r.total() > 0) {
                LOG.debug("IMAP poll: {}", r);
            }
        } catch (RuntimeException e) {
            LOG.warn("IMAP poll failed ({})", e.getCause() != null ? e.getCause().getClass().getSimpleName()
                    : e.getClass().getSimpleName()); // not the server's text, which may name the mailbox
        }
    }

    /** Stops the background thread (waiting up to 10 seconds for a running poll). Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(10, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                s.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        synchronized (pollLock) {
            closed = true;
        }
    }
}
