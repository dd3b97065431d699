package dev.ticketkit.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to create a customer from.
 *
 * @param displayName how to address them ("" if unknown)
 * @param tier        membership tier
 * @param identities  at least one channel identity; each must not belong to another customer of the tenant
 * @param tags        tags
 */
public record NewCustomer(String displayName, MemberTier tier, List<ChannelIdentity> identities, Set<String> tags) {
    public NewCustomer {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(tier, "tier");
        identities = List.copyOf(Objects.requireNonNull(identities, "identities"));
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("a customer needs at least one identity");
        }
        tags = Set.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** A standard-tier customer known by one identity. */
    public static NewCustomer of(String displayName, ChannelIdentity identity) {
        return new NewCustomer(displayName, MemberTier.STANDARD, List.of(identity), Set.of());
    }

    public NewCustomer withTier(MemberTier newTier) {
        return new NewCustomer(displayName, newTier, identities, tags);
    }
}
