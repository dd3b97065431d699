package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.commerce.Money;
import dev.ticketkit.commerce.context.Fetched;
import dev.ticketkit.commerce.context.Order;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.spi.HookContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * After-sales cases on tickets: a buyer's request for a refund, a return, an exchange or a reissue, moved through
 * {@link CaseState} by the people whose permission each step needs. Every move is one engine command on the
 * ticket ({@code Tickets.command}): an extension event {@value #EVENT} in the ticket's audit trail, committed with
 * whatever the installed hooks do (rules see {@code ext.commerce.case}), or nothing at all if the move is refused.
 * A case's state is what its events say, so it is stored with the ticket on every store, and two nodes moving the
 * same case are ordered by the ticket's version: the second sees the first's move and is refused by the state
 * machine, or gets a {@code TicketConflictException} when it named the version it saw.
 *
 * <pre>{@code
 * AfterSales cases = commerce.afterSales();
 * AfterSalesCase c = cases.open(agent, ticketId, CaseType.RETURN_AND_REFUND, orderRef, Money.of("199", "CNY"));
 * cases.approve(lead, ticketId, c.id());               // not by the agent who opened it
 * cases.returnShipped(agent, ticketId, c.id(), "SF1234567890123");
 * cases.receive(warehouse, ticketId, c.id(), Inspection.AS_EXPECTED);
 * cases.refunded(finance, ticketId, c.id(), Money.of("199", "CNY"));
 * cases.complete(agent, ticketId, c.id());
 * }</pre>
 *
 * <p>Permissions (grant them with roles: {@code Role.AGENT.with("after-sales-lead", AfterSales.DECIDE)}):
 * {@link #REQUEST} to open a case, record the buyer's return parcel, cancel and complete; {@link #DECIDE} to approve,
 * reject and send to arbitration; {@link #WAREHOUSE} to receive and reship; {@link #REFUND} to record a refund. Each
 * also needs the right to read the ticket. Amounts never exceed what the order's buyer paid, less what the ticket's
 * other live cases of that order claim; the order is read from the order source before the command, never inside it.
 */
public final class AfterSales {
    /** The extension event every move records. */
    public static final String EVENT = "commerce.case";
    /** Open a case, record the return parcel, cancel, complete. */
    public static final Permission REQUEST = Permission.of("aftersales.request");
    /** Approve, reject, send to arbitration. */
    public static final Permission DECIDE = Permission.of("aftersales.decide");
    /** Receive returned goods, reship. */
    public static final Permission WAREHOUSE = Permission.of("aftersales.warehouse");
    /** Record a refund. */
    public static final Permission REFUND = Permission.of("refund.execute");
    /** The due-work type of case deadlines ({@link AfterSalesDeadlines}). */
    public static final String DEADLINE_WORK = "commerce.aftersales.deadline";
    /** The tag an escalated deadline puts on the ticket. */
    public static final String OVERDUE_TAG = "aftersales-overdue";

    private final TicketEngine engine;
    private final CaseSettings settings;

    /** The cases of an engine, with what the hosting module gives them ({@code commerce.afterSales()} does this). */
    public AfterSales(TicketEngine engine, CaseSettings settings) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The ticket's cases, oldest first, for anyone who may read the ticket (no audit permission needed: warehouse
     * and finance staff see the cases they work on). Read in a command that changes nothing.
     */
    public List<AfterSalesCase> cases(Actor actor, TicketId ticket) {
        return List.copyOf(read(actor, ticket, Permission.TICKET_READ).values());
    }

    /** One case of the ticket. */
    public AfterSalesCase get(Actor actor, TicketId ticket, String caseId) {
        return found(read(actor, ticket, Permission.TICKET_READ), ticket, caseId);
    }

    /** The cases, read with the ticket locked by a command that writes nothing (the actor needs {@code needed}). */
    private Map<String, AfterSalesCase> read(Actor actor, TicketId ticket, Permission needed) {
        AtomicReference<Map<String, AfterSalesCase>> cases = new AtomicReference<>();
        engine.tickets().command(actor, ticket, needed, ctx -> cases.set(replay(ctx.history())));
        return cases.get();
    }

    private static AfterSalesCase found(Map<String, AfterSalesCase> cases, TicketId ticket, String caseId) {
        AfterSalesCase c = cases.get(Objects.requireNonNull(caseId, "caseId"));
        if (c == null) {
            throw new TicketValidationException("case", "no case " + caseId + " on ticket " + ticket);
        }
        return c;
    }

    /**
     * Opens a case on a ticket about one of the orders it references.
     *
     * @param amount the money asked back: more than zero for the refund types, zero for an exchange or a reissue
     * @throws TicketValidationException if the ticket does not reference the order, the order cannot be read, or the
     *                                   amount is wrong or more than the order has left to refund
     */
    public AfterSalesCase open(Actor actor, TicketId ticket, CaseType type, OrderRef order, Money amount) {
        return open(actor, ticket, type, order, amount, null, false);
    }

    /**
     * Opens a return or an exchange as the shop's return policy ({@code Commerce.returnPolicy(tenant)}) decides, for
     * every item of the order (its category, when the buyer signed for it, the requester's tier, the engine's now).
     * Allowed, the case is REQUESTED and remembers the clause that allowed it; refused, it is opened and REJECTED in
     * the same command, with the clause and its explanation as the reason (so the refusal is on the record and the
     * buyer can be told why). Either way {@link AfterSalesCase#policy()} holds the decision.
     *
     * @param reason     no reason, or a quality problem
     * @param itemOpened whether the buyer opened, unsealed or activated the item (some categories then lose the
     *                   no-reason return)
     * @throws TicketValidationException as {@link #open(Actor, TicketId, CaseType, OrderRef, Money)}, and for a
     *                                   type no return policy decides (refund only, reissue)
     */
    public AfterSalesCase open(Actor actor, TicketId ticket, CaseType type, OrderRef order, Money amount,
                               dev.ticketkit.commerce.returns.ReturnReason reason, boolean itemOpened) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(amount, "amount");
        boolean refunds = type == CaseType.REFUND_ONLY || type == CaseType.RETURN_AND_REFUND;
        if (refunds && amount.isZero()) {
            throw new TicketValidationException("amount", "a refund case asks for more than zero");
        }
        if (!refunds && !amount.isZero()) {
            throw new TicketValidationException("amount", "an " + type + " case asks for no money");
        }
        dev.ticketkit.commerce.returns.Remedy remedy = null;
        if (reason != null) {
            remedy = switch (type) {
                case RETURN_AND_REFUND -> dev.ticketkit.commerce.returns.Remedy.RETURN;
                case EXCHANGE -> dev.ticketkit.commerce.returns.Remedy.EXCHANGE;
                default -> throw new TicketValidationException("type", "no return policy decides a " + type + " case");
            };
        }
        dev.ticketkit.commerce.returns.Remedy wanted = remedy;
        // the order is read before the command (its amount, its items' categories, when it was signed for)
        Fetched<Order> fetched = refunds || reason != null ? settings.order(actor.tenantId(), order) : null;
        AtomicReference<AfterSalesCase> opened = new AtomicReference<>();
        engine.tickets().command(actor, ticket, REQUEST, ctx -> {
            if (!ctx.ticket().orders().contains(order)) {
                throw new TicketValidationException("order", "the ticket does not reference " + order.platform()
                        + " order " + order.orderId());
            }
            Map<String, AfterSalesCase> cases = replay(ctx.history());
            if (refunds) {
                Order o = fetched.value().orElseThrow(() -> new TicketValidationException("order",
                        fetched.freshness() == dev.ticketkit.commerce.context.Freshness.UNAVAILABLE
                                ? "cannot be read to check the amount (" + fetched.problem() + "); try again"
                                : "the order source has no such order"));
                Money claimed = Money.zero(o.paid().currency());
                for (AfterSalesCase c : cases.values()) {
                    if (c.order().equals(order) && c.state() != CaseState.CANCELLED && c.state() != CaseState.REJECTED) {
                        claimed = claimed.plus(c.requested());
                    }
                }
                if (!amount.currency().equals(o.paid().currency())) {
                    throw new TicketValidationException("amount", "the order was paid in " + o.paid().currency());
                }
                Money left = claimed.greaterThan(o.paid()) ? Money.zero(o.paid().currency()) : o.paid().minus(claimed);
                if (amount.greaterThan(left)) {
                    throw new TicketValidationException("amount", amount + " is more than the " + left + " left of the "
                            + o.paid() + " paid");
                }
            }
            String id = "C" + (cases.size() + 1);
            dev.ticketkit.commerce.returns.ReturnDecision decision = null;
            if (reason != null) {
                Order o = fetched.value().orElseThrow(() -> new TicketValidationException("order",
                        fetched.freshness() == dev.ticketkit.commerce.context.Freshness.UNAVAILABLE
                                ? "cannot be read for the return policy (" + fetched.problem() + "); try again"
                                : "the order source has no such order"));
                dev.ticketkit.commerce.returns.ReturnPolicy policy = settings.returnPolicy(actor.tenantId());
                dev.ticketkit.core.MemberTier tier = ctx.requester() == null ? null : ctx.requester().tier();
                for (dev.ticketkit.commerce.context.OrderItem item : o.items()) {
                    dev.ticketkit.commerce.returns.ReturnDecision d = policy.decide(new dev.ticketkit.commerce.returns.ReturnRequest(
                            reason, wanted, item.category(), itemOpened, o.signedAt(), ctx.now(), tier));
                    if (decision == null || decision.allowed() && !d.allowed()) {
                        decision = d; // the first refusal, else the first item's allowance
                    }
                }
            }
            Map<String, String> a = new HashMap<>();
            a.put("case", id);
            a.put("action", "open");
            a.put("type", type.name());
            a.put("state", CaseState.REQUESTED.name());
            a.put("platform", order.platform());
            a.put("order", order.orderId());
            a.put("amount", amount.amount().toPlainString());
            a.put("currency", amount.currency().getCurrencyCode());
            if (decision != null) {
                a.put("policy.allowed", String.valueOf(decision.allowed()));
                a.put("policy.clause", decision.clause());
                a.put("policy.explanation", decision.explanation());
                a.put("policy.shipping", decision.returnShippingPaidBy().name());
                if (decision.deadline() != null) {
                    a.put("policy.deadline", decision.deadline().toString());
                }
            }
            emit(ctx, a);
            if (decision != null && !decision.allowed()) {
                Map<String, String> r = new HashMap<>();
                r.put("case", id);
                r.put("action", "move");
                r.put("state", CaseState.REJECTED.name());
                r.put("note", "policy " + decision.clause() + ": " + decision.explanation());
                emit(ctx, r);
            } else {
                ctx.schedule(deadline(ctx, id, DECIDE_DEADLINE, settings.deadlines().decideWithin()));
            }
            opened.set(replay(ctx.history()).get(id));
        });
        return opened.get();
    }

    /** The shop agrees (not by whoever opened the case). */
    public AfterSalesCase approve(Actor actor, TicketId ticket, String caseId) {
        return move(actor, ticket, caseId, CaseState.APPROVED, DECIDE, OptionalLong.empty(), Map.of());
    }

    /** The shop agrees, to the ticket as the actor saw it at {@code ticketVersion} (a conflict otherwise). */
    public AfterSalesCase approve(Actor actor, TicketId ticket, String caseId, long ticketVersion) {
        return move(actor, ticket, caseId, CaseState.APPROVED, DECIDE, OptionalLong.of(ticketVersion), Map.of());
    }

    /** The shop refuses, with the reason the buyer is told. */
    public AfterSalesCase reject(Actor actor, TicketId ticket, String caseId, String reason) {
        return move(actor, ticket, caseId, CaseState.REJECTED, DECIDE, OptionalLong.empty(), Map.of("note", text(reason, "reason")));
    }

    /** The buyer shipped the goods back under a waybill. */
    public AfterSalesCase returnShipped(Actor actor, TicketId ticket, String caseId, String waybill) {
        return move(actor, ticket, caseId, CaseState.RETURN_SHIPPED, REQUEST, OptionalLong.empty(),
                Map.of("waybill", text(waybill, "waybill")));
    }

    /** The warehouse received the returned goods and says what it found. */
    public AfterSalesCase receive(Actor actor, TicketId ticket, String caseId, Inspection inspection) {
        Objects.requireNonNull(inspection, "inspection");
        return move(actor, ticket, caseId, CaseState.RECEIVED, WAREHOUSE, OptionalLong.empty(),
                Map.of("inspection", inspection.name()));
    }

    /**
     * Money went back (through the host's payment system): at most what the case still has to refund.
     *
     * @throws TicketValidationException if the amount is zero, in another currency, or more than is refundable
     */
    public AfterSalesCase refunded(Actor actor, TicketId ticket, String caseId, Money amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isZero()) {
            throw new TicketValidationException("amount", "a refund is more than zero");
        }
        return move(actor, ticket, caseId, CaseState.REFUNDED, REFUND, OptionalLong.empty(),
                Map.of("refund", amount.amount().toPlainString(), "currency", amount.currency().getCurrencyCode()));
    }

    /**
     * Pays money back through the host's {@link RefundGateway} and records it: the case and amount are checked, the
     * gateway is called outside any command with the key this refund owns, then the refund is recorded. A retry
     * after a failure, or a second call racing this one, uses the same key, so the gateway pays once and the refund
     * is recorded once.
     *
     * @throws IllegalStateException      if no gateway was given ({@code Commerce.Builder.refunds})
     * @throws RefundFailedException      if the gateway failed (nothing recorded; retry)
     * @throws TicketValidationException  if the amount is zero, in another currency, or more than is refundable
     * @throws CaseTransitionException    if the case cannot be refunded in its state
     */
    public AfterSalesCase refund(Actor actor, TicketId ticket, String caseId, Money amount) {
        Objects.requireNonNull(amount, "amount");
        RefundGateway gateway = settings.refundGateway().orElseThrow(() -> new IllegalStateException(
                "no RefundGateway: give one with Commerce.Builder.refunds"));
        if (amount.isZero()) {
            throw new TicketValidationException("amount", "a refund is more than zero");
        }
        AfterSalesCase c = found(read(actor, ticket, REFUND), ticket, caseId);
        if (!c.state().allowed(c.type()).contains(CaseState.REFUNDED)) {
            throw new CaseTransitionException(caseId, c.type(), c.state(), CaseState.REFUNDED);
        }
        checkRefund(c, amount);
        long refunds = c.steps().stream().filter(st -> st.state() == CaseState.REFUNDED).count();
        String key = actor.tenantId().value() + "/" + ticket + "/" + caseId + "/refund-" + (refunds + 1);
        RefundReceipt receipt;
        try {
            receipt = gateway.refund(actor.tenantId(), c.order(), amount, key);
        } catch (Exception e) {
            throw new RefundFailedException(caseId, key, e);
        }
        Objects.requireNonNull(receipt, "the gateway's receipt");
        return move(actor, ticket, caseId, CaseState.REFUNDED, REFUND, OptionalLong.empty(), Map.of(
                "refund", receipt.amount().amount().toPlainString(), "currency", receipt.amount().currency().getCurrencyCode(),
                "key", key, "receipt", receipt.refundId()));
    }

    private static void checkRefund(AfterSalesCase c, Money amount) {
        if (!amount.currency().equals(c.refundable().currency())) {
            throw new TicketValidationException("amount", "the case is in " + c.refundable().currency());
        }
        if (amount.greaterThan(c.refundable())) {
            throw new TicketValidationException("amount", amount + " is more than the " + c.refundable()
                    + " the case has left to refund");
        }
    }

    /** A replacement or a second parcel left under a waybill. */
    public AfterSalesCase reship(Actor actor, TicketId ticket, String caseId, String waybill) {
        return move(actor, ticket, caseId, CaseState.RESHIPPED, WAREHOUSE, OptionalLong.empty(),
                Map.of("waybill", text(waybill, "waybill")));
    }

    /** The buyer took the case to the platform. */
    public AfterSalesCase arbitrate(Actor actor, TicketId ticket, String caseId) {
        return move(actor, ticket, caseId, CaseState.IN_ARBITRATION, DECIDE, OptionalLong.empty(), Map.of());
    }

    /** The case is finished. */
    public AfterSalesCase complete(Actor actor, TicketId ticket, String caseId) {
        return move(actor, ticket, caseId, CaseState.DONE, REQUEST, OptionalLong.empty(), Map.of());
    }

    /** The buyer withdrew the case. */
    public AfterSalesCase cancel(Actor actor, TicketId ticket, String caseId) {
        return move(actor, ticket, caseId, CaseState.CANCELLED, REQUEST, OptionalLong.empty(), Map.of());
    }

    private static String text(String value, String what) {
        Objects.requireNonNull(value, what);
        String v = value.strip();
        if (v.isEmpty() || v.length() > 500) {
            throw new TicketValidationException(what, "must be 1 to 500 characters");
        }
        return v;
    }

    private AfterSalesCase move(Actor actor, TicketId ticket, String caseId, CaseState to, Permission needed,
                                OptionalLong version, Map<String, String> extra) {
        Objects.requireNonNull(caseId, "caseId");
        AtomicReference<AfterSalesCase> moved = new AtomicReference<>();
        java.util.function.Consumer<HookContext> change = ctx -> {
            AfterSalesCase c = found(replay(ctx.history()), ticket, caseId);
            if (to == CaseState.REFUNDED && extra.containsKey("key") && c.refundKeys().contains(extra.get("key"))) {
                moved.set(c); // recorded already, by a retry or a racing call: the gateway paid once, record once
                return;
            }
            if (!c.state().allowed(c.type()).contains(to)) {
                throw new CaseTransitionException(caseId, c.type(), c.state(), to);
            }
            if (needed.equals(DECIDE) && to == CaseState.APPROVED && c.requestedBy().equals(actor.ref())) {
                throw new PermissionDeniedException(actor.ref(), DECIDE, "case " + caseId + " it opened itself");
            }
            if (to == CaseState.REFUNDED) {
                checkRefund(c, Money.of(extra.get("refund"), extra.get("currency")));
            }
            Map<String, String> a = new HashMap<>(extra);
            a.put("case", caseId);
            a.put("action", "move");
            a.put("state", to.name());
            openTask(ctx, c, to, settings.teams().orElse(null), a);
            emit(ctx, a);
            keepDeadlines(ctx, caseId, c.state(), to, settings.deadlines());
            moved.set(replay(ctx.history()).get(caseId));
        };
        if (version.isPresent()) {
            engine.tickets().command(actor, ticket, needed, version.getAsLong(), change);
        } else {
            engine.tickets().command(actor, ticket, needed, change);
        }
        return moved.get();
    }

    /** The tag that marks a case's child task: {@code aftersales-task:<case>}. */
    public static final String TASK_TAG_PREFIX = "aftersales-task:";

    /**
     * Opens the child task a move hands to another team, recording its id on the move: the warehouse's when a return
     * or exchange is approved, finance's when a return is received.
     */
    private static void openTask(HookContext ctx, AfterSalesCase c, CaseState to, AfterSalesTeams teams,
                                 Map<String, String> move) {
        if (teams == null) {
            return;
        }
        boolean goodsComeBack = c.type() == CaseType.RETURN_AND_REFUND || c.type() == CaseType.EXCHANGE;
        dev.ticketkit.core.ChildTask task = null;
        if (to == CaseState.APPROVED && goodsComeBack) {
            task = dev.ticketkit.core.ChildTask.of(teams.warehouse(), "退货入库 " + c.id() + " / Receive the return of case "
                    + c.id(), "请收货验货后解决此任务；如有损坏或缺件，加标签 inspection:damaged 或 inspection:missing_parts。"
                    + " Case " + c.id() + " (" + c.type() + ", " + c.order().platform() + " order " + c.order().orderId()
                    + "): receive and inspect the returned goods, then solve this task; tag it inspection:damaged or"
                    + " inspection:missing_parts if that is what you find.");
        } else if (to == CaseState.RECEIVED && c.type() == CaseType.RETURN_AND_REFUND) {
            task = dev.ticketkit.core.ChildTask.of(teams.finance(), "退款 " + c.id() + " / Refund case " + c.id(),
                    "请退款 " + c.refundable() + "（记录退款后此任务自动解决）。 Case " + c.id() + ": refund "
                            + c.refundable() + " on " + c.order().platform() + " order " + c.order().orderId()
                            + " (recording the refund solves this task).");
        }
        if (task != null) {
            dev.ticketkit.core.Ticket child = ctx.createChildTask(task);
            move.put("task", child.id().toString());
        }
    }

    /**
     * After commands (the module's listener): a solved warehouse task moves its case to RECEIVED, and a case fully
     * refunded solves its finance task. Each runs as its own command by the system; a case that already moved on is
     * left alone.
     */
    public void afterCommit(List<TicketEvent> events) {
        for (TicketEvent e : events) {
            if (e instanceof TicketEvent.StatusChanged s && !s.to().isActive() && settings.teams().isPresent()) {
                taskFinished(e.meta().tenantId(), e.ticketId());
            } else if (e instanceof TicketEvent.ExtensionEvent x && EVENT.equals(x.name())
                    && CaseState.REFUNDED.name().equals(x.attributes().get("state"))) {
                refundRecorded(e.meta().tenantId(), e.ticketId(), x.attributes().get("case"));
            } else if (e instanceof TicketEvent.ExtensionEvent x && EVENT.equals(x.name())
                    && "true".equals(x.attributes().get("release")) && settings.refundGateway().isPresent()) {
                Actor system = Actor.system(e.meta().tenantId(), "commerce.aftersales");
                AfterSalesCase c = found(read(system, e.ticketId(), Permission.TICKET_READ), e.ticketId(),
                        x.attributes().get("case"));
                if (c.state() == CaseState.RECEIVED && !c.refundable().isZero()) {
                    refund(system, e.ticketId(), c.id(), c.refundable()); // a failure is logged; finance can retry
                }
            }
        }
    }

    private void taskFinished(dev.ticketkit.core.TenantId tenant, TicketId child) {
        Actor system = Actor.system(tenant, "commerce.aftersales");
        dev.ticketkit.core.Ticket task = engine.tickets().find(system, child).orElse(null);
        if (task == null || task.links().isEmpty()) {
            return;
        }
        for (dev.ticketkit.core.TicketLink link : task.links()) {
            if (link.type() != dev.ticketkit.core.LinkType.PARENT) {
                continue;
            }
            TicketId parent = link.ticketId();
            engine.tickets().command(system, parent, Permission.TICKET_READ, ctx -> {
                for (AfterSalesCase c : replay(ctx.history()).values()) {
                    if (child.toString().equals(taskOf(c, CaseState.APPROVED)) && c.state() == CaseState.RETURN_SHIPPED) {
                        Inspection found = task.tags().contains("inspection:damaged") ? Inspection.DAMAGED
                                : task.tags().contains("inspection:missing_parts") ? Inspection.MISSING_PARTS
                                : Inspection.AS_EXPECTED;
                        Map<String, String> a = new HashMap<>();
                        a.put("case", c.id());
                        a.put("action", "move");
                        a.put("state", CaseState.RECEIVED.name());
                        a.put("inspection", found.name());
                        openTask(ctx, c, CaseState.RECEIVED, settings.teams().orElse(null), a);
                        emit(ctx, a);
                        keepDeadlines(ctx, c.id(), c.state(), CaseState.RECEIVED, settings.deadlines());
                    }
                }
            });
        }
    }

    private void refundRecorded(dev.ticketkit.core.TenantId tenant, TicketId ticket, String caseId) {
        Actor system = Actor.system(tenant, "commerce.aftersales");
        AfterSalesCase c = found(read(system, ticket, Permission.TICKET_READ), ticket, caseId);
        String task = taskOf(c, CaseState.RECEIVED);
        if (task == null || !c.refundable().isZero()) {
            return;
        }
        TicketId taskId = TicketId.parse(task);
        engine.tickets().find(system, taskId).filter(t -> t.status().isActive())
                .ifPresent(t -> engine.tickets().changeStatus(system, taskId, dev.ticketkit.core.TicketStatus.SOLVED));
    }

    /** The child task the move into {@code state} opened, or null. */
    private static String taskOf(AfterSalesCase c, CaseState state) {
        for (CaseStep st : c.steps()) {
            if (st.state() == state && st.task() != null) {
                return st.task();
            }
        }
        return null;
    }

    private static final String DECIDE_DEADLINE = "decide";
    private static final String RECEIVE_DEADLINE = "receive";

    private static dev.ticketkit.core.spi.DueWork deadline(HookContext ctx, String caseId, String which,
                                                           java.time.Duration after) {
        return dev.ticketkit.core.spi.DueWork.of(ctx.ticket().tenantId(), deadlineKey(ctx.ticket().id(), caseId, which),
                DEADLINE_WORK, ctx.ticket().id(), ctx.now().plus(after)).withPayload(caseId + "|" + which);
    }

    private static String deadlineKey(TicketId ticket, String caseId, String which) {
        return "aftersales:" + ticket + ":" + caseId + ":" + which;
    }

    /** A deadline holds only in the state it watches: leaving REQUESTED or RETURN_SHIPPED cancels it. */
    private static void keepDeadlines(HookContext ctx, String caseId, CaseState from, CaseState to,
                                      AfterSalesDeadlines deadlines) {
        if (from == CaseState.REQUESTED && to != CaseState.REQUESTED) {
            ctx.cancel(deadlineKey(ctx.ticket().id(), caseId, DECIDE_DEADLINE));
        }
        if (from == CaseState.RETURN_SHIPPED && to != CaseState.RETURN_SHIPPED) {
            ctx.cancel(deadlineKey(ctx.ticket().id(), caseId, RECEIVE_DEADLINE));
        }
        if (to == CaseState.RETURN_SHIPPED && from != CaseState.RETURN_SHIPPED) {
            ctx.schedule(deadline(ctx, caseId, RECEIVE_DEADLINE, deadlines.receiveWithin()));
        }
    }

    /**
     * Runs a case deadline (the due-work handler of {@value #DEADLINE_WORK}): if the case still waits where the
     * deadline watches, it proceeds or escalates as the deadlines say; a case that moved on is left alone.
     */
    public static void onDeadline(dev.ticketkit.core.spi.DueWorkContext work, AfterSalesDeadlines deadlines) {
        String[] payload = work.work().payload().split("\\|", 2);
        TicketId ticket = work.work().ticketId();
        if (payload.length != 2 || ticket == null) {
            return; // not ours to read: nothing to do
        }
        String caseId = payload[0];
        boolean decide = DECIDE_DEADLINE.equals(payload[1]);
        work.onTicket(ticket, ctx -> {
            AfterSalesCase c = replay(ctx.history()).get(caseId);
            CaseState waiting = decide ? CaseState.REQUESTED : CaseState.RETURN_SHIPPED;
            if (c == null || c.state() != waiting) {
                return; // moved on in time
            }
            AfterSalesDeadlines.Action action = decide ? deadlines.onUndecided() : deadlines.onNotReceived();
            String why = decide ? "no decision within " + deadlines.decideWithin()
                    : "receipt not confirmed within " + deadlines.receiveWithin();
            Map<String, String> a = new HashMap<>();
            a.put("case", caseId);
            if (action == AfterSalesDeadlines.Action.PROCEED) {
                CaseState to = decide ? CaseState.APPROVED : CaseState.RECEIVED;
                a.put("action", "move");
                a.put("state", to.name());
                a.put("note", why);
                if (to == CaseState.RECEIVED && c.type() == CaseType.RETURN_AND_REFUND) {
                    a.put("release", "true"); // the listener pays the refund once this commits
                }
                emit(ctx, a);
                keepDeadlines(ctx, caseId, c.state(), to, deadlines);
            } else {
                a.put("action", "escalate");
                a.put("note", why);
                emit(ctx, a);
                ctx.update(dev.ticketkit.core.TicketUpdate.builder().priority(dev.ticketkit.core.Priority.URGENT)
                        .addTags(OVERDUE_TAG).build());
            }
        });
    }

    private static void emit(HookContext ctx, Map<String, String> attributes) {
        ctx.emit(meta -> new TicketEvent.ExtensionEvent(meta, EVENT, attributes));
    }

    /** The cases the events describe, by id, in the order they were opened. */
    static Map<String, AfterSalesCase> replay(List<TicketEvent> events) {
        Map<String, Builder> cases = new LinkedHashMap<>();
        for (TicketEvent e : events) {
            if (!(e instanceof TicketEvent.ExtensionEvent x) || !EVENT.equals(x.name())) {
                continue;
            }
            Map<String, String> a = x.attributes();
            String id = a.get("case");
            Instant at = e.meta().occurredAt();
            if ("open".equals(a.get("action"))) {
                Builder b = new Builder(id, CaseType.valueOf(a.get("type")),
                        OrderRef.of(a.get("platform"), a.get("order")), Money.of(a.get("amount"), a.get("currency")),
                        e.meta().actor());
                if (a.containsKey("policy.clause")) {
                    b.decision = new dev.ticketkit.commerce.returns.ReturnDecision(
                            Boolean.parseBoolean(a.get("policy.allowed")), a.get("policy.clause"),
                            a.getOrDefault("policy.explanation", ""),
                            a.containsKey("policy.deadline") ? Instant.parse(a.get("policy.deadline")) : null,
                            dev.ticketkit.commerce.returns.ShippingPayer.valueOf(a.get("policy.shipping")));
                }
                b.steps.add(new CaseStep(at, e.meta().actor(), CaseState.REQUESTED, "", e.meta().ticketVersion(), null));
                cases.put(id, b);
                continue;
            }
            Builder b = cases.get(id);
            if (b == null) {
                continue; // a move of a case this trail does not open: ignored
            }
            if ("escalate".equals(a.get("action"))) {
                b.steps.add(new CaseStep(at, e.meta().actor(), b.state, "escalated: " + a.getOrDefault("note", ""),
                        e.meta().ticketVersion(), null));
                continue;
            }
            CaseState to = CaseState.valueOf(a.get("state"));
            b.state = to;
            String note = a.getOrDefault("note", "");
            if (a.containsKey("waybill")) {
                if (to == CaseState.RETURN_SHIPPED) {
                    b.reverseWaybill = a.get("waybill");
                }
                note = a.get("waybill");
            }
            if (a.containsKey("inspection")) {
                b.inspection = Inspection.valueOf(a.get("inspection"));
                note = a.get("inspection");
            }
            if (a.containsKey("refund")) {
                Money r = Money.of(a.get("refund"), a.get("currency"));
                b.refunded = b.refunded.plus(r);
                note = r + (a.containsKey("receipt") ? " (" + a.get("receipt") + ")" : "");
                if (a.containsKey("key")) {
                    b.refundKeys.add(a.get("key"));
                }
            }
            b.steps.add(new CaseStep(at, e.meta().actor(), to, note, e.meta().ticketVersion(), a.get("task")));
        }
        Map<String, AfterSalesCase> out = new LinkedHashMap<>();
        cases.forEach((id, b) -> out.put(id, b.build()));
        return out;
    }

    private static final class Builder {
        final String id;
        final CaseType type;
        final OrderRef order;
        final Money requested;
        final ActorRef by;
        CaseState state = CaseState.REQUESTED;
        Money refunded;
        String reverseWaybill;
        Inspection inspection;
        final List<CaseStep> steps = new ArrayList<>();
        final java.util.Set<String> refundKeys = new java.util.LinkedHashSet<>();
        dev.ticketkit.commerce.returns.ReturnDecision decision;

        Builder(String id, CaseType type, OrderRef order, Money requested, ActorRef by) {
            this.id = id;
            this.type = type;
            this.order = order;
            this.requested = requested;
            this.by = by;
            this.refunded = Money.zero(requested.currency());
        }

        AfterSalesCase build() {
            return new AfterSalesCase(id, type, state, order, requested, refunded, by, reverseWaybill, inspection, steps,
                    refundKeys, decision);
        }
    }
}
