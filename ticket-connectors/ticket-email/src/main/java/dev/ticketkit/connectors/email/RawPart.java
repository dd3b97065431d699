package dev.ticketkit.connectors.email;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One MIME entity (the message or a body part) as ranges over the raw bytes: its header fields and
 * where its body starts and ends. Nothing is copied; header values are one char per byte.
 *
 * <p>The rules are Jakarta Mail's ({@code InternetHeaders}, {@code MimeMultipart} with missing end
 * boundaries, missing boundary parameters and empty multiparts allowed), so that what it accepted
 * is split the same way; doing it here avoids Jakarta Mail's per-entity service lookups, its
 * byte-at-a-time boundary search and the objects it builds for every part.
 *
 * <ul>
 *   <li>Lines end at {@code LF}, {@code CRLF}, {@code CR CR LF} or a lone {@code CR}.</li>
 *   <li>The header section ends at the first empty line (or the end); a line starting with a space
 *       or tab continues the field before it (joined with {@code CRLF}).</li>
 *   <li>A delimiter is {@code --boundary} at the start of the body or after a line end, followed
 *       by {@code --} (the last one) or by optional spaces and tabs and a line end. The line end
 *       before it belongs to the delimiter. Before the first delimiter (the preamble), a delimiter
 *       line must match exactly after trailing spaces and tabs are removed.</li>
 * </ul>
 */
final class RawPart {

    private final byte[] buf;
    private final int bodyStart;
    private final int end;
    private final List<String> lines; // header fields, continuation lines joined with CRLF

    private RawPart(byte[] buf, int bodyStart, int end, List<String> lines) {
        this.buf = buf;
        this.bodyStart = bodyStart;
        this.end = end;
        this.lines = lines;
    }

    /** Reads the header section of the entity in {@code buf[start..end)}. */
    static RawPart parse(byte[] buf, int start, int end) {
        List<String> fields = new ArrayList<>();
        List<String> group = new ArrayList<>(2);
        String prev = null;
        boolean first = true;
        int pos = start;
        while (true) {
            String line;
            if (pos >= end) {
                line = null;
            } else {
                int stop = lineEnd(buf, pos, end);
                line = new String(buf, pos, stop - pos, StandardCharsets.ISO_8859_1);
                pos = nextLine(buf, stop, end);
            }
            if (line != null && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (prev != null) {
                    group.add(prev);
                    prev = null;
                }
                if (first) {
                    String trimmed = line.trim();
                    if (!trimmed.isEmpty()) {
                        group.add(trimmed);
                    }
                } else {
                    group.add(line);
                }
            } else {
                if (prev != null) {
                    addField(fields, prev);
                } else if (!group.isEmpty()) {
                    addField(fields, String.join("\r\n", group));
                    group.clear();
                }
                prev = line;
            }
            first = false;
            if (line == null || line.isEmpty()) {
                break;
            }
        }
        return new RawPart(buf, Math.min(pos, end), end, fields);
    }

    private static void addField(List<String> fields, String line) {
        if (line.isEmpty()) {
            return;
        }
        char c = line.charAt(0);
        if ((c == ' ' || c == '\t') && !fields.isEmpty()) {
            int last = fields.size() - 1;
            fields.set(last, fields.get(last) + "\r\n" + line);
        } else {
            fields.add(line);
        }
    }

    /** @return the value of the first field called {@code name} (any case), or {@code null} */
    String header(String name) {
        for (String line : lines) {
            if (nameMatches(line, name)) {
                return value(line);
            }
        }
        return null;
    }

    /** @return the values of every field called {@code name}, in order; {@code null} if none */
    String[] headers(String name) {
        List<String> out = null;
        for (String line : lines) {
            if (nameMatches(line, name)) {
                if (out == null) {
                    out = new ArrayList<>(1);
                }
                out.add(value(line));
            }
        }
        return out == null ? null : out.toArray(new String[0]);
    }

    /** @return the number of header fields */
    int headerCount() {
        return lines.size();
    }

    /** @return the header section's size counted as its fields plus a line end each */
    long headerBytes() {
        long n = 0;
        for (String line : lines) {
            n += line.length() + 2L;
        }
        return n;
    }

    byte[] buffer() {
        return buf;
    }

    int bodyStart() {
        return bodyStart;
    }

    int end() {
        return end;
    }

    /** A field's name is the text before its first colon (or the whole line), trimmed. */
    private static boolean nameMatches(String line, String name) {
        int colon = line.indexOf(':');
        int to = colon < 0 ? line.length() : colon;
        int from = 0;
        while (from < to && line.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && line.charAt(to - 1) <= ' ') {
            to--;
        }
        return to - from == name.length() && line.regionMatches(true, from, name, 0, name.length());
    }

