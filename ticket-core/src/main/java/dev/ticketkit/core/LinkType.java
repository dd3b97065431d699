package dev.ticketkit.core;

/** How a ticket relates to another; links are recorded on both tickets except {@link #FOLLOW_UP_OF}. */
public enum LinkType {
    /** This ticket is a child task of the other. */
    PARENT,
    /** The other ticket is a child task of this one. */
    CHILD,
    /** The tickets are about related matters. */
    RELATED,
    /** This ticket was merged into the other (and closed). */
    MERGED_INTO,
    /** The other ticket was merged into this one; its messages are readable from here. */
    MERGED_FROM,
    /** This ticket follows up the other, closed ticket (closed tickets are not changed, so no back link). */
    FOLLOW_UP_OF;

    /** The link type recorded on the other ticket, or {@code null} for {@link #FOLLOW_UP_OF}. */
    public LinkType inverse() {
        return switch (this) {
            case PARENT -> CHILD;
            case CHILD -> PARENT;
            case RELATED -> RELATED;
            case MERGED_INTO -> MERGED_FROM;
            case MERGED_FROM -> MERGED_INTO;
            case FOLLOW_UP_OF -> null;
        };
    }
}
