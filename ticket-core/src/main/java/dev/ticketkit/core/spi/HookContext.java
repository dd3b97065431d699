package dev.ticketkit.core.spi;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ChildTask;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.EventMeta;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A hook's (or due work's) view of one ticket inside a running command. Changes made here are validated
 * like any command's, become part of the command's single new version, and are recorded in the audit trail
 * as made by {@code SYSTEM:<hook name>}. Not thread-safe; valid only during the call.
 */
public interface HookContext {

    /** Who issued the command (not the hook). */
    Actor actor();

    /** The command's time. */
    Instant now();

    /** The ticket as it is now, with this command's changes so far. */
    Ticket ticket();

    /** The ticket before this command; empty if the command created it. */
    Optional<Ticket> before();

    /** This ticket's events in this command so far, in order (including those of earlier hooks). */
    List<TicketEvent> events();

    /** Messages this command added to this ticket so far. */
    List<Message> newMessages();

    /** The ticket's requester. */
    Customer requester();

    /** Applies field changes (status, priority, team, assignee, tags, custom fields, ...). */
    void update(TicketUpdate update);

    /** Adds an internal note written by the system. */
    Message addNote(String text);

    /** Adds a public message written by the system (an auto-reply, a templated answer). */
    Message addReply(NewMessage message);

    /** Sets or clears (null) the soonest SLA due instant that views sort by. */
    void setDueAt(Instant dueAt);

    /** Emits an event of this ticket, built from the meta the engine supplies (e.g. {@code SlaBreached}). */
    void emit(Function<EventMeta, TicketEvent> event);

    /** Creates a child task ticket of this ticket in the same transaction; returns the child. */
    Ticket createChildTask(ChildTask task);

    /** Schedules (or reschedules, by key) due work in this transaction. */
    void schedule(DueWork work);

    /** Cancels the tenant's due work with this key in this transaction. */
    boolean cancel(String key);

    /** The transaction, for reads the hook needs (agents, teams, other tickets). Write tickets only through this context. */
    StoreTransaction transaction();
}
