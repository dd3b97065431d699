package dev.ticketkit.commerce.context;

import dev.ticketkit.core.TenantId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stock per SKU and warehouse, for exchanges and reissues. Implemented by the host; optional; thread-safe. */
public interface InventorySource {

    /** The SKU's stock in each warehouse that has a record of it (empty if none). */
    List<StockLevel> stock(TenantId tenant, String sku) throws Exception;

    /** Several SKUs at once; the default asks one by one. */
    default Map<String, List<StockLevel>> stock(TenantId tenant, Collection<String> skus) throws Exception {
        Map<String, List<StockLevel>> found = new LinkedHashMap<>();
        for (String s : skus) {
            found.put(s, stock(tenant, s));
        }
        return found;
    }
}
