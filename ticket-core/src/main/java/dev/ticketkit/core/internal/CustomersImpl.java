package dev.ticketkit.core.internal;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.Customers;
import dev.ticketkit.core.DuplicateKeyException;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.NewCustomer;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.spi.AccessScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/** Customer commands and queries. */
final class CustomersImpl implements Customers {
    private static final int MAX_DISPLAY_NAME = 200;

    private final EngineCore core;
    private final TicketsImpl tickets;

    CustomersImpl(EngineCore core, TicketsImpl tickets) {
        this.core = core;
        this.tickets = tickets;
    }

    private static void requireSelfOr(Actor actor, CustomerId id, Permission permission) {
        if (actor.kind() == ActorKind.CUSTOMER) {
            if (!actor.customerId().orElseThrow().equals(id)) {
                throw new TicketNotFoundException("customer", id);
            }
            return;
        }
        Authorizer.require(actor, permission);
    }

    private static String displayName(String name) {
        String n = name.strip();
        if (n.length() > MAX_DISPLAY_NAME || n.chars().anyMatch(Character::isISOControl)) {
            throw new TicketValidationException("displayName", "must be at most " + MAX_DISPLAY_NAME
                    + " characters without control characters");
        }
        return n;
    }

    @Override
    public Customer create(Actor actor, NewCustomer spec) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(spec, "customer");
        Authorizer.require(actor, Permission.CUSTOMER_WRITE);
        String name = displayName(spec.displayName());
        TreeSet<String> tags = new TreeSet<>();
        spec.tags().forEach(t -> tags.add(core.inputs().tag(t)));
        try {
            return core.read(tx -> {
                for (ChannelIdentity i : spec.identities()) {
                    if (tx.findCustomerByIdentity(actor.tenantId(), i.type(), i.value()).isPresent()) {
                        throw identityTaken(i);
                    }
                }
                Customer c = new Customer(CustomerId.of(core.ids().next()), actor.tenantId(), name, spec.tier(),
                        spec.identities(), tags, core.now(), 1);
                tx.insertCustomer(c);
                return c;
            });
        } catch (DuplicateKeyException e) {
            throw new TicketValidationException("identities", "an identity already belongs to another customer");
        }
    }

    private static TicketValidationException identityTaken(ChannelIdentity i) {
        return new TicketValidationException("identities", "an identity of type " + i.type() + " already belongs to another customer");
    }

    @Override
    public Customer get(Actor actor, CustomerId id) {
        return find(actor, id).orElseThrow(() -> new TicketNotFoundException("customer", id));
    }

    @Override
    public Optional<Customer> find(Actor actor, CustomerId id) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        requireSelfOr(actor, id, Permission.CUSTOMER_READ);
        return core.read(tx -> tx.findCustomer(actor.tenantId(), id));
    }

    /** Looking customers up by identity: staff and integrations with CUSTOMER_READ, never a customer. */
    private static void requireIdentityLookup(Actor actor) {
        if (actor.kind() == ActorKind.CUSTOMER) {
            throw new PermissionDeniedException(actor.ref(), Permission.CUSTOMER_READ, null);
        }
        Authorizer.require(actor, Permission.CUSTOMER_READ);
    }

    @Override
    public Optional<Customer> findByIdentity(Actor actor, IdentityType type, String value) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        requireIdentityLookup(actor);
        String normalised = ChannelIdentity.of(type, value).value();
        return core.read(tx -> tx.findCustomerByIdentity(actor.tenantId(), type, normalised));
    }

    @Override
    public java.util.Map<String, Customer> findByIdentities(Actor actor, IdentityType type, java.util.Collection<String> values) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(values, "values");
        requireIdentityLookup(actor);
        java.util.Set<String> normalised = new java.util.LinkedHashSet<>();
        for (String v : values) {
            normalised.add(ChannelIdentity.of(type, Objects.requireNonNull(v, "value")).value());
        }
        if (normalised.size() > core.settings().limits().maxBulkSize()) {
            throw new IllegalArgumentException(normalised.size() + " identities, more than the bulk limit of "
                    + core.settings().limits().maxBulkSize());
        }
        if (normalised.isEmpty()) {
            return java.util.Map.of();
        }
        return core.read(tx -> tx.findCustomersByIdentities(actor.tenantId(), type, normalised));
    }

    @Override
    public Customer findOrCreate(Actor actor, ChannelIdentity identity, String displayName) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(displayName, "displayName");
        Authorizer.require(actor, Permission.CUSTOMER_WRITE);
        for (int attempt = 0; ; attempt++) {
            Optional<Customer> found = findByIdentity(actor, identity.type(), identity.value());
            if (found.isPresent()) {
                return found.get();
            }
            try {
                return create(actor, NewCustomer.of(displayName, identity));
            } catch (TicketValidationException e) {
                if (attempt >= 3) {
                    throw e; // another writer took the identity and then removed it again: give up
                }
            }
        }
    }

    private Customer change(Actor actor, CustomerId id, UnaryOperator<Customer> change) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Authorizer.require(actor, Permission.CUSTOMER_WRITE);
        for (int attempt = 0; ; attempt++) {
            try {
                return core.read(tx -> {
                    Customer c = tx.findCustomer(actor.tenantId(), id).orElseThrow(() -> new TicketNotFoundException("customer", id));
                    Customer next = change.apply(c);
                    if (next.equals(c)) {
                        return c;
                    }
                    tx.updateCustomer(next, c.version());
                    return next;
                });
            } catch (TicketConflictException e) {
                if (attempt >= core.settings().maxConflictRetries()) {
                    throw e;
                }
            } catch (DuplicateKeyException e) {
                throw new TicketValidationException("identities", "an identity already belongs to another customer");
            }
        }
    }

    private static Customer with(Customer c, String name, MemberTier tier, List<ChannelIdentity> identities) {
        return new Customer(c.id(), c.tenantId(), name, tier, identities, c.tags(), c.createdAt(), c.version() + 1);
    }

    @Override
    public Customer addIdentity(Actor actor, CustomerId id, ChannelIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        return change(actor, id, c -> {
            List<ChannelIdentity> ids = new ArrayList<>();
            boolean found = false;
            for (ChannelIdentity i : c.identities()) {
                if (i.type().equals(identity.type()) && i.value().equals(identity.value())) {
                    found = true;
                    ids.add(new ChannelIdentity(i.type(), i.value(), i.verified() || identity.verified()));
                } else {
                    ids.add(i);
                }
            }
            if (!found) {
                ids.add(identity);
            }
            return ids.equals(c.identities()) ? c : with(c, c.displayName(), c.tier(), ids);
        });
    }

    @Override
    public Customer setTier(Actor actor, CustomerId id, MemberTier tier) {
        Objects.requireNonNull(tier, "tier");
        return change(actor, id, c -> c.tier().equals(tier) ? c : with(c, c.displayName(), tier, c.identities()));
    }

    @Override
    public Customer setDisplayName(Actor actor, CustomerId id, String name) {
        String n = displayName(Objects.requireNonNull(name, "displayName"));
        return change(actor, id, c -> c.displayName().equals(n) ? c : with(c, n, c.tier(), c.identities()));
    }

    @Override
    public Page<Ticket> history(Actor actor, CustomerId id, ViewQuery query) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(query, "query");
        requireSelfOr(actor, id, Permission.CUSTOMER_READ);
        Authorizer.require(actor, Permission.TICKET_READ);
        if (query.requester().isPresent() && !query.requester().get().equals(id)) {
            throw new IllegalArgumentException("the query names another requester");
        }
        ViewQuery.Builder b = query.toBuilder().requester(id);
        query.cursor().ifPresent(b::after);
        AccessScope scope = Authorizer.scopeOf(actor, Permission.TICKET_READ);
        return tickets.page(actor, b.build(), scope);
    }
}
