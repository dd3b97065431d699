package dev.ticketkit.connectors.email;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.InboundMessage;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls an IMAP mailbox for unread mail and hands each message to a handler (usually {@code intake::accept}).
 * Made by {@link EmailChannel#imapPoller}. Thread-safe: polls never overlap.
 *
 * <p>Each poll connects, opens the folder (default {@code INBOX}), takes up to {@link #DEFAULT_BATCH_SIZE}
 * unread messages oldest first, and for each: reads it without marking it read, parses it and calls the
 * handler. When the handler returns, the message is marked read (and moved to the processed folder, if one is
 * set). When parsing fails for good (the parser rejected the message) it is marked read and flagged, so it is
 * not fetched forever; when the handler throws, it stays unread and is tried again by the next poll. Since
 * intake deduplicates by {@code Message-ID}, a message handled twice (a crash between handling and marking)
 * adds nothing the second time.
 *
 * <p>A poller made by {@link EmailChannel#imapBatchPoller} instead hands the poll's parsed messages to its
 * handler in one call (usually {@code intake::acceptAll}, which opens their tickets in one transaction): when it
 * returns, all of them are marked read; when it throws, all stay unread for the next poll (those it took in are
 * duplicates then, and add nothing).
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

    /** What one poll did. */
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
    private volatile String folder = DEFAULT_FOLDER;
    private volatile String processedFolder;
    private volatile int batchSize = DEFAULT_BATCH_SIZE;
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;

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

    /** Most messages one poll handles (default {@value #DEFAULT_BATCH_SIZE}). */
    public ImapPoller batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        batchSize = size;
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
     * @return how many messages were handled, failed in the handler (left unread), or rejected (flagged)
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
                try {
                    return pollFolder(store, inbox);
                } finally {
                    if (inbox.isOpen()) {
                        inbox.close(processedFolder != null);
                    }
                }
            } catch (MessagingException e) {
                throw new ChannelException(ChannelException.Reason.UNAVAILABLE,
                        "IMAP poll failed (" + e.getClass().getSimpleName() + ")", e, true);
            }
        }
    }

    private PollResult pollFolder(Store store, Folder inbox) throws MessagingException {
        Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        int handled = 0;
        int failed = 0;
        int rejected = 0;
        List<Message> done = new ArrayList<>();
        List<InboundMessage> parsed = new ArrayList<>();
        List<Message> read = new ArrayList<>();
        int max = channel.parser().maxMessageBytes();
        for (int i = 0; i < unread.length && i < batchSize; i++) {
            Message m = unread[i];
            InboundMessage in;
            try {
                if (m.getSize() > max) {
                    throw new ChannelException(ChannelException.Reason.TOO_LARGE, "email larger than the parser's limit");
                }
                in = channel.parse(channel.tenant(), EmailChannel.rawBytes(m, max));
            } catch (ChannelException e) {
                LOG.warn("IMAP message {} rejected and flagged: {}", m.getMessageNumber(), e.getMessage());
                m.setFlags(new Flags(Flags.Flag.FLAGGED), true);
                m.setFlag(Flags.Flag.SEEN, true);
                rejected++;
                continue;
            } catch (IOException e) {
                LOG.warn("IMAP message {} could not be read; left unread", m.getMessageNumber());
                failed++;
                continue;
            }
            if (batchHandler != null) {
                parsed.add(in);
                read.add(m);
                continue;
            }
            try {
                handler.accept(in);
            } catch (RuntimeException e) {
                LOG.warn("handler failed on IMAP message {} ({}); left unread for the next poll", m.getMessageNumber(),
                        e.getClass().getSimpleName());
                failed++;
                continue;
            }
            m.setFlag(Flags.Flag.SEEN, true);
            done.add(m);
            handled++;
        }
        if (!parsed.isEmpty()) {
            try {
                batchHandler.accept(List.copyOf(parsed));
                for (Message m : read) {
                    m.setFlag(Flags.Flag.SEEN, true);
                }
                done.addAll(read);
                handled += read.size();
            } catch (RuntimeException e) {
                LOG.warn("handler failed on a batch of {} IMAP messages ({}); left unread for the next poll", read.size(),
                        e.getClass().getSimpleName());
                failed += read.size();
            }
        }
        if (processedFolder != null && !done.isEmpty()) {
            Folder target = store.getFolder(processedFolder);
            if (!target.exists()) {
                target.create(Folder.HOLDS_MESSAGES);
            }
            Message[] moved = done.toArray(new Message[0]);
            inbox.copyMessages(moved, target);
            inbox.setFlags(moved, new Flags(Flags.Flag.DELETED), true);
        }
        return new PollResult(handled, failed, rejected);
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
