package dev.ticketkit.core.internal;

import dev.ticketkit.core.SortField;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.spi.TicketQuery;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset cursors: {@code v1|sort|asc|key|id}, base64url. */
final class Cursors {
    private Cursors() {}

    static String encode(ViewQuery q, Ticket last) {
        String raw = "v1|" + q.sort().name() + "|" + (q.ascending() ? "a" : "d") + "|" + q.sort().sortKey(last) + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static TicketQuery.Position decode(String cursor, ViewQuery q) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", -1);
            if (parts.length != 5 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException("invalid cursor");
            }
            if (SortField.valueOf(parts[1]) != q.sort() || !parts[2].equals(q.ascending() ? "a" : "d")) {
                throw new IllegalArgumentException("the cursor belongs to a query with another sort order");
            }
            return new TicketQuery.Position(Long.parseLong(parts[3]), TicketId.parse(parts[4]));
        } catch (IllegalArgumentException e) {
            if ("the cursor belongs to a query with another sort order".equals(e.getMessage())) {
                throw e;
            }
            throw new IllegalArgumentException("invalid cursor", e);
        }
    }
}