    /** The value: after the colon and any spaces, tabs and line ends; the whole line if no colon. */
    private static String value(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return line;
        }
        int j = colon + 1;
        while (j < line.length()) {
            char c = line.charAt(j);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            j++;
        }
        return line.substring(j);
    }

    // ------------------------------------------------------------------ lines

    /** @return the index of the line end at or after {@code pos} (or {@code end}) */
    static int lineEnd(byte[] b, int pos, int end) {
        return Bytes.indexOfLineBreak(b, pos, end);
    }

    /** @return the start of the line after a line end at {@code stop} */
    static int nextLine(byte[] b, int stop, int end) {
        if (stop >= end) {
            return end;
        }
        if (b[stop] == '\n') {
            return stop + 1;
        }
        // CR: CRLF, CR CR LF, or a lone CR
        if (stop + 1 < end && b[stop + 1] == '\n') {
            return stop + 2;
        }
        if (stop + 2 < end && b[stop + 1] == '\r' && b[stop + 2] == '\n') {
            return stop + 3;
        }
        return stop + 1;
    }

    // ------------------------------------------------------------------ multipart

    /**
     * Splits a multipart body {@code buf[start..end)} into its parts.
     *
     * @param boundary the boundary parameter (printable ASCII), or {@code null} to take the first
     *     line that looks like a delimiter
     * @return the parts, in order (empty if no delimiter is found)
     */
    static List<RawPart> split(byte[] buf, int start, int end, String boundary) {
        List<RawPart> parts = new ArrayList<>();
        byte[] delim = null;
        if (boundary != null) {
            delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        }
        // the preamble: whole lines, trailing spaces and tabs ignored
        int pos = start;
        boolean found = false;
        while (pos < end) {
            int stop = lineEnd(buf, pos, end);
            int last = stop;
            while (last > pos && (buf[last - 1] == ' ' || buf[last - 1] == '\t')) {
                last--;
            }
            int len = last - pos;
            int next = nextLine(buf, stop, end);
            if (delim != null) {
                if (len == delim.length && regionEquals(buf, pos, delim)) {
                    pos = next;
                    found = true;
                    break;
                }
                if (len == delim.length + 2 && regionEquals(buf, pos, delim)
                        && buf[last - 1] == '-' && buf[last - 2] == '-') {
                    return parts; // the last delimiter first: no parts
                }
            } else if (len > 2 && buf[pos] == '-' && buf[pos + 1] == '-'
                    && !(len > 4 && allDashes(buf, pos, last))) {
                delim = new byte[len];
                System.arraycopy(buf, pos, delim, 0, len);
                pos = next;
                found = true;
                break;
            }
            pos = next;
        }
        if (!found) {
            return parts;
        }
        int bl = delim.length;
        while (true) {
            int partStart = pos;
            // skip the part's header section
            boolean headersEnded = false;
            while (pos < end) {
                int stop = lineEnd(buf, pos, end);
                int next = nextLine(buf, stop, end);
                boolean empty = stop == pos;
                pos = next;
                if (empty) {
                    headersEnded = true;
                    break;
                }
            }
            if (!headersEnded) {
                return parts; // headers run to the end: the part is dropped
            }
            int bodyStart = pos;
            int partEnd = end;
            int resume = -1;
            boolean last = true;
            // candidates are line starts (the body start and every byte after a CR or LF) that
            // hold a '-', the first byte of every delimiter
            for (int p = bodyStart; p + bl <= end; p = Bytes.indexOf(buf, (byte) '-', p + 1, end)) {
                if (p > bodyStart && buf[p - 1] != '\n' && buf[p - 1] != '\r'
                        || !regionEquals(buf, p, delim)) {
                    continue;
                }
                int eol = 0;
                if (p > bodyStart) {
                    eol = 1;
                    if (buf[p - 1] == '\n' && p - 2 >= bodyStart && buf[p - 2] == '\r') {
                        eol = 2;
                    }
                }
                int q = p + bl;
                if (q + 1 < end && buf[q] == '-' && buf[q + 1] == '-') {
                    partEnd = p - eol;
                    break; // the last delimiter; the epilogue is ignored
                }
                while (q < end && (buf[q] == ' ' || buf[q] == '\t')) {
                    q++;
                }
                if (q < end && buf[q] == '\n') {
                    partEnd = p - eol;
                    resume = q + 1;
                    last = false;
                    break;
                }
                if (q < end && buf[q] == '\r') {
                    partEnd = p - eol;
                    resume = q + 1 < end && buf[q + 1] == '\n' ? q + 2 : q + 1;
                    last = false;
                    break;
                }
            }
            parts.add(parse(buf, partStart, partEnd));
            if (last) {
                return parts;
            }
            pos = resume;
        }
    }

    private static boolean regionEquals(byte[] buf, int off, byte[] pattern) {
        return Bytes.regionEquals(buf, off, pattern);
    }

    private static boolean allDashes(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != '-') {
                return false;
            }
        }
        return true;
    }
}
