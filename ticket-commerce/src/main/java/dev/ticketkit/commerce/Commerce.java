package dev.ticketkit.commerce;

import dev.ticketkit.commerce.context.Fetched;
import dev.ticketkit.commerce.context.Freshness;
import dev.ticketkit.commerce.context.InventorySource;
import dev.ticketkit.commerce.context.LogisticsSource;
import dev.ticketkit.commerce.context.Member;
import dev.ticketkit.commerce.context.MemberSource;
import dev.ticketkit.commerce.context.Order;
import dev.ticketkit.commerce.context.OrderItem;
import dev.ticketkit.commerce.context.OrderSource;
import dev.ticketkit.commerce.context.Parcel;
import dev.ticketkit.commerce.context.SourceSettings;
import dev.ticketkit.commerce.context.StockLevel;
import dev.ticketkit.commerce.internal.CachedLoader;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.condition.FieldSchema;
import dev.ticketkit.core.condition.FieldSpec;
import dev.ticketkit.core.condition.ValueKind;
import dev.ticketkit.core.spi.FactSource;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.TicketModule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * E-commerce context beside the ticket, as an engine module: the host's orders, parcels, memberships and stock,
 * cached per tenant, and the facts rules and SLA policies read from them ({@code order.*}, {@code logistics.*},
 * {@code member.*}).
 *
 * <pre>{@code
 * Commerce commerce = Commerce.builder()
 *         .orders(oms)                 // the host's OrderSource
 *         .logistics(tracking)         // LogisticsSource
 *         .members(crm)                // MemberSource
 *         .build();
 * TicketEngine engine = TicketEngine.builder().store(store).clock(clock)
 *         .module(commerce)            // fact sources first, then classification, rules, routing, SLA
 *         .module(rules).module(sla)
 *         .build();
 * TicketContext panel = commerce.context(agent, ticketId);   // order, parcel, member, history
 * }</pre>
 *
 * <p><b>Where fetching happens.</b> A command never waits on a host system: its row lock is held for the command
 * only. {@link #context}, {@link #order} and the other reads fetch <i>outside</i> any command, waiting at most each
 * source's timeout. Inside a command the facts read the cache only; a miss starts a fetch in the background and the
 * facts are unset for that command (rules see {@code order.status} not set). To have facts on the very first
 * command, call {@link #prefetch} before it (intake does, with the order numbers it recognised); after every command
 * that references an order the module starts fetching what the next command will need.
 *
 * <p><b>Failing systems.</b> An answer is fresh for the source's time-to-live, served and refreshed in the background
 * after {@code refreshAfter}, and kept to be served stale when the source fails or times out; a value that never
 * arrived is unavailable. Defaults per source in {@link SourceSettings}. Calls run on a small pool of daemon threads
 * (4 threads, 1,000 queued, further requests unavailable at once) unless the host gives its own executor.
 */
public final class Commerce implements TicketModule, AutoCloseable {
    /** How many recent orders {@link #context} shows. */
    public static final int RECENT_ORDERS = 5;
    /** How many recent tickets {@link #context} shows. */
    public static final int RECENT_TICKETS = 10;

    private final OrderSource orderSource;
    private final LogisticsSource logisticsSource;
    private final MemberSource memberSource;
    private final InventorySource inventorySource;
    private final Map<String, SourceSettings> settings;
    private final Executor givenExecutor;
    private final dev.ticketkit.commerce.aftersales.RefundGateway refunds;
    private final dev.ticketkit.commerce.aftersales.AfterSalesDeadlines deadlines;
    private final dev.ticketkit.commerce.aftersales.AfterSalesTeams teams;
    private final boolean orderFacts;
    private final dev.ticketkit.commerce.returns.ReturnPolicy defaultPolicy;
    private final Map<TenantId, dev.ticketkit.commerce.returns.ReturnPolicy> policies;
    private final dev.ticketkit.commerce.compensation.CompensationGateway compensationGateway;
    private final dev.ticketkit.commerce.compensation.CompensationLimitsSource compensationLimits;
    private final dev.ticketkit.commerce.compensation.CompensationLedger compensationLedger;

    private volatile Clock clock;
    private volatile ExecutorService ownExecutor;
    private volatile CachedLoader<OrderRef, Order> orders;
    private volatile CachedLoader<String, Parcel> parcels;
    private volatile CachedLoader<CustomerKey, Member> members;
    private volatile CachedLoader<CustomerKey, List<Order>> recent;
    private volatile CachedLoader<String, List<StockLevel>> stock;
    private volatile TicketEngine engine;
    private volatile dev.ticketkit.commerce.aftersales.AfterSales afterSales;
    private volatile dev.ticketkit.commerce.compensation.Compensations compensations;
    private boolean installed;

    private Commerce(Builder b) {
        this.orderSource = b.orders;
        this.logisticsSource = b.logistics;
        this.memberSource = b.members;
        this.inventorySource = b.inventory;
        this.settings = Map.copyOf(b.settings);
        this.givenExecutor = b.executor;
        this.refunds = b.refunds;
        this.deadlines = b.deadlines;
        this.teams = b.teams;
        this.orderFacts = b.orderFacts;
        this.defaultPolicy = b.defaultPolicy;
        this.policies = Map.copyOf(b.policies);
        this.compensationGateway = b.compensationGateway;
        this.compensationLimits = b.compensationLimits;
        this.compensationLedger = b.compensationLedger;
    }

    /** A builder; every source is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** A customer as a cache key: equal by tenant and id, carrying the customer for the source. */
    private record CustomerKey(Customer customer) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CustomerKey k && k.customer.id().equals(customer.id());
        }

        @Override
        public int hashCode() {
            return customer.id().hashCode();
        }
    }

    @Override
    public String name() {
        return "commerce";
    }

    @Override
    public synchronized void install(ModuleContext context) {
        if (installed) {
            throw new IllegalStateException("the commerce module is installed on one engine only");
        }
        installed = true;
        clock = context.clock();
        Executor executor = givenExecutor;
        if (executor == null) {
            ownExecutor = fetchPool();
            executor = ownExecutor;
        }
        if (orderSource != null) {
            orders = new CachedLoader<>("orders", orderSource::orders, settings.get("orders"), clock, executor);
            recent = new CachedLoader<>("recent orders", (tenant, keys) -> {
                Map<CustomerKey, List<Order>> found = new HashMap<>();
                for (CustomerKey k : keys) {
                    found.put(k, List.copyOf(orderSource.recentOrders(tenant, k.customer(), RECENT_ORDERS)));
                }
                return found;
            }, settings.get("orders"), clock, executor);
            if (orderFacts) {
                context.factSource(FactSource.of("order", ORDER_FACTS, this::orderFacts));
            }
        }
        if (logisticsSource != null) {
            parcels = new CachedLoader<>("logistics", logisticsSource::parcels, settings.get("logistics"), clock, executor);
            context.factSource(FactSource.of("logistics", LOGISTICS_FACTS, this::logisticsFacts));
        }
        if (memberSource != null) {
            members = new CachedLoader<>("members", (tenant, keys) -> {
                Map<CustomerId, Member> byId = memberSource.members(tenant, keys.stream().map(CustomerKey::customer).toList());
                Map<CustomerKey, Member> found = new HashMap<>();
                for (CustomerKey k : keys) {
                    Member m = byId.get(k.customer().id());
                    if (m != null) {
                        found.put(k, m);
                    }
                }
                return found;
            }, settings.get("members"), clock, executor);
            context.factSource(FactSource.of("member", MEMBER_FACTS, this::memberFacts));
        }
        if (inventorySource != null) {
            stock = new CachedLoader<>("inventory", inventorySource::stock, settings.get("inventory"), clock, executor);
        }
        context.hook(new WaybillLinks());
        context.listener(this::prefetchAfter);
        context.listener(events -> afterSales().afterCommit(events));
        context.dueWorkHandler(dev.ticketkit.commerce.aftersales.AfterSales.DEADLINE_WORK,
                work -> dev.ticketkit.commerce.aftersales.AfterSales.onDeadline(work, deadlines));
    }

    @Override
    public void bind(TicketEngine engine) {
        this.engine = engine;
    }

    private static ExecutorService fetchPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), r -> {
            Thread t = new Thread(r, "ticketkit-commerce-fetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    // ---- reads, outside commands -----------------------------------------------------------------------------

    /**
     * The context of a ticket the actor may read, fetched from the host's systems now (each waiting at most its
     * source's timeout, the sources one after another, the keys of one source in one bulk call).
     *
     * @throws dev.ticketkit.core.PermissionDeniedException if the actor may not read the ticket
     * @throws dev.ticketkit.core.TicketNotFoundException  if there is no such ticket in the actor's tenant
     */
    public TicketContext context(Actor actor, TicketId id) {
        TicketEngine e = bound();
        Ticket ticket = e.tickets().get(actor, id);
        Customer requester = e.customers().get(actor, ticket.requester());
        TenantId tenant = ticket.tenantId();
        Map<OrderRef, Fetched<Order>> byRef = orders(tenant, ticket.orders());
        Set<String> waybills = new LinkedHashSet<>();
        for (Fetched<Order> o : byRef.values()) {
            o.value().ifPresent(order -> waybills.addAll(order.waybills()));
        }
        waybills.addAll(linkedWaybills(ticket));
        Map<String, Fetched<Parcel>> byWaybill = parcels == null ? unavailable(waybills, "no logistics source")
                : parcels.get(tenant, List.copyOf(waybills));
        Fetched<List<Order>> recentOrders = recent == null ? Fetched.unavailable("no order source")
                : recent.get(tenant, new CustomerKey(requester));
        List<Ticket> history = new ArrayList<>();
        for (Ticket t : e.customers().history(actor, requester.id(), ViewQuery.builder()
                .sort(SortField.CREATED_AT, false).limit(RECENT_TICKETS + 1).build()).items()) {
            if (!t.id().equals(ticket.id()) && history.size() < RECENT_TICKETS) {
                history.add(t);
            }
        }
        return new TicketContext(ticket, requester, member(requester), byRef, byWaybill, recentOrders, history,
                clock.instant());
    }

    /** The host's refund gateway, if it gave one. */
    public java.util.Optional<dev.ticketkit.commerce.aftersales.RefundGateway> refundGateway() {
        return java.util.Optional.ofNullable(refunds);
    }

    /** The after-sales deadlines ({@link dev.ticketkit.commerce.aftersales.AfterSalesDeadlines#defaults()} unless set). */
    public dev.ticketkit.commerce.aftersales.AfterSalesDeadlines afterSalesDeadlines() {
        return deadlines;
    }

    /** The return policy of a tenant: its own if one was given, else the default (China's unless set). */
    public dev.ticketkit.commerce.returns.ReturnPolicy returnPolicy(TenantId tenant) {
        return policies.getOrDefault(Objects.requireNonNull(tenant, "tenant"), defaultPolicy);
    }

    /** The teams that get the cases' child tasks, if set. */
    public java.util.Optional<dev.ticketkit.commerce.aftersales.AfterSalesTeams> afterSalesTeams() {
        return java.util.Optional.ofNullable(teams);
    }

    /** After-sales cases on this engine's tickets (returns, exchanges, refunds). */
    public dev.ticketkit.commerce.aftersales.AfterSales afterSales() {
        dev.ticketkit.commerce.aftersales.AfterSales a = afterSales;
        if (a == null) {
            a = new dev.ticketkit.commerce.aftersales.AfterSales(bound(), new dev.ticketkit.commerce.aftersales.CaseSettings() {
                @Override
                public Fetched<Order> order(TenantId tenant, OrderRef ref) {
                    return Commerce.this.order(tenant, ref);
                }

                @Override
                public java.util.Optional<dev.ticketkit.commerce.aftersales.RefundGateway> refundGateway() {
                    return Commerce.this.refundGateway();
                }

                @Override
                public dev.ticketkit.commerce.aftersales.AfterSalesDeadlines deadlines() {
                    return Commerce.this.afterSalesDeadlines();
                }

                @Override
                public java.util.Optional<dev.ticketkit.commerce.aftersales.AfterSalesTeams> teams() {
                    return Commerce.this.afterSalesTeams();
                }

                @Override
                public dev.ticketkit.commerce.returns.ReturnPolicy returnPolicy(TenantId tenant) {
                    return Commerce.this.returnPolicy(tenant);
                }
            });
            afterSales = a;
        }
        return a;
    }

    /**
     * Compensation on this engine's tickets (coupons, partial refunds, points within limits and with approval).
     *
     * @throws IllegalStateException if no gateway was given ({@code Builder.compensation}) or the module is not on a
     *                               built engine
     */
    public dev.ticketkit.commerce.compensation.Compensations compensation() {
        if (compensationGateway == null) {
            throw new IllegalStateException("no CompensationGateway: give one with Commerce.Builder.compensation");
        }
        dev.ticketkit.commerce.compensation.Compensations c = compensations;
        if (c == null) {
            TicketEngine e = bound();
            c = new dev.ticketkit.commerce.compensation.Compensations(e, clock, compensationGateway,
                    compensationLimits, compensationLedger);
            compensations = c;
        }
        return c;
    }

    /** An order, fetched if the cache has no fresh answer (waiting at most the order source's timeout). */
    public Fetched<Order> order(TenantId tenant, OrderRef ref) {
        return orders(tenant, List.of(Objects.requireNonNull(ref, "ref"))).get(ref);
    }

    /** Several orders in one call to the source for those the cache lacks; an answer for every reference. */
    public Map<OrderRef, Fetched<Order>> orders(TenantId tenant, Collection<OrderRef> refs) {
        Objects.requireNonNull(tenant, "tenant");
        installedOrThrow();
        return orders == null ? unavailable(refs, "no order source") : orders.get(tenant, List.copyOf(refs));
    }

    /** A parcel's tracking by waybill number. */
    public Fetched<Parcel> parcel(TenantId tenant, String waybill) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(waybill, "waybill");
        installedOrThrow();
        return parcels == null ? Fetched.unavailable("no logistics source") : parcels.get(tenant, waybill);
    }

    /** A customer's membership. */
    public Fetched<Member> member(Customer customer) {
        Objects.requireNonNull(customer, "customer");
        installedOrThrow();
        return members == null ? Fetched.unavailable("no member source")
                : members.get(customer.tenantId(), new CustomerKey(customer));
    }

    /** A SKU's stock per warehouse. */
    public Fetched<List<StockLevel>> stock(TenantId tenant, String sku) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(sku, "sku");
        installedOrThrow();
        return stock == null ? Fetched.unavailable("no inventory source") : stock.get(tenant, sku);
    }

    /**
     * Starts fetching, in the background, what commands about these orders and this requester will read (the
     * orders, their parcels once the orders are in, the membership); returns at once.
     *
     * @param requester the customer, or null
     */
    public void prefetch(TenantId tenant, Collection<OrderRef> refs, Customer requester) {
        Objects.requireNonNull(tenant, "tenant");
        installedOrThrow();
        if (orders != null) {
            for (OrderRef r : refs) {
                orders.peek(tenant, r);
            }
        }
        if (requester != null && members != null) {
            members.peek(requester.tenantId(), new CustomerKey(requester));
        }
    }

    /** Forgets a cached order (the host saw it change: shipped, refunded). */
    public void invalidate(TenantId tenant, OrderRef ref) {
        installedOrThrow();
        if (orders != null) {
            orders.invalidate(tenant, ref);
        }
    }

    private static <K, V> Map<K, Fetched<V>> unavailable(Collection<K> keys, String why) {
        Map<K, Fetched<V>> out = new LinkedHashMap<>();
        for (K k : keys) {
            out.put(k, Fetched.unavailable(why));
        }
        return out;
    }

    private TicketEngine bound() {
        TicketEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("the commerce module is not on a built engine: add it with TicketEngine.Builder.module");
        }
        return e;
    }

    private void installedOrThrow() {
        if (clock == null) {
            throw new IllegalStateException("the commerce module is not installed: add it with TicketEngine.Builder.module");
        }
    }

    /** Shuts down the module's own fetch threads (not an executor the host gave). */
    @Override
    public void close() {
        ExecutorService own = ownExecutor;
        if (own != null) {
            own.shutdownNow();
        }
    }

    // ---- facts, inside commands: cache only --------------------------------------------------------------------

    static final FieldSchema ORDER_FACTS = FieldSchema.builder()
            .field("order.status", ValueKind.TEXT)
            .field("order.paid_amount", ValueKind.NUMBER)
            .field("order.currency", ValueKind.TEXT)
            .field("order.items.category", ValueKind.TEXT_SET)
            .field("order.items.sku", ValueKind.TEXT_SET)
            .field("order.signed_at", ValueKind.INSTANT)
            .field("order.stale", ValueKind.BOOLEAN)
            .build();

    static final FieldSchema LOGISTICS_FACTS = FieldSchema.builder()
            .field("logistics.status", ValueKind.TEXT)
            .field("logistics.carrier", ValueKind.TEXT)
            .field("logistics.hours_since_update", ValueKind.NUMBER)
            .build();

    static final FieldSchema MEMBER_FACTS = FieldSchema.builder()
            .field(FieldSpec.ofNumber("member.tier", tierLevels()))
            .field("member.tier_name", ValueKind.TEXT)
            .field("member.points", ValueKind.NUMBER)
            .build();

    private static Map<String, Integer> tierLevels() {
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (MemberTier t : MemberTier.builtIns()) {
            levels.put(t.name(), t.level());
        }
        return levels;
    }

    /** The ticket's first referenced order the cache has (fresh or stale), or null. */
    private Fetched<Order> firstOrder(Ticket ticket) {
        if (ticket.orders().isEmpty()) {
            return null;
        }
        return orders.peek(ticket.tenantId(), ticket.orders().get(0));
    }

    private Map<String, Object> orderFacts(Ticket ticket, Customer requester) {
        Fetched<Order> f = firstOrder(ticket);
        if (f == null || f.value().isEmpty()) {
            return Map.of();
        }
        Order o = f.value().get();
        Map<String, Object> facts = new HashMap<>();
        facts.put("status", o.status().fact());
        facts.put("paid_amount", o.paid().amount());
        facts.put("currency", o.paid().currency().getCurrencyCode());
        Set<String> categories = new LinkedHashSet<>();
        Set<String> skus = new LinkedHashSet<>();
        for (OrderItem i : o.items()) {
            categories.add(i.category());
            skus.add(i.sku());
        }
        facts.put("items.category", categories);
        facts.put("items.sku", skus);
        if (o.signedAt() != null) {
            facts.put("signed_at", o.signedAt());
        }
        facts.put("stale", f.freshness() != Freshness.FRESH);
        return facts;
    }

    private Map<String, Object> logisticsFacts(Ticket ticket, Customer requester) {
        Fetched<Order> f = orders == null ? null : firstOrder(ticket);
        String waybill;
        if (f != null && f.value().isPresent() && !f.value().get().waybills().isEmpty()) {
            waybill = f.value().get().waybills().get(0);
        } else {
            List<String> linked = linkedWaybills(ticket);
            if (linked.isEmpty()) {
                return Map.of();
            }
            waybill = linked.get(0);
        }
        Fetched<Parcel> p = parcels.peek(ticket.tenantId(), waybill);
        if (p.value().isEmpty()) {
            return Map.of();
        }
        Parcel parcel = p.value().get();
        return Map.of("status", parcel.status().fact(), "carrier", parcel.carrier(),
                "hours_since_update", parcel.hoursSinceUpdate(clock.instant()));
    }

    private Map<String, Object> memberFacts(Ticket ticket, Customer requester) {
        if (requester == null) {
            return Map.of();
        }
        Fetched<Member> f = members.peek(requester.tenantId(), new CustomerKey(requester));
        if (f.value().isEmpty()) {
            return Map.of();
        }
        Member m = f.value().get();
        return Map.of("tier", m.tier().level(), "tier_name", m.tier().name(), "points", m.points());
    }

    /** The tag that links a waybill number found in a customer's message to the ticket: {@code waybill:<number>}. */
    public static final String WAYBILL_TAG_PREFIX = "waybill:";

    /** The waybill numbers linked to a ticket (its {@code waybill:} tags), upper case, in tag order. */
    public static List<String> linkedWaybills(Ticket ticket) {
        List<String> out = new ArrayList<>();
        for (String tag : ticket.tags()) {
            if (tag.startsWith(WAYBILL_TAG_PREFIX)) {
                out.add(tag.substring(WAYBILL_TAG_PREFIX.length()).toUpperCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * In the command that adds a customer's message: links the waybill numbers it mentions to the ticket as tags
     * (at most five per ticket), so that agents find the ticket by waybill and the logistics facts and the context
     * follow the parcel even when the ticket references no order.
     */
    private final class WaybillLinks implements dev.ticketkit.core.spi.CommandHook {
        @Override
        public String name() {
            return "commerce.waybills";
        }

        @Override
        public void beforeCommit(dev.ticketkit.core.spi.HookContext ctx) {
            Set<String> add = new LinkedHashSet<>();
            int linked = linkedWaybills(ctx.ticket()).size();
            for (dev.ticketkit.core.Message m : ctx.newMessages()) {
                if (m.authorKind() != dev.ticketkit.core.AuthorKind.CUSTOMER || m.text() == null) {
                    continue;
                }
                for (dev.ticketkit.commerce.waybill.Waybill w : dev.ticketkit.commerce.waybill.WaybillRecognizer.find(m.text())) {
                    String tag = WAYBILL_TAG_PREFIX + w.number().toLowerCase(java.util.Locale.ROOT);
                    if (!ctx.ticket().tags().contains(tag) && linked + add.size() < 5) {
                        add.add(tag);
                    }
                }
            }
            if (!add.isEmpty()) {
                ctx.update(dev.ticketkit.core.TicketUpdate.builder().addTags(add.toArray(new String[0])).build());
                if (parcels != null) {
                    for (String tag : add) {
                        parcels.peek(ctx.ticket().tenantId(), tag.substring(WAYBILL_TAG_PREFIX.length())
                                .toUpperCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
    }

    /** After a command that referenced orders, fetch them (and their parcels) for the next command. */
    private void prefetchAfter(List<TicketEvent> events) {
        if (orders == null) {
            return;
        }
        for (TicketEvent e : events) {
            if (e instanceof TicketEvent.TicketCreated c) {
                for (OrderRef r : c.ticket().orders()) {
                    warm(c.ticket().tenantId(), r);
                }
            } else if (e instanceof TicketEvent.OrderReferenceAdded a) {
                warm(a.meta().tenantId(), a.order());
            }
        }
    }

    private void warm(TenantId tenant, OrderRef ref) {
        Fetched<Order> o = orders.peek(tenant, ref);
        if (parcels != null && o.value().isPresent()) {
            for (String w : o.value().get().waybills()) {
                parcels.peek(tenant, w);
            }
        }
    }

    /** Builds a {@link Commerce} module. */
    public static final class Builder {
        private OrderSource orders;
        private LogisticsSource logistics;
        private MemberSource members;
        private InventorySource inventory;
        private final Map<String, SourceSettings> settings = new HashMap<>(Map.of(
                "orders", SourceSettings.orders(), "logistics", SourceSettings.logistics(),
                "members", SourceSettings.members(), "inventory", SourceSettings.inventory()));
        private Executor executor;
        private dev.ticketkit.commerce.aftersales.RefundGateway refunds;
        private dev.ticketkit.commerce.aftersales.AfterSalesTeams teams;
        private boolean orderFacts = true;
        private dev.ticketkit.commerce.returns.ReturnPolicy defaultPolicy =
                dev.ticketkit.commerce.returns.ReturnPolicy.chinaDefault();
        private final Map<TenantId, dev.ticketkit.commerce.returns.ReturnPolicy> policies = new HashMap<>();
        private dev.ticketkit.commerce.aftersales.AfterSalesDeadlines deadlines =
                dev.ticketkit.commerce.aftersales.AfterSalesDeadlines.defaults();
        private dev.ticketkit.commerce.compensation.CompensationGateway compensationGateway;
        private dev.ticketkit.commerce.compensation.CompensationLimitsSource compensationLimits;
        private dev.ticketkit.commerce.compensation.CompensationLedger compensationLedger;

        private Builder() {
        }

        /** The host's orders, with {@link SourceSettings#orders()}. */
        public Builder orders(OrderSource source) {
            return orders(source, SourceSettings.orders());
        }

        /** The host's orders, cached and called as the settings say. */
        public Builder orders(OrderSource source, SourceSettings settings) {
            this.orders = Objects.requireNonNull(source, "source");
            this.settings.put("orders", Objects.requireNonNull(settings, "settings"));
            return this;
        }

        /** Parcel tracking, with {@link SourceSettings#logistics()}. */
        public Builder logistics(LogisticsSource source) {
            return logistics(source, SourceSettings.logistics());
        }

        /** Parcel tracking, cached and called as the settings say. */
        public Builder logistics(LogisticsSource source, SourceSettings settings) {
            this.logistics = Objects.requireNonNull(source, "source");
            this.settings.put("logistics", Objects.requireNonNull(settings, "settings"));
            return this;
        }

        /** Memberships, with {@link SourceSettings#members()}. */
        public Builder members(MemberSource source) {
            return members(source, SourceSettings.members());
        }

        /** Memberships, cached and called as the settings say. */
        public Builder members(MemberSource source, SourceSettings settings) {
            this.members = Objects.requireNonNull(source, "source");
            this.settings.put("members", Objects.requireNonNull(settings, "settings"));
            return this;
        }

        /** Stock, with {@link SourceSettings#inventory()}. */
        public Builder inventory(InventorySource source) {
            return inventory(source, SourceSettings.inventory());
        }

        /** Stock, cached and called as the settings say. */
        public Builder inventory(InventorySource source, SourceSettings settings) {
            this.inventory = Objects.requireNonNull(source, "source");
            this.settings.put("inventory", Objects.requireNonNull(settings, "settings"));
            return this;
        }

        /**
         * Whether the module adds the {@code order.*} facts (default true). Turn it off when the host already
         * registers an {@code order} fact source of its own: the orders still serve the context and after-sales.
         */
        public Builder orderFacts(boolean on) {
            this.orderFacts = on;
            return this;
        }

        /** The return policy of every tenant without one of its own (default {@code ReturnPolicy.chinaDefault()}). */
        public Builder returnPolicy(dev.ticketkit.commerce.returns.ReturnPolicy policy) {
            this.defaultPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** A tenant's own return policy (e.g. loaded from its {@code returns.yaml} with {@code ReturnPolicy.load}). */
        public Builder returnPolicy(TenantId tenant, dev.ticketkit.commerce.returns.ReturnPolicy policy) {
            this.policies.put(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** The teams that get the child tasks of cases (warehouse receipt, finance refund); none by default. */
        public Builder afterSalesTeams(dev.ticketkit.commerce.aftersales.AfterSalesTeams teams) {
            this.teams = Objects.requireNonNull(teams, "teams");
            return this;
        }

        /** How long cases wait for the shop, and what a missed deadline does (default: 48 h and 10 days, escalate). */
        public Builder afterSalesDeadlines(dev.ticketkit.commerce.aftersales.AfterSalesDeadlines deadlines) {
            this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
            return this;
        }

        /** The host's payment system, for {@code afterSales().refund(..)}: idempotent by the key it is given. */
        public Builder refunds(dev.ticketkit.commerce.aftersales.RefundGateway gateway) {
            this.refunds = Objects.requireNonNull(gateway, "gateway");
            return this;
        }

        /**
         * Compensation ({@code commerce.compensation()}): the host's system that gives coupons, partial refunds and
         * points (idempotent by the key it is given), each shop's limits, and the ledger budgets and caps are counted
         * in. There are no default limits: a tenant the source has none for cannot compensate. The ledger must be
         * shared by every node that serves a shop ({@code CompensationLedger.inMemory()} for tests and one node).
         *
         * @throws IllegalStateException if set already
         */
        public Builder compensation(dev.ticketkit.commerce.compensation.CompensationGateway gateway,
                                    dev.ticketkit.commerce.compensation.CompensationLimitsSource limits,
                                    dev.ticketkit.commerce.compensation.CompensationLedger ledger) {
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(ledger, "ledger");
            if (compensationGateway != null) {
                throw new IllegalStateException("compensation is set already");
            }
            this.compensationGateway = gateway;
            this.compensationLimits = limits;
            this.compensationLedger = ledger;
            return this;
        }

        /**
         * The executor the calls to the host's systems run on (the host's own pool, a virtual-thread executor on
         * Java 21). Default: 4 daemon threads with 1,000 queued requests, owned and closed by the module.
         */
        public Builder fetchExecutor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public Commerce build() {
            return new Commerce(this);
        }
    }
}
