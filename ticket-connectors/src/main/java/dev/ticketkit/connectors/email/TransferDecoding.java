package dev.ticketkit.connectors.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Lenient, streaming Content-Transfer-Encoding decoders (base64, quoted-printable, identity).
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
        private byte[] buf = new byte[256];
        private int kept;
        private long size;

        Sink(int keepLimit) {
            this.keepLimit = keepLimit;
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
     * Decodes {@code raw} according to {@code encoding} into {@code sink}. Reads {@code raw} to its
     * end (it is bounded by the message size).
     */
    static void decode(InputStream raw, String encoding, Sink sink, Warnings warnings)
            throws IOException {
        String enc = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        byte[] chunk = new byte[8192];
        switch (enc) {
            case "base64": {
                Base64State st = new Base64State();
                int n;
                while ((n = raw.read(chunk)) > 0) {
                    for (int i = 0; i < n; i++) {
                        st.accept(chunk[i], sink);
                    }
                }
                st.finish(sink);
                if (st.invalid) {
                    warnings.add("invalid base64 data skipped");
                }
                return;
            }
            case "quoted-printable": {
                QpState st = new QpState();
                int n;
                while ((n = raw.read(chunk)) > 0) {
                    for (int i = 0; i < n; i++) {
                        st.accept(chunk[i] & 0xff, sink);
                    }
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
        int n;
        while ((n = raw.read(chunk)) > 0) {
            for (int i = 0; i < n; i++) {
                sink.write(chunk[i]);
            }
        }
    }

    /** Lenient base64 of a short value (RFC 2047 B words). */
    static byte[] base64(byte[] data) {
        Sink sink = new Sink(Integer.MAX_VALUE - 16);
        Base64State st = new Base64State();
        for (byte b : data) {
            st.accept(b, sink);
        }
        st.finish(sink);
        return sink.keptBytes();
    }

    static byte[] decodeAll(byte[] data, String encoding, int keepLimit, Warnings warnings) {
        Sink sink = new Sink(keepLimit);
        try {
            decode(new ByteArrayInputStream(data), encoding, sink, warnings);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array stream cannot fail
        }
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
