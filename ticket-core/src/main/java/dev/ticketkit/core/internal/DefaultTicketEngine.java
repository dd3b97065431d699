package dev.ticketkit.core.internal;

import dev.ticketkit.core.Customers;
import dev.ticketkit.core.Directory;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.Tickets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine: facades over one {@link EngineCore}, and the optional background due-work thread. */
public final class DefaultTicketEngine implements TicketEngine {
    private static final Logger LOG = LoggerFactory.getLogger(TicketEngine.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final EngineCore core;
    private final TicketsImpl tickets;
    private final CustomersImpl customers;
    private final DirectoryImpl directory;
    private final DueWorkRunner runner;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition heartbeatWake = lock.newCondition();
    private boolean wakeRequested;
    private Thread worker;
    private Thread heartbeat;
    private volatile boolean closed;

    public DefaultTicketEngine(EngineSettings settings) {
        this.core = new EngineCore(settings);
        this.tickets = new TicketsImpl(core);
        this.customers = new CustomersImpl(core, tickets);
        this.directory = new DirectoryImpl(core);
        this.runner = new DueWorkRunner(core);
        core.onScheduled(this::wakeWorker);
        LOG.info("TicketKit engine configured: {}", settings.describe());
    }

    @Override
    public Tickets tickets() {
        return tickets;
    }

    @Override
    public Customers customers() {
        return customers;
    }

    @Override
    public Directory directory() {
        return directory;
    }

    @Override
    public Clock clock() {
        return core.settings().clock();
    }

    @Override
    public dev.ticketkit.core.Calendars calendars() {
        return core.settings().calendars();
    }

    @Override
    public dev.ticketkit.core.condition.FactCatalog facts() {
        return core.settings().facts();
    }

    @Override
    public java.util.List<String> modules() {
        return core.settings().modules();
    }

    @Override
    public int runDueWork() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        return runner.runDue();
    }

    @Override
    public int renewDueWorkLeases() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        return runner.renewHeld(true);
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the engine is closed");
            }
            if (worker != null) {
                return;
            }
            worker = new Thread(this::loop, "ticketkit-duework-1");
            worker.setDaemon(true);
            worker.start();
            heartbeat = new Thread(this::heartbeatLoop, "ticketkit-lease-1");
            heartbeat.setDaemon(true);
            heartbeat.start();
            LOG.info("TicketKit due-work thread started (node {})", core.settings().nodeId());
        } finally {
            lock.unlock();
        }
    }

    private void wakeWorker() {
        lock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        Duration poll = core.settings().dueWorkPollInterval();
        while (!closed) {
            try {
                runner.runDue();
            } catch (RuntimeException e) {
                LOG.warn("due-work run failed; retrying after the poll interval", e);
            }
            long waitNanos = poll.toNanos();
            try {
                Instant now = core.now();
                Instant next = core.settings().store().nextDueAt(now).orElse(null);
                if (next != null) {
                    waitNanos = Math.min(waitNanos, Math.max(0, Duration.between(now, next).toNanos()));
                }
            } catch (RuntimeException e) {
                LOG.debug("could not read the next due time", e);
            }
            lock.lock();
            try {
                if (!wakeRequested && !closed && waitNanos > 0) {
                    wake.awaitNanos(waitNanos);
                }
                wakeRequested = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Renews the leases of claimed work every third of the lease while the due-work thread holds some. */
    private void heartbeatLoop() {
        long period = core.settings().dueWorkLease().dividedBy(3).toNanos();
        while (!closed) {
            lock.lock();
            try {
                if (!closed) {
                    heartbeatWake.awaitNanos(Math.max(1, period));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (!closed && runner.holdsWork()) {
                try {
                    runner.renewHeld(true);
                } catch (RuntimeException e) {
                    LOG.warn("due-work heartbeat failed; retrying at the next one", e);
                }
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        Thread h;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            t = worker;
            h = heartbeat;
            wake.signalAll();
            heartbeatWake.signalAll();
        } finally {
            lock.unlock();
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("due-work thread did not stop within {}", STOP_WAIT);
            }
        }
        if (h != null) {
            h.interrupt();
            try {
                h.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (core.settings().ownsStore()) {
            core.settings().store().close();
        }
        LOG.info("TicketKit engine closed");
    }

    /** For tests of the worker: whether the background thread is running. */
    boolean isWorkerAlive() {
        Thread t = worker;
        return t != null && t.isAlive();
    }

}
