package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketId;
import java.time.Instant;
import java.util.Objects;

/**
 * What was granted, across tickets and nodes: the record the daily budgets and the customer caps of
 * {@link CompensationLimits} are checked against. A ticket's events know that ticket's compensations only; a budget
 * ("what Alice granted today") and a cap ("what Carol received in 30 days") span many tickets, and when several
 * nodes serve one shop they must see one another's grants. So the host keeps the ledger where its nodes share state
 * (the database TicketKit runs on, or its own), behind this interface. {@link #inMemory()} is for tests and a single
 * node only.
 *
 * <p><b>Check and record in one step, idempotent by key.</b> {@link #record} is called once a compensation is
 * approved and before the gateway is called, with the key the compensation owns. It must, atomically with respect to
 * other calls for the same grantor or customer (one database transaction that locks them, or a serializable one):
 * return {@link Outcome#ALREADY_RECORDED} if the key is recorded (a retry, or two callers racing), without checking
 * again; otherwise refuse, recording nothing, if the entry would take the grantor's entries in the budget's window
 * above its maximum ({@link Outcome#OVER_BUDGET}) or the customer's entries in the cap's window above its maximum
 * ({@link Outcome#OVER_CAP}); otherwise record it ({@link Outcome#RECORDED}). Sums are per {@link
 * CompensationAmount#unit()}: money of the shop's currency and points are counted apart.
 *
 * <p>A table keyed by the idempotency key with the tenant, grantor, customer, unit, amount and instant, and a
 * transaction that locks the grantor's and the customer's rows (or a counter row per grantor and day and per
 * customer) before summing, is enough. Entries are never removed by TicketKit; keep them at least as long as the
 * longest cap's period. Implementations are called outside any ticket command, from several threads at once; they
 * may throw an unchecked exception when the store fails (the compensation is then not paid and may be retried).
 */
public interface CompensationLedger {

    /**
     * Records a grant unless it would go above the grantor's budget or the customer's cap, as one atomic step;
     * idempotent by {@link Entry#key()}.
     *
     * @param entry  what is granted
     * @param budget the grantor's daily budget (entries of {@code entry.grantor()}), or null for none
     * @param cap    the customer's cap (entries of {@code entry.customer()}), or null for none
     * @return what happened
     */
    Outcome record(Entry entry, Bound budget, Bound cap);

    /** The sum of a grantor's entries of one unit in {@code [from, to)}; zero of that unit if none. */
    CompensationAmount grantedBy(TenantId tenant, ActorRef grantor, String unit, Instant from, Instant to);

    /** The sum of a customer's entries of one unit in {@code [from, to)}; zero of that unit if none. */
    CompensationAmount grantedTo(TenantId tenant, CustomerId customer, String unit, Instant from, Instant to);

    /**
     * A ledger in this JVM's memory: correct on a single node only (two nodes would each see half the grants), and
     * never forgets an entry. Thread-safe.
     */
    static CompensationLedger inMemory() {
        return new InMemoryCompensationLedger();
    }

    /** What {@link #record} did. */
    enum Outcome {
        /** Recorded now. */
        RECORDED,
        /** The key was recorded before (a retry or a racing call): nothing changed, nothing checked. */
        ALREADY_RECORDED,
        /** Not recorded: the grantor's budget would be exceeded. */
        OVER_BUDGET,
        /** Not recorded: the customer's cap would be exceeded. */
        OVER_CAP;

        /** Whether the entry is in the ledger now. */
        public boolean recorded() {
            return this == RECORDED || this == ALREADY_RECORDED;
        }
    }

    /**
     * One grant.
     *
     * @param key      the compensation's idempotency key ({@code <tenant>/<ticket>/<compensation-id>})
     * @param tenant   the shop
     * @param ticket   the ticket it was granted on
     * @param grantor  who decided it: the requester when within their limit, else the approver
     * @param customer who receives it
     * @param amount   money or points
     * @param at       when it was recorded (the engine's clock)
     */
    record Entry(String key, TenantId tenant, TicketId ticket, ActorRef grantor, CustomerId customer,
                 CompensationAmount amount, Instant at) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(grantor, "grantor");
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A limit to check an entry against: the entries in {@code [from, to)} of the same unit, plus this one, must
     * not be above {@code max}.
     *
     * @param max  the most allowed, in the entry's unit
     * @param from the window's first instant
     * @param to   the instant after the window
     */
    record Bound(CompensationAmount max, Instant from, Instant to) {
        public Bound {
            Objects.requireNonNull(max, "max");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("a bound's window ends after it starts");
            }
        }
    }
}
