package dev.ticketkit.core;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A customer of a tenant, known by one or more channel identities. Immutable; changed through
 * {@link Customers}.
 *
 * @param id          the customer id
 * @param tenantId    the tenant
 * @param displayName how to address the customer ("" if unknown); personal data
 * @param tier        the membership tier
 * @param identities  the channel identities (at least one)
 * @param tags        lower-case tags
 * @param createdAt   when the customer was first seen
 * @param version     optimistic version, from 1
 */
public record Customer(
        CustomerId id,
        TenantId tenantId,
        String displayName,
        MemberTier tier,
        List<ChannelIdentity> identities,
        Set<String> tags,
        Instant createdAt,
        long version) {

    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(tier, "tier");
        identities = List.copyOf(Objects.requireNonNull(identities, "identities"));
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("a customer needs at least one identity");
        }
        if (identities.stream().map(i -> i.type().name() + "\u0000" + i.value()).distinct().count() != identities.size()) {
            throw new IllegalArgumentException("a customer's identities must be distinct");
        }
        tags = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(tags, "tags")));
        Objects.requireNonNull(createdAt, "createdAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive");
        }
    }

    /** The first identity of the given type. */
    public Optional<ChannelIdentity> identity(IdentityType type) {
        return identities.stream().filter(i -> i.type().equals(type)).findFirst();
    }

    /** Ids and tier only: never names or identities. */
    @Override
    public String toString() {
        return "Customer[id=" + id + " tenant=" + tenantId + " tier=" + tier.name() + " version=" + version + "]";
    }
}
