package dev.ticketkit.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for ticket creation: collects {@code create} calls from many threads and commits them together
 * through {@link Tickets#createAll}, so a high-rate producer (an intake pipeline, a marketplace importer) pays
 * one store transaction per batch instead of one per ticket, without batching by hand.
 *
 * <pre>{@code
 * try (GroupCommitter intake = GroupCommitter.builder(engine.tickets()).build()) {
 *     intake.start();                                      // one ticketkit-intake-1 thread
 *     Ticket t = intake.create(actor, newTicket);          // from any number of threads; blocks until committed
 * }
 * }</pre>
 *
 * <p>A worker takes what is queued once {@link Builder#maxBatch(int)} items are waiting or
 * {@link Builder#maxDelay(Duration)} has passed since the oldest one arrived, whichever is first, and commits
 * them as one {@code createAll} per actor (items of different actors go in separate transactions). Each
 * caller gets its own item's outcome: its ticket, or the exception that failed that item alone.
 *
 * <p>Without {@link #start()}, nothing runs on its own: {@link #submit} queues and {@link #runOnce()} commits
 * a batch on the calling thread (tests drive it so). {@link #close()} commits what is still queued, stops the
 * workers within a bounded wait, and rejects later submissions; it never closes the engine. Thread-safe.
 *
 * <p>Every future completes. An {@link Error} from the store or a hook (a {@code StackOverflowError}, an
 * {@code AssertionError}) fails the futures of the batch it hit, and only those; the worker that met it stops and
 * a new one takes its place. If no worker thread can be made, the queued futures fail and {@link #submit} throws
 * {@link IllegalStateException} at once, until {@link #start()} succeeds again.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    /** Items committed together at most (default). */
    public static final int DEFAULT_MAX_BATCH = 100;
    /** Longest wait for more items once one is queued (default). */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(2);
    /** Items queued at most; further {@code create} calls wait (default). */
    public static final int DEFAULT_MAX_QUEUED = 10_000;
    /** Worker threads of {@link #start()} (default). */
    public static final int DEFAULT_WORKERS = 1;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Tickets tickets;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final int maxQueued;
    private final int workers;
    private final ThreadFactory threadFactory;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Condition space = lock.newCondition();
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Worker threads started and not yet ended. */
    private int live;
    private boolean started;
    private boolean closed;

    private record Request(Actor actor, NewTicket ticket, CompletableFuture<Ticket> result, long queuedAt) {
    }

    private GroupCommitter(Builder b) {
        this.tickets = b.tickets;
        this.maxBatch = b.maxBatch == null ? DEFAULT_MAX_BATCH : b.maxBatch;
        this.maxDelayNanos = (b.maxDelay == null ? DEFAULT_MAX_DELAY : b.maxDelay).toNanos();
        this.maxQueued = b.maxQueued == null ? DEFAULT_MAX_QUEUED : b.maxQueued;
        this.workers = b.workers == null ? DEFAULT_WORKERS : b.workers;
        this.threadFactory = b.threadFactory == null ? defaultThreadFactory() : b.threadFactory;
        LOG.info("TicketKit group committer: maxBatch={}, maxDelay={}, maxQueued={}, workers={}", maxBatch,
                Duration.ofNanos(maxDelayNanos), maxQueued, workers);
    }

    /** Daemon threads named {@code ticketkit-intake-N}, N counting from 1 for each committer. */
    private static ThreadFactory defaultThreadFactory() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ticketkit-intake-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A builder committing through {@code tickets} (usually {@code engine.tickets()}). */
    public static Builder builder(Tickets tickets) {
        return new Builder(Objects.requireNonNull(tickets, "tickets"));
    }

    /**
     * Queues a ticket to create and returns its future outcome: the ticket (new, or the existing one of its
     * idempotency key), or the item's exception ({@link TicketException} for bad input, or the {@link Error} that
     * failed its batch). While the queue is full, waits for space if workers run; without workers that is an
     * {@link IllegalStateException}.
     *
     * @throws IllegalStateException after {@link #close()}, or when {@link #start()} was called but no worker thread
     *                               runs (none could be made)
     */
    public CompletableFuture<Ticket> submit(Actor actor, NewTicket ticket) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(ticket, "ticket");
        CompletableFuture<Ticket> f = new CompletableFuture<>();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the group committer is closed");
                }
                if (started && live == 0) {
                    throw new IllegalStateException("no worker thread of the group committer runs (none could be started)");
                }
                if (queue.size() < maxQueued) {
                    break;
                }
                if (!started) {
                    throw new IllegalStateException("the queue is full (" + maxQueued + " items) and no worker runs");
                }
                space.awaitUninterruptibly();
            }
            queue.add(new Request(actor, ticket, f, System.nanoTime()));
            if (queue.size() == 1 || queue.size() >= maxBatch) {
                arrived.signal();
            }
        } finally {
            lock.unlock();
        }
        return f;
    }

    /**
     * Creates a ticket through the queue and waits until its batch committed: like {@link Tickets#create},
     * rethrowing the item's own exception (or error). Needs {@link #start()} (or another thread calling
     * {@link #runOnce()}).
     */
    public Ticket create(Actor actor, NewTicket ticket) {
        Future<Ticket> f = submit(actor, ticket);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TicketException("interrupted while waiting for the ticket's batch to commit", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new TicketException("creating the ticket failed", c);
        }
    }

    /** Items waiting to be committed. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commits up to {@code maxBatch} queued items now, on this thread, and returns how many it took (0 if none
     * were queued). Their futures are complete when it returns, also when it throws: an {@link Error} from the
     * store or a hook fails the futures of its actor's items, the other actors' items are still committed, and
     * then the error is rethrown.
     */
    public int runOnce() {
        List<Request> batch = take();
        commit(batch);
        return batch.size();
    }

    private List<Request> take() {
        lock.lock();
        try {
            List<Request> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                batch.add(queue.poll());
            }
            if (!batch.isEmpty()) {
                space.signalAll();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Commits a batch, completing every future; rethrows the first {@link Error} once all are complete. */
    private void commit(List<Request> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Error error = null;
        Map<Actor, List<Request>> byActor = new LinkedHashMap<>();
        for (Request r : batch) {
            byActor.computeIfAbsent(r.actor(), a -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<Actor, List<Request>> e : byActor.entrySet()) {
            List<Request> rs = e.getValue();
            try {
                BatchCreateResult result = tickets.createAll(e.getKey(), rs.stream().map(Request::ticket).toList());
                for (int i = 0; i < rs.size(); i++) {
                    BatchCreateResult.Item item = result.item(i);
                    if (item.succeeded()) {
                        rs.get(i).result().complete(item.ticket());
                    } else {
                        rs.get(i).result().completeExceptionally(item.error());
                    }
                }
            } catch (RuntimeException ex) {
                LOG.warn("a batch of {} tickets failed as a whole", rs.size(), ex);
                rs.forEach(r -> r.result().completeExceptionally(ex));
            } catch (Error err) {
                LOG.error("a batch of {} tickets failed with an error", rs.size(), err);
                rs.forEach(r -> r.result().completeExceptionally(err));
                if (error == null) {
                    error = err;
                }
            }
        }
        if (error != null) {
            throw error;
        }
    }

    /**
     * Starts the worker thread(s), named {@code ticketkit-intake-N} unless a {@link Builder#threadFactory} is set.
     * Idempotent while they run; after workers were lost and could not be replaced, starts them again.
     *
     * @throws IllegalStateException after {@link #close()}, or if no worker thread could be started
     */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the group committer is closed");
            }
            RuntimeException failure = null;
            while (live < workers) {
                try {
                    startWorker();
                } catch (RuntimeException | Error e) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e);
                    break;
                }
            }
            if (live == 0) {
                throw new IllegalStateException("no worker thread of the group committer could be started", failure);
            }
            started = true;
        } finally {
            lock.unlock();
        }
    }

    /** Makes and starts one worker thread; under the lock. */
    private void startWorker() {
        Thread t = threadFactory.newThread(this::work);
        if (t == null) {
            throw new IllegalStateException("the thread factory made no thread");
        }
        t.start();
        threads.add(t);
        live++;
    }

    /** A worker thread's body: the loop, and whatever ends it. */
    private void work() {
        Throwable cause = null;
        try {
            loop();
        } catch (Throwable t) {
            cause = t;
        } finally {
            workerEnded(cause);
        }
    }

    /**
     * A worker ended: by close, or by an error (whose batch's futures are complete). While the committer is open,
     * another worker replaces it; if none can be made and none is left, the queued futures fail and
     * {@link #submit} throws until {@link #start()} succeeds.
     */
    private void workerEnded(Throwable cause) {
        List<Request> stranded = List.of();
        lock.lock();
        try {
            live--;
            threads.remove(Thread.currentThread());
            if (closed) {
                return;
            }
            LOG.error("group committer worker {} stopped; starting another", Thread.currentThread().getName(), cause);
            try {
                startWorker();
            } catch (RuntimeException | Error e) {
                LOG.error("no replacement for group committer worker {} could be started; {} still run",
                        Thread.currentThread().getName(), live, e);
            }
            if (live == 0) {
                stranded = new ArrayList<>(queue);
                queue.clear();
                space.signalAll(); // submitters waiting for space now fail fast
            }
        } finally {
            lock.unlock();
        }
        IllegalStateException none = new IllegalStateException("no worker thread of the group committer runs");
        stranded.forEach(r -> r.result().completeExceptionally(none));
    }

    private void loop() {
        while (true) {
            List<Request> batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    arrived.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // closed and drained
                }
                // wait for a full batch, or until the oldest item waited maxDelay
                while (!closed && queue.size() < maxBatch) {
                    long waited = System.nanoTime() - queue.peek().queuedAt();
                    long left = maxDelayNanos - waited;
                    if (left <= 0) {
                        break;
                    }
                    try {
                        arrived.awaitNanos(left);
                    } catch (InterruptedException e) {
                        return; // only our own threads run this loop; nobody else interrupts them
                    }
                    if (queue.isEmpty()) {
                        break; // another worker took them
                    }
                }
            } finally {
                lock.unlock();
            }
            batch = take();
            try {
                commit(batch);
            } catch (RuntimeException e) {
                LOG.warn("group commit failed", e);
                batch.forEach(r -> r.result().completeExceptionally(e));
            }
            // an Error leaves the loop after commit completed the batch's futures; work() replaces this worker
        }
    }

    /**
     * Commits what is queued, stops the workers (waiting up to 10 s) and rejects further submissions.
     * Idempotent; does not close the engine.
     */
    @Override
    public void close() {
        List<Thread> running;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            arrived.signalAll();
            space.signalAll();
            running = List.copyOf(threads);
        } finally {
            lock.unlock();
        }
        for (Thread t : running) {
            try {
                t.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warn("group committer thread {} did not stop within {}", t.getName(), STOP_WAIT);
            }
        }
        // without workers (or if they stopped early), commit what is left on this thread
        while (true) {
            try {
                if (runOnce() == 0) {
                    break;
                }
            } catch (Error e) {
                // the batch's futures carry it (and it was logged); the rest of the queue still gets committed
            }
        }
    }

    /**
     * Configures a {@link GroupCommitter}. Each option may be set once; arguments are checked at once. Not
     * thread-safe.
     */
    public static final class Builder {
        private final Tickets tickets;
        private Integer maxBatch;
        private Duration maxDelay;
        private Integer maxQueued;
        private Integer workers;
        private ThreadFactory threadFactory;

        private Builder(Tickets tickets) {
            this.tickets = tickets;
        }

        /** Items per transaction at most, 1 to 1,000 (default {@value GroupCommitter#DEFAULT_MAX_BATCH}). */
        public Builder maxBatch(int n) {
            if (n < 1 || n > Limits.DEFAULT_MAX_BULK_SIZE) {
                throw new IllegalArgumentException("maxBatch must be 1 to " + Limits.DEFAULT_MAX_BULK_SIZE + ": " + n);
            }
            once(maxBatch, "maxBatch");
            maxBatch = n;
            return this;
        }

        /** How long a worker waits for a batch to fill once an item is queued, 0 to 1 s (default 2 ms). */
        public Builder maxDelay(Duration d) {
            Objects.requireNonNull(d, "maxDelay");
            if (d.isNegative() || d.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("maxDelay must be 0 to 1 s: " + d);
            }
            once(maxDelay, "maxDelay");
            maxDelay = d;
            return this;
        }

        /** Items queued at most before {@code create} waits (default {@value GroupCommitter#DEFAULT_MAX_QUEUED}). */
        public Builder maxQueued(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxQueued must be positive: " + n);
            }
            once(maxQueued, "maxQueued");
            maxQueued = n;
            return this;
        }

        /** Worker threads started by {@link #start()}, 1 to 16 (default {@value GroupCommitter#DEFAULT_WORKERS}). */
        public Builder workers(int n) {
            if (n < 1 || n > 16) {
                throw new IllegalArgumentException("workers must be 1 to 16: " + n);
            }
            once(workers, "workers");
            workers = n;
            return this;
        }

        /**
         * Makes the worker threads (default: daemon threads named {@code ticketkit-intake-N}); also asked for a
         * replacement when a worker stops on an error. A factory that returns {@code null} or a thread that cannot
         * start counts as no thread.
         */
        public Builder threadFactory(ThreadFactory factory) {
            Objects.requireNonNull(factory, "threadFactory");
            once(threadFactory, "threadFactory");
            threadFactory = factory;
            return this;
        }

        private static void once(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " is already set");
            }
        }

        /** The committer; starts no thread (see {@link GroupCommitter#start()}). */
        public GroupCommitter build() {
            return new GroupCommitter(this);
        }
    }

    @Override
    public String toString() {
        return "GroupCommitter[maxBatch=" + maxBatch + ", queued=" + queued() + "]";
    }
}
