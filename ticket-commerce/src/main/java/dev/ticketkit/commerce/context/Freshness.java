package dev.ticketkit.commerce.context;

/** How current a value from the host's systems is. */
public enum Freshness {
    /** Fetched within the source's time-to-live. */
    FRESH,
    /**
     * Older than the time-to-live, served because the source failed, timed out or has not answered a refresh yet;
     * show it marked as such.
     */
    STALE,
    /** Nothing to show: never fetched (or forgotten) and the source did not answer in time. */
    UNAVAILABLE
}
