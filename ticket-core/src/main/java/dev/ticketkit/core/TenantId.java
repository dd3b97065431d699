package dev.ticketkit.core;

import java.util.regex.Pattern;

/**
 * Identifies a tenant (a merchant or brand). Every aggregate carries one, and no query crosses tenants.
 *
 * @param value 1 to 64 characters of {@code [A-Za-z0-9._-]}
 */
public record TenantId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public TenantId {
        Checks.token(value, "tenant id", VALID);
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
