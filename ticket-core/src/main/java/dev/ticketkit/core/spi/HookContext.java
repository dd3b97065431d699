package dev.ticketkit.core.spi;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.ChildTask;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.EventMeta;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.condition.Facts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A hook's (or due work's) view of one ticket inside a running command. Changes made here are validated
 * like any command's, become part of the command's single new version, and are recorded in the audit trail
 * as made by {@code SYSTEM:<hook name>}. Not thread-safe; valid only during the call.
 *
 * <p>Hooks read only through this context, never the store's transaction: the ticket's history, its due work,
 * its facts and the tenant's directory are served from what the command already loaded (and from the engine's
 * caches), so several hooks asking the same thing cost one read at most.
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

    // ---- reads ---------------------------------------------------------------------------------

    /**
     * The ticket's whole audit trail as it will be after this command so far: its stored events, oldest first,
     * then this command's ({@link #events()}). Read from the store at most once per command, and not at all when
     * the engine's history cache holds the ticket at its current version.
     */
    List<TicketEvent> history();

    /**
     * The ticket's pending due work as this command leaves it so far: what the store holds for the ticket, with
     * this command's {@link #schedule}s and {@link #cancel}s applied, soonest first. Read at most once per command.
     */
    List<DueWork> dueWork();

    /**
     * The ticket's facts for conditions: the ticket now and before this command, its requester, and every fact
     * source registered on the engine ({@code order.*}, {@code member.*}, ...).
     */
    Facts facts();

    /** The tenant's agents, by id (read once per command). */
    List<Agent> agents();

    /** An agent of the tenant. */
    Optional<Agent> agent(AgentId id);

    /** The tenant's teams, by id. */
    List<Team> teams();

    /** The tenant's custom field definitions, by key (read once per command). */
    List<FieldDefinition> fieldDefinitions();

    /**
     * A page of the tenant's tickets matching the query, in its order, without access filtering (hooks act for
     * the system): a requester's recent tickets, an agent's open load. Page on with the query's cursor as with
     * {@code Tickets.view}.
     */
    dev.ticketkit.core.Page<Ticket> tickets(ViewQuery query);
}
