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
