package dev.ticketkit.connectors.email;

import java.util.Arrays;
import java.util.Locale;

/**
 * Lenient Content-Transfer-Encoding decoders (base64, quoted-printable, identity) over byte ranges
 * of the raw message; runs of bytes that need no decoding are copied in bulk.
 *
 * <p>Written here rather than taken from Jakarta Mail because its decoders turn leniency on only
 * through JVM-wide system properties. Bad input never fails: invalid base64 characters are skipped,
 * a broken quantum is flushed as far as it goes, a malformed quoted-printable escape is kept as
 * text; each kind is noted once as a warning.
 */
final class TransferDecoding {

    private static final byte[] B64 = new byte[256];

    static {
        Arrays.fill(B64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            B64[alphabet.charAt(i)] = (byte) i;
        }
        B64['-'] = 62; // base64url, seen in broken encoders
        B64['_'] = 63;
    }

    private TransferDecoding() {
    }

    /** A byte sink that keeps at most {@code keepLimit} bytes but counts them all. */
    static final class Sink {
        private final int keepLimit;
        private byte[] buf;
        private int kept;
        private long size;

        Sink(int keepLimit) {
            this(keepLimit, 256);
        }

        /** @param expected the likely size, to allocate once (capped at the keep limit) */
        Sink(int keepLimit, int expected) {
            this.keepLimit = keepLimit;
            this.buf = new byte[Math.max(16, Math.min(keepLimit, expected))];
        }

        void write(int b) {
            size++;
            if (kept < keepLimit) {
                if (kept == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min((long) keepLimit, 2L * buf.length));
                }
                buf[kept++] = (byte) b;
            }
        }

        void write(byte[] src, int off, int len) {
            size += len;
            int n = Math.min(len, keepLimit - kept);
            if (n <= 0) {
                return;
            }
            if (kept + n > buf.length) {
                long grown = Math.max((long) kept + n, 2L * buf.length);
                buf = Arrays.copyOf(buf, (int) Math.min((long) keepLimit, grown));
            }
            System.arraycopy(src, off, buf, kept, n);
            kept += n;
        }

        /** Writes the three bytes of a base64 quantum. */
        void write3(int quantum) {
            if (kept + 3 <= keepLimit && kept + 3 <= buf.length) {
                size += 3;
                buf[kept] = (byte) (quantum >> 16);
                buf[kept + 1] = (byte) (quantum >> 8);
                buf[kept + 2] = (byte) quantum;
                kept += 3;
            } else {
                write(quantum >> 16);
                write(quantum >> 8);
                write(quantum);
            }
        }

        long size() {
            return size;
        }

        boolean overflowed() {
            return size > keepLimit;
        }

        byte[] keptBytes() {
            return Arrays.copyOf(buf, kept);
        }
    }

    /**
     * Decodes {@code raw[off..off+len)} according to {@code encoding} into {@code sink}.
     */
    static void decode(byte[] raw, int off, int len, String encoding, Sink sink, Warnings warnings) {
        String enc = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        int end = off + len;
        switch (enc) {
            case "base64": {
                Base64State st = new Base64State();
                int i = off;
                while (i < end) {
                    if (st.count == 0 && i + 4 <= end) { // a whole quantum of valid characters
                        int a = B64[raw[i] & 0xff];
                        int b = B64[raw[i + 1] & 0xff];
                        int c = B64[raw[i + 2] & 0xff];
                        int d = B64[raw[i + 3] & 0xff];
                        if ((a | b | c | d) >= 0) {
                            sink.write3(a << 18 | b << 12 | c << 6 | d);
                            i += 4;
                            continue;
                        }
                    }
                    st.accept(raw[i++], sink);
                }
                st.finish(sink);
                if (st.invalid) {
                    warnings.add("invalid base64 data skipped");
                }
                return;
            }
            case "quoted-printable": {
                QpState st = new QpState();
                int i = off;
                while (i < end) {
                    if (st.state == 0) { // literal bytes up to the next '=' are copied as they are
                        int eq = Bytes.indexOf(raw, (byte) '=', i, end);
                        sink.write(raw, i, eq - i);
                        if (eq == end) {
                            break;
                        }
                        st.state = 1;
                        i = eq + 1;
                        continue;
                    }
                    st.accept(raw[i++] & 0xff, sink);
                }
                st.finish(sink);
                if (st.invalid) {
                    warnings.add("malformed quoted-printable escape kept as text");
                }
                return;
            }
            case "": case "7bit": case "8bit": case "binary":
                break;
            default:
                warnings.add("unknown transfer encoding " + Warnings.token(enc) + "; read as is");
        }
        sink.write(raw, off, len);
    }

    /** Lenient base64 of a short value (RFC 2047 B words). */
    static byte[] base64(byte[] data) {
        Sink sink = new Sink(Integer.MAX_VALUE - 16, data.length);
        Base64State st = new Base64State();
        for (byte b : data) {
            st.accept(b, sink);
        }
        st.finish(sink);
        return sink.keptBytes();
    }

    static byte[] decodeAll(byte[] data, String encoding, int keepLimit, Warnings warnings) {
        Sink sink = new Sink(keepLimit, data.length);
        decode(data, 0, data.length, encoding, sink, warnings);
        return sink.keptBytes();
    }

    private static final class Base64State {
        int quantum;
        int count;
        boolean invalid;

        void accept(byte b, Sink sink) {
            int v = B64[b & 0xff];
            if (v >= 0) {
                quantum = (quantum << 6) | v;
                if (++count == 4) {
                    sink.write(quantum >> 16);
                    sink.write(quantum >> 8);
                    sink.write(quantum);
                    quantum = 0;
                    count = 0;
                }
            } else if (b == '=') {
                flushPartial(sink);
            } else if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                invalid = true;
            }
        }

        void flushPartial(Sink sink) {
            if (count == 2) {
                sink.write(quantum >> 4);
            } else if (count == 3) {
                sink.write(quantum >> 10);
                sink.write(quantum >> 2);
            } else if (count == 1) {
                invalid = true;
            }
            quantum = 0;
            count = 0;
        }

        void finish(Sink sink) {
            flushPartial(sink);
        }
    }

    private static final class QpState {
        int state; // 0 normal, 1 after '=', 2 after '=' and one hex digit, 3 after "=\r"
        int first;
        boolean invalid;

        void accept(int b, Sink sink) {
            switch (state) {
                case 1:
                    if (b == '\r') {
                        state = 3;
                    } else if (b == '\n') {
                        state = 0;
                    } else if (HeaderText.hex((char) b) >= 0) {
                        first = b;
                        state = 2;
                    } else if (b == ' ' || b == '\t') {
                        // "=" followed by trailing whitespace before a soft line break: stay
                    } else {
                        invalid = true;
                        sink.write('=');
                        state = 0;
                        accept(b, sink);
                    }
                    return;
                case 2:
                    if (HeaderText.hex((char) b) >= 0) {
                        sink.write(HeaderText.hex((char) first) * 16 + HeaderText.hex((char) b));
                        state = 0;
                    } else {
                        invalid = true;
                        sink.write('=');
                        sink.write(first);
                        state = 0;
                        accept(b, sink);
                    }
                    return;
                case 3:
                    state = 0;
                    if (b == '\n') {
                        return;
                    }
                    accept(b, sink);
                    return;
                default:
                    if (b == '=') {
                        state = 1;
                    } else {
                        sink.write(b);
                    }
            }
        }

        void finish(Sink sink) {
            if (state == 2) {
                invalid = true;
                sink.write('=');
                sink.write(first);
            }
            state = 0;
        }
    }
}
