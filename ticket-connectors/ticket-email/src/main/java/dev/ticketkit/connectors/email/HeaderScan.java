package dev.ticketkit.connectors.email;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Scans raw header sections byte by byte, before Jakarta Mail parses them, so that header bombs
 * (thousands of fields, megabyte-long lines) are caught without building strings.
 */
final class HeaderScan {

    private HeaderScan() {
    }

    /**
     * Checks the header section that starts at offset 0.
     *
     * @return the offset just after the blank line that ends the section (or the length)
     * @throws EmailParseException if the section is larger than {@code maxBytes} or has more
     *     than {@code maxCount} fields
     */
    static int checkTopLevel(byte[] buf, int maxBytes, int maxCount) {
        int end = sectionEnd(buf, buf.length, maxBytes, maxCount);
        if (end == -1) {
            throw new EmailParseException("header section exceeds the limit of " + maxBytes + " bytes");
        }
        if (end == -2) {
            throw new EmailParseException("header section exceeds the limit of " + maxCount + " fields");
        }
        return end;
    }

    /**
     * @return the end offset of the header section within {@code buf[0..len)}, -1 if it runs past
     *     {@code maxBytes}, -2 if it has more than {@code maxCount} fields
     */
    static int sectionEnd(byte[] buf, int len, int maxBytes, int maxCount) {
        int pos = 0;
        int fields = 0;
        while (pos < len) {
            int lineStart = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
                if (pos > maxBytes) {
                    return -1;
                }
            }
            int lineEnd = pos; // at '\n' or len
            if (pos < len) {
                pos++;
            }
            int contentEnd = lineEnd > lineStart && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == lineStart) {
                return pos; // blank line: end of headers
            }
            byte first = buf[lineStart];
            if (first != ' ' && first != '\t' && ++fields > maxCount) {
                return -2;
            }
            if (pos > maxBytes) {
                return -1;
            }
        }
        return len;
    }

    /**
     * @return the unfolded value (one char per byte) of the first field called {@code name} in
     *     the header section {@code buf[0..end)}, or {@code null}
     */
    static String firstValue(byte[] buf, int end, String name) {
        byte[] wanted = (name.toLowerCase(Locale.ROOT) + ":").getBytes(StandardCharsets.US_ASCII);
        int pos = 0;
        while (pos < end) {
            int lineStart = pos;
            if (matchesIgnoreCase(buf, lineStart, end, wanted)) {
                StringBuilder sb = new StringBuilder();
                int p = lineStart + wanted.length;
                while (p < end) {
                    byte b = buf[p];
                    if (b == '\n') {
                        if (p + 1 < end && (buf[p + 1] == ' ' || buf[p + 1] == '\t')) {
                            p++;
                            continue;
                        }
                        break;
                    }
                    if (b != '\r') {
                        sb.append((char) (b & 0xff));
                    }
                    p++;
                }
                return sb.toString().trim();
            }
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            pos++;
        }
        return null;
    }

    private static boolean matchesIgnoreCase(byte[] buf, int off, int end, byte[] lowerName) {
        if (off + lowerName.length > end) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            int b = buf[off + i] & 0xff;
            if (b >= 'A' && b <= 'Z') {
                b += 32;
            }
            if (b != lowerName[i]) {
                return false;
            }
        }
        return true;
    }
}
