package dev.ticketkit.compliance;

import dev.ticketkit.core.TicketValidationException;

/**
 * An outgoing public reply contains a phrase a blocking list bans: the command failed and nothing was written. The
 * message names the list, the phrase and where it starts, never the rest of the reply.
 */
public class BannedPhraseException extends TicketValidationException {
    private final String list;
    private final PhraseHit hit;

    public BannedPhraseException(String list, PhraseHit hit) {
        super("message.text", "contains \"" + hit.phrase() + "\" (banned by list " + list + ") at " + hit.start()
                + ".." + hit.end());
        this.list = list;
        this.hit = hit;
    }

    /** The list that bans the phrase. */
    public String list() {
        return list;
    }

    /** The phrase and where it is in the reply's text. */
    public PhraseHit hit() {
        return hit;
    }
}
