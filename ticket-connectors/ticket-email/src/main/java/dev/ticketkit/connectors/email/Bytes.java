package dev.ticketkit.connectors.email;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches over raw MIME, eight bytes at a time (SWAR): the parser walks every body line by
 * line to find delimiters, so finding the next line end is its innermost loop.
 */
final class Bytes {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';

    private Bytes() {
    }

    /** @return the index of the first {@code \n} in {@code b[from..to)}, or {@code to} */
    static int indexOfLf(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONGS.get(b, i);
            long mask = zeroBytes(v ^ LFS);
            if (mask != 0) {
                return i + (Long.numberOfTrailingZeros(mask) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    /** @return the index of the first {@code \n} or {@code \r} in {@code b[from..to)}, or {@code to} */
    static int indexOfLineBreak(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONGS.get(b, i);
            long mask = zeroBytes(v ^ LFS) | zeroBytes(v ^ CRS);
            if (mask != 0) {
                return i + (Long.numberOfTrailingZeros(mask) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return to;
    }

    /** @return the index of the first {@code value} in {@code b[from..to)}, or {@code to} */
    static int indexOf(byte[] b, byte value, int from, int to) {
        long pattern = ONES * (value & 0xff);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long mask = zeroBytes((long) LONGS.get(b, i) ^ pattern);
            if (mask != 0) {
                return i + (Long.numberOfTrailingZeros(mask) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return to;
    }

    /** @return whether {@code b[off..off+pattern.length)} equals {@code pattern} (in bounds) */
    static boolean regionEquals(byte[] b, int off, byte[] pattern) {
        for (int i = 0; i < pattern.length; i++) {
            if (b[off + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The high bit set in each byte of the result whose byte in {@code v} is zero. Bytes above the
     * lowest zero byte may be flagged wrongly (a borrow), so only the lowest flag is exact.
     */
    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }
}
