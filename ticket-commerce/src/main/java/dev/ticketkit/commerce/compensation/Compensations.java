package dev.ticketkit.commerce.compensation;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.Authorization;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.spi.HookContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compensation on tickets: coupons, partial refunds and points for a buyer, within limits and with approval. Every
 * step is one engine command on the ticket ({@code Tickets.command}) that records an extension event {@value #EVENT}
 * in the ticket's audit trail, so compensations are stored with the ticket on every store, ordered by its version,
 * and replayed from its events. What the gateway and the ledger do happens outside those commands, never with the
 * ticket locked.
 *
 * <pre>{@code
 * Compensations comp = commerce.compensation();
 * Compensation c = comp.request(agent, ticketId, CompensationKind.COUPON, CompensationAmount.of("20", "CNY"), "parcel late");
 * c.state();                                     // GRANTED: within the agent's limit, budget and the buyer's cap
 * Compensation big = comp.request(agent, ticketId, CompensationKind.COUPON,
 *         CompensationAmount.of("80", "CNY"), "scratched screen");   // PENDING_APPROVAL: above the agent's limit
 * comp.approve(supervisor, ticketId, big.id());  // GRANTED, paid through the gateway; never by the requester
 * }</pre>
 *
 * <p><b>The flow.</b> {@link #request} checks the amount and the customer's cap, then records the compensation:
 * {@link CompensationState#APPROVED} if it is within the requester's {@linkplain CompensationLimits#roleLimit role
 * limit} and what is left of their {@linkplain CompensationLimits#dailyBudget daily budget}, else
 * {@link CompensationState#PENDING_APPROVAL}. An approved compensation is then paid: it is recorded in the host's
 * {@link CompensationLedger} (checking the budget and the cap again, atomically, by its key), given through the
 * host's {@link CompensationGateway} with the same key, and recorded {@link CompensationState#GRANTED} with the
 * receipt. {@link #approve} (by someone other than the requester whose limit, budget and the customer's cap cover
 * it) approves and pays the same way; {@link #reject} refuses with a reason.
 *
 * <p><b>Payment failures and races.</b> A gateway (or ledger) failure is a {@link CompensationFailedException}
 * naming the key: it records nothing, the compensation stays APPROVED, and {@link #pay} (or the same approver's
 * {@link #approve} again) retries with the same key, so the gateway gives once and the ledger counts once. Two
 * callers paying one compensation at once give once and record one GRANTED. Two approvers approving at once are
 * ordered by the ticket's version: the second is refused ({@link CompensationTransitionException}) before anything
 * is paid. If the ledger refuses an approved compensation (another grant took the budget or the cap between the
 * check and the payment), it goes back to PENDING_APPROVAL.
 *
 * <p><b>Permissions</b> (open; grant them with roles, e.g. {@code Role.AGENT.with("cs-agent",
 * Compensations.REQUEST)}): {@link #REQUEST} to request and to retry the payment of a compensation granted within
 * one's own limit; {@link #APPROVE} to approve, reject and retry an approved one's payment. Each also needs the right
 * to read the ticket. A {@link CompensationKind#PARTIAL_REFUND} also needs {@link #REFUND} ({@code refund.execute}),
 * so "after-sales agents can't touch finance refunds" is a role without it. Reading needs the right to read the
 * ticket only. The limits themselves are per role name ({@link CompensationLimits}).
 *
 * <p>Thread-safe; obtain it with {@code Commerce.compensation()}.
 */
public final class Compensations {
    /** The extension event every step records. */
    public static final String EVENT = "commerce.compensation";
    /** Request a compensation; retry the payment of one granted within one's own limit. */
    public static final Permission REQUEST = Permission.of("compensation.request");
    /** Approve or reject a compensation another person requested; retry an approved one's payment. */
    public static final Permission APPROVE = Permission.of("compensation.approve");
    /** Also needed for anything about a {@link CompensationKind#PARTIAL_REFUND}: {@code refund.execute}. */
    public static final Permission REFUND = Permission.of("refund.execute"); // the same as after-sales refunds need

    private static final int MAX_TEXT = 500;

    private final TicketEngine engine;
    private final Clock clock;
    private final CompensationGateway gateway;
    private final CompensationLimitsSource limits;
    private final CompensationLedger ledger;

    /**
     * The compensations of an engine the commerce module is installed on; hosts use {@code commerce.compensation()}.
     *
     * @param clock the engine's clock (days of budgets and caps, the ledger's instants)
     */
    public Compensations(TicketEngine engine, Clock clock, CompensationGateway gateway, CompensationLimitsSource limits,
                         CompensationLedger ledger) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    // ---- reads ---------------------------------------------------------------------------------------------

    /** The ticket's compensations, oldest first, for anyone who may read the ticket. */
    public List<Compensation> compensations(Actor actor, TicketId ticket) {
        return read(actor, ticket, Permission.TICKET_READ, OptionalLong.empty()).all().values().stream()
                .map(Draft::build).toList();
    }

    /**
     * One compensation of the ticket.
     *
     * @throws TicketValidationException if the ticket has no such compensation
     */
    public Compensation get(Actor actor, TicketId ticket, String compensationId) {
        Objects.requireNonNull(compensationId, "compensationId");
        return found(read(actor, ticket, Permission.TICKET_READ, OptionalLong.empty()).all(), ticket, compensationId)
                .build();
    }

    // ---- request -------------------------------------------------------------------------------------------

    /**
     * Requests a compensation for the ticket's requester: granted at once (paid through the gateway, then
     * {@link CompensationState#GRANTED}) if it is within the actor's role limit and what is left of their daily
     * budget, else left {@link CompensationState#PENDING_APPROVAL}.
     *
     * @param amount money in the shop's currency for coupons and partial refunds, points for points; more than zero
     * @param reason why, 1 to 500 characters (recorded on the ticket, passed to the gateway)
     * @return the compensation: GRANTED or PENDING_APPROVAL
     * @throws TicketValidationException    if the amount is zero, of the wrong unit for the kind, or in another
     *                                      currency, or the reason is blank or too long (nothing written)
     * @throws CompensationLimitException   if it would take the customer above their cap (nothing written)
     * @throws CompensationFailedException  if the payment failed: the compensation is recorded APPROVED; {@link #pay}
     *                                      retries it with the same key
     * @throws dev.ticketkit.core.PermissionDeniedException if the actor lacks {@link #REQUEST} (or {@link #REFUND}
     *                                      for a partial refund) on the ticket
     * @throws dev.ticketkit.core.TicketNotFoundException  if the ticket is not in the actor's tenant
     * @throws IllegalStateException        if the tenant has no {@link CompensationLimits}
     */
    public Compensation request(Actor actor, TicketId ticket, CompensationKind kind, CompensationAmount amount,
                                String reason) {
        return request(actor, ticket, kind, amount, reason, OptionalLong.empty());
    }

    /**
     * {@link #request(Actor, TicketId, CompensationKind, CompensationAmount, String)} on the ticket as the actor saw
     * it at {@code ticketVersion}.
     *
     * @throws dev.ticketkit.core.TicketConflictException if the ticket changed since (nothing written)
     */
    public Compensation request(Actor actor, TicketId ticket, CompensationKind kind, CompensationAmount amount,
                                String reason, long ticketVersion) {
        return request(actor, ticket, kind, amount, reason, OptionalLong.of(ticketVersion));
    }

    private Compensation request(Actor actor, TicketId ticketId, CompensationKind kind, CompensationAmount amount,
                                 String reason, OptionalLong version) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(ticketId, "ticket");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        String why = text(reason, "reason");
        TenantId tenant = actor.tenantId();
        CompensationLimits l = limitsOf(tenant);
        checkAmount(kind, amount, l);
        Seen seen = read(actor, ticketId, REQUEST, version);
        requireKind(actor, kind, seen.ticket());
        Instant now = clock.instant();
        CustomerId customer = seen.ticket().requester();
        CompensationLedger.Bound cap = capBound(l, kind, now);
        if (cap != null) {
            CompensationAmount used = ledger.grantedTo(tenant, customer, amount.unit(), cap.from(), cap.to());
            if (used.plus(amount).greaterThan(cap.max())) {
                throw new CompensationLimitException("a compensation on ticket " + ticketId,
                        CompensationLimitException.Limit.CUSTOMER_CAP, amount, cap.max(), used, "nothing was written");
            }
        }
        CompensationAmount roleLimit = l.roleLimit(actor, kind);
        CompensationLedger.Bound budget = budgetBound(l.dailyBudget(actor, kind).orElse(null), l.zone(), now);
        CompensationState state = CompensationState.APPROVED;
        String note = "within the requester's limit of " + roleLimit;
        if (amount.greaterThan(roleLimit)) {
            state = CompensationState.PENDING_APPROVAL;
            note = "above the requester's limit of " + roleLimit;
        } else if (budget != null) {
            CompensationAmount used = ledger.grantedBy(tenant, actor.ref(), amount.unit(), budget.from(), budget.to());
            if (used.plus(amount).greaterThan(budget.max())) {
                state = CompensationState.PENDING_APPROVAL;
                note = "above what is left of the requester's daily budget of " + budget.max() + " (" + used
                        + " granted today)";
            }
        }
        Map<String, String> a = new HashMap<>();
        a.put("action", "request");
        a.put("kind", kind.name());
        a.put("amount", amount.value());
        a.put("unit", amount.unit());
        a.put("reason", why);
        a.put("state", state.name());
        a.put("note", note);
        if (state == CompensationState.APPROVED && budget != null) {
            a.put("budget", budget.max().value());
        }
        Moved m = command(actor, ticketId, REQUEST, version, ctx -> {
            requireKind(actor, kind, ctx.ticket());
            String id = "CP" + (replay(ctx.history()).size() + 1);
            Map<String, String> attributes = new HashMap<>(a);
            attributes.put("compensation", id);
            attributes.put("customer", ctx.ticket().requester().toString());
            attributes.put("key", key(tenant, ticketId, id));
            emit(ctx, attributes);
            return replay(ctx.history()).get(id);
        });
        if (m.draft().state != CompensationState.APPROVED) {
            return m.draft().build();
        }
        return settle(actor, ticketId, m.draft(), m.ticket(), l, false);
    }

    // ---- approve, reject, pay ------------------------------------------------------------------------------

    /**
     * Approves a compensation that waits for approval and pays it through the gateway. The approver is not its
     * requester, and their role limit, what is left of their daily budget and the customer's cap cover it. Approving
     * again what one approved oneself retries its payment with the same key (or returns it, once granted).
     *
     * @return the compensation, GRANTED
     * @throws CompensationTransitionException if it is not waiting for approval (names both states)
     * @throws dev.ticketkit.core.PermissionDeniedException if the approver requested it, or lacks {@link #APPROVE}
     *                                         (or {@link #REFUND} for a partial refund) on the ticket
     * @throws CompensationLimitException     if a limit does not cover it (nothing written, or, if the ledger
     *                                         refused it after approval, it is PENDING_APPROVAL again)
     * @throws CompensationFailedException    if the payment failed: it stays APPROVED; approve again or {@link #pay}
     * @throws TicketValidationException      if the ticket has no such compensation
     */
    public Compensation approve(Actor approver, TicketId ticket, String compensationId) {
        return approve(approver, ticket, compensationId, OptionalLong.empty());
    }

    /**
     * {@link #approve(Actor, TicketId, String)} on the ticket as the approver saw it at {@code ticketVersion}.
     *
     * @throws dev.ticketkit.core.TicketConflictException if the ticket changed since (nothing written, nothing paid)
     */
    public Compensation approve(Actor approver, TicketId ticket, String compensationId, long ticketVersion) {
        return approve(approver, ticket, compensationId, OptionalLong.of(ticketVersion));
    }

    private Compensation approve(Actor actor, TicketId ticketId, String id, OptionalLong version) {
        Objects.requireNonNull(actor, "approver");
        Objects.requireNonNull(ticketId, "ticket");
        Objects.requireNonNull(id, "compensationId");
        TenantId tenant = actor.tenantId();
        CompensationLimits l = limitsOf(tenant);
        Seen seen = read(actor, ticketId, APPROVE, version);
        Draft c = found(seen.all(), ticketId, id);
        requireKind(actor, c.kind, seen.ticket());
        if (approvedAlreadyBy(actor, c)) {
            // this approver's own approval again: a retry after a failed payment, or a second click
            return c.state == CompensationState.GRANTED ? c.build() : settle(actor, ticketId, c, seen.ticket(), l, true);
        }
        checkApproval(actor, c, ticketId);
        String subject = "compensation " + id + " on ticket " + ticketId;
        CompensationAmount limit = l.roleLimit(actor, c.kind);
        if (c.amount.greaterThan(limit)) {
            throw new CompensationLimitException(subject, CompensationLimitException.Limit.ROLE_LIMIT, c.amount, limit,
                    CompensationAmount.zero(c.amount.unit()), "nothing was written");
        }
        Instant now = clock.instant();
        CompensationLedger.Bound budget = budgetBound(l.dailyBudget(actor, c.kind).orElse(null), l.zone(), now);
        if (budget != null) {
            CompensationAmount used = ledger.grantedBy(tenant, actor.ref(), c.amount.unit(), budget.from(), budget.to());
            if (used.plus(c.amount).greaterThan(budget.max())) {
                throw new CompensationLimitException(subject, CompensationLimitException.Limit.DAILY_BUDGET, c.amount,
                        budget.max(), used, "nothing was written");
            }
        }
        CompensationLedger.Bound cap = capBound(l, c.kind, now);
        if (cap != null) {
            CompensationAmount used = ledger.grantedTo(tenant, c.customer, c.amount.unit(), cap.from(), cap.to());
            if (used.plus(c.amount).greaterThan(cap.max())) {
                throw new CompensationLimitException(subject, CompensationLimitException.Limit.CUSTOMER_CAP, c.amount,
                        cap.max(), used, "nothing was written");
            }
        }
        Moved m = command(actor, ticketId, APPROVE, version, ctx -> {
            Draft now2 = found(replay(ctx.history()), ticketId, id);
            requireKind(actor, now2.kind, ctx.ticket());
            if (approvedAlreadyBy(actor, now2)) {
                return now2; // the same approval submitted twice at once: both pay with the one key
            }
            checkApproval(actor, now2, ticketId);
            Map<String, String> a = new HashMap<>();
            a.put("compensation", id);
            a.put("action", "approve");
            a.put("state", CompensationState.APPROVED.name());
            a.put("note", "within the approver's limit of " + limit);
            if (budget != null) {
                a.put("budget", budget.max().value());
            }
            emit(ctx, a);
            return replay(ctx.history()).get(id);
        });
        return m.draft().state == CompensationState.GRANTED ? m.draft().build()
                : settle(actor, ticketId, m.draft(), m.ticket(), l, true);
    }

    /** Whether the actor approved it (and did not request it): approving again retries or returns that approval. */
    private static boolean approvedAlreadyBy(Actor actor, Draft c) {
        return actor.ref().equals(c.approvedBy) && !actor.ref().equals(c.requestedBy)
                && (c.state == CompensationState.APPROVED || c.state == CompensationState.GRANTED);
    }

    private static void checkApproval(Actor actor, Draft c, TicketId ticketId) {
        if (c.state != CompensationState.PENDING_APPROVAL) {
            throw new CompensationTransitionException(c.id, c.state, CompensationState.APPROVED);
        }
        if (c.requestedBy.equals(actor.ref())) {
            throw new PermissionDeniedException(actor.ref(), APPROVE, "compensation " + c.id + " on ticket " + ticketId
                    + ", which it requested itself");
        }
    }

    /**
     * Refuses a compensation that waits for approval, with the reason (recorded on the ticket). Any holder of
     * {@link #APPROVE} may, the requester too (withdrawing it); no limit applies.
     *
     * @throws CompensationTransitionException if it is not waiting for approval (names both states)
     * @throws TicketValidationException      if the reason is blank or too long, or there is no such compensation
     */
    public Compensation reject(Actor approver, TicketId ticket, String compensationId, String reason) {
        return reject(approver, ticket, compensationId, reason, OptionalLong.empty());
    }

    /**
     * {@link #reject(Actor, TicketId, String, String)} on the ticket as the approver saw it at {@code ticketVersion}.
     *
     * @throws dev.ticketkit.core.TicketConflictException if the ticket changed since (nothing written)
     */
    public Compensation reject(Actor approver, TicketId ticket, String compensationId, String reason, long ticketVersion) {
        return reject(approver, ticket, compensationId, reason, OptionalLong.of(ticketVersion));
    }

    private Compensation reject(Actor actor, TicketId ticketId, String id, String reason, OptionalLong version) {
        Objects.requireNonNull(actor, "approver");
        Objects.requireNonNull(ticketId, "ticket");
        Objects.requireNonNull(id, "compensationId");
        String why = text(reason, "reason");
        return command(actor, ticketId, APPROVE, version, ctx -> {
            Draft c = found(replay(ctx.history()), ticketId, id);
            requireKind(actor, c.kind, ctx.ticket());
            if (c.state != CompensationState.PENDING_APPROVAL) {
                throw new CompensationTransitionException(id, c.state, CompensationState.REJECTED);
            }
            emit(ctx, Map.of("compensation", id, "action", "reject", "state", CompensationState.REJECTED.name(),
                    "note", why));
            return replay(ctx.history()).get(id);
        }).draft().build();
    }

    /**
     * Pays an approved compensation whose payment failed or was interrupted, with its own key: the gateway gives
     * once however often this is called. Needs {@link #REQUEST} for a compensation granted within its requester's
     * limit, {@link #APPROVE} for one an approver approved. A granted one is returned as it is.
     *
     * @return the compensation, GRANTED
     * @throws CompensationTransitionException if it is waiting for approval or was rejected
     * @throws CompensationFailedException     if the payment failed again (it stays APPROVED)
     * @throws CompensationLimitException      if the ledger refused it (it is PENDING_APPROVAL again)
     */
    public Compensation pay(Actor actor, TicketId ticket, String compensationId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(compensationId, "compensationId");
        CompensationLimits l = limitsOf(actor.tenantId());
        Seen seen = read(actor, ticket, Permission.TICKET_READ, OptionalLong.empty());
        Draft c = found(seen.all(), ticket, compensationId);
        boolean ownAuthority = c.approvedBy == null || c.approvedBy.equals(c.requestedBy);
        Authorization.require(actor, ownAuthority ? REQUEST : APPROVE, seen.ticket());
        requireKind(actor, c.kind, seen.ticket());
        if (c.state == CompensationState.GRANTED) {
            return c.build();
        }
        if (c.state != CompensationState.APPROVED) {
            throw new CompensationTransitionException(compensationId, c.state, CompensationState.GRANTED);
        }
        return settle(actor, ticket, c, seen.ticket(), l, true);
    }

    // ---- paying: ledger, gateway, record -------------------------------------------------------------------

    /**
     * Pays an APPROVED compensation: records it in the ledger (budget and cap checked there, by its key), gives it
     * through the gateway (same key), records GRANTED. Outside any command.
     *
     * @param loud whether a ledger refusal throws (approve, pay) or returns the compensation, pending again (request)
     */
    private Compensation settle(Actor actor, TicketId ticketId, Draft c, Ticket ticket, CompensationLimits l,
                                boolean loud) {
        TenantId tenant = actor.tenantId();
        Instant now = clock.instant();
        CompensationLedger.Bound budget = budgetBound(c.budget, l.zone(), now);
        CompensationLedger.Bound cap = capBound(l, c.kind, now);
        CompensationLedger.Outcome outcome;
        try {
            outcome = ledger.record(new CompensationLedger.Entry(c.key, tenant, ticketId, c.approvedBy, c.customer,
                    c.amount, now), budget, cap);
        } catch (RuntimeException e) {
            throw new CompensationFailedException(c.id, c.key, "the ledger", e);
        }
        Objects.requireNonNull(outcome, "the ledger's outcome");
        if (!outcome.recorded()) {
            return refused(actor, ticketId, c, outcome, outcome == CompensationLedger.Outcome.OVER_BUDGET ? budget : cap,
                    loud);
        }
        CompensationReceipt receipt;
        try {
            receipt = gateway.grant(new CompensationGrant(c.key, tenant, ticketId, c.id, c.customer, c.kind, c.amount,
                    ticket.orders(), c.reason));
        } catch (Exception e) {
            throw new CompensationFailedException(c.id, c.key, "the gateway", e);
        }
        Objects.requireNonNull(receipt, "the gateway's receipt");
        // Recorded whatever the ticket says now: the gateway gave under this key, and that is a fact to keep. Under a
        // permission every actor on the ticket has, since the decision was checked before paying.
        return command(actor, ticketId, Permission.TICKET_READ, OptionalLong.empty(), ctx -> {
            Draft now2 = found(replay(ctx.history()), ticketId, c.id);
            if (now2.state == CompensationState.GRANTED) {
                return now2; // recorded already, by a retry or a racing call: given once, recorded once
            }
            Map<String, String> a = new HashMap<>();
            a.put("compensation", c.id);
            a.put("action", "grant");
            a.put("state", CompensationState.GRANTED.name());
            a.put("key", c.key);
            a.put("receipt", receipt.id());
            a.put("note", "receipt " + receipt.id()
                    + (now2.state == CompensationState.APPROVED ? "" : " (given while " + now2.state + ")"));
            emit(ctx, a);
            return replay(ctx.history()).get(c.id);
        }).draft().build();
    }

    /** The ledger refused an approved compensation: it waits for approval again. */
    private Compensation refused(Actor actor, TicketId ticketId, Draft c, CompensationLedger.Outcome outcome,
                                 CompensationLedger.Bound bound, boolean loud) {
        boolean overBudget = outcome == CompensationLedger.Outcome.OVER_BUDGET;
        CompensationAmount used = overBudget
                ? ledger.grantedBy(actor.tenantId(), c.approvedBy, c.amount.unit(), bound.from(), bound.to())
                : ledger.grantedTo(actor.tenantId(), c.customer, c.amount.unit(), bound.from(), bound.to());
        String why = (overBudget ? "the daily budget of " : "the customer's cap of ") + bound.max() + " (" + used
                + " used) does not cover it";
        Draft back = command(actor, ticketId, Permission.TICKET_READ, OptionalLong.empty(), ctx -> {
            Draft now = found(replay(ctx.history()), ticketId, c.id);
            if (now.state != CompensationState.APPROVED) {
                return now;
            }
            emit(ctx, Map.of("compensation", c.id, "action", "return", "state",
                    CompensationState.PENDING_APPROVAL.name(), "note", why));
            return replay(ctx.history()).get(c.id);
        }).draft();
        if (!loud && back.state == CompensationState.PENDING_APPROVAL) {
            return back.build();
        }
        throw new CompensationLimitException("compensation " + c.id + " on ticket " + ticketId,
                overBudget ? CompensationLimitException.Limit.DAILY_BUDGET : CompensationLimitException.Limit.CUSTOMER_CAP,
                c.amount, bound.max(), used, "it is " + back.state + " now");
    }

    // ---- checks and windows --------------------------------------------------------------------------------

    private CompensationLimits limitsOf(TenantId tenant) {
        return Objects.requireNonNull(limits.limits(tenant), "the limits source's answer").orElseThrow(() ->
                new IllegalStateException("no compensation limits for tenant " + tenant.value()
                        + ": give them with the CompensationLimitsSource"));
    }

    private static void checkAmount(CompensationKind kind, CompensationAmount amount, CompensationLimits l) {
        if (kind.inPoints() && !(amount instanceof CompensationAmount.Points)) {
            throw new TicketValidationException("amount", kind + " is given in points, not " + amount.unit());
        }
        if (!kind.inPoints() && amount instanceof CompensationAmount.Points) {
            throw new TicketValidationException("amount", kind + " is given in money, not points");
        }
        if (!kind.inPoints() && !amount.unit().equals(l.currency().getCurrencyCode())) {
            throw new TicketValidationException("amount", "the shop compensates in " + l.currency().getCurrencyCode()
                    + ", not " + amount.unit());
        }
        if (amount.isZero()) {
            throw new TicketValidationException("amount", "a compensation is more than zero");
        }
    }

    /** A partial refund is the finance team's: it also needs {@code refund.execute} on the ticket. */
    private static void requireKind(Actor actor, CompensationKind kind, Ticket ticket) {
        if (kind == CompensationKind.PARTIAL_REFUND) {
            Authorization.require(actor, REFUND, ticket);
        }
    }

    /** Today in the zone, as a ledger window; null without a budget. */
    private static CompensationLedger.Bound budgetBound(CompensationAmount max, ZoneId zone, Instant now) {
        if (max == null) {
            return null;
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        return new CompensationLedger.Bound(max, today.atStartOfDay(zone).toInstant(),
                today.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** Today and the cap's days before it, in the zone; null without a cap. */
    private static CompensationLedger.Bound capBound(CompensationLimits l, CompensationKind kind, Instant now) {
        CompensationAmount max = l.customerCap(kind).orElse(null);
        if (max == null) {
            return null;
        }
        LocalDate today = LocalDate.ofInstant(now, l.zone());
        return new CompensationLedger.Bound(max, today.minusDays(l.customerCapDays() - 1L).atStartOfDay(l.zone())
                .toInstant(), today.plusDays(1).atStartOfDay(l.zone()).toInstant());
    }

    private static String key(TenantId tenant, TicketId ticket, String id) {
        return tenant.value() + "/" + ticket + "/" + id;
    }

    private static String text(String value, String what) {
        Objects.requireNonNull(value, what);
        String v = value.strip();
        if (v.isEmpty() || v.length() > MAX_TEXT) {
            throw new TicketValidationException(what, "must be 1 to " + MAX_TEXT + " characters");
        }
        return v;
    }

    // ---- commands and replay -------------------------------------------------------------------------------

    private record Seen(Ticket ticket, Map<String, Draft> all) {
    }

    private record Moved(Ticket ticket, Draft draft) {
    }

    /** The ticket and its compensations, read with the ticket locked by a command that writes nothing. */
    private Seen read(Actor actor, TicketId ticket, Permission needed, OptionalLong version) {
        AtomicReference<Seen> seen = new AtomicReference<>();
        run(actor, ticket, needed, version, ctx -> seen.set(new Seen(ctx.ticket(), replay(ctx.history()))));
        return seen.get();
    }

    /** A command whose change returns the compensation it moved. */
    private Moved command(Actor actor, TicketId ticket, Permission needed, OptionalLong version,
                          Function<HookContext, Draft> change) {
        AtomicReference<Draft> moved = new AtomicReference<>();
        Ticket after = run(actor, ticket, needed, version, ctx -> moved.set(change.apply(ctx)));
        return new Moved(after, moved.get());
    }

    private Ticket run(Actor actor, TicketId ticket, Permission needed, OptionalLong version,
                       Consumer<HookContext> change) {
        return version.isPresent()
                ? engine.tickets().command(actor, ticket, needed, version.getAsLong(), change)
                : engine.tickets().command(actor, ticket, needed, change);
    }

    private static Draft found(Map<String, Draft> all, TicketId ticket, String id) {
        Draft d = all.get(id);
        if (d == null) {
            throw new TicketValidationException("compensation", "no compensation " + id + " on ticket " + ticket);
        }
        return d;
    }

    private static void emit(HookContext ctx, Map<String, String> attributes) {
        ctx.emit(meta -> new TicketEvent.ExtensionEvent(meta, EVENT, attributes));
    }

    /** The compensations the events describe, by id, in the order they were requested. */
    static Map<String, Draft> replay(List<TicketEvent> events) {
        Map<String, Draft> all = new LinkedHashMap<>();
        for (TicketEvent e : events) {
            if (!(e instanceof TicketEvent.ExtensionEvent x) || !EVENT.equals(x.name())) {
                continue;
            }
            Map<String, String> a = x.attributes();
            String id = a.get("compensation");
            String action = a.get("action");
            ActorRef by = e.meta().actor();
            if ("request".equals(action)) {
                all.put(id, new Draft(id, CompensationKind.valueOf(a.get("kind")),
                        CompensationAmount.parse(a.get("amount"), a.get("unit")), a.get("reason"),
                        CustomerId.parse(a.get("customer")), by, a.get("key")));
            }
            Draft d = all.get(id);
            if (d == null) {
                continue; // a step of a compensation this trail does not request: ignored
            }
            CompensationState to = CompensationState.valueOf(a.get("state"));
            if (to == CompensationState.APPROVED) {
                d.approvedBy = by;
                d.budget = a.containsKey("budget") ? CompensationAmount.parse(a.get("budget"), d.amount.unit()) : null;
            } else if (to == CompensationState.PENDING_APPROVAL) {
                d.approvedBy = null;
                d.budget = null;
            } else if (to == CompensationState.GRANTED) {
                d.receipt = a.get("receipt");
            }
            d.state = to;
            d.steps.add(new CompensationStep(e.meta().occurredAt(), by, to, a.getOrDefault("note", ""),
                    e.meta().ticketVersion()));
        }
        return all;
    }

    /** A compensation being replayed. */
    static final class Draft {
        final String id;
        final CompensationKind kind;
        final CompensationAmount amount;
        final String reason;
        final CustomerId customer;
        final ActorRef requestedBy;
        final String key;
        CompensationState state = CompensationState.PENDING_APPROVAL;
        ActorRef approvedBy;
        /** The grantor's daily budget when it was approved, or null: what the ledger checks it against. */
        CompensationAmount budget;
        String receipt;
        final List<CompensationStep> steps = new ArrayList<>();

        Draft(String id, CompensationKind kind, CompensationAmount amount, String reason, CustomerId customer,
              ActorRef requestedBy, String key) {
            this.id = id;
            this.kind = kind;
            this.amount = amount;
            this.reason = reason;
            this.customer = customer;
            this.requestedBy = requestedBy;
            this.key = key;
        }

        Compensation build() {
            return new Compensation(id, kind, state, amount, reason, customer, requestedBy, approvedBy, key, receipt,
                    steps);
        }
    }
}
