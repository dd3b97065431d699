package dev.ticketkit.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketException;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.jdbc.internal.Errors;
import dev.ticketkit.jdbc.internal.Json;
import dev.ticketkit.jdbc.internal.Schema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the store's outbox table to an {@link OutboxConsumer}: at least once, in order for each
 * ticket, retrying failed deliveries with exponential backoff, setting aside an event that keeps failing as a
 * {@link DeadLetter}, and deleting what was delivered.
 *
 * <pre>{@code
 * OutboxRelay relay = OutboxRelay.builder(store, m -> kafka.send(topic, m.ticketId().toString(), m.payload()).get())
 *         .build();
 * relay.start();   // a thread named ticketkit-outbox-N polls every second
 * ...
 * relay.deadLetters(tenant, 50, null).items();      // events that failed maxAttempts times
 * relay.retry(eventId);                             // back into the outbox, due now
 * relay.close();
 * }</pre>
 *
 * <p>Each {@link #runOnce()} locks a batch of due rows (those whose retry time has come, new rows first, then in
 * order of their retry time) with {@code SELECT ... FOR UPDATE} ({@code SKIP LOCKED} where the database has
 * it), delivers them in sequence order and deletes the delivered ones in the same transaction, so relays on
 * several nodes never deliver a row twice at the same time, and a crash between delivery and commit means a
 * redelivery, never a loss. Rows waiting for a retry are not read at all until their time comes (an index on
 * the retry time serves the poll), so a heap of failing rows costs a poll nothing.
 *
 * <p>Order per ticket: a row is delivered only after every earlier row of its ticket, so a failed row holds back
 * its ticket's later rows (they wait for its retry time) while other tickets and tenants go on. After
 * {@link Builder#maxAttempts(int)} failed deliveries (default {@value #DEFAULT_MAX_ATTEMPTS}) the row moves to the
 * dead letters, logged at WARN with its ids, and its ticket's later rows go on: one bad event never stops its
 * ticket for good. The host lists dead letters ({@link #deadLetters(TenantId, int, String)}), puts one back as due
 * now ({@link #retry(UUID)}) or drops it ({@link #discard(UUID)}); {@link #stats()} counts what happened.
 *
 * <p>Thread-safe. {@link Builder#build()} starts nothing; {@link #start()} starts the polling thread and
 * {@link #close()} stops it within a bounded wait.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Rows locked and delivered per transaction. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Pause between polls when the outbox had no full batch. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** Delay before the first retry of a failed delivery; doubles per failure. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** The longest delay between retries. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    /**
     * Failed deliveries after which an event becomes a dead letter. With the default backoff the 20th attempt
     * comes about 58 minutes after the first, so a consumer outage shorter than that dead-letters nothing.
     */
    public static final int DEFAULT_MAX_ATTEMPTS = 20;
    /** The largest {@link Builder#maxAttempts(int)}. */
    public static final int MAX_ATTEMPTS_LIMIT = 1_000;
    /** The most dead letters one page holds. */
    public static final int MAX_PAGE_SIZE = 1_000;
    /** Characters of an exception's message a dead letter keeps as its reason. */
    public static final int MAX_ERROR_REASON = 200;
    /** How long {@link #close()} waits for a running batch. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final int MAX_ERROR_CLASS = 255;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** Payload text this long or longer must not appear in a dead letter's reason. */
    private static final int QUOTE_MIN = 6;

    private final JdbcTicketStore store;
    private final OutboxConsumer consumer;
    private final Clock clock;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final String dueQuery;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private ScheduledExecutorService executor;
    private boolean closed;

    private OutboxRelay(Builder b) {
        this.store = b.store;
        this.consumer = b.consumer;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.batchSize = b.batchSize == null ? DEFAULT_BATCH_SIZE : b.batchSize;
        this.pollInterval = b.pollInterval == null ? DEFAULT_POLL_INTERVAL : b.pollInterval;
        this.initialBackoff = b.initialBackoff == null ? DEFAULT_INITIAL_BACKOFF : b.initialBackoff;
        this.maxBackoff = b.maxBackoff == null ? DEFAULT_MAX_BACKOFF : b.maxBackoff;
        this.maxAttempts = b.maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : b.maxAttempts;
        this.dueQuery = dueQuery(store.schema());
    }

    /** A builder for a relay from {@code store}'s outbox to {@code consumer}. */
    public static Builder builder(JdbcTicketStore store, OutboxConsumer consumer) {
        return new Builder(Objects.requireNonNull(store, "store"), Objects.requireNonNull(consumer, "consumer"));
    }

    /**
     * What a relay did since it was built, counted when each poll's transaction committed.
     *
     * @param delivered      events delivered and removed from the outbox
     * @param failedAttempts deliveries that threw (including those that made a dead letter)
     * @param deadLettered   events moved to the dead letters
     * @param retried        dead letters put back into the outbox by {@link #retry(UUID)}
     * @param discarded      dead letters dropped by {@link #discard(UUID)}
     */
    public record Stats(long delivered, long failedAttempts, long deadLettered, long retried, long discarded) {
    }

    /** A snapshot of this relay's counters (for the host's metrics). */
    public Stats stats() {
        return new Stats(delivered.get(), failedAttempts.get(), deadLettered.get(), retried.get(), discarded.get());
    }

    /** An outbox row as a poll reads it; {@code prev} is the seq of the row before it of its ticket, if any. */
    private record Row(long seq, String eventId, String tenant, String ticket, String type, String payload, int attempts,
            long availableUs, Long prev) {
        String ticketKey() {
            return tenant + '\u0000' + ticket;
        }

        OutboxMessage message() {
            return new OutboxMessage(seq, UUID.fromString(eventId), TenantId.of(tenant), TicketId.parse(ticket), type, payload,
                    attempts);
        }
    }

    /** A row whose delivery failed for the last time. */
    private record Dead(Row row, int attempts, String errorClass, String errorReason) {
    }

    /** What one poll did; {@code interrupted} if the consumer was interrupted (the rest of the batch waits). */
    private record Poll(int selected, int delivered, int failed, List<Dead> dead, int parked, boolean interrupted) {
        boolean progressed() {
            return delivered + failed + dead.size() + parked > 0;
        }
    }

    /**
     * The poll: due rows (new rows have {@code available_us = 0}) in the order of the due index, each with the
     * seq of its ticket's previous row (a backward seek on the ticket index), locked.
     */
    private static String dueQuery(Schema s) {
        String columns = "SELECT o.seq, o.event_id, o.tenant, o.ticket_id, o.event_type, o.payload, o.attempts, o.available_us, "
                + "(SELECT w.seq FROM " + s.outbox() + " w WHERE w.tenant = o.tenant AND w.ticket_id = o.ticket_id "
                + "AND w.seq < o.seq ORDER BY w.seq DESC LIMIT 1) FROM ";
        // in the order of the due index, locked; how each database is led there is its strategy's (SqlDialect)
        return s.sql().outboxDueQuery(s, columns);
    }

    /** For tests of this module: the poll's statement. */
    String dueQuery() {
        return dueQuery;
    }

    /**
     * Delivers one batch: up to {@code batchSize} due outbox rows, in sequence order, each only after every
     * earlier row of its ticket was delivered (or dead-lettered). Returns how many were delivered.
     *
     * @throws dev.ticketkit.core.TicketStoreException if the database failed (nothing was deleted, so the batch's
     *                                                 rows come again)
     */
    public int runOnce() {
        return poll().delivered();
    }

    private Poll poll() {
        Schema s = store.schema();
        long nowUs = Schema.micros(clock.instant());
        Poll p = inTransaction("outbox relay", h -> deliverDue(h, s, nowUs));
        if (p.interrupted()) {
            Thread.currentThread().interrupt(); // after the commit: some drivers close an interrupted thread's files
        }
        delivered.addAndGet(p.delivered());
        failedAttempts.addAndGet(p.failed() + p.dead().size());
        deadLettered.addAndGet(p.dead().size());
        for (Dead d : p.dead()) {
            Row r = d.row();
            LOG.warn("outbox event {} ({}, seq {}, ticket {}, tenant {}) moved to the dead letters after {} failed attempts; "
                    + "last error {}", r.eventId(), r.type(), r.seq(), r.ticket(), r.tenant(), d.attempts(), d.errorClass());
        }
        return p;
    }

    private Poll deliverDue(Handle h, Schema s, long nowUs) {
        List<Row> rows = new ArrayList<>(h.createQuery(dueQuery).bind("now", nowUs).bind("limit", batchSize)
                .map((rs, ctx) -> {
                    long prev = rs.getLong(9);
                    Long prevOrNull = rs.wasNull() ? null : prev; // before any other column is read
                    return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), rs.getLong(8), prevOrNull);
                })
                .list());
        rows.sort(Comparator.comparingLong(Row::seq));
        Set<Long> resolved = new HashSet<>();
        List<Long> done = new ArrayList<>();
        Map<Row, Long> failed = new LinkedHashMap<>();
        List<Dead> dead = new ArrayList<>();
        Map<String, List<Row>> heldBack = new LinkedHashMap<>();
        boolean interrupted = false;
        for (Row r : rows) {
            if (r.prev() != null && !resolved.contains(r.prev())) {
                heldBack.computeIfAbsent(r.ticketKey(), k -> new ArrayList<>()).add(r);
                continue;
            }
            OutboxMessage m = r.message();
            try {
                consumer.deliver(m);
                done.add(r.seq());
                resolved.add(r.seq());
            } catch (InterruptedException e) {
                interrupted = true; // shutting down: not this row's fault; commit what was delivered and stop
                break;
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError vm && !(e instanceof StackOverflowError)) {
                    throw vm; // out of memory or the like: not this row's fault; the batch rolls back
                }
                if (Thread.interrupted()) {
                    interrupted = true; // a consumer that wraps InterruptedException: as above
                    break;
                }
                int attempts = r.attempts() + 1;
                String errorClass = errorClass(e);
                String reason = errorReason(e, r.payload());
                String error = reason.isEmpty() ? errorClass : errorClass + ": " + reason;
                // the exception itself only at DEBUG: a consumer's message may quote the event
                LOG.debug("outbox delivery of {} failed", m, e);
                if (attempts >= maxAttempts) {
                    dead.add(new Dead(r, attempts, errorClass, reason));
                    resolved.add(r.seq()); // its ticket's later rows go on
                    LOG.warn("outbox delivery of {} failed (attempt {} of {}): {}; it becomes a dead letter", m, attempts,
                            maxAttempts, error);
                } else {
                    Duration wait = backoff(r.attempts());
                    failed.put(r, nowUs + wait.toNanos() / 1_000);
                    LOG.warn("outbox delivery of {} failed (attempt {} of {}): {}; retrying in {}", m, attempts, maxAttempts,
                            error, wait);
                }
            }
        }
        if (!done.isEmpty()) {
            PreparedBatch del = h.prepareBatch("DELETE FROM " + s.outbox() + " WHERE seq = :seq");
            done.forEach(seq -> del.bind("seq", seq).add());
            del.execute();
        }
        if (!failed.isEmpty()) {
            PreparedBatch retry = h.prepareBatch("UPDATE " + s.outbox() + " SET attempts = attempts + 1, available_us = :at, "
                    + "first_failed_us = COALESCE(first_failed_us, :now) WHERE seq = :seq");
            failed.forEach((r, at) -> retry.bind("at", at).bind("now", nowUs).bind("seq", r.seq()).add());
            retry.execute();
        }
        if (!dead.isEmpty()) {
            PreparedBatch move = h.prepareBatch("INSERT INTO " + s.outboxDead() + " (seq, event_id, tenant, ticket_id, "
                    + "event_type, payload, attempts, first_failed_us, last_failed_us, error_class, error_reason) "
                    + "SELECT seq, event_id, tenant, ticket_id, event_type, payload, :attempts, COALESCE(first_failed_us, :now), "
                    + ":now, :errorClass, :errorReason FROM " + s.outbox() + " WHERE seq = :seq");
            PreparedBatch del = h.prepareBatch("DELETE FROM " + s.outbox() + " WHERE seq = :seq");
            for (Dead d : dead) {
                move.bind("attempts", d.attempts()).bind("now", nowUs).bind("errorClass", d.errorClass())
                        .bind("errorReason", d.errorReason()).bind("seq", d.row().seq()).add();
                del.bind("seq", d.row().seq()).add();
            }
            move.execute();
            del.execute();
        }
        int parked = park(h, s, heldBack);
        return new Poll(rows.size(), done.size(), failed.size(), List.copyOf(dead), parked, interrupted);
    }

    /**
     * Moves held-back rows (which this transaction holds) behind their ticket's first row: to its retry time, so
     * that they are not read again before it, and sort after it once it is due. Returns how many moved.
     */
    private static int park(Handle h, Schema s, Map<String, List<Row>> heldBack) {
        if (heldBack.isEmpty()) {
            return 0;
        }
        PreparedBatch move = h.prepareBatch("UPDATE " + s.outbox() + " SET available_us = :at WHERE seq = :seq");
        int n = 0;
        for (List<Row> rows : heldBack.values()) {
            Row any = rows.get(0);
            Optional<Long> headAt = h.createQuery("SELECT available_us FROM " + s.outbox()
                            + " WHERE tenant = :tenant AND ticket_id = :ticket ORDER BY seq LIMIT 1")
                    .bind("tenant", any.tenant()).bind("ticket", any.ticket())
                    .mapTo(Long.class).findFirst();
            if (headAt.isEmpty()) {
                continue;
            }
            for (Row r : rows) {
                if (r.availableUs() < headAt.get()) {
                    move.bind("at", headAt.get()).bind("seq", r.seq()).add();
                    n++;
                }
            }
        }
        if (n > 0) {
            move.execute();
        }
        return n;
    }

    /** The delay after the {@code failures + 1}-th failed delivery: initial backoff doubled per failure, capped. */
    Duration backoff(int failures) {
        Duration d = initialBackoff;
        for (int i = 0; i < failures && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static String errorClass(Throwable e) {
        String name = e.getClass().getName();
        return name.length() <= MAX_ERROR_CLASS ? name : name.substring(0, MAX_ERROR_CLASS);
    }

    /**
     * The first line of the exception's message, at most {@value #MAX_ERROR_REASON} characters; empty if there is
     * none or if it quotes the payload: the whole of it, or any of its text values of {@value #QUOTE_MIN} or more
     * characters other than ids and constant names (a consumer may put the text it could not send into its
     * exception, and the dead letters must not keep customer text).
     */
    private static String errorReason(Throwable e, String payload) {
        String message = e.getMessage();
        if (message == null || message.isBlank()
                || payload != null && (message.contains(payload) || quotesText(message, payload))) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        if (line.codePointCount(0, line.length()) > MAX_ERROR_REASON) {
            line = line.substring(0, line.offsetByCodePoints(0, MAX_ERROR_REASON));
        }
        return line;
    }

    private static boolean quotesText(String message, String payload) {
        JsonNode tree;
        try {
            tree = Json.read(payload);
        } catch (TicketException unreadable) {
            return true; // cannot tell: keep nothing
        }
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(tree);
        String lower = message.toLowerCase(Locale.ROOT);
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isTextual()) {
                String v = n.textValue().strip();
                if (v.length() >= QUOTE_MIN && !UUID_TEXT.matcher(v).matches() && !CONSTANT.matcher(v).matches()
                        && lower.contains(v.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            } else {
                n.elements().forEachRemaining(todo::push);
            }
        }
        return false;
    }

    // ---- dead letters --------------------------------------------------------------------------

    /**
     * One page of a tenant's dead letters, oldest event first.
     *
     * @param tenant the tenant whose dead letters to list
     * @param limit  1 to {@value #MAX_PAGE_SIZE}
     * @param after  the {@link Page#nextCursor()} of the previous page, or {@code null} for the first page
     * @throws IllegalArgumentException for a bad limit or a cursor this method did not make
     */
    public Page<DeadLetter> deadLetters(TenantId tenant, int limit, String after) {
        Objects.requireNonNull(tenant, "tenant");
        return deadLetterPage(tenant, limit, after);
    }

    /**
     * One page of every tenant's dead letters, oldest event first (for an operator of the whole installation).
     *
     * @param limit 1 to {@value #MAX_PAGE_SIZE}
     * @param after the {@link Page#nextCursor()} of the previous page, or {@code null} for the first page
     * @throws IllegalArgumentException for a bad limit or a cursor this method did not make
     */
    public Page<DeadLetter> deadLetters(int limit, String after) {
        return deadLetterPage(null, limit, after);
    }

    private Page<DeadLetter> deadLetterPage(TenantId tenant, int limit, String after) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE_SIZE + ": " + limit);
        }
        long afterSeq = after == null ? Long.MIN_VALUE : parseCursor(after);
        Schema s = store.schema();
        List<DeadLetter> rows = inTransaction("listing dead letters", h -> inTenant(h.createQuery("SELECT seq, event_id, "
                        + "tenant, ticket_id, event_type, attempts, error_class, error_reason, first_failed_us, last_failed_us "
                        + "FROM " + s.outboxDead() + " WHERE " + (tenant == null ? "" : "tenant = :tenant AND ")
                        + "seq > :after ORDER BY seq LIMIT :limit"), tenant)
                .bind("after", afterSeq).bind("limit", limit + 1)
                .map((rs, ctx) -> new DeadLetter(UUID.fromString(rs.getString(2)), rs.getLong(1), TenantId.of(rs.getString(3)),
                        TicketId.parse(rs.getString(4)), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8),
                        Schema.instant(rs.getLong(9)), Schema.instant(rs.getLong(10))))
                .list());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<DeadLetter> page = rows.subList(0, limit);
        return new Page<>(page, "d" + page.get(limit - 1).sequence());
    }

    private static long parseCursor(String cursor) {
        if (cursor.length() < 2 || cursor.charAt(0) != 'd') {
            throw new IllegalArgumentException("not a dead-letter cursor");
        }
        try {
            return Long.parseLong(cursor.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a dead-letter cursor");
        }
    }

    /**
     * Puts a dead letter back into the outbox, due now, with its attempts counted from zero. It keeps its
     * sequence, so it goes before any of its ticket's rows still in the outbox; rows delivered meanwhile are not
     * delivered again. Returns {@code false} if there is no such dead letter (already retried or discarded).
     */
    public boolean retry(UUID eventId) {
        return moveBack(null, Objects.requireNonNull(eventId, "eventId"));
    }

    /** {@link #retry(UUID)} within one tenant: another tenant's dead letter counts as not there. */
    public boolean retry(TenantId tenant, UUID eventId) {
        return moveBack(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(eventId, "eventId"));
    }

    private boolean moveBack(TenantId tenant, UUID eventId) {
        Schema s = store.schema();
        long nowUs = Schema.micros(clock.instant());
        String where = " WHERE event_id = :event" + (tenant == null ? "" : " AND tenant = :tenant");
        int n = inTransaction("retrying a dead letter", h -> {
            int moved = inTenant(h.createUpdate("INSERT INTO " + s.outbox() + " (seq, event_id, tenant, ticket_id, event_type, "
                            + "payload, attempts, available_us, first_failed_us) SELECT seq, event_id, tenant, ticket_id, "
                            + "event_type, payload, 0, :now, NULL FROM " + s.outboxDead() + where), tenant)
                    .bind("now", nowUs).bind("event", eventId.toString())
                    .execute();
            if (moved > 0) {
                inTenant(h.createUpdate("DELETE FROM " + s.outboxDead() + where), tenant)
                        .bind("event", eventId.toString())
                        .execute();
            }
            return moved;
        });
        if (n > 0) {
            retried.addAndGet(n);
            LOG.info("dead letter {} put back into the outbox", eventId);
        }
        return n > 0;
    }

    /** Deletes a dead letter for good. Returns {@code false} if there is no such dead letter. */
    public boolean discard(UUID eventId) {
        return drop(null, Objects.requireNonNull(eventId, "eventId"));
    }

    /** {@link #discard(UUID)} within one tenant: another tenant's dead letter counts as not there. */
    public boolean discard(TenantId tenant, UUID eventId) {
        return drop(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(eventId, "eventId"));
    }

    private boolean drop(TenantId tenant, UUID eventId) {
        Schema s = store.schema();
        int n = inTransaction("discarding a dead letter", h -> inTenant(h.createUpdate("DELETE FROM " + s.outboxDead()
                        + " WHERE event_id = :event" + (tenant == null ? "" : " AND tenant = :tenant")), tenant)
                .bind("event", eventId.toString())
                .execute());
        if (n > 0) {
            discarded.addAndGet(n);
            LOG.info("dead letter {} discarded", eventId);
        }
        return n > 0;
    }

    /** Binds {@code :tenant} when a statement is scoped to one. */
    private static <T extends SqlStatement<T>> T inTenant(T statement, TenantId tenant) {
        return tenant == null ? statement : statement.bind("tenant", tenant.value());
    }

    private <R> R inTransaction(String op, HandleCallback<R, RuntimeException> work) {
        try {
            return store.isolation() == null ? store.jdbi().inTransaction(work)
                    : store.jdbi().inTransaction(store.isolation(), work);
        } catch (JdbiException e) {
            throw Errors.translate(e, op);
        }
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Starts polling on a thread named {@code ticketkit-outbox-N}; idempotent. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the relay is closed");
        }
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ticketkit-outbox-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::drain, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("TicketKit outbox relay started: batchSize={}, pollInterval={}, backoff={}..{}, maxAttempts={}", batchSize,
                pollInterval, initialBackoff, maxBackoff, maxAttempts);
    }

    /**
     * One scheduled run: polls while full batches make progress. Catches everything: a task that throws is never
     * scheduled again, and the relay must go on polling after any failure.
     */
    private void drain() {
        try {
            for (Poll p = poll(); p.selected() == batchSize && p.progressed() && !Thread.currentThread().isInterrupted(); ) {
                p = poll();
            }
        } catch (RuntimeException e) {
            LOG.warn("outbox relay run failed; retrying after the poll interval", e);
        } catch (Throwable e) {
            LOG.error("outbox relay run failed with an error; retrying after the poll interval", e);
        }
    }

    /** Stops the polling thread, waiting up to {@link #CLOSE_TIMEOUT} for a running batch; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    /** Configures an {@link OutboxRelay}; each option may be set once. Not thread-safe. */
    public static final class Builder {
        private final JdbcTicketStore store;
        private final OutboxConsumer consumer;
        private Clock clock;
        private Integer batchSize;
        private Duration pollInterval;
        private Duration initialBackoff;
        private Duration maxBackoff;
        private Integer maxAttempts;

        private Builder(JdbcTicketStore store, OutboxConsumer consumer) {
            this.store = store;
            this.consumer = consumer;
        }

        private static void once(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " is already set");
            }
        }

        /** The clock that decides when a retry is due (default the system clock in UTC). */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            once(this.clock, "clock");
            this.clock = clock;
            return this;
        }

        /** Rows per transaction, 1 to 10,000 (default {@value OutboxRelay#DEFAULT_BATCH_SIZE}). */
        public Builder batchSize(int size) {
            if (size < 1 || size > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1 to 10000: " + size);
            }
            once(batchSize, "batchSize");
            batchSize = size;
            return this;
        }

        /** Pause between polls (default 1 s); positive. */
        public Builder pollInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive");
            }
            once(pollInterval, "pollInterval");
            pollInterval = interval;
            return this;
        }

        /** Retry delays: {@code initial} after the first failure, doubling up to {@code max} (default 1 s .. 5 min). */
        public Builder backoff(Duration initial, Duration max) {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff needs 0 < initial <= max");
            }
            once(initialBackoff, "backoff");
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        /**
         * Failed deliveries after which an event becomes a {@link DeadLetter}, 1 to
         * {@value OutboxRelay#MAX_ATTEMPTS_LIMIT} (default {@value OutboxRelay#DEFAULT_MAX_ATTEMPTS}); 1 sets an
         * event aside at its first failure.
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > MAX_ATTEMPTS_LIMIT) {
                throw new IllegalArgumentException("maxAttempts must be 1 to " + MAX_ATTEMPTS_LIMIT + ": " + attempts);
            }
            once(maxAttempts, "maxAttempts");
            maxAttempts = attempts;
            return this;
        }

        public OutboxRelay build() {
            return new OutboxRelay(this);
        }
    }
}
