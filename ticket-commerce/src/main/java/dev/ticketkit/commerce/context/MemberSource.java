package dev.ticketkit.commerce.context;

import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.TenantId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's loyalty programme: a customer's tier, points and value, fetched from the host instead of pushed onto
 * the customer by hand. The host maps the customer (by its identities) to its member. Optional; thread-safe.
 */
public interface MemberSource {

    /** The customer's membership, or empty if they are not a member. */
    Optional<Member> member(TenantId tenant, Customer customer) throws Exception;

    /** Several customers at once; the default asks one by one. Non-members are absent. */
    default Map<CustomerId, Member> members(TenantId tenant, Collection<Customer> customers) throws Exception {
        Map<CustomerId, Member> found = new LinkedHashMap<>();
        for (Customer c : customers) {
            Optional<Member> m = member(tenant, c);
            if (m.isPresent()) {
                found.put(c.id(), m.get());
            }
        }
        return found;
    }
}
