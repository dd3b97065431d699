package dev.ticketkit.commerce.context;

import dev.ticketkit.core.TenantId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parcel tracking (the carriers' APIs, or an aggregator such as the host's logistics hub). Implemented by the host;
 * optional; called with a timeout and cached like every source. Must be thread-safe.
 */
public interface LogisticsSource {

    /** A parcel's tracking by waybill number, or empty if the carrier knows no such waybill. */
    Optional<Parcel> parcel(TenantId tenant, String waybill) throws Exception;

    /** Several parcels at once; the default asks one by one. Those not found are absent. */
    default Map<String, Parcel> parcels(TenantId tenant, Collection<String> waybills) throws Exception {
        Map<String, Parcel> found = new LinkedHashMap<>();
        for (String w : waybills) {
            Optional<Parcel> p = parcel(tenant, w);
            if (p.isPresent()) {
                found.put(w, p.get());
            }
        }
        return found;
    }
}
