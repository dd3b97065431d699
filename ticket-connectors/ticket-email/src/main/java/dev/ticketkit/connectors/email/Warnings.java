package dev.ticketkit.connectors.email;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Collects de-duplicated, bounded, PII-free parse notes. Not thread-safe: one per parse. */
final class Warnings {

    static final int MAX = 50;
    private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9._:+-]{1,40}");

    private final Set<String> notes = new LinkedHashSet<>();
    private boolean overflow;

    void add(String note) {
        if (notes.size() < MAX) {
            notes.add(note);
        } else if (!notes.contains(note)) {
            overflow = true;
        }
    }

    List<String> toList() {
        List<String> out = new ArrayList<>(notes);
        if (overflow) {
            out.add("further warnings omitted");
        }
        return out;
    }

    /**
     * Renders a protocol token taken from the message (a charset label, a transfer encoding) for a
     * warning: only when it looks like a token, so that no free text from the message leaks.
     */
    static String token(String value) {
        if (value != null && SAFE_TOKEN.matcher(value).matches()) {
            return "'" + value + "'";
        }
        return "(unprintable)";
    }
}
