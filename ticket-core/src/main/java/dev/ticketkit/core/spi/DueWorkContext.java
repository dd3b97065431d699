package dev.ticketkit.core.spi;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.TicketId;
import java.time.Instant;
import java.util.function.Consumer;

/** What a {@link DueWorkHandler} can do while its work item runs. Valid only during the call. */
public interface DueWorkContext {

    /** The work item. */
    DueWork work();

    /** The time the engine runs it at (never before {@code work().dueAt()}). */
    Instant now();

    /** The system actor of the work's tenant, named after the work type. */
    Actor actor();

    /**
     * Changes a ticket of the work's tenant in this transaction, as a command of the system actor: the
     * change is validated, hooks run, and it commits with the work's completion.
     *
     * @return false if the ticket does not exist (nothing is run)
     */
    boolean onTicket(TicketId ticketId, Consumer<HookContext> change);

    /** Schedules (or reschedules, by key) more work in this transaction. */
    void schedule(DueWork work);

    /** Cancels the tenant's work with this key in this transaction. */
    boolean cancel(String key);

}
