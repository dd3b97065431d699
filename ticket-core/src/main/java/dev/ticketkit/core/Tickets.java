package dev.ticketkit.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ticket commands and queries. Every call is authorised for the {@link Actor} and confined to the actor's
 * tenant: another tenant's ticket id behaves as not found. Commands are atomic: a command that throws wrote
 * nothing. Commands without an expected version apply to the latest version, retrying internally if a
 * concurrent writer got there first, so no update is lost. Thread-safe.
 */
public interface Tickets {

    /** Creates a ticket (idempotent with {@link NewTicket.Builder#idempotencyKey(String)}). */
    Ticket create(Actor actor, NewTicket ticket);

    /**
     * Creates many tickets in one store transaction (group commit) and reports each item's outcome, in order.
     * Each item behaves as its own {@link #create}: the same permission and input checks, hooks run per ticket,
     * its events go to the audit trail (and a store's outbox) in the same transaction, and listeners get each
     * ticket's events after the commit. A bad item (invalid input, unknown requester, a hook that throws) is
     * reported as that item's outcome and does not lose or change the others. Items with an idempotency key
     * that is already used, including by an earlier item of the same batch, return that ticket
     * ({@link BatchCreateResult.Status#EXISTING}) and write nothing. Ticket numbers of the batch are allocated
     * as one consecutive block.
     *
     * <p>How: items are checked up front; the rest are built, hooked and written with one number allocation
     * and batched inserts. If a hook throws for an item, the transaction is rolled back and the batch is run
     * again without it (a few times at most); if the store rejects the batch (a racing idempotency key or
     * external message id, a deadlock), the remaining items fall back to one transaction each. So a batch that
     * goes wrong costs more transactions, never a wrong result.
     *
     * @param tickets at most {@link Limits#maxBulkSize()} items
     * @throws IllegalArgumentException if there are more items than the bulk limit
     */
    BatchCreateResult createAll(Actor actor, List<NewTicket> tickets);

    /** The ticket, or {@link TicketNotFoundException}. */
    Ticket get(Actor actor, TicketId id);

    Optional<Ticket> find(Actor actor, TicketId id);

    Optional<Ticket> findByNumber(Actor actor, TicketNumber number);

    /**
     * Adds a public reply. A customer's reply reopens a pending, on-hold or solved ticket; to a closed ticket
     * it opens a follow-up ticket linked to the closed one. An agent's first public reply moves NEW to OPEN.
     */
    MessageResult reply(Actor actor, TicketId id, NewMessage message);

    /** Adds an internal note (never shown to customers). */
    MessageResult note(Actor actor, TicketId id, NewMessage message);

    /** Shortcut for {@code note(actor, id, NewMessage.text(text))}. */
    default MessageResult note(Actor actor, TicketId id, String text) {
        return note(actor, id, NewMessage.text(text));
    }

    /** Applies several field changes as one command. */
    Ticket update(Actor actor, TicketId id, TicketUpdate update);

    /**
     * A command a module defines (an after-sales step, a compensation): {@code change} runs with the ticket locked,
     * in the command's transaction, through the same context hooks get ({@link
     * dev.ticketkit.core.spi.HookContext#emit} an extension event, {@code update} the ticket, schedule due work);
     * then the installed hooks run and everything commits together, or nothing does if {@code change} throws. The
     * actor needs {@link Permission#TICKET_READ} on the ticket and {@code needed}; what {@code change} does on
     * top is the module's responsibility. Retried from the start on a concurrent change, like {@link #update}.
     *
     * @param needed the permission the module's command requires, such as {@code Permission.of("aftersales.approve")}
     * @return the ticket after the command
     * @throws PermissionDeniedException if the actor lacks either permission on this ticket
     */
    Ticket command(Actor actor, TicketId id, Permission needed, java.util.function.Consumer<dev.ticketkit.core.spi.HookContext> change);

    /**
     * {@link #command(Actor, TicketId, Permission, java.util.function.Consumer)} that applies only to the version
     * the caller saw: never retried.
     *
     * @throws TicketConflictException if the ticket is no longer at {@code expectedVersion}
     */
    Ticket command(Actor actor, TicketId id, Permission needed, long expectedVersion,
                   java.util.function.Consumer<dev.ticketkit.core.spi.HookContext> change);

