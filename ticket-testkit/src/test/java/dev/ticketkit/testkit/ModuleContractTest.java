package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Calendars;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.condition.Condition;
import dev.ticketkit.core.condition.FactCatalog;
import dev.ticketkit.core.condition.FieldSchema;
import dev.ticketkit.core.condition.ValueKind;
import dev.ticketkit.core.spi.BusinessTime;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.FactSource;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.StoreTransaction;
import dev.ticketkit.core.spi.TicketModule;
import dev.ticketkit.core.spi.TicketStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The module contract, the facts SPI and the narrow hook context, on the in-memory store. */
class ModuleContractTest {
    private final MutableClock clock = MutableClock.at("2026-11-11T00:00:00Z");

    /** A module that records what it was given and adds one hook that runs {@code body}. */
    static final class Recording implements TicketModule {
        final String name;
        final List<String> log;
        final Consumer<HookContext> body;
        Clock clock;
        Calendars calendars;
        TicketEngine bound;

        Recording(String name, List<String> log, Consumer<HookContext> body) {
            this.name = name;
            this.log = log;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void install(ModuleContext context) {
            clock = context.clock();
            calendars = context.calendars();
            log.add("install " + name);
            context.hook(new CommandHook() {
                @Override
                public String name() {
                    return Recording.this.name;
                }

                @Override
                public void beforeCommit(HookContext ctx) {
                    log.add("hook " + Recording.this.name);
                    body.accept(ctx);
                }
            });
        }

        @Override
        public void bind(TicketEngine engine) {
            bound = engine;
            log.add("bind " + name);
        }
    }

    /** Counts the calls of each StoreTransaction method. */
    static final class CountingStore implements TicketStore {
        final TicketStore inner = TicketStore.inMemory();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        int calls(String method) {
            AtomicInteger n = calls.get(method);
            return n == null ? 0 : n.get();
        }

        @Override
        public <R, X extends Exception> R inTransaction(TransactionCallback<R, X> callback) throws X {
            return inner.inTransaction(tx -> {
                InvocationHandler h = (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(tx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                };
                StoreTransaction counted = (StoreTransaction) Proxy.newProxyInstance(
                        StoreTransaction.class.getClassLoader(), new Class<?>[] {StoreTransaction.class}, h);
                return callback.run(counted);
            });
        }

        @Override
        public List<DueWork> claimDueWork(String owner, Instant now, Duration lease, int limit) {
            return inner.claimDueWork(owner, now, lease, limit);
        }

        @Override
        public long reserveTicketNumbers(dev.ticketkit.core.TenantId tenantId, int count) {
            return inner.reserveTicketNumbers(tenantId, count);
        }

        @Override
        public void releaseDueWork(DueWork work, String owner, Instant retryAt) {
            inner.releaseDueWork(work, owner, retryAt);
        }

        @Override
        public int renewLeases(String owner, java.util.Collection<DueWork> works, Instant leaseUntil) {
            return inner.renewLeases(owner, works, leaseUntil);
        }

        @Override
        public Optional<Instant> nextDueAt(Instant now) {
            return inner.nextDueAt(now);
        }
    }

    @Test
    void modulesInstallInOrderAmongDirectHooksTakeTheEnginesClockAndAreBoundAfterBuild() {
        List<String> log = new ArrayList<>();
        Recording first = new Recording("first", log, ctx -> { });
        Recording second = new Recording("second", log, ctx -> { });
        CommandHook direct = ctx -> log.add("hook direct");
        BusinessTime office = BusinessTime.always();
        try (TicketEngine engine = TicketEngine.builder().clock(clock).module(first).hook(direct).module(second)
                .calendar("office", office).build()) {
            assertThat(log).containsExactly("install first", "install second", "bind first", "bind second");
            assertThat(first.clock).isSameAs(clock);
            assertThat(second.calendars.find("office")).containsSame(office);
            assertThat(second.calendars.names()).containsExactly("24x7", "office");
            assertThat(first.bound).isSameAs(engine);
            assertThat(engine.modules()).containsExactly("first", "second");

            log.clear();
            Fixtures shop = Fixtures.create(engine, TenantId.of("shop-1"));
            log.clear();
            shop.carolAsks("hello");
            assertThat(log).containsExactly("hook first", "hook direct", "hook second");
        }
    }

