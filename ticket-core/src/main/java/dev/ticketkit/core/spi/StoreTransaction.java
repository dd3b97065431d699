package dev.ticketkit.core.spi;

import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unit of work of one command. Every method is scoped by tenant: a lookup with another tenant's id
 * finds nothing. Writes become visible to others only when the transaction commits. Not thread-safe: one
 * transaction belongs to one thread.
 */
public interface StoreTransaction {

    // ---- tickets -------------------------------------------------------------------------------

    Optional<Ticket> findTicket(TenantId tenantId, TicketId id);

    /**
     * Loads a ticket the command is about to change. Stores that can should lock the row until commit
     * ({@code SELECT ... FOR UPDATE}) so concurrent commands queue instead of conflicting; the version
     * check in {@link #updateTicket} stays the guarantee either way.
     */
    default Optional<Ticket> findTicketForUpdate(TenantId tenantId, TicketId id) {
        return findTicket(tenantId, id);
    }

    Optional<Ticket> findTicketByNumber(TenantId tenantId, TicketNumber number);

    /** Inserts a new ticket (version 1). {@link dev.ticketkit.core.DuplicateKeyException} if the id or number exists. */
    void insertTicket(Ticket ticket);

    /**
     * Replaces the ticket if it is still at {@code expectedVersion}; {@code ticket.version()} is
     * {@code expectedVersion + 1}. Otherwise {@link dev.ticketkit.core.TicketConflictException}.
     */
    void updateTicket(Ticket ticket, long expectedVersion);

    /** The tickets matching the query, in its order, at most {@code query.limit()}. */
    List<Ticket> queryTickets(TicketQuery query);

    /**
     * Inserts several new tickets, like {@link #insertTicket} for each in order (stores may send them as one
     * batch). A duplicate fails the call with {@link dev.ticketkit.core.DuplicateKeyException}; which of the
     * others were written is then undefined until the transaction rolls back, as it must.
     */
    default void insertTickets(List<Ticket> tickets) {
        for (Ticket t : tickets) {
            insertTicket(t);
        }
    }

    // ---- messages ------------------------------------------------------------------------------

    /**
     * Inserts a message. {@link dev.ticketkit.core.DuplicateKeyException} with key
     * {@code external_message_id} if another message of the tenant has the same channel and non-empty
     * external message id, or with key {@code message_id} if the id exists.
     */
    void insertMessage(Message message);

    /**
     * Inserts several messages, like {@link #insertMessage} for each in order (stores may send them as one
     * batch); on a duplicate, see {@link #insertTickets}.
     */
    default void insertMessages(List<Message> messages) {
        for (Message m : messages) {
            insertMessage(m);
        }
    }

    /** A ticket's own messages, oldest first. */
    List<Message> messages(TenantId tenantId, TicketId ticketId);

    Optional<Message> findMessageByExternalId(TenantId tenantId, Channel channel, String externalMessageId);

    /**
     * The messages of the channel whose external ids are among {@code externalMessageIds}, by external id (ids
     * not found, and empty ids, are absent from the map). The default looks each id up; stores may use one query.
     */
    default Map<String, Message> findMessagesByExternalIds(TenantId tenantId, Channel channel,
                                                           Collection<String> externalMessageIds) {
        Map<String, Message> found = new LinkedHashMap<>();
        for (String id : externalMessageIds) {
            if (!id.isEmpty() && !found.containsKey(id)) {
                findMessageByExternalId(tenantId, channel, id).ifPresent(m -> found.put(id, m));
            }
        }
        return found;
    }

    // ---- events (audit trail; stores with an outbox also write them there) ----------------------

    /** Appends the command's events, in order. */
    void appendEvents(List<TicketEvent> events);

    /** A ticket's events, oldest first: its audit trail. */
    List<TicketEvent> events(TenantId tenantId, TicketId ticketId);

    /**
     * A ticket's events, oldest first, reusing events the caller read before: if {@code known} is still the
     * beginning of the ticket's stored events (as many events up to and including its last one, by event id),
     * the result is {@code known} followed by the newer events, and only those are read and decoded; otherwise
     * (a rolled-back command's events, another ticket's, an empty list) all events are read. Hooks that replay
     * a ticket's history on every command (SLA) use it with a cache. The default reads everything.
     *
     * @param known events of this ticket the caller holds, oldest first; not modified
     */
    default List<TicketEvent> events(TenantId tenantId, TicketId ticketId, List<TicketEvent> known) {
        return events(tenantId, ticketId);
    }

    // ---- idempotency keys ----------------------------------------------------------------------
    // Keys are opaque strings of up to 300 characters; the engine scopes them to the actor that used them
    // ("<actor kind>:<actor id>|<key>"), so stores compare them whole and per tenant.