    default Ticket changeStatus(Actor actor, TicketId id, TicketStatus status) {
        return update(actor, id, TicketUpdate.status(status));
    }

    default Ticket setPriority(Actor actor, TicketId id, Priority priority) {
        return update(actor, id, TicketUpdate.priority(priority));
    }

    default Ticket assign(Actor actor, TicketId id, AgentId agent) {
        return update(actor, id, TicketUpdate.builder().assignee(agent).build());
    }

    default Ticket unassign(Actor actor, TicketId id) {
        return update(actor, id, TicketUpdate.builder().unassign().build());
    }

    default Ticket setTeam(Actor actor, TicketId id, TeamId team) {
        return update(actor, id, TicketUpdate.builder().team(team).build());
    }

    default Ticket tag(Actor actor, TicketId id, String... tags) {
        return update(actor, id, TicketUpdate.builder().addTags(tags).build());
    }

    default Ticket untag(Actor actor, TicketId id, String... tags) {
        return update(actor, id, TicketUpdate.builder().removeTags(tags).build());
    }

    default Ticket setField(Actor actor, TicketId id, String key, FieldValue value) {
        return update(actor, id, TicketUpdate.builder().field(key, value).build());
    }

    /**
     * Links two tickets of the tenant; the inverse link is recorded on the other ticket (unless it is closed).
     * {@link LinkType#MERGED_INTO}/{@link LinkType#MERGED_FROM} are made only by {@link #merge}.
     */
    Ticket link(Actor actor, TicketId id, LinkType type, TicketId other);

    /**
     * Merges {@code source} into {@code target}: the source is closed and linked MERGED_INTO the target; its
     * messages stay readable from the target through {@link #messages}, to those who may read them on the
     * source. Returns the target. Needs {@link Permission#TICKET_MERGE} on both tickets; tickets of different
     * requesters merge only with {@link MergeOption#ACROSS_REQUESTERS} and
     * {@link Permission#TICKET_MERGE_ACROSS_REQUESTERS}.
     *
     * @throws TicketValidationException if the requesters differ and the option is not given
     */
    Ticket merge(Actor actor, TicketId source, TicketId target, MergeOption... options);

    /** Creates a child task ticket for another team; returns the child. */
    Ticket createChildTask(Actor actor, TicketId parent, ChildTask task);

    /** Applies the update to each ticket in its own transaction and reports each outcome. */
    BulkResult bulkUpdate(Actor actor, Collection<TicketId> ids, TicketUpdate update);

    /**
     * The ticket's messages, oldest first, including those of tickets merged into it that the actor may read on
     * their own ticket. Customers see public messages of their own tickets only; other actors see internal notes
     * of the tickets on which they hold {@link Permission#TICKET_NOTE}.
     */
    List<Message> messages(Actor actor, TicketId id);

    /**
     * The message a channel delivered with this external message id (unique per tenant and channel), if the
     * tenant has one and the actor may read its ticket; channels use it to recognise redeliveries and to thread
     * replies ("In-Reply-To") to the message they answer.
     */
    Optional<Message> findMessageByExternalId(Actor actor, Channel channel, String externalMessageId);

    /**
     * {@link #findMessageByExternalId} for many ids at once, in one store transaction (and one query on the
     * bundled stores): the messages found, by external id. Ids not found, empty ids and messages the actor may
     * not read are absent from the map. Batched intake uses it to recognise redeliveries of a whole batch.
     *
     * @param externalMessageIds at most {@link Limits#maxBulkSize()} ids
     * @throws IllegalArgumentException if there are more ids than the bulk limit
     */
    Map<String, Message> findMessagesByExternalIds(Actor actor, Channel channel, Collection<String> externalMessageIds);

    /** The ticket's audit trail: every event, oldest first (needs {@link Permission#AUDIT_READ}). */
    List<TicketEvent> auditTrail(Actor actor, TicketId id);

    /** A page of a view, restricted to what the actor may see. */
    Page<Ticket> view(Actor actor, ViewQuery query);
}
