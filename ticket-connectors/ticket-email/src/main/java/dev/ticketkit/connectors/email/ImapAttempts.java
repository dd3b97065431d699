package dev.ticketkit.connectors.email;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The failed attempts of an {@link ImapPoller}, per message: kept in memory (a restarted poller starts every
 * count again), one entry per unread message that failed and has not been set aside yet. Not thread-safe: the
 * poller uses it under its poll lock.
 *
 * <p>A count belongs to a UID of one folder under one {@code UIDVALIDITY}. When the folder or its
 * {@code UIDVALIDITY} changes (the server renumbered the mailbox), UIDs no longer name the same messages, so the
 * counts by UID are dropped; the counts of messages whose {@code Message-ID} was known are carried over and
 * found again by that id when the message fails under its new UID, so a renumbering neither resets a poison
 * message nor hands its count to another one.
 */
final class ImapAttempts {

    private record Entry(int count, String messageId) {
    }

    private String folder;
    private long uidValidity = Long.MIN_VALUE;
    private final Map<Long, Entry> byUid = new HashMap<>();
    /** Counts carried over a renumbering, by Message-ID; they only shrink until the next renumbering. */
    private final Map<String, Integer> carried = new HashMap<>();

    /** Starts a poll of {@code folderName} whose {@code UIDVALIDITY} is {@code validity}. */
    void begin(String folderName, long validity) {
        Objects.requireNonNull(folderName, "folderName");
        if (folderName.equals(folder) && validity == uidValidity) {
            return;
        }
        boolean renumbered = folderName.equals(folder);
        carried.clear();
        if (renumbered) {
            for (Entry e : byUid.values()) {
                if (e.messageId() != null) {
                    carried.merge(e.messageId(), e.count(), Math::max);
                }
            }
        }
        byUid.clear();
        folder = folderName;
        uidValidity = validity;
    }

    /**
     * Counts one failed attempt.
     *
     * @param messageId the message's {@code Message-ID} if it was read, else {@code null}
     * @return the number of failed attempts of that message so far, this one included
     */
    int failed(long uid, String messageId) {
        Entry old = byUid.get(uid);
        int before = old != null ? old.count() : 0;
        String id = messageId != null ? messageId : old != null ? old.messageId() : null;
        if (old == null && id != null) {
            Integer earlier = carried.remove(id);
            before = earlier != null ? earlier : 0;
        }
        int now = before + 1;
        byUid.put(uid, new Entry(now, id));
        return now;
    }

    /** Forgets a message: it was handled, or set aside. */
    void forget(long uid, String messageId) {
        byUid.remove(uid);
        if (messageId != null) {
            carried.remove(messageId);
        }
    }

    /** Forgets every message whose UID is not in {@code unread} (read, moved or deleted by someone else). */
    void retain(Set<Long> unread) {
        for (Iterator<Long> it = byUid.keySet().iterator(); it.hasNext(); ) {
            if (!unread.contains(it.next())) {
                it.remove();
            }
        }
    }

    /** @return the failed attempts counted for {@code uid} (0 if none) */
    int count(long uid) {
        Entry e = byUid.get(uid);
        return e != null ? e.count() : 0;
    }

    /** @return whether no count is held, so that a poll need not look at UIDs outside its batch */
    boolean isEmpty() {
        return byUid.isEmpty();
    }

    /** @return how many messages have a count, carried counts included */
    int size() {
        return byUid.size() + carried.size();
    }
}