    @Test
    void aModuleIsAddedOnceAndRegistersOnlyWhileItInstalls() {
        List<String> log = new ArrayList<>();
        Recording m = new Recording("m", log, ctx -> { });
        TicketEngine.Builder b = TicketEngine.builder().module(m);
        assertThatThrownBy(() -> b.module(m)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.module(new Recording("m", log, ctx -> { }))).isInstanceOf(IllegalStateException.class);
        b.build().close();
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);

        ModuleContext[] kept = new ModuleContext[1];
        TicketModule leaky = new TicketModule() {
            @Override
            public String name() {
                return "leaky";
            }

            @Override
            public void install(ModuleContext context) {
                kept[0] = context;
            }
        };
        TicketEngine.builder().module(leaky).build().close();
        assertThatThrownBy(() -> kept[0].hook(ctx -> { })).isInstanceOf(IllegalStateException.class);

        TicketModule a = new TicketModule() {
            public String name() { return "a"; }
            public void install(ModuleContext c) { c.dueWorkHandler("same.type", ctx -> { }); }
        };
        TicketModule c = new TicketModule() {
            public String name() { return "c"; }
            public void install(ModuleContext ctx) { ctx.dueWorkHandler("same.type", w -> { }); }
        };
        assertThatThrownBy(() -> TicketEngine.builder().module(a).module(c).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("same.type");
    }

