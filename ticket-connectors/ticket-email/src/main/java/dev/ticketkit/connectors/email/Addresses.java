package dev.ticketkit.connectors.email;

import java.util.ArrayList;
import java.util.List;

/**
 * A lenient RFC 5322 address-list reader: {@code "Name" <a@b>, c@d (Comment), group: e@f;}.
 *
 * <p>Returns bare addresses and decoded display names. Quoted strings, comments and angle
 * brackets are respected when splitting at commas; group names are dropped; entries without an
 * {@code @} and not in angle brackets are dropped (they are not addresses). At most
 * {@value #MAX_ADDRESSES} addresses are read from one header.
 */
final class Addresses {

    static final int MAX_ADDRESSES = 500;

    record Address(String address, String name) {
    }

    private Addresses() {
    }

    static List<Address> parse(String unfoldedDecoded8bit, Warnings warnings) {
        List<Address> out = new ArrayList<>();
        String s = unfoldedDecoded8bit;
        int start = 0;
        int depthComment = 0;
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i <= s.length() && out.size() < MAX_ADDRESSES; i++) {
            char c = i < s.length() ? s.charAt(i) : ',';
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                if (i < s.length()) {
                    continue;
                }
            } else if (depthComment > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depthComment++;
                } else if (c == ')') {
                    depthComment--;
                }
                if (i < s.length()) {
                    continue;
                }
            } else if (c == '"') {
                quoted = true;
                continue;
            } else if (c == '(') {
                depthComment = 1;
                continue;
            } else if (c == '<') {
                angle = true;
                continue;
            } else if (c == '>') {
                angle = false;
                continue;
            } else if (c == ':' && !angle) {
                start = i + 1; // group name
                continue;
            }
            if ((c == ',' || c == ';') && !angle || i >= s.length()) {
                Address a = one(s.substring(start, Math.min(i, s.length())), warnings);
                if (a != null) {
                    out.add(a);
                }
                start = i + 1;
                angle = false;
                quoted = false;
                depthComment = 0;
            }
        }
        return out;
    }

    private static Address one(String entry, Warnings warnings) {
        String e = entry.trim();
        if (e.isEmpty()) {
            return null;
        }
        int lt = lastUnquoted(e, '<');
        String address;
        String name;
        if (lt >= 0) {
            int gt = e.indexOf('>', lt);
            address = e.substring(lt + 1, gt < 0 ? e.length() : gt);
            name = e.substring(0, lt);
        } else {
            String noComments = stripComments(e);
            address = noComments;
            name = commentText(e);
        }
        address = stripComments(address).replaceAll("\\s+", "");
        if (address.startsWith("mailto:") || address.startsWith("MAILTO:")) {
            address = address.substring(7);
        }
        if (address.isEmpty() || (lt < 0 && address.indexOf('@') < 0)) {
            return null;
        }
        return new Address(address, displayName(name, warnings));
    }

    private static String displayName(String raw, Warnings warnings) {
        String n = stripComments(raw).trim();
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '\\' && i + 1 < n.length()) {
                sb.append(n.charAt(++i));
            } else if (c != '"') {
                sb.append(c);
            }
        }
        String decoded = HeaderText.decodeWords(sb.toString().trim(), warnings).trim();
        if (decoded.length() >= 2 && decoded.startsWith("'") && decoded.endsWith("'")) {
            decoded = decoded.substring(1, decoded.length() - 1).trim();
        }
        return decoded.replaceAll("\\s+", " ");
    }

    private static int lastUnquoted(String s, char target) {
        boolean quoted = false;
        int found = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == target && !quoted) {
                found = i;
            }
        }
        return found;
    }

    private static String stripComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (depth == 0 && c == '"') {
                quoted = !quoted;
            }
            if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String commentText(String s) {
        int open = s.indexOf('(');
        int close = s.lastIndexOf(')');
        return open >= 0 && close > open ? s.substring(open + 1, close) : "";
    }
}
