package dev.ticketkit.core.internal;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed events of recently changed tickets, so that hooks replaying a ticket's history (SLA) read
 * nothing from the store when this node made the ticket's latest change. An entry is valid for a ticket loaded at
 * version {@code v} when its last event carries version {@code v}: every committed version has at least one
 * event, so nothing is missing; a change made on another node moves the version on and the entry is read again
 * (only the new tail, through {@code StoreTransaction.events(.., known)}). Entries are added only after commit.
 * Bounded (least recently used out); thread-safe.
 */
final class HistoryCache {
    private record Key(TenantId tenant, TicketId ticket) {
    }

    private final int capacity;
    private final Map<Key, List<TicketEvent>> entries;

    HistoryCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, List<TicketEvent>> eldest) {
                return size() > HistoryCache.this.capacity;
            }
        };
    }

    /** The cached events of the ticket, possibly stale (check the last version), or null. */
    synchronized List<TicketEvent> get(TenantId tenant, TicketId ticket) {
        return capacity == 0 ? null : entries.get(new Key(tenant, ticket));
    }

    /** Records a ticket's committed history (immutable list). */
    synchronized void put(TenantId tenant, TicketId ticket, List<TicketEvent> events) {
        if (capacity > 0) {
            entries.put(new Key(tenant, ticket), events);
        }
    }

    /** Whether {@code events} end at {@code version}, so that they are the whole history of a ticket at that version. */
    static boolean complete(List<TicketEvent> events, long version) {
        return events != null && !events.isEmpty() && events.get(events.size() - 1).meta().ticketVersion() == version;
    }

    static List<TicketEvent> concat(List<TicketEvent> a, List<TicketEvent> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return List.copyOf(b);
        }
        List<TicketEvent> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return java.util.Collections.unmodifiableList(all);
    }
}
