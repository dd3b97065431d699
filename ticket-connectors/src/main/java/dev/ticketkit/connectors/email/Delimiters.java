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
        int m = 0; // matched length of pattern at the current line start, -1 if no match
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b == '\n') {
                if (m >= pattern.length) {
                    if (++count > stopAt) {
                        return count;
                    }
                }
                m = 0;
            } else if (m >= 0 && m < pattern.length) {
                m = b == pattern[m] ? m + 1 : -1;
            } else if (m >= pattern.length && strictTail
                    && b != '-' && b != ' ' && b != '\t' && b != '\r') {
                m = -1;
            }
        }
        if (m >= pattern.length) {
            count++;
        }
        return count;
    }
}
