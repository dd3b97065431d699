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
        int lineStart = start;
        while (lineStart < end) {
            int lineEnd = Bytes.indexOfLf(buf, lineStart, end);
            if (lineEnd - lineStart >= pattern.length && buf[lineStart] == '-'
                    && Bytes.regionEquals(buf, lineStart, pattern)
                    && (!strictTail || tailOk(buf, lineStart + pattern.length, lineEnd))) {
                if (++count > stopAt) {
                    return count;
                }
            }
            lineStart = lineEnd + 1;
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
