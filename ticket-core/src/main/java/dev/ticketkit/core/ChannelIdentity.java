package dev.ticketkit.core;

import java.util.Locale;
import java.util.Objects;

/**
 * One way to recognise a customer on a channel. Unique per tenant: two customers never share an identity.
 * Email addresses are stored lower-cased.
 *
 * @param type     the kind of identity
 * @param value    the identity, 1 to 320 characters, no control characters
 * @param verified whether the value was proven to belong to the customer (only verified identities are
 *                 used to link a customer's channels)
 */
public record ChannelIdentity(IdentityType type, String value, boolean verified) {
    public ChannelIdentity {
        Objects.requireNonNull(type, "type");
        Checks.notBlank(value, "identity value");
        value = value.strip();
        if (value.length() > 320 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("identity value of type " + type + " is too long or has control characters");
        }
        if (type.equals(IdentityType.EMAIL)) {
            value = value.toLowerCase(Locale.ROOT);
        }
    }

    public static ChannelIdentity of(IdentityType type, String value) {
        return new ChannelIdentity(type, value, false);
    }

    public static ChannelIdentity verified(IdentityType type, String value) {
        return new ChannelIdentity(type, value, true);
    }

    /** Only the type: identity values are personal data. */
    @Override
    public String toString() {
        return "ChannelIdentity[" + type + (verified ? ", verified" : "") + "]";
    }
}
