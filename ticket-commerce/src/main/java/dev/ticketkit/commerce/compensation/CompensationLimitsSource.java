package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.TenantId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Each shop's {@link CompensationLimits}. Asked outside any command, on every request, approval and payment, from
 * several threads: answer from memory (the host caches its merchants' settings and may change them at any time; a
 * change applies from the next call). A tenant without limits can neither request nor approve compensations.
 */
@FunctionalInterface
public interface CompensationLimitsSource {

    /** The tenant's limits, or empty if it has none (compensation is then refused). */
    Optional<CompensationLimits> limits(TenantId tenant);

    /** The same limits for every tenant (one shop, or tests). */
    static CompensationLimitsSource of(CompensationLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Optional<CompensationLimits> all = Optional.of(limits);
        return tenant -> all;
    }

    /** Fixed limits per tenant; other tenants have none. */
    static CompensationLimitsSource of(Map<TenantId, CompensationLimits> byTenant) {
        Map<TenantId, CompensationLimits> copy = Map.copyOf(byTenant);
        return tenant -> Optional.ofNullable(copy.get(tenant));
    }
}