    Optional<TicketId> findIdempotencyKey(TenantId tenantId, String key);

    /** Records a key; {@link dev.ticketkit.core.DuplicateKeyException} with key {@code idempotency_key} if it exists. */
    void insertIdempotencyKey(TenantId tenantId, String key, TicketId ticketId);

    /**
     * The tickets recorded for those of {@code keys} the tenant has used (keys not found are absent from the
     * map). The default looks each key up; stores may use one query.
     */
    default Map<String, TicketId> findIdempotencyKeys(TenantId tenantId, Collection<String> keys) {
        Map<String, TicketId> found = new LinkedHashMap<>();
        for (String k : keys) {
            findIdempotencyKey(tenantId, k).ifPresent(id -> found.put(k, id));
        }
        return found;
    }

    /**
     * Records several keys, like {@link #insertIdempotencyKey} for each (stores may send them as one batch);
     * on a duplicate, see {@link #insertTickets}.
     */
    default void insertIdempotencyKeys(TenantId tenantId, Map<String, TicketId> keys) {
        keys.forEach((k, id) -> insertIdempotencyKey(tenantId, k, id));
    }

    // ---- customers -----------------------------------------------------------------------------

    Optional<Customer> findCustomer(TenantId tenantId, CustomerId id);

    Optional<Customer> findCustomerByIdentity(TenantId tenantId, IdentityType type, String value);

    /**
     * The customers holding identities of this type with these (normalised) values, by value; values nobody
     * holds are absent. The default looks each value up; stores may use one query.
     */
    default Map<String, Customer> findCustomersByIdentities(TenantId tenantId, IdentityType type, Collection<String> values) {
        Map<String, Customer> found = new LinkedHashMap<>();
        for (String v : values) {
            if (!found.containsKey(v)) {
                findCustomerByIdentity(tenantId, type, v).ifPresent(c -> found.put(v, c));
            }
        }
        return found;
    }

    /** {@link dev.ticketkit.core.DuplicateKeyException} with key {@code customer_identity} if an identity is taken. */
    void insertCustomer(Customer customer);

    /** Like {@link #updateTicket}: version check, then identity uniqueness. */
    void updateCustomer(Customer customer, long expectedVersion);

    // ---- directory -----------------------------------------------------------------------------

    /** Inserts or replaces. */
    void saveAgent(Agent agent);

    Optional<Agent> findAgent(TenantId tenantId, AgentId id);

    /** The tenant's agents, by id. */
    List<Agent> agents(TenantId tenantId);

    /** Inserts or replaces. */
    void saveTeam(Team team);

    Optional<Team> findTeam(TenantId tenantId, TeamId id);

    /** The tenant's teams, by id. */
    List<Team> teams(TenantId tenantId);

    /** Inserts or replaces the definition with the same key. */
    void saveFieldDefinition(TenantId tenantId, FieldDefinition definition);

    /** The tenant's field definitions, by key. */
    List<FieldDefinition> fieldDefinitions(TenantId tenantId);

    // ---- due work ------------------------------------------------------------------------------

    /** Inserts, or replaces the tenant's work with the same key (clearing any claim and attempts). */
    void scheduleDueWork(DueWork work);

    /**
     * Schedules several items, like {@link #scheduleDueWork(DueWork)} for each (their keys are distinct); stores
     * may send them as one batch. The engine writes a command's due work this way, once, at its end.
     */
    default void scheduleDueWork(List<DueWork> work) {
        for (DueWork w : work) {
            scheduleDueWork(w);
        }
    }

    /**
     * Removes the tenant's work with these keys, claimed or not, like {@link #cancelDueWork(TenantId, String)} for
     * each; stores may send one statement. The engine cancels work it knows exists this way, once, at a command's
     * end.
     */
    default void cancelDueWork(TenantId tenantId, Collection<String> keys) {
        for (String k : keys) {
            cancelDueWork(tenantId, k);
        }
    }

    /** Removes the tenant's work with this key, claimed or not; whether there was one. */
    boolean cancelDueWork(TenantId tenantId, String key);

    /**
     * Removes claimed work in the transaction that runs it (the engine calls this before the handler, so the
     * handler may reschedule the same key). Returns false, removing nothing, if {@code owner} no longer holds
     * the claim or the work was rescheduled since it was claimed (different due instant); the engine then
     * rolls the transaction back without running the handler.
     */
    boolean completeDueWork(DueWork work, String owner);

    /** The tenant's pending work for a ticket (claimed or not), soonest first. */
    List<DueWork> dueWorkFor(TenantId tenantId, TicketId ticketId);
}
