package dev.ticketkit.core.internal;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketStoreException;
import dev.ticketkit.core.spi.TicketStore;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One engine's ticket numbers: per tenant, blocks reserved through {@link TicketStore#reserveTicketNumbers} (a short
 * transaction of the store's own) and handed out from memory, so that commands take numbers without holding the
 * tenant's counter. Numbers are unique (the store never reserves a number twice) and increase per engine in the
 * order they are handed out; engines on other nodes hand out their own blocks, so across nodes numbers do not follow
 * creation order. Numbers of a command that rolls back, and what is in hand when the engine goes away, are never
 * used (gaps).
 *
 * <p>Creates call {@link #ensure} before their transaction begins: it promises the thread the numbers it asks for and
 * reserves the next block, while the thread holds no connection, whenever the numbers in hand do not cover every
 * thread's open promise plus half a block. Inside the transaction {@link #take} then hands out numbers from memory and
 * ends the thread's promise. Only a take nobody promised (a ticket created inside another command, such as a
 * follow-up) can find the numbers run out; it then reserves inside the running command, which on a database store
 * needs a second connection for a moment. A thread never waits for another thread's reservation while it is inside a
 * transaction, so a small pool cannot end up with every connection held by commands waiting for numbers.
 *
 * <p>Thread-safe. One small entry per tenant that created a ticket on this engine.
 */
final class TicketNumberAllocator {
    private final TicketStore store;
    private final int blockSize;
    /** Numbers {@link #ensure} keeps in hand beyond what it was asked for. */
    private final int lowWater;
    private final Map<TenantId, Numbers> tenants = new ConcurrentHashMap<>();

    /** A tenant's numbers in hand: disjoint ranges by start; all above {@code last}, the highest handed out. */
    private static final class Numbers {
        final TreeMap<Long, Long> ranges = new TreeMap<>(); // start -> end (exclusive)
        /** Numbers promised to threads between their ensure and their take (threads that end drop out). */
        final Map<Thread, Integer> promises = new WeakHashMap<>();
        long available;
        long last;
        boolean reserving;

        long promised() {
            long sum = 0;
            for (int p : promises.values()) {
                sum += p;
            }
            return sum;
        }

        /** Adds a reserved range; one below what was handed out already (a slower reservation) is dropped: a gap. */
        void add(long first, long end) {
            if (first > last) {
                ranges.put(first, end);
                available += end - first;
            }
        }

        /** Takes up to {@code out.length - from} numbers into {@code out} from {@code from}; returns the next index. */
        int takeInto(long[] out, int from) {
            int i = from;
            while (i < out.length && !ranges.isEmpty()) {
                Map.Entry<Long, Long> r = ranges.pollFirstEntry();
                long next = r.getKey();
                while (i < out.length && next < r.getValue()) {
                    out[i++] = next++;
                }
                if (next < r.getValue()) {
                    ranges.put(next, r.getValue());
                }
            }
            if (i > from) {
                last = out[i - 1];
                available -= i - from;
            }
            return i;
        }
    }

    TicketNumberAllocator(TicketStore store, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.blockSize = blockSize;
        this.lowWater = blockSize / 2;
    }

    private Numbers of(TenantId tenant) {
        return tenants.computeIfAbsent(Objects.requireNonNull(tenant, "tenant"), t -> new Numbers());
    }

    /** Reservations tried when the store reports a transient failure (a deadlock of racing first reservations). */
    static final int RESERVE_ATTEMPTS = 3;

    private long reserve(TenantId tenant, long size) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many ticket numbers at once: " + size);
        }
        long first;
        for (int attempt = 1; ; attempt++) {
            try {
                first = store.reserveTicketNumbers(tenant, (int) size);
                break;
            } catch (TicketStoreException e) {
                // the reservation wrote nothing; outside the command, the command's own retry does not cover it
                if (!e.isTransient() || attempt >= RESERVE_ATTEMPTS) {
                    throw e;
                }
            }
        }
        if (first < 1 || first > Long.MAX_VALUE - size) {
            throw new IllegalStateException("the store reserved ticket numbers from " + first + " for tenant " + tenant
                    + "; numbers start at 1");
        }
        return first;
    }

    /**
     * Promises this thread {@code count} of the tenant's numbers for its next {@link #take} and makes sure the numbers
     * in hand cover every open promise and half a block more, reserving a block (or as many as needed) if not. For use
     * before a transaction begins: it may wait for another thread's reservation of the same tenant, and it reserves in
     * the store's own transaction.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    void ensure(TenantId tenant, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        Numbers n = of(tenant);
        long size;
        synchronized (n) {
            n.promises.put(Thread.currentThread(), count);
            while (true) {
                long wanted = n.promised() + lowWater;
                if (n.available >= wanted) {
                    return;
                }
                if (!n.reserving) {
                    n.reserving = true;
                    size = Math.max(blockSize, wanted - n.available);
                    break;
                }
                try {
                    n.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // take() reserves what is missing
                }
            }
        }
        try {
            long first = reserve(tenant, size);
            synchronized (n) {
                n.add(first, first + size);
            }
        } finally {
            synchronized (n) {
                n.reserving = false;
                n.notifyAll();
            }
        }
    }

    /** The tenant's next number (see {@link #take}). */
    long next(TenantId tenant) {
        return take(tenant, 1)[0];
    }

    /**
     * {@code count} numbers of the tenant, increasing, ending this thread's promise: those in hand first; if they do not
     * suffice, a block of at least the block size is reserved at once (in the store's own transaction, without waiting
     * for other threads).
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    long[] take(TenantId tenant, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        Numbers n = of(tenant);
        long[] out = new long[count];
        int i = 0;
        while (true) {
            synchronized (n) {
                n.promises.remove(Thread.currentThread());
                i = n.takeInto(out, i);
            }
            if (i == count) {
                return out;
            }
            long size = Math.max(blockSize, count - i);
            long first = reserve(tenant, size);
            synchronized (n) {
                n.add(first, first + size);
            }
        }
    }
}
