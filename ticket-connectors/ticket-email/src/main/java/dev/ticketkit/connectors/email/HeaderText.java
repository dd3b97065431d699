package dev.ticketkit.connectors.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header values: unfolding, raw 8-bit bytes, and RFC 2047 encoded words.
 *
 * <p>Header values arrive as ISO-8859-1 strings (one char per byte). Raw 8-bit bytes, which some
 * clients send instead of encoded words, are decoded by the fallback chain (UTF-8, GB18030).
 * Encoded words are found anywhere (not only between spaces), whitespace between adjacent encoded
 * words is dropped, and adjacent words in the same charset are joined as bytes before decoding so
 * that a multi-byte character split across two words survives.
 */
final class HeaderText {

    private static final Pattern ENCODED_WORD =
            Pattern.compile("=\\?([^?\\s]{1,80})\\?([bBqQ])\\?([^?]*)\\?=");

    private HeaderText() {
    }

    /** Unfolds a raw header value and removes leading and trailing whitespace. */
    static String unfold(String raw) {
        if (raw == null) {
            return "";
        }
        if (raw.indexOf('\n') < 0) {
            return raw.trim();
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                i++; // CRLF goes
            } else if (c != '\n') { // as does a bare LF; a lone CR stays
                sb.append(c);
            }
        }
        return sb.toString().trim();
    }

    /** Turns one-char-per-byte header text with 8-bit bytes into Unicode (no RFC 2047). */
    static String raw8bit(String latin1) {
        boolean high = false;
        for (int i = 0; i < latin1.length() && !high; i++) {
            high = latin1.charAt(i) > 0x7f;
        }
        if (!high) {
            return latin1;
        }
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) > 0xff) { // already Unicode
                return latin1;
            }
        }
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return MailCharsets.fallback(bytes, 0, bytes.length);
    }

    /** Unfolds, decodes raw 8-bit text and RFC 2047 encoded words. */
    static String decode(String raw, Warnings warnings) {
        return decodeWords(raw8bit(unfold(raw)), warnings);
    }

    /** Decodes RFC 2047 encoded words in already unfolded text. */
    static String decodeWords(String text, Warnings warnings) {
        if (text.indexOf("=?") < 0) {
            return text;
        }
        Matcher m = ENCODED_WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int last = 0;
        while (m.find()) {
            String between = text.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = m.group(1);
            if (!(adjacent && charset.equalsIgnoreCase(pendingCharset))) {
                if (pendingCharset != null) {
                    flush(out, pending, pendingCharset, warnings);
                }
                if (!adjacent) {
                    out.append(between);
                }
                pendingCharset = charset;
            }
            byte[] decoded = m.group(2).toUpperCase(Locale.ROOT).equals("B")
                    ? TransferDecoding.base64(m.group(3).getBytes(StandardCharsets.ISO_8859_1))
                    : qWord(m.group(3));
            pending.write(decoded, 0, decoded.length);
            last = m.end();
        }
        if (pendingCharset != null) {
            flush(out, pending, pendingCharset, warnings);
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset,
                              Warnings warnings) {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        out.append(MailCharsets.decode(bytes, charset, warnings));
    }

    private static byte[] qWord(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
