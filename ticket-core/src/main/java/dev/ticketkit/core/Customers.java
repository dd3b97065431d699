package dev.ticketkit.core;

import java.util.Optional;

/** Customer commands and queries, scoped to the actor's tenant. Thread-safe. */
public interface Customers {

    /**
     * Creates a customer. {@link TicketValidationException} (field {@code identities}) if an identity already
     * belongs to another customer of the tenant.
     */
    Customer create(Actor actor, NewCustomer customer);

    Customer get(Actor actor, CustomerId id);

    Optional<Customer> find(Actor actor, CustomerId id);

    Optional<Customer> findByIdentity(Actor actor, IdentityType type, String value);

    /**
     * {@link #findByIdentity} for many values of one identity type at once, in one store transaction (one query
     * on the bundled stores): the customers found, by normalised identity value (as
     * {@link ChannelIdentity#value()} gives it). Values nobody holds are absent. Batched intake resolves a
     * batch's senders with it.
     *
     * @param values at most {@link Limits#maxBulkSize()} values
     * @throws IllegalArgumentException if there are more values than the bulk limit
     */
    java.util.Map<String, Customer> findByIdentities(Actor actor, IdentityType type, java.util.Collection<String> values);

    /**
     * Finds the customer with this identity or creates one; safe when two callers race (both get the same
     * customer).
     */
    Customer findOrCreate(Actor actor, ChannelIdentity identity, String displayName);

    /** Adds an identity (or marks an existing one verified). */
    Customer addIdentity(Actor actor, CustomerId id, ChannelIdentity identity);

    Customer setTier(Actor actor, CustomerId id, MemberTier tier);

    Customer setDisplayName(Actor actor, CustomerId id, String displayName);

    /** The customer's tickets through a view (the query's requester is set to this customer). */
    Page<Ticket> history(Actor actor, CustomerId id, ViewQuery query);
}
