package dev.ticketkit.core.spi;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.ViewQuery;
import java.util.Objects;
import java.util.Optional;

/**
 * A view query as the store sees it: the user's filters and sort, the access scope, the decoded keyset
 * position and the number of rows to return.
 *
 * <p>Order: by {@code view.sort().sortKey(ticket)}, then by ticket id, both ascending if
 * {@code view.ascending()}, else both descending. With a position, return only tickets strictly after it in
 * that order.
 *
 * @param tenantId the tenant
 * @param view     filters and sort
 * @param scope    which tickets the actor may see
 * @param after    the keyset position to continue after, or null for the first page
 * @param limit    the most rows to return
 */
public record TicketQuery(TenantId tenantId, ViewQuery view, AccessScope scope, Position after, int limit) {
    public TicketQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(scope, "scope");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    public Optional<Position> position() {
        return Optional.ofNullable(after);
    }

    /** Whether the ticket passes the filters, the scope and the position (for stores that filter in memory). */
    public boolean matches(Ticket t) {
        if (!t.tenantId().equals(tenantId) || !view.matches(t) || !scope.permits(t)) {
            return false;
        }
        if (after == null) {
            return true;
        }
        int c = compare(view.sort().sortKey(t), t.id(), after.sortKey(), after.ticketId());
        return view.ascending() ? c > 0 : c < 0;
    }

    /** Compares (sort key, id) pairs in ascending order. */
    public static int compare(long keyA, TicketId idA, long keyB, TicketId idB) {
        int c = Long.compare(keyA, keyB);
        return c != 0 ? c : idA.compareTo(idB);
    }

    /**
     * Where a page ended: the last ticket's sort key and id.
     *
     * @param sortKey  the sort key of the last ticket returned
     * @param ticketId the id of the last ticket returned
     */
    public record Position(long sortKey, TicketId ticketId) {
        public Position {
            Objects.requireNonNull(ticketId, "ticketId");
        }
    }
}
