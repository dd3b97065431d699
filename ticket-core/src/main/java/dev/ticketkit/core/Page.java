package dev.ticketkit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a view.
 *
 * @param <T> the item type
 */
public final class Page<T> {
    private final List<T> items;
    private final String nextCursor;

    public Page(List<T> items, String nextCursor) {
        this.items = List.copyOf(Objects.requireNonNull(items, "items"));
        this.nextCursor = nextCursor;
    }

    public List<T> items() {
        return items;
    }

    /** The cursor for the next page, empty on the last page. */
    public Optional<String> nextCursor() {
        return Optional.ofNullable(nextCursor);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }

    @Override
    public String toString() {
        return "Page[" + items.size() + " items, hasMore=" + hasMore() + "]";
    }
}
