package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** {@link CompensationLedger#inMemory()}: one lock, a scan per sum. For tests and a single node. */
final class InMemoryCompensationLedger implements CompensationLedger {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized Outcome record(Entry entry, Bound budget, Bound cap) {
        Objects.requireNonNull(entry, "entry");
        if (entries.containsKey(entry.key())) {
            return Outcome.ALREADY_RECORDED;
        }
        if (budget != null && above(entry, budget, e -> e.grantor().equals(entry.grantor()))) {
            return Outcome.OVER_BUDGET;
        }
        if (cap != null && above(entry, cap, e -> e.customer().equals(entry.customer()))) {
            return Outcome.OVER_CAP;
        }
        entries.put(entry.key(), entry);
        return Outcome.RECORDED;
    }

    private boolean above(Entry entry, Bound bound, Predicate<Entry> whose) {
        CompensationAmount sum = sum(entry.tenant(), entry.amount().unit(), bound.from(), bound.to(), whose);
        return sum.plus(entry.amount()).greaterThan(bound.max());
    }

    @Override
    public synchronized CompensationAmount grantedBy(TenantId tenant, ActorRef grantor, String unit, Instant from,
                                                     Instant to) {
        Objects.requireNonNull(grantor, "grantor");
        return sum(tenant, unit, from, to, e -> e.grantor().equals(grantor));
    }

    @Override
    public synchronized CompensationAmount grantedTo(TenantId tenant, CustomerId customer, String unit, Instant from,
                                                     Instant to) {
        Objects.requireNonNull(customer, "customer");
        return sum(tenant, unit, from, to, e -> e.customer().equals(customer));
    }

    private CompensationAmount sum(TenantId tenant, String unit, Instant from, Instant to, Predicate<Entry> whose) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        CompensationAmount sum = CompensationAmount.zero(unit);
        for (Entry e : entries.values()) {
            if (e.tenant().equals(tenant) && e.amount().unit().equals(unit) && whose.test(e)
                    && !e.at().isBefore(from) && e.at().isBefore(to)) {
                sum = sum.plus(e.amount());
            }
        }
        return sum;
    }

    @Override
    public synchronized String toString() {
        return "CompensationLedger.inMemory[" + entries.size() + " entries]";
    }
}
