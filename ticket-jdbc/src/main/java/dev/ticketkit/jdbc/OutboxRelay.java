package dev.ticketkit.jdbc;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.jdbc.internal.Errors;
import dev.ticketkit.jdbc.internal.Schema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the store's outbox table to an {@link OutboxConsumer}: at least once, in order for each
 * ticket, retrying failed deliveries with exponential backoff, and deleting what was delivered.
 *
 * <pre>{@code
 * OutboxRelay relay = OutboxRelay.builder(store, m -> kafka.send(topic, m.ticketId().toString(), m.payload()).get())
 *         .build();
 * relay.start();   // a thread named ticketkit-outbox-N polls every second
 * ...
 * relay.close();
 * }</pre>
 *
 * <p>Each {@link #runOnce()} locks a batch of the oldest rows ({@code SELECT ... FOR UPDATE}), delivers them
 * in sequence order and deletes the delivered ones in the same transaction, so relays on several nodes take
 * turns instead of delivering twice, and a crash between delivery and commit means a redelivery, never a
 * loss. A failed message holds back its ticket's later messages until it is delivered; other tickets go on.
 *
 * <p>Thread-safe. {@link #build()} starts nothing; {@link #start()} starts the polling thread and
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
    /** How long {@link #close()} waits for a running batch. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final JdbcTicketStore store;
    private final OutboxConsumer consumer;
    private final Clock clock;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
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
    }

    public static Builder builder(JdbcTicketStore store, OutboxConsumer consumer) {
        return new Builder(Objects.requireNonNull(store, "store"), Objects.requireNonNull(consumer, "consumer"));
    }

    private record Row(long seq, String eventId, String tenant, String ticket, String type, String payload, int attempts,
            long availableUs) {
    }

    /**
     * Delivers one batch: the oldest outbox rows that are due, in sequence order, skipping the rest of a
     * ticket after one of its messages failed or waits for a retry. Returns how many were delivered.
     *
     * @throws dev.ticketkit.core.TicketStoreException if the database failed (nothing was deleted)
     */
    public int runOnce() {
        Schema s = store.schema();
        long nowUs = Schema.micros(clock.instant());
        HandleCallback<Integer, RuntimeException> batch = h -> {
            List<Row> rows = h.createQuery("SELECT o.seq, o.event_id, o.tenant, o.ticket_id, o.event_type, o.payload, o.attempts, "
                            + "o.available_us FROM " + s.outbox() + " o WHERE NOT EXISTS (SELECT 1 FROM " + s.outbox()
                            + " w WHERE w.tenant = o.tenant AND w.ticket_id = o.ticket_id AND w.seq < o.seq AND w.available_us > :now) "
                            + "ORDER BY o.seq LIMIT :limit FOR UPDATE")
                    .bind("now", nowUs).bind("limit", batchSize)
                    .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), rs.getLong(8)))
                    .list();
            Set<String> heldBack = new HashSet<>();
            List<Long> delivered = new ArrayList<>();
            List<Row> failed = new ArrayList<>();
            for (Row r : rows) {
                String ticketKey = r.tenant() + '\u0000' + r.ticket();
                if (heldBack.contains(ticketKey)) {
                    continue;
                }
                if (r.availableUs() > nowUs) {
                    heldBack.add(ticketKey);
                    continue;
                }
                OutboxMessage m = new OutboxMessage(r.seq(), UUID.fromString(r.eventId()), TenantId.of(r.tenant()),
                        TicketId.parse(r.ticket()), r.type(), r.payload(), r.attempts());
                try {
                    consumer.deliver(m);
                    delivered.add(r.seq());
                } catch (Exception e) {
                    heldBack.add(ticketKey);
                    failed.add(r);
                    LOG.warn("outbox delivery of {} failed (attempt {}); retrying in {}", m, r.attempts() + 1, backoff(r.attempts()), e);
                }
            }
            if (!delivered.isEmpty()) {
                PreparedBatch del = h.prepareBatch("DELETE FROM " + s.outbox() + " WHERE seq = :seq");
                delivered.forEach(seq -> del.bind("seq", seq).add());
                del.execute();
            }
            if (!failed.isEmpty()) {
                PreparedBatch retry = h.prepareBatch("UPDATE " + s.outbox() + " SET attempts = attempts + 1, available_us = :at "
                        + "WHERE seq = :seq");
                for (Row r : failed) {
                    retry.bind("at", nowUs + backoff(r.attempts()).toNanos() / 1_000).bind("seq", r.seq()).add();
                }
                retry.execute();
            }
            return delivered.size();
        };
        try {
            return store.isolation() == null ? store.jdbi().inTransaction(batch)
                    : store.jdbi().inTransaction(store.isolation(), batch);
        } catch (JdbiException e) {
            throw Errors.translate(e, "outbox relay");
        }
    }

    /** The delay after the {@code failures + 1}-th failed delivery: initial backoff doubled per failure, capped. */
    Duration backoff(int failures) {
        Duration d = initialBackoff;
        for (int i = 0; i < failures && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

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
        LOG.info("TicketKit outbox relay started: batchSize={}, pollInterval={}, backoff={}..{}", batchSize, pollInterval,
                initialBackoff, maxBackoff);
    }

    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted() && runOnce() == batchSize) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            LOG.warn("outbox relay run failed; retrying after the poll interval", e);
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

        public OutboxRelay build() {
            return new OutboxRelay(this);
        }
    }
}
