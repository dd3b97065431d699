package dev.ticketkit.connectors.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A structured MIME header value such as {@code Content-Type} or {@code Content-Disposition}:
 * the lower-case main value and its parameters.
 *
 * <p>Lenient: unterminated quotes run to the end, stray text is ignored. RFC 2231 extended and
 * continued parameters ({@code filename*=UTF-8''%E4%BD%A0.txt}, {@code name*0*=...}) are joined
 * and decoded with {@link MailCharsets}; RFC 2047 encoded words inside a value (which many clients
 * use for file names) are decoded too.
 */
final class MimeParams {

    private static final int MAX_PARAMS = 64;
    private static final int MAX_SECTIONS = 100;

    final String value;
    private final Map<String, String> params;

    private MimeParams(String value, Map<String, String> params) {
        this.value = value;
        this.params = params;
    }

    String get(String name) {
        return params.get(name);
    }

    static MimeParams parse(String header, Warnings warnings) {
        String s = HeaderText.unfold(header);
        int semi = indexOfUnquoted(s, 0);
        String value = s.substring(0, semi).trim().toLowerCase(Locale.ROOT);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> extended = new HashMap<>();
        int pos = semi + 1;
        int count = 0;
        while (pos < s.length() && count++ < MAX_PARAMS) {
            int eq = s.indexOf('=', pos);
            int nextSemi = indexOfUnquoted(s, pos);
            if (eq < 0 || eq > nextSemi) { // a parameter without '=': skip it
                pos = nextSemi + 1;
                continue;
            }
            String name = s.substring(pos, eq).trim().toLowerCase(Locale.ROOT);
            int v = eq + 1;
            while (v < s.length() && (s.charAt(v) == ' ' || s.charAt(v) == '\t')) {
                v++;
            }
            String val;
            if (v < s.length() && s.charAt(v) == '"') {
                StringBuilder sb = new StringBuilder();
                int i = v + 1;
                for (; i < s.length() && s.charAt(i) != '"'; i++) {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < s.length()) {
                        c = s.charAt(++i);
                    }
                    sb.append(c);
                }
                val = sb.toString();
                int after = indexOfUnquoted(s, Math.min(i + 1, s.length()));
                pos = after + 1;
            } else {
                int end = indexOfUnquoted(s, v);
                val = s.substring(v, end).trim();
                pos = end + 1;
            }
            if (name.isEmpty()) {
                continue;
            }
            int star = name.indexOf('*');
            if (star < 0) {
                plain.putIfAbsent(name, val);
                continue;
            }
            String base = name.substring(0, star);
            String rest = name.substring(star + 1); // "", "0", "0*", "1", "1*"
            boolean encoded = rest.endsWith("*") || rest.isEmpty();
            String digits = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
            int section;
            try {
                section = digits.isEmpty() ? 0 : Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                continue;
            }
            if (section < 0 || section > MAX_SECTIONS) {
                continue;
            }
            extended.computeIfAbsent(base, k -> new TreeMap<>())
                    .putIfAbsent(section, new String[] {val, encoded ? "*" : ""});
        }
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : plain.entrySet()) {
            out.put(e.getKey(), decodeValue(e.getValue(), warnings));
        }
        for (Map.Entry<String, TreeMap<Integer, String[]>> e : extended.entrySet()) {
            out.put(e.getKey(), join2231(e.getValue(), warnings));
        }
        return new MimeParams(value, out);
    }

    private static String decodeValue(String v, Warnings warnings) {
        return HeaderText.decodeWords(HeaderText.raw8bit(v), warnings);
    }

    private static String join2231(TreeMap<Integer, String[]> sections, Warnings warnings) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        boolean anyEncoded = false;
        StringBuilder pendingEncoded = new StringBuilder(); // joined before decoding: senders split escapes
        for (String[] sec : sections.values()) {
            String val = sec[0];
            boolean encoded = !sec[1].isEmpty();
            if (encoded) {
                anyEncoded = true;
                if (first) {
                    int q1 = val.indexOf('\'');
                    int q2 = q1 < 0 ? -1 : val.indexOf('\'', q1 + 1);
                    if (q2 > 0) {
                        charset = val.substring(0, q1);
                        val = val.substring(q2 + 1);
                    }
                }
                pendingEncoded.append(val);
            } else {
                percentDecode(pendingEncoded.toString(), bytes);
                pendingEncoded.setLength(0);
                byte[] b = val.getBytes(StandardCharsets.ISO_8859_1);
                bytes.write(b, 0, b.length);
            }
            first = false;
        }
        percentDecode(pendingEncoded.toString(), bytes);
        byte[] all = bytes.toByteArray();
        String decoded = charset != null && !charset.isBlank()
                ? MailCharsets.decode(all, charset, warnings)
                : MailCharsets.fallback(all, 0, all.length);
        return anyEncoded ? decoded : HeaderText.decodeWords(decoded, warnings);
    }

    private static void percentDecode(String s, ByteArrayOutputStream out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && HeaderText.hex(s.charAt(i + 1)) >= 0
                    && HeaderText.hex(s.charAt(i + 2)) >= 0) {
                out.write(HeaderText.hex(s.charAt(i + 1)) * 16 + HeaderText.hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
    }

    /** Index of the next ';' outside a quoted string at or after {@code from}, or the length. */
    private static int indexOfUnquoted(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return s.length();
    }
}
