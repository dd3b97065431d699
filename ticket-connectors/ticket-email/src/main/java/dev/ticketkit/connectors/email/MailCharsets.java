package dev.ticketkit.connectors.email;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Charset labels as found in real mail, mapped to the Java charsets that decode them correctly.
 *
 * <p>Chinese labels {@code gb2312}, {@code gb_2312-80}, {@code x-gbk}, {@code cp936}, {@code gbk}
 * and friends decode as GB18030, a superset: mail labelled gb2312 often holds GBK-only bytes.
 * {@code big5} decodes as Big5-HKSCS, {@code ks_c_5601-1987} as windows-949, {@code shift_jis} as
 * windows-31j, {@code iso-8859-1} and {@code us-ascii} as windows-1252 (as browsers do). Unknown
 * labels fall back: strict UTF-8, then strict GB18030, then ISO-8859-1.
 */
final class MailCharsets {

    static final Charset GB18030 = Charset.forName("GB18030");
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("gb2312", "GB18030"),
            Map.entry("gb_2312-80", "GB18030"),
            Map.entry("gb2312-80", "GB18030"),
            Map.entry("csgb2312", "GB18030"),
            Map.entry("x-gb2312", "GB18030"),
            Map.entry("euc-cn", "GB18030"),
            Map.entry("x-euc-cn", "GB18030"),
            Map.entry("gbk", "GB18030"),
            Map.entry("x-gbk", "GB18030"),
            Map.entry("cp936", "GB18030"),
            Map.entry("ms936", "GB18030"),
            Map.entry("windows-936", "GB18030"),
            Map.entry("chinese", "GB18030"),
            Map.entry("gb18030", "GB18030"),
            Map.entry("big5", "Big5-HKSCS"),
            Map.entry("x-big5", "Big5-HKSCS"),
            Map.entry("big-5", "Big5-HKSCS"),
            Map.entry("cn-big5", "Big5-HKSCS"),
            Map.entry("cp950", "x-windows-950"),
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("euc-kr", "x-windows-949"),
            Map.entry("shift_jis", "windows-31j"),
            Map.entry("shift-jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"),
            Map.entry("x-sjis", "windows-31j"),
            Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"),
            Map.entry("us-ascii", "windows-1252"),
            Map.entry("ascii", "windows-1252"),
            Map.entry("utf8", "UTF-8"),
            Map.entry("utf-8", "UTF-8"));

    private MailCharsets() {
    }

    /** @return the charset for a label, or empty when the label is unknown or invalid */
    static Optional<Charset> forLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String l = label.trim();
        if (l.length() >= 2 && l.startsWith("\"") && l.endsWith("\"")) {
            l = l.substring(1, l.length() - 1).trim();
        }
        int star = l.indexOf('*'); // RFC 2231 language suffix, e.g. utf-8*en
        if (star >= 0) {
            l = l.substring(0, star);
        }
        l = l.toLowerCase(Locale.ROOT);
        if (l.isEmpty() || l.length() > 40) {
            return Optional.empty();
        }
        String mapped = ALIASES.getOrDefault(l, l);
        try {
            if (Charset.isSupported(mapped)) {
                return Optional.of(Charset.forName(mapped));
            }
        } catch (IllegalArgumentException e) { // illegal name
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Decodes bytes labelled with a charset. Known labels decode strictly first; bytes malformed
     * for the label are re-tried as GB18030 when the label was UTF-8 (a common mislabel), else
     * replaced. Unknown labels use the fallback chain with a warning; a missing label uses it
     * without one.
     */
    static String decode(byte[] bytes, int off, int len, String label, Warnings warnings) {
        if (label != null && !label.isBlank()) {
            Optional<Charset> cs = forLabel(label);
            if (cs.isPresent()) {
                Charset c = cs.get();
                String strict = strict(bytes, off, len, c);
                if (strict != null) {
                    return strict;
                }
                if (c.equals(StandardCharsets.UTF_8)) {
                    String gb = strict(bytes, off, len, GB18030);
                    if (gb != null) {
                        warnings.add("text labelled UTF-8 was not valid UTF-8; decoded as GB18030");
                        return gb;
                    }
                }
                warnings.add("malformed bytes for charset " + Warnings.token(c.name())
                        + "; replaced");
                return new String(bytes, off, len, c);
            }
            warnings.add("unknown charset " + Warnings.token(label.trim()) + "; decoded by fallback");
        }
        return fallback(bytes, off, len);
    }

    static String decode(byte[] bytes, String label, Warnings warnings) {
        return decode(bytes, 0, bytes.length, label, warnings);
    }

    /** Strict UTF-8, then strict GB18030, then ISO-8859-1 (which cannot fail). */
    static String fallback(byte[] bytes, int off, int len) {
        String s = strict(bytes, off, len, StandardCharsets.UTF_8);
        if (s == null) {
            s = strict(bytes, off, len, GB18030);
        }
        return s != null ? s : new String(bytes, off, len, StandardCharsets.ISO_8859_1);
    }

    private static String strict(byte[] bytes, int off, int len, Charset cs) {
        if (cs.equals(StandardCharsets.UTF_8)) {
            // The String constructor is much faster than a decoder and replaces malformed input
            // with U+FFFD; without one in the result the bytes were valid UTF-8. With one, the
            // strict decoder below tells malformed input from an encoded U+FFFD.
            String s = new String(bytes, off, len, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') < 0) {
                return s;
            }
        } else if (cs.equals(WINDOWS_1252) && ascii(bytes, off, len)) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer out = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, len));
            return out.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean ascii(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