    @Test
    void calendarsAreRegisteredOnceWithValidNames() {
        assertThatThrownBy(() -> TicketEngine.builder().calendar("24x7", BusinessTime.always()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TicketEngine.builder().calendar("bad name", BusinessTime.always()))
                .isInstanceOf(IllegalArgumentException.class);
        TicketEngine.Builder b = TicketEngine.builder().calendar("office", BusinessTime.always());
        assertThatThrownBy(() -> b.calendar("office", BusinessTime.always())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Calendars.alwaysOnly().get("office")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("24x7");
    }

    @Test
    void factSourcesAddNamespacesThatConditionsReadLazilyOncePerCommand() {
        AtomicInteger asked = new AtomicInteger();
        FactSource orders = FactSource.of("order", FieldSchema.builder().field("order.status", ValueKind.TEXT)
                .field("order.paid_amount", ValueKind.NUMBER).build(), (t, c) -> {
                    asked.incrementAndGet();
                    return Map.of("status", "SHIPPED", "paid_amount", new java.math.BigDecimal("99.50"));
                });
        List<Object> seen = new ArrayList<>();
        Condition shipped = dev.ticketkit.core.condition.Conditions.parse(
                Map.of("field", "order.status", "op", "eq", "value", "SHIPPED"), FactCatalog.of(List.of(orders)).schema(), "when");
        Recording reader = new Recording("reader", new ArrayList<>(), ctx -> {
            seen.add(ctx.facts().value("order.status"));
            seen.add(ctx.facts().value("order.paid_amount"));
            seen.add(shipped.test(ctx.facts()));
            seen.add(ctx.facts().value("priority"));
        });
        try (TicketEngine engine = TicketEngine.builder().clock(clock).factSource(orders).module(reader).build()) {
            assertThat(engine.facts().namespaces()).containsExactly("order");
            assertThat(engine.facts().schema().find("order.paid_amount")).isPresent();
            assertThat(engine.facts().schema().find("order.unknown")).isEmpty();
            Fixtures shop = Fixtures.create(engine, TenantId.of("shop-1"));
            asked.set(0);
            shop.carolAsks("hi");
            assertThat(seen).containsExactly("SHIPPED", new java.math.BigDecimal("99.50"), true, "NORMAL");
            assertThat(asked).hasValue(1);
        }
    }

    @Test
    void aFailingFactSourceLeavesItsFactsUnsetAndTheCommandGoesOn() {
        FactSource broken = FactSource.of("member", FieldSchema.builder().field("member.tier", ValueKind.TEXT).build(),
                (t, c) -> { throw new IllegalStateException("crm down"); });
        List<Object> seen = new ArrayList<>();
        Recording reader = new Recording("reader", new ArrayList<>(), ctx -> seen.add(ctx.facts().value("member.tier")));
        try (TicketEngine engine = TicketEngine.builder().clock(clock).factSource(broken).module(reader).build()) {
            Fixtures.create(engine, TenantId.of("shop-1")).carolAsks("hi");
            assertThat(seen).containsExactly((Object) null);
        }
    }

    @Test
    void factNamespacesAreCheckedWhenRegistered() {
        FieldSchema outside = FieldSchema.builder().field("status2", ValueKind.TEXT).build();
        assertThatThrownBy(() -> FactSource.of("order", outside, (t, c) -> Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FactSource.of("Order", FieldSchema.builder().build(), (t, c) -> Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        FactSource customer = FactSource.of("customer", FieldSchema.builder().field("customer.vip", ValueKind.TEXT).build(),
                (t, c) -> Map.of());
        assertThatThrownBy(() -> FactCatalog.of(List.of(customer))).isInstanceOf(IllegalArgumentException.class);
        FactSource o1 = FactSource.of("order", FieldSchema.builder().build(), (t, c) -> Map.of());
        FactSource o2 = FactSource.of("order", FieldSchema.builder().build(), (t, c) -> Map.of());
        assertThatThrownBy(() -> TicketEngine.builder().factSource(o1).factSource(o2).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void historyIsTheAuditTrailAndComesFromTheEnginesCacheWhenThisNodeMadeTheLastChange() {
        CountingStore store = new CountingStore();
        List<List<TicketEvent>> histories = new ArrayList<>();
        Recording reader = new Recording("reader", new ArrayList<>(), ctx -> histories.add(ctx.history()));
        try (TicketEngine engine = TicketEngine.builder().clock(clock).store(store).module(reader).build()) {
            Fixtures shop = Fixtures.create(engine, TenantId.of("shop-1"));
            Ticket t = shop.carolAsks("hi");
            engine.tickets().reply(shop.alice, t.id(), NewMessage.text("on it"));
            engine.tickets().setPriority(shop.alice, t.id(), Priority.HIGH);
            assertThat(store.calls("events")).isZero(); // every history came from the cache
            List<TicketEvent> trail = engine.tickets().auditTrail(shop.admin, t.id());
            assertThat(histories.get(histories.size() - 1)).isEqualTo(trail);
        }
    }

    @Test
    void historyIsReadFromTheStoreWhenAnotherNodeChangedTheTicket() {
        CountingStore store = new CountingStore();
        List<List<TicketEvent>> histories = new ArrayList<>();
        Recording reader = new Recording("reader", new ArrayList<>(), ctx -> histories.add(ctx.history()));
        try (TicketEngine node1 = TicketEngine.builder().clock(clock).store(store).module(reader).build();
             TicketEngine node2 = TicketEngine.builder().clock(clock).store(store).build()) {
            Fixtures shop = Fixtures.create(node1, TenantId.of("shop-1"));
            Ticket t = shop.carolAsks("hi");
            node2.tickets().setPriority(shop.admin, t.id(), Priority.HIGH);   // node 1's cache is now behind
            node1.tickets().setPriority(shop.admin, t.id(), Priority.URGENT);
            assertThat(histories.get(histories.size() - 1)).isEqualTo(node1.tickets().auditTrail(shop.admin, t.id()));
            assertThat(histories.get(histories.size() - 1))
                    .anySatisfy(e -> assertThat(e).isInstanceOf(TicketEvent.PriorityChanged.class));
        }
    }

    @Test
    void dueWorkShowsTheCommandsOwnSchedulesAndCancelsAndIsWrittenOnceAtTheEnd() {
        CountingStore store = new CountingStore();
        List<List<DueWork>> seen = new ArrayList<>();
        Recording timers = new Recording("timers", new ArrayList<>(), ctx -> {
            Ticket t = ctx.ticket();
            if (ctx.before().isEmpty()) {
                ctx.schedule(DueWork.of(t.tenantId(), "a:" + t.id(), "x", t.id(), ctx.now().plusSeconds(60)));
                ctx.schedule(DueWork.of(t.tenantId(), "b:" + t.id(), "x", t.id(), ctx.now().plusSeconds(30)));
                ctx.schedule(DueWork.of(t.tenantId(), "c:" + t.id(), "x", t.id(), ctx.now().plusSeconds(90)));
                ctx.cancel("c:" + t.id());   // a key of a ticket created in this command: nothing to delete
            } else {
                ctx.cancel("a:" + t.id());
            }
            seen.add(ctx.dueWork());
        });
        try (TicketEngine engine = TicketEngine.builder().clock(clock).store(store).module(timers)
                .dueWorkHandler("x", w -> { }).build()) {
            Fixtures shop = Fixtures.create(engine, TenantId.of("shop-1"));
            int cancels = store.calls("cancelDueWork");
            Ticket t = shop.carolAsks("hi");
            assertThat(seen.get(0)).extracting(DueWork::key).containsExactly("b:" + t.id(), "a:" + t.id());
            assertThat(store.calls("cancelDueWork")).isEqualTo(cancels);
            assertThat(store.calls("scheduleDueWork")).isEqualTo(1);   // the batch of two, once

            engine.tickets().setPriority(shop.admin, t.id(), Priority.HIGH);
            assertThat(seen.get(1)).extracting(DueWork::key).containsExactly("b:" + t.id());
            List<DueWork> stored = store.inner.inTransaction(tx -> tx.dueWorkFor(shop.tenant, t.id()));
            assertThat(stored).extracting(DueWork::key).containsExactly("b:" + t.id());
        }
    }

    @Test
    void hooksReadTheDirectoryAndOtherTicketsThroughTheContext() {
        List<Object> seen = new ArrayList<>();
        Recording reader = new Recording("reader", new ArrayList<>(), ctx -> {
            seen.add(ctx.agents().size());
            seen.add(ctx.agent(dev.ticketkit.core.AgentId.of("alice")).isPresent());
            seen.add(ctx.teams().size());
            seen.add(ctx.tickets(ViewQuery.builder().requester(ctx.ticket().requester()).limit(10).build()).items().size());
        });
        try (TicketEngine engine = TicketEngine.builder().clock(clock).module(reader).build()) {
            Fixtures shop = Fixtures.create(engine, TenantId.of("shop-1"));
            shop.carolAsks("one");
            seen.clear();
            Ticket two = shop.carolAsks("two");
            assertThat(seen).containsExactly(3, true, 3, 1);   // the new ticket is not in the store yet
            seen.clear();
            engine.tickets().update(shop.admin, two.id(), TicketUpdate.builder().addTags("x").build());
            assertThat(seen.get(3)).isEqualTo(2);
        }
    }

    @Test
    void teamsAndAgentsAreReadOnceAndCancelsOfSeenWorkWaitForTheEnd() {
        CountingStore store = new CountingStore();
        Recording timers = new Recording("timers", new ArrayList<>(), ctx -> {
            Ticket t = ctx.ticket();
            if (ctx.before().isEmpty()) {
                ctx.schedule(DueWork.of(t.tenantId(), "w:" + t.id(), "x", t.id(), ctx.now().plusSeconds(60)));
            } else if (!ctx.dueWork().isEmpty()) {
                ctx.cancel("w:" + t.id());
            }
        });
        try (TicketEngine engine = TicketEngine.builder().clock(clock).store(store).module(timers)
                .dueWorkHandler("x", w -> { }).build()) {
            Fixtures shop = Fixtures.create(engine, TenantId.of("shop-1"));
            Ticket first = shop.carolAsks("one", Fixtures.AFTER_SALES);
            int teamReads = store.calls("findTeam");
            shop.carolAsks("two", Fixtures.AFTER_SALES);
            shop.carolAsks("three", Fixtures.AFTER_SALES);
            assertThat(store.calls("findTeam")).isEqualTo(teamReads);   // known since the first command committed

            engine.tickets().setPriority(shop.admin, first.id(), Priority.HIGH);
            List<DueWork> left = store.inner.inTransaction(tx -> tx.dueWorkFor(shop.tenant, first.id()));
            assertThat(left).isEmpty();
        }
        // a team that does not exist is still refused, every time
        try (TicketEngine engine = TicketEngine.builder().clock(clock).build()) {
            Fixtures shop = Fixtures.create(engine, TenantId.of("shop-1"));
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> shop.carolAsks("x", dev.ticketkit.core.TeamId.of("nowhere")))
                        .isInstanceOf(dev.ticketkit.core.TicketValidationException.class);
            }
        }
    }
}
