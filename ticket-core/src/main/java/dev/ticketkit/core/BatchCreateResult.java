package dev.ticketkit.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-item outcome of {@link Tickets#createAll}, in the order the items were given. Each item is atomic on
 * its own: an item that failed wrote nothing, and did not stop or undo the others.
 *
 * @param items one outcome per item, {@code items().get(i).index() == i}
 */
public record BatchCreateResult(List<Item> items) {

    /** How one item fared. */
    public enum Status {
        /** A new ticket was created. */
        CREATED,
        /**
         * The item's idempotency key was already used (before, by a concurrent call, or by an earlier item of
         * the same batch): {@link Item#ticket()} is that ticket and nothing was written.
         */
        EXISTING,
        /** Bad input ({@link TicketValidationException}). */
        INVALID,
        /** Something the item refers to does not exist in the tenant, such as its requester. */
        NOT_FOUND,
        /** The actor may not create this ticket. */
        PERMISSION_DENIED,
        /** Anything else: a hook threw, or the store failed for this item. */
        FAILED
    }

    /**
     * One item's outcome.
     *
     * @param index  the item's position in the request
     * @param status what happened
     * @param ticket the created or existing ticket for CREATED and EXISTING; null otherwise
     * @param error  what failed the item for the other statuses (a {@link TicketException} for bad input, or
     *               whatever a hook threw); null for CREATED and EXISTING
     * @param firstMessage the id of the message the item created with its ticket (CREATED with a first message);
     *               null otherwise, also for EXISTING
     */
    public record Item(int index, Status status, Ticket ticket, RuntimeException error, MessageId firstMessage) {
        public Item {
            Objects.requireNonNull(status, "status");
            if (index < 0) {
                throw new IllegalArgumentException("index must not be negative");
            }
            boolean ok = status == Status.CREATED || status == Status.EXISTING;
            if (ok != (ticket != null) || ok == (error != null)) {
                throw new IllegalArgumentException("a successful item has a ticket and no error, a failed one an error");
            }
            if (firstMessage != null && status != Status.CREATED) {
                throw new IllegalArgumentException("only a created item has a first message of its own");
            }
        }

        /** An item without a first message id. */
        public Item(int index, Status status, Ticket ticket, RuntimeException error) {
            this(index, status, ticket, error, null);
        }

        /** The message created with the ticket, for a CREATED item whose ticket had a first message. */
        public Optional<MessageId> message() {
            return Optional.ofNullable(firstMessage);
        }

        /** Whether the item has a ticket (CREATED or EXISTING). */
        public boolean succeeded() {
            return ticket != null;
        }

        /** The ticket, if the item succeeded. */
        public Optional<Ticket> result() {
            return Optional.ofNullable(ticket);
        }

        /** The failure's message, "" for a successful item. */
        public String detail() {
            return error == null ? "" : String.valueOf(error.getMessage());
        }

        /** The outcome of a failure, with the status its exception stands for. */
        public static Item failed(int index, RuntimeException error) {
            Objects.requireNonNull(error, "error");
            Status s;
            if (error instanceof TicketValidationException) {
                s = Status.INVALID;
            } else if (error instanceof TicketNotFoundException) {
                s = Status.NOT_FOUND;
            } else if (error instanceof PermissionDeniedException) {
                s = Status.PERMISSION_DENIED;
            } else {
                s = Status.FAILED;
            }
            return new Item(index, s, null, error);
        }
    }

    public BatchCreateResult {
        items = List.copyOf(items);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).index() != i) {
                throw new IllegalArgumentException("item " + i + " has index " + items.get(i).index());
            }
        }
    }

    /** The outcome of the item at {@code index}. */
    public Item item(int index) {
        return items.get(index);
    }

    /** How many items ended with {@code status}. */
    public long count(Status status) {
        return items.stream().filter(i -> i.status() == status).count();
    }

    /** The tickets of the successful items (created or existing), in item order. */
    public List<Ticket> tickets() {
        return items.stream().filter(Item::succeeded).map(Item::ticket).toList();
    }

    @Override
    public String toString() {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        items.forEach(i -> counts.merge(i.status(), 1L, Long::sum));
        return "BatchCreateResult" + counts;
    }
}
