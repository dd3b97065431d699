package dev.ticketkit.connectors.email;

import java.nio.charset.StandardCharsets;

/**
 * Counts multipart delimiter lines ({@code --boundary}, optionally followed by {@code --} and
 * whitespace) before the multipart is split, so that a multipart with more parts than
 * the limit is never materialised. Without a boundary, every line starting with {@code --} counts
 * (an upper bound of what the splitter would guess).
 */
final class Delimiters {

    private Delimiters() {
    }

    /**
     * Counts in {@code buf[start..end)}.
     *
     * @return the number of delimiter lines, or a number above {@code stopAt} once it is passed
     */
    static int count(byte[] buf, int start, int end, String boundary, int stopAt) {
        byte[] pattern = ("--" + (boundary == null ? "" : boundary)).getBytes(StandardCharsets.ISO_8859_1);
        boolean strictTail = boundary != null;
        int count = 0;
        // a delimiter line starts with '-' at the start or after a LF: look at those only
        for (int p = Bytes.indexOf(buf, (byte) '-', start, end); p < end;
                p = Bytes.indexOf(buf, (byte) '-', p + 1, end)) {
            if (p > start && buf[p - 1] != '\n' || end - p < pattern.length
                    || !Bytes.regionEquals(buf, p, pattern)) {
                continue;
            }
            int lineEnd = Bytes.indexOfLf(buf, p + pattern.length, end);
            if ((!strictTail || tailOk(buf, p + pattern.length, lineEnd)) && ++count > stopAt) {
                return count;
            }
            p = lineEnd; // the next line starts after it
        }
        return count;
    }

    /** After the boundary only dashes, spaces, tabs and CRs may follow on the line. */
    private static boolean tailOk(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b != '-' && b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
