package dev.ticketkit.testkit;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Runs a parse of hostile input with bounds on its wall time and on the bytes it allocates, for the
 * fuzz tests: a parse that runs past the time or allocates more than {@code perInputByte} bytes per
 * input byte plus {@code fixedBytes} fails with an {@link AssertionError} naming the bound.
 *
 * <p>The time bound is checked after the parse returns (a fuzz driver's own timeout catches a true
 * hang); the allocation is the calling thread's, as counted by the JVM. Warm the parser up on
 * ordinary input before the first bounded run: class loading (and a fuzzer's instrumentation of
 * each class as it loads) counts as allocation and time of the parse that triggers it.
 */
public final class Bounded {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Bounded() {
    }

    public static void run(int inputBytes, Duration maxTime, long perInputByte, long fixedBytes, Runnable parse) {
        long thread = Thread.currentThread().getId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        try {
            parse.run();
        } finally {
            long took = System.nanoTime() - start;
            long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
            if (took > maxTime.toNanos()) {
                throw new AssertionError("a parse of " + inputBytes + " bytes took " + took / 1_000_000
                        + " ms, over the bound of " + maxTime.toMillis() + " ms");
            }
            long limit = perInputByte * inputBytes + fixedBytes;
            if (allocatedBefore >= 0 && allocated > limit) {
                throw new AssertionError("a parse of " + inputBytes + " bytes allocated " + allocated
                        + " bytes, over the bound of " + limit);
            }
        }
    }
}
