package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.DuplicateKeyException;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.spi.AccessScope;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.TicketQuery;
import dev.ticketkit.core.spi.TicketStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link TicketStore} must pass: extend it, implement {@link #createStore()}, and run it
 * with JUnit 5. It drives the store both through a {@link TicketEngine} (as users do) and through the SPI
 * directly.
 *
 * <p>Each test gets a store from {@link #createStore()} and unique tenant ids, so a store backed by a shared
 * database need not drop its tickets between tests, only its due work (see {@link #createStore()}).
 * {@link #closeStore(TicketStore)} is called after each test.
 *
 * <p>Covered: CRUD and round trips of every field, versions and conflicts, tenant isolation, views and keyset
 * paging, per-tenant numbers (also under concurrency), reservations of number blocks (consecutive, never
 * overlapping, committed on their own while a transaction runs, kept after its rollback) and engines numbering from
 * blocks of their own, idempotency keys (also racing), the audit trail, atomicity of failed commands, external
 * message ids, customers and identities, the directory, due-work claims and leases, due work scheduled as one batch
 * (stored like one call per item), and concurrent writers to one ticket.
 */
public abstract class TicketStoreContract {

    /**
     * A fresh store for one test. Tickets, customers and the directory may be shared with other tests (each
     * test uses its own tenants), but the store must hold no due work: claims span tenants, so a store on a
     * shared database should use its own tables (a prefix) or empty its due-work table here.
     */
    protected abstract TicketStore createStore();

    /** Called after each test; closes the store by default. */
    protected void closeStore(TicketStore store) {
        store.close();
    }

    /** Changes each of the 8 concurrent writers makes to one ticket (default 1,000). */
    protected int concurrentChangesPerWriter() {
        return 1_000;
    }

    protected TicketStore store;
    protected MutableClock clock;
    protected TicketEngine engine;
    protected Fixtures shop;
    protected TenantId tenant;

    @BeforeEach
    void setUpContract() {
        store = createStore();
        clock = MutableClock.at("2026-11-11T00:00:00Z");
        engine = TicketEngine.builder().store(store).clock(clock).nodeId("contract-node").build();
        tenant = freshTenant();
        shop = Fixtures.create(engine, tenant);
    }

    @AfterEach
    void tearDownContract() {
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            closeStore(store);
        }
    }

    /** A tenant id no other test uses (stores on shared databases keep data between tests). */
    protected static TenantId freshTenant() {
        return TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 13));
    }

    private Ticket richTicket() {
        return engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "退货 / return — 🎁 'quoted' \"x\"; DROP TABLE tickets; --")
                .channel(Channel.TAOBAO)
                .priority(Priority.HIGH)
                .type("return")
                .team(Fixtures.AFTER_SALES)
                .assignee(AgentId.of("alice"))
                .tags("退货", "vip", "Late-Delivery")
                .field("order_type", FieldValue.choice("aftersale"))
                .field("refund_amount", FieldValue.number(new BigDecimal("199.90")))
                .field("fragile", FieldValue.bool(true))
                .field("promised_date", FieldValue.date(LocalDate.of(2026, 11, 13)))
                .field("note", FieldValue.text("客户说包裹破损 😡 ' OR 1=1 --"))
                .field("issues", FieldValue.choices("broken", "late"))
                .order(OrderRef.of("TAOBAO", "3141592653589793"))
                .order(OrderRef.of("ERP", "SO-2026-0001"))
                .message(NewMessage.text("我的快递还没到，订单号 3141592653589793 😭\n<script>alert(1)</script>")
                        .withHtml("<p>我的快递还没到</p>")
                        .withExternalId("tb-msg-0001")
                        .by(AuthorKind.CUSTOMER, shop.carol.id().toString()))
                .build());
    }

    // ---- CRUD and round trips ------------------------------------------------------------------

    @Test
    void createdTicketReadsBackWithEveryFieldVerbatim() {
        Ticket created = richTicket();
        Ticket read = engine.tickets().get(shop.admin, created.id());
        assertThat(read).isEqualTo(created);
        assertThat(read.subject()).isEqualTo("退货 / return — 🎁 'quoted' \"x\"; DROP TABLE tickets; --");
        assertThat(read.tags()).containsExactly("late-delivery", "vip", "退货");
        assertThat(read.customFields().get("refund_amount")).isEqualTo(FieldValue.number(new BigDecimal("199.9")));
        assertThat(read.customFields().get("issues")).isEqualTo(FieldValue.choices("late", "broken"));
        assertThat(read.customFields().get("note")).isEqualTo(FieldValue.text("客户说包裹破损 😡 ' OR 1=1 --"));
        assertThat(read.orders()).containsExactly(OrderRef.of("TAOBAO", "3141592653589793"), OrderRef.of("ERP", "SO-2026-0001"));
        assertThat(read.createdAt()).isEqualTo(Instant.parse("2026-11-11T00:00:00Z"));
        assertThat(read.version()).isEqualTo(1);
        assertThat(engine.tickets().findByNumber(shop.admin, created.number())).contains(created);

        List<Message> messages = engine.tickets().messages(shop.admin, created.id());
        assertThat(messages).hasSize(1);
        Message m = messages.get(0);
        assertThat(m.text()).isEqualTo("我的快递还没到，订单号 3141592653589793 😭\n<script>alert(1)</script>");
        assertThat(m.html()).isEqualTo("<p>我的快递还没到</p>");
        assertThat(m.externalMessageId()).isEqualTo("tb-msg-0001");
        assertThat(m.channel()).isEqualTo(Channel.TAOBAO);
        assertThat(m.authorKind()).isEqualTo(AuthorKind.CUSTOMER);
    }

    @Test
    void updatesAreStoredAndBumpTheVersionOncePerCommand() {
        Ticket t = richTicket();
        clock.advance(Duration.ofMinutes(5));
        Ticket updated = engine.tickets().update(shop.admin, t.id(), TicketUpdate.builder()
                .priority(Priority.URGENT).team(Fixtures.FINANCE).unassign().addTags("refund").removeTags("vip")
                .clearField("fragile").field("refund_amount", FieldValue.number(5)).status(TicketStatus.PENDING).build());
        assertThat(updated.version()).isEqualTo(2);
        Ticket read = engine.tickets().get(shop.admin, t.id());
        assertThat(read).isEqualTo(updated);
        assertThat(read.priority()).isEqualTo(Priority.URGENT);
        assertThat(read.team()).contains(Fixtures.FINANCE);
        assertThat(read.assignee()).isEmpty();
        assertThat(read.tags()).containsExactly("late-delivery", "refund", "退货");
        assertThat(read.customFields()).doesNotContainKey("fragile");
        assertThat(read.status()).isEqualTo(TicketStatus.PENDING);
        assertThat(read.updatedAt()).isEqualTo(Instant.parse("2026-11-11T00:05:00Z"));
        assertThat(read.statusChangedAt()).isEqualTo(Instant.parse("2026-11-11T00:05:00Z"));
    }

    @Test
    void linksAndDueInstantsRoundTrip() {
        Ticket a = shop.carolAsks("parcel late");
        Ticket b = shop.carolAsks("parcel late again");
        engine.tickets().link(shop.admin, a.id(), LinkType.RELATED, b.id());
        Ticket child = engine.tickets().createChildTask(shop.admin, a.id(),
                dev.ticketkit.core.ChildTask.of(Fixtures.WAREHOUSE, "Confirm returned parcel", "Please check bay 4"));
        Ticket readA = engine.tickets().get(shop.admin, a.id());
        assertThat(readA.linked(LinkType.RELATED)).containsExactly(b.id());
        assertThat(readA.linked(LinkType.CHILD)).containsExactly(child.id());
        assertThat(engine.tickets().get(shop.admin, child.id()).linked(LinkType.PARENT)).containsExactly(a.id());
    }

    // ---- versions and conflicts ----------------------------------------------------------------

    @Test
    void staleExpectedVersionIsAConflictAndWritesNothing() {
        Ticket t = shop.carolAsks("late");
        engine.tickets().setPriority(shop.admin, t.id(), Priority.HIGH);
        assertThatThrownBy(() -> engine.tickets().update(shop.admin, t.id(),
                TicketUpdate.builder().priority(Priority.LOW).expectVersion(1).build()))
                .isInstanceOf(TicketConflictException.class)
                .hasMessageContaining("expected version 1");
        Ticket read = engine.tickets().get(shop.admin, t.id());
        assertThat(read.priority()).isEqualTo(Priority.HIGH);
        assertThat(read.version()).isEqualTo(2);
    }

    @Test
    void storeRejectsAnUpdateAtAStaleVersion() {
        Ticket t = shop.carolAsks("late");
        Ticket next = t.toBuilder().priority(Priority.LOW).version(2).build();
        store.inTransaction(tx -> {
            tx.updateTicket(next, 1);
            return null;
        });
        Ticket stale = t.toBuilder().priority(Priority.URGENT).version(2).build();
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.updateTicket(stale, 1);
            return null;
        })).isInstanceOf(TicketConflictException.class);
        assertThat(engine.tickets().get(shop.admin, t.id()).priority()).isEqualTo(Priority.LOW);
    }

    // ---- atomicity ------------------------------------------------------------------------------

    @Test
    void aCommandThatFailsInAHookLeavesNothingBehind() {
        CommandHook failing = new CommandHook() {
            @Override
            public void beforeCommit(dev.ticketkit.core.spi.HookContext ctx) {
                ctx.update(TicketUpdate.builder().addTags("touched").build());
                ctx.addNote("written before the failure");
                ctx.schedule(DueWork.of(ctx.ticket().tenantId(), "k-" + ctx.ticket().id(), "never", ctx.ticket().id(),
                        ctx.now().plusSeconds(60)));
                if (ctx.ticket().subject().contains("boom")) {
                    throw new IllegalStateException("hook failed");
                }
            }
        };
        try (TicketEngine failingEngine = TicketEngine.builder().store(store).clock(clock).hook(failing).build()) {
            assertThatThrownBy(() -> failingEngine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "boom")
                    .message(NewMessage.text("hi").withExternalId("ext-boom")).idempotencyKey("idem-boom").build()))
                    .isInstanceOf(IllegalStateException.class);
            Page<Ticket> all = engine.tickets().view(shop.admin, ViewQuery.builder().build());
            assertThat(all.items()).isEmpty();
            store.inTransaction(tx -> {
                assertThat(tx.findMessageByExternalId(tenant, Channel.API, "ext-boom")).isEmpty();
                return null;
            });
            // the key was rolled back too: using it again creates a ticket instead of finding a phantom one
            Ticket again = engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "no boom now")
                    .idempotencyKey("idem-boom").build());
            assertThat(again.subject()).isEqualTo("no boom now");
            assertThat(store.claimDueWork("x", clock.instant().plusSeconds(3600), Duration.ofMinutes(1), 10)).isEmpty();

            Ticket ok = failingEngine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "fine").build());
            assertThat(ok.tags()).contains("touched");
        }
    }

    // ---- tenant isolation ----------------------------------------------------------------------

    @Test
    void anotherTenantSeesNothing() {
        Ticket t = shop.carolAsks("mine");
        TenantId other = freshTenant();
        Fixtures otherShop = Fixtures.create(engine, other);
        assertThatThrownBy(() -> engine.tickets().get(otherShop.admin, t.id())).isInstanceOf(TicketNotFoundException.class);
        assertThat(engine.tickets().find(otherShop.admin, t.id())).isEmpty();
        assertThat(engine.tickets().findByNumber(otherShop.admin, t.number())).isEmpty();
        assertThatThrownBy(() -> engine.tickets().setPriority(otherShop.admin, t.id(), Priority.LOW))
                .isInstanceOf(TicketNotFoundException.class);
        assertThat(engine.tickets().view(otherShop.admin, ViewQuery.builder().build()).items()).isEmpty();
        assertThat(otherShop.carol.id()).isNotEqualTo(shop.carol.id()); // the same email in two tenants is two customers
        assertThat(engine.customers().findByIdentity(otherShop.admin, IdentityType.EMAIL, "carol@example.com"))
                .map(Customer::id).contains(otherShop.carol.id());
        store.inTransaction(tx -> {
            assertThat(tx.findTicket(other, t.id())).isEmpty();
            assertThat(tx.messages(other, t.id())).isEmpty();
            assertThat(tx.events(other, t.id())).isEmpty();
            assertThat(tx.findCustomer(other, shop.carol.id())).isEmpty();
            return null;
        });
        assertThat(engine.tickets().get(shop.admin, t.id()).version()).isEqualTo(1);
    }

    // ---- numbers ------------------------------------------------------------------------------

    @Test
    void numbersCountUpPerTenant() {
        Ticket a = shop.carolAsks("one");
        Ticket b = shop.carolAsks("two");
        Fixtures otherShop = Fixtures.create(engine, freshTenant());
        Ticket c = otherShop.carolAsks("three");
        assertThat(a.number().sequence()).isEqualTo(1);
        assertThat(b.number().sequence()).isEqualTo(2);
        assertThat(c.number().sequence()).isEqualTo(1);
        assertThat(a.number().toString()).isEqualTo("TK-000001");
    }

    @Test
    void concurrentCreatesGetDistinctNumbers() throws Exception {
        int threads = 4;
        int each = 50;
        List<Ticket> made = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(threads, i -> {
            for (int n = 0; n < each; n++) {
                made.add(shop.carolAsks("concurrent " + i + "/" + n));
            }
            return null;
        });
        assertThat(made).hasSize(threads * each);
        assertThat(made.stream().map(t -> t.number().sequence()).distinct().count()).isEqualTo(threads * each);
        assertThat(made.stream().mapToLong(t -> t.number().sequence()).max().orElseThrow()).isGreaterThanOrEqualTo(threads * each);
    }

    // ---- idempotency ---------------------------------------------------------------------------

    @Test
    void anIdempotencyKeyBelongsToTheActorThatUsedIt() {
        Ticket carols = engine.tickets().create(shop.carolActor(), NewTicket.builder(shop.carol.id(), "carol's order")
                .idempotencyKey("web-1").message("my address is secret").build());
        // another customer guessing the key gets a ticket of their own, never carol's
        Ticket daves = engine.tickets().create(shop.daveActor(), NewTicket.builder(shop.dave.id(), "dave's order")
                .idempotencyKey("web-1").message("hello").build());
        assertThat(daves.id()).isNotEqualTo(carols.id());
        assertThat(daves.requester()).isEqualTo(shop.dave.id());
        // the same actor again gets its own ticket back, also in a batch
        assertThat(engine.tickets().create(shop.carolActor(), NewTicket.builder(shop.carol.id(), "retry")
                .idempotencyKey("web-1").build()).id()).isEqualTo(carols.id());
        dev.ticketkit.core.BatchCreateResult r = engine.tickets().createAll(shop.daveActor(),
                List.of(NewTicket.builder(shop.dave.id(), "retry").idempotencyKey("web-1").build()));
        assertThat(r.items().get(0).ticket().id()).isEqualTo(daves.id());
    }

    @Test
    void idempotencyKeysOfThreeHundredCharactersAreKept() {
        String key = "k".repeat(299) + "1";
        Ticket a = shop.carolAsks("a");
        store.inTransaction(tx -> {
            tx.insertIdempotencyKey(tenant, key, a.id());
            return null;
        });
        java.util.Optional<TicketId> found = store.inTransaction(tx -> tx.findIdempotencyKey(tenant, key));
        java.util.Optional<TicketId> other = store.inTransaction(tx -> tx.findIdempotencyKey(tenant, "k".repeat(299) + "2"));
        assertThat(found).contains(a.id());
        assertThat(other).isEmpty();
    }

    @Test
    void anIdempotencyKeyReturnsTheSameTicket() {
        NewTicket spec = NewTicket.builder(shop.carol.id(), "once").idempotencyKey("shopify-webhook-123").message("hi").build();
        Ticket first = engine.tickets().create(shop.integration, spec);
        Ticket second = engine.tickets().create(shop.integration, spec);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(engine.tickets().messages(shop.admin, first.id())).hasSize(1);
        assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().build()).items()).hasSize(1);
    }

    @Test
    void racingCreatesWithOneKeyMakeOneTicket() throws Exception {
        NewTicket spec = NewTicket.builder(shop.carol.id(), "race").idempotencyKey("race-key").message("hi").build();
        Set<TicketId> ids = ConcurrentHashMap.newKeySet();
        runConcurrently(4, i -> {
            for (int n = 0; n < 5; n++) {
                ids.add(engine.tickets().create(shop.integration, spec).id());
            }
            return null;
        });
        assertThat(ids).hasSize(1);
        assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().build()).items()).hasSize(1);
    }

    // ---- messages ------------------------------------------------------------------------------

    @Test
    void aDuplicateExternalMessageIdIsRejected() {
        Ticket t = shop.carolAsks("first");
        engine.tickets().reply(shop.integration, t.id(), NewMessage.text("again").via(Channel.EMAIL).withExternalId("<m1@mail>"));
        assertThatThrownBy(() -> engine.tickets().reply(shop.integration, t.id(),
                NewMessage.text("redelivered").via(Channel.EMAIL).withExternalId("<m1@mail>")))
                .isInstanceOf(DuplicateKeyException.class)
                .satisfies(e -> assertThat(((DuplicateKeyException) e).key()).isEqualTo("external_message_id"));
        // the same id on another channel is another message
        engine.tickets().reply(shop.integration, t.id(), NewMessage.text("wechat").via(Channel.WECHAT).withExternalId("<m1@mail>"));
        assertThat(engine.tickets().messages(shop.admin, t.id())).extracting(Message::text)
                .containsExactly("Hello, first", "again", "wechat");
        store.inTransaction(tx -> {
            assertThat(tx.findMessageByExternalId(tenant, Channel.EMAIL, "<m1@mail>")).map(Message::text).contains("again");
            return null;
        });
    }

    @Test
    void manyExternalMessageIdsAreLookedUpAtOnceWithinTheTenantChannelAndPermissions() {
        Ticket t = shop.carolAsks("first");
        Ticket w = shop.carolAsks("second", Fixtures.WAREHOUSE);
        engine.tickets().reply(shop.integration, t.id(), NewMessage.text("one").via(Channel.EMAIL).withExternalId("<a@mail>"));
        engine.tickets().reply(shop.integration, t.id(), NewMessage.text("two").via(Channel.EMAIL).withExternalId("<b@mail>"));
        engine.tickets().reply(shop.integration, w.id(), NewMessage.text("three").via(Channel.EMAIL).withExternalId("<c@mail>"));
        engine.tickets().reply(shop.integration, t.id(), NewMessage.text("chat").via(Channel.WECHAT).withExternalId("<d@mail>"));
        engine.tickets().note(shop.admin, t.id(), NewMessage.text("internal").withExternalId("<n@mail>").via(Channel.EMAIL));
        List<String> wanted = List.of("<a@mail>", "<b@mail>", "<c@mail>", "<d@mail>", "<n@mail>", "<x@mail>", "", "<a@mail>");

        store.inTransaction(tx -> {
            assertThat(tx.findMessagesByExternalIds(tenant, Channel.EMAIL, wanted))
                    .containsOnlyKeys("<a@mail>", "<b@mail>", "<c@mail>", "<n@mail>")
                    .hasEntrySatisfying("<b@mail>", m -> assertThat(m.text()).isEqualTo("two"));
            assertThat(tx.findMessagesByExternalIds(tenant, Channel.WECHAT, wanted)).containsOnlyKeys("<d@mail>");
            assertThat(tx.findMessagesByExternalIds(freshTenant(), Channel.EMAIL, wanted)).isEmpty();
            assertThat(tx.findMessagesByExternalIds(tenant, Channel.EMAIL, List.of())).isEmpty();
            return null;
        });
        assertThat(engine.tickets().findMessagesByExternalIds(shop.integration, Channel.EMAIL, wanted))
                .containsOnlyKeys("<a@mail>", "<b@mail>", "<c@mail>", "<n@mail>");
        // a customer sees public messages of their own tickets only; another tenant nothing
        Actor carol = Actor.customer(tenant, shop.carol.id());
        assertThat(engine.tickets().findMessagesByExternalIds(carol, Channel.EMAIL, wanted))
                .containsOnlyKeys("<a@mail>", "<b@mail>", "<c@mail>");
        Fixtures otherShop = Fixtures.create(engine, freshTenant());
        assertThat(engine.tickets().findMessagesByExternalIds(otherShop.admin, Channel.EMAIL, wanted)).isEmpty();
        // an agent of another team does not see the warehouse ticket's message
        assertThat(engine.tickets().findMessagesByExternalIds(shop.bob, Channel.EMAIL, wanted))
                .containsKeys("<a@mail>", "<b@mail>").doesNotContainKey("<c@mail>");
        List<String> tooMany = java.util.stream.IntStream.rangeClosed(0, dev.ticketkit.core.Limits.ofDefaults().maxBulkSize())
                .mapToObj(i -> "<" + i + "@mail>").toList();
        assertThatThrownBy(() -> engine.tickets().findMessagesByExternalIds(shop.integration, Channel.EMAIL, tooMany))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyIdentitiesAreLookedUpAtOnceWithinTheTenantAndType() {
        Customer zed = engine.customers().create(shop.admin, dev.ticketkit.core.NewCustomer.of("Zed",
                ChannelIdentity.of(IdentityType.EMAIL, "Zed@Example.com")));
        List<String> wanted = List.of("carol@example.com", "zed@example.com", "nobody@example.com", "carol@example.com");
        assertThat(engine.customers().findByIdentities(shop.admin, IdentityType.EMAIL, wanted))
                .containsOnlyKeys("carol@example.com", "zed@example.com")
                .hasEntrySatisfying("zed@example.com", c -> assertThat(c.id()).isEqualTo(zed.id()))
                .hasEntrySatisfying("carol@example.com", c -> assertThat(c.id()).isEqualTo(shop.carol.id()));
        assertThat(engine.customers().findByIdentities(shop.admin, IdentityType.PHONE, wanted)).isEmpty();
        assertThat(engine.customers().findByIdentities(shop.admin, IdentityType.EMAIL, List.of())).isEmpty();
        Fixtures otherShop = Fixtures.create(engine, freshTenant());
        assertThat(engine.customers().findByIdentities(otherShop.admin, IdentityType.EMAIL, List.of("zed@example.com"))).isEmpty();
        store.inTransaction(tx -> {
            assertThat(tx.findCustomersByIdentities(tenant, IdentityType.EMAIL, List.of("zed@example.com", "x@example.com")))
                    .containsOnlyKeys("zed@example.com");
            return null;
        });
        assertThatThrownBy(() -> engine.customers().findByIdentities(Actor.customer(tenant, shop.carol.id()),
                IdentityType.EMAIL, wanted)).isInstanceOf(dev.ticketkit.core.PermissionDeniedException.class);
    }

    // ---- audit ---------------------------------------------------------------------------------

    @Test
    void theAuditTrailRecordsWhoDidWhatWhen() {
        Ticket t = shop.carolAsks("audit me", Fixtures.AFTER_SALES);
        clock.advance(Duration.ofMinutes(1));
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("on it"));
        clock.advance(Duration.ofMinutes(1));
        engine.tickets().setPriority(shop.alice, t.id(), Priority.HIGH);
        List<TicketEvent> trail = engine.tickets().auditTrail(shop.admin, t.id());
        assertThat(trail).extracting(TicketEvent::type).containsExactly(
                "ticket.created", "message.added", "message.added", "status.changed", "priority.changed");
        assertThat(trail).extracting(e -> e.meta().ticketVersion()).containsExactly(1L, 1L, 2L, 2L, 3L);
        TicketEvent.PriorityChanged p = (TicketEvent.PriorityChanged) trail.get(4);
        assertThat(p.from()).isEqualTo(Priority.NORMAL);
        assertThat(p.to()).isEqualTo(Priority.HIGH);
        assertThat(p.actor().id()).isEqualTo("alice");
        assertThat(p.occurredAt()).isEqualTo(Instant.parse("2026-11-11T00:02:00Z"));
        assertThat(trail.stream().map(e -> e.meta().eventId()).distinct().count()).isEqualTo(5);
        TicketEvent.TicketCreated created = (TicketEvent.TicketCreated) trail.get(0);
        assertThat(created.ticket().subject()).isEqualTo("audit me");
    }

    @Test
    void readingEventsAfterKnownOnesGivesTheWholeTrailAndNeverTrustsAStaleOrForeignPrefix() {
        Ticket t = shop.carolAsks("read me in parts", Fixtures.AFTER_SALES);
        Ticket other = shop.carolAsks("another ticket", Fixtures.AFTER_SALES);
        List<TicketEvent> first = store.inTransaction(tx -> tx.events(shop.tenant, t.id()));
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("on it"));
        engine.tickets().setPriority(shop.alice, t.id(), Priority.HIGH);
        List<TicketEvent> all = store.inTransaction(tx -> tx.events(shop.tenant, t.id()));
        assertThat(all).hasSizeGreaterThan(first.size());
        store.inTransaction(tx -> {
            assertThat(tx.events(shop.tenant, t.id(), first)).isEqualTo(all);               // a true prefix
            assertThat(tx.events(shop.tenant, t.id(), all)).isEqualTo(all);                 // nothing newer
            assertThat(tx.events(shop.tenant, t.id(), List.of())).isEqualTo(all);
            // a prefix with a gap, events of a rolled-back command, another ticket's or tenant's: all is read
            assertThat(tx.events(shop.tenant, t.id(), List.of(first.get(first.size() - 1)))).isEqualTo(all);
            TicketEvent phantom = new TicketEvent.PriorityChanged(new dev.ticketkit.core.EventMeta(UUID.randomUUID(),
                    shop.tenant, t.id(), 2, first.get(0).actor(), clock.instant()), Priority.NORMAL, Priority.LOW);
            List<TicketEvent> stale = new ArrayList<>(first);
            stale.add(phantom);
            assertThat(tx.events(shop.tenant, t.id(), stale)).isEqualTo(all);
            List<TicketEvent> foreign = tx.events(shop.tenant, other.id());
            assertThat(tx.events(shop.tenant, t.id(), foreign)).isEqualTo(all);
            assertThat(tx.events(freshTenant(), t.id(), first)).isEmpty();
            return null;
        });
    }

    // ---- views and paging ----------------------------------------------------------------------

    private List<Ticket> manyTickets(int n) {
        List<Ticket> out = new ArrayList<>();
        Priority[] priorities = Priority.values();
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofSeconds(i % 3 == 0 ? 1 : 0)); // equal sort keys exercise the id tie-break
            TeamId team = i % 3 == 0 ? Fixtures.AFTER_SALES : (i % 3 == 1 ? Fixtures.FINANCE : null);
            NewTicket.Builder b = NewTicket.builder(i % 2 == 0 ? shop.carol.id() : shop.dave.id(), "ticket " + i)
                    .priority(priorities[i % 4]).channel(i % 5 == 0 ? Channel.EMAIL : Channel.WECHAT);
            if (team != null) {
                b.team(team);
            }
            if (i % 4 == 0) {
                b.tags("vip");
            }
            Ticket t = engine.tickets().create(shop.admin, b.build());
            if (i % 7 == 0) {
                t = engine.tickets().assign(shop.admin, t.id(), AgentId.of("alice"));
            }
            if (i % 6 == 0) {
                t = engine.tickets().changeStatus(shop.admin, t.id(), TicketStatus.OPEN);
            }
            out.add(engine.tickets().get(shop.admin, t.id()));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(SortField.class)
    void pagesWalkEveryMatchOnceInOrder(SortField sort) {
        List<Ticket> all = manyTickets(40);
        for (boolean asc : new boolean[] {true, false}) {
            List<TicketId> seen = new ArrayList<>();
            ViewQuery q = ViewQuery.builder().sort(sort, asc).limit(7).build();
            Page<Ticket> page = engine.tickets().view(shop.admin, q);
            seen.addAll(page.items().stream().map(Ticket::id).toList());
            while (page.hasMore()) {
                page = engine.tickets().view(shop.admin, q.toBuilder().after(page.nextCursor().orElseThrow()).build());
                assertThat(page.items()).isNotEmpty();
                seen.addAll(page.items().stream().map(Ticket::id).toList());
            }
            Comparator<Ticket> order = Comparator.comparingLong((Ticket t) -> sort.sortKey(t)).thenComparing(Ticket::id);
            if (!asc) {
                order = order.reversed();
            }
            List<TicketId> expected = all.stream().sorted(order).map(Ticket::id).toList();
            assertThat(seen).as("sort %s asc=%s", sort, asc).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theQueueOrderIsPriorityThenDueTimeThenAge() {
        CommandHook due = ctx -> {
            Ticket t = ctx.ticket();
            if (t.tags().contains("sla") && t.dueAt().isEmpty()) {
                ctx.setDueAt(t.createdAt().plus(Duration.ofMinutes(Long.parseLong(t.type().orElseThrow()))));
            }
        };
        try (TicketEngine e = TicketEngine.builder().store(store).clock(clock).hook(due).build()) {
            java.util.function.BiFunction<Priority, String, TicketId> make = (p, slaMinutes) -> {
                clock.advance(Duration.ofSeconds(1));
                NewTicket.Builder b = NewTicket.builder(shop.carol.id(), "queue " + p + " " + slaMinutes).priority(p);
                if (slaMinutes != null) {
                    b.tags("sla").type(slaMinutes);
                }
                return e.tickets().create(shop.admin, b.build()).id();
            };
            TicketId a = make.apply(Priority.NORMAL, null);
            TicketId b = make.apply(Priority.URGENT, null);
            TicketId c = make.apply(Priority.NORMAL, "30");
            TicketId d = make.apply(Priority.NORMAL, "10");
            TicketId urgentDue = make.apply(Priority.URGENT, "120");
            TicketId f = make.apply(Priority.LOW, null);
            assertThat(walk(ViewQuery.builder().sort(SortField.QUEUE, true).limit(2).build()))
                    .containsExactly(urgentDue, b, d, c, a, f);
            assertThat(walk(ViewQuery.builder().sort(SortField.DUE_AT, true).limit(4).build()))
                    .containsExactly(d, c, urgentDue, a, b, f);
        }
    }

    private List<TicketId> walk(ViewQuery q) {
        List<TicketId> seen = new ArrayList<>();
        Page<Ticket> page = engine.tickets().view(shop.admin, q);
        seen.addAll(page.items().stream().map(Ticket::id).toList());
        while (page.hasMore()) {
            page = engine.tickets().view(shop.admin, q.toBuilder().after(page.nextCursor().orElseThrow()).build());
            seen.addAll(page.items().stream().map(Ticket::id).toList());
        }
        return seen;
    }

    @Test
    void filtersCombine() {
        List<Ticket> all = manyTickets(30);
        ViewQuery q = ViewQuery.builder().team(Fixtures.AFTER_SALES).statuses(TicketStatus.NEW, TicketStatus.OPEN)
                .tag("vip").priorities(Priority.LOW, Priority.HIGH).limit(100).build();
        List<Ticket> got = engine.tickets().view(shop.admin, q).items();
        List<TicketId> expected = all.stream().filter(q::matches).map(Ticket::id).toList();
        assertThat(expected).isNotEmpty();
        assertThat(got).extracting(Ticket::id).containsExactlyInAnyOrderElementsOf(expected);

        List<Ticket> unassigned = engine.tickets().view(shop.admin, ViewQuery.builder().unassigned().limit(100).build()).items();
        assertThat(unassigned).isNotEmpty().allSatisfy(t -> assertThat(t.assignee()).isEmpty());
        List<Ticket> alices = engine.tickets().view(shop.admin, ViewQuery.builder().assignee(AgentId.of("alice")).limit(100).build()).items();
        assertThat(alices).extracting(Ticket::id).containsExactlyInAnyOrderElementsOf(
                all.stream().filter(t -> t.assignee().isPresent()).map(Ticket::id).toList());
        List<Ticket> email = engine.tickets().view(shop.admin, ViewQuery.builder().channel(Channel.EMAIL).limit(100).build()).items();
        assertThat(email).isNotEmpty().allSatisfy(t -> assertThat(t.channel()).isEqualTo(Channel.EMAIL));
        Page<Ticket> carols = engine.customers().history(shop.admin, shop.carol.id(), ViewQuery.builder().limit(100).build());
        assertThat(carols.items()).hasSize(15).allSatisfy(t -> assertThat(t.requester()).isEqualTo(shop.carol.id()));
    }

    @Test
    void storesApplyTheAccessScopeInTheQuery() {
        manyTickets(30);
        // alice (after-sales) sees after-sales tickets, tickets without team, and her own: never finance-only ones
        Page<Ticket> page = engine.tickets().view(shop.alice, ViewQuery.builder().limit(5).build());
        assertThat(page.items()).hasSize(5);
        List<Ticket> all = new ArrayList<>(page.items());
        while (page.hasMore()) {
            page = engine.tickets().view(shop.alice, ViewQuery.builder().limit(5).after(page.nextCursor().orElseThrow()).build());
            all.addAll(page.items());
        }
        AccessScope scope = AccessScope.teams(Set.of(Fixtures.AFTER_SALES), AgentId.of("alice"));
        assertThat(all).allSatisfy(t -> assertThat(scope.permits(t)).isTrue());
        List<Ticket> direct = store.inTransaction(tx -> tx.queryTickets(new TicketQuery(tenant, ViewQuery.builder().build(),
                scope, null, 1000)));
        assertThat(all).extracting(Ticket::id).containsExactlyElementsOf(direct.stream().map(Ticket::id).toList());
        List<Ticket> daves = store.inTransaction(tx -> tx.queryTickets(new TicketQuery(tenant, ViewQuery.builder().build(),
                AccessScope.requester(shop.dave.id()), null, 1000)));
        assertThat(daves).hasSize(15).allSatisfy(t -> assertThat(t.requester()).isEqualTo(shop.dave.id()));
        // a scope without unteamed tickets (light agents): only the teams' tickets and the agent's own
        AccessScope own = AccessScope.ownTeams(Set.of(Fixtures.AFTER_SALES), AgentId.of("alice"));
        List<Ticket> owned = store.inTransaction(tx -> tx.queryTickets(new TicketQuery(tenant, ViewQuery.builder().build(),
                own, null, 1000)));
        assertThat(owned).isNotEmpty().allSatisfy(t -> assertThat(own.permits(t)).isTrue());
        assertThat(owned).filteredOn(t -> t.team().isEmpty())
                .allSatisfy(t -> assertThat(t.assignee()).contains(AgentId.of("alice")));
        assertThat(owned.size()).isEqualTo(direct.stream().filter(own::permits).count());
        assertThat(direct).anySatisfy(t -> assertThat(t.team()).isEmpty());
    }

    // ---- customers and directory ---------------------------------------------------------------

    @Test
    void customerIdentitiesAreUniquePerTenant() {
        Customer c = engine.customers().findOrCreate(shop.integration,
                ChannelIdentity.of(IdentityType.PHONE, "+8613800138000"), "张三");
        assertThat(engine.customers().findOrCreate(shop.integration,
                ChannelIdentity.of(IdentityType.PHONE, "+8613800138000"), "someone else").id()).isEqualTo(c.id());
        Customer withEmail = engine.customers().addIdentity(shop.admin, c.id(),
                ChannelIdentity.verified(IdentityType.EMAIL, "ZhangSan@Example.com"));
        assertThat(withEmail.version()).isEqualTo(2);
        assertThat(engine.customers().findByIdentity(shop.admin, IdentityType.EMAIL, "zhangsan@example.com"))
                .map(Customer::id).contains(c.id());
        assertThatThrownBy(() -> engine.customers().addIdentity(shop.admin, shop.carol.id(),
                ChannelIdentity.of(IdentityType.EMAIL, "zhangsan@example.com")))
                .isInstanceOf(dev.ticketkit.core.TicketValidationException.class);
        assertThat(engine.customers().get(shop.admin, shop.carol.id()).identities()).hasSize(1);
        Customer read = engine.customers().get(shop.admin, c.id());
        assertThat(read).isEqualTo(withEmail);
        assertThat(read.displayName()).isEqualTo("张三");
    }

    @Test
    void customersRejectAStaleVersion() {
        Customer c = shop.carol;
        Customer next = new Customer(c.id(), c.tenantId(), "Carol B", c.tier(), c.identities(), c.tags(), c.createdAt(), 2);
        store.inTransaction(tx -> {
            tx.updateCustomer(next, 1);
            return null;
        });
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.updateCustomer(next, 1);
            return null;
        })).isInstanceOf(TicketConflictException.class);
    }

    @Test
    void theDirectoryKeepsAgentsTeamsAndFieldsPerTenant() {
        assertThat(engine.directory().teams(shop.admin)).extracting(Team::id)
                .containsExactly(Fixtures.AFTER_SALES, Fixtures.FINANCE, Fixtures.WAREHOUSE);
        assertThat(engine.directory().agents(shop.admin)).extracting(Agent::id)
                .containsExactly(AgentId.of("alice"), AgentId.of("bob"), AgentId.of("wendy"));
        Agent alice = engine.directory().agent(shop.admin, AgentId.of("alice")).orElseThrow();
        assertThat(alice.capacity()).containsEntry(Channel.EMAIL, 10);
        assertThat(alice.languages()).containsExactlyInAnyOrder("zh", "en");
        assertThat(engine.directory().fields(shop.admin)).extracting(FieldDefinition::key)
                .containsExactly("fragile", "issues", "note", "order_type", "promised_date", "refund_amount");
        FieldDefinition issues = engine.directory().fields(shop.admin).get(1);
        assertThat(issues.options()).containsExactly("broken", "late", "wrong_item");
        Fixtures other = Fixtures.create(engine, freshTenant());
        engine.directory().saveTeam(other.admin, Team.of(other.tenant, TeamId.of("only-there"), "Only there"));
        assertThat(engine.directory().team(shop.admin, TeamId.of("only-there"))).isEmpty();
    }

    // ---- due work ------------------------------------------------------------------------------

    private void schedule(DueWork w) {
        store.inTransaction(tx -> {
            tx.scheduleDueWork(w);
            return null;
        });
    }

    private boolean complete(DueWork w, String owner) {
        return store.inTransaction(tx -> tx.completeDueWork(w, owner));
    }

    @Test
    void anEmptyQueueHasNothingDue() {
        assertThat(store.nextDueAt(clock.instant())).isEmpty();
        assertThat(store.claimDueWork("n1", clock.instant().plusSeconds(3600), Duration.ofSeconds(30), 10)).isEmpty();
    }

    @Test
    void dueWorkIsClaimedOnceUntilItsLeaseRunsOut() {
        Instant t0 = clock.instant();
        schedule(DueWork.of(tenant, "a", "test", null, t0.plusSeconds(10)).withPayload("{\"n\":1}"));
        schedule(DueWork.of(tenant, "b", "test", null, t0.plusSeconds(20)));
        schedule(DueWork.of(tenant, "c", "test", null, t0.plusSeconds(999)));
        assertThat(store.nextDueAt(t0)).contains(t0.plusSeconds(10));
        assertThat(store.claimDueWork("n1", t0, Duration.ofSeconds(30), 10)).isEmpty();

        List<DueWork> n1 = store.claimDueWork("n1", t0.plusSeconds(20), Duration.ofSeconds(30), 10);
        assertThat(n1).extracting(DueWork::key).containsExactly("a", "b");
        assertThat(n1.get(0).payload()).isEqualTo("{\"n\":1}");
        assertThat(store.claimDueWork("n2", t0.plusSeconds(21), Duration.ofSeconds(30), 10)).isEmpty();
        assertThat(store.renewLeases("n1", List.of(n1.get(1)), t0.plusSeconds(120))).isEqualTo(1);

        // lease of "a" runs out: another node takes it over, and n1 can no longer complete it
        List<DueWork> n2 = store.claimDueWork("n2", t0.plusSeconds(51), Duration.ofSeconds(30), 10);
        assertThat(n2).extracting(DueWork::key).containsExactly("a");
        assertThat(complete(n1.get(0), "n1")).isFalse();
        assertThat(complete(n2.get(0), "n2")).isTrue();
        assertThat(complete(n1.get(1), "n1")).isTrue();
        assertThat(store.claimDueWork("n3", t0.plusSeconds(500), Duration.ofSeconds(30), 10)).isEmpty();
        assertThat(store.inTransaction(tx -> tx.cancelDueWork(tenant, "c")).booleanValue()).isTrue();
        assertThat(store.claimDueWork("n3", t0.plusSeconds(5000), Duration.ofSeconds(30), 10)).isEmpty();
    }

    @Test
    void aModulesExtensionEventsRoundTripWithTheirAttributesInTheirCommand() {
        Ticket t = shop.carolAsks("退货");
        java.util.Map<String, String> attributes = java.util.Map.of("case", "C1", "state", "REFUNDED",
                "refund", "199.00", "currency", "CNY", "note", "买家已确认收货 — 'quoted' \"x\"; --", "empty", "");
        Ticket after = engine.tickets().command(shop.admin, t.id(), dev.ticketkit.core.Permission.of("aftersales.decide"),
                ctx -> ctx.emit(meta -> new dev.ticketkit.core.TicketEvent.ExtensionEvent(meta, "commerce.case", attributes)));
        assertThat(after.version()).isEqualTo(t.version() + 1);
        List<dev.ticketkit.core.TicketEvent> trail = engine.tickets().auditTrail(shop.admin, t.id());
        assertThat(trail).filteredOn(e -> e instanceof dev.ticketkit.core.TicketEvent.ExtensionEvent)
                .singleElement().satisfies(e -> {
                    dev.ticketkit.core.TicketEvent.ExtensionEvent x = (dev.ticketkit.core.TicketEvent.ExtensionEvent) e;
                    assertThat(x.name()).isEqualTo("commerce.case");
                    assertThat(x.type()).isEqualTo("ext.commerce.case");
                    assertThat(x.attributes()).isEqualTo(attributes);
                    assertThat(x.meta().ticketVersion()).isEqualTo(after.version());
                });
        // a command that throws after emitting leaves no event behind
        assertThatThrownBy(() -> engine.tickets().command(shop.admin, t.id(), dev.ticketkit.core.Permission.of("aftersales.decide"),
                ctx -> {
                    ctx.emit(meta -> new dev.ticketkit.core.TicketEvent.ExtensionEvent(meta, "commerce.case", attributes));
                    throw new IllegalStateException("refused");
                })).isInstanceOf(IllegalStateException.class);
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).hasSameSizeAs(trail);
    }

    @Test
    void cancellingManyKeysRemovesExactlyThoseOfTheTenant() {
        Instant t0 = clock.instant();
        TenantId other = freshTenant();
        List<DueWork> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 620; i++) {
            mine.add(DueWork.of(tenant, "k" + i, "test", null, t0.plusSeconds(i)));
        }
        store.inTransaction(tx -> {
            tx.scheduleDueWork(mine);
            tx.scheduleDueWork(DueWork.of(other, "k1", "test", null, t0));
            return null;
        });
        List<String> cancel = new java.util.ArrayList<>();
        for (int i = 0; i < 620; i++) {
            if (i != 7 && i != 555) {
                cancel.add("k" + i);
            }
        }
        cancel.add("k1"); // a key twice
        cancel.add("never-scheduled");
        store.inTransaction(tx -> {
            tx.cancelDueWork(tenant, cancel);
            return null;
        });
        List<DueWork> left = store.claimDueWork("n1", t0.plusSeconds(10_000), Duration.ofSeconds(30), 1_000).stream()
                .filter(w -> w.tenantId().equals(tenant) || w.tenantId().equals(other)).toList();
        assertThat(left).extracting(DueWork::key).containsExactlyInAnyOrder("k7", "k555", "k1");
        assertThat(left).filteredOn(w -> w.key().equals("k1")).extracting(DueWork::tenantId).containsExactly(other);
    }

    @Test
    void releasedWorkComesBackLaterWithOneMoreAttempt() {
        Instant t0 = clock.instant();
        schedule(DueWork.of(tenant, "r", "test", null, t0));
        DueWork claimed = store.claimDueWork("n1", t0, Duration.ofSeconds(30), 10).get(0);
        store.releaseDueWork(claimed, "n1", t0.plusSeconds(60));
        assertThat(store.claimDueWork("n1", t0.plusSeconds(59), Duration.ofSeconds(30), 10)).isEmpty();
        DueWork again = store.claimDueWork("n2", t0.plusSeconds(60), Duration.ofSeconds(30), 10).get(0);
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.dueAt()).isEqualTo(t0.plusSeconds(60));
    }

    @Test
    void reschedulingClaimedWorkKeepsTheNewSchedule() {
        Instant t0 = clock.instant();
        schedule(DueWork.of(tenant, "s", "test", null, t0));
        DueWork claimed = store.claimDueWork("n1", t0, Duration.ofSeconds(30), 10).get(0);
        schedule(DueWork.of(tenant, "s", "test", null, t0.plusSeconds(300)));
        assertThat(complete(claimed, "n1")).isFalse();
        assertThat(store.claimDueWork("n1", t0.plusSeconds(300), Duration.ofSeconds(30), 10))
                .extracting(DueWork::dueAt).containsExactly(t0.plusSeconds(300));
    }

    /** The work as stored for another tenant, to compare two tenants' rows. */
    private static DueWork asTenant(DueWork w, TenantId t) {
        return new DueWork(t, w.key(), w.type(), w.ticketId(), w.dueAt(), w.payload(), w.attempts());
    }

    @Test
    void aBatchOfDueWorkIsStoredLikeOneCallPerItemAlsoWhereItReplacesClaimedWork() {
        TenantId batched = tenant;
        TenantId single = freshTenant();
        Instant t0 = clock.instant();
        TicketId ticket = TicketId.of(UUID.randomUUID());
        // in each tenant: "old", failed once and claimed again by n1, and "kept", which no batch item names
        for (TenantId t : List.of(batched, single)) {
            schedule(DueWork.of(t, "old", "test", ticket, t0.minusSeconds(60)).withPayload("{\"v\":0}"));
            schedule(DueWork.of(t, "kept", "test", ticket, t0.plusSeconds(3600)));
        }
        for (DueWork w : store.claimDueWork("n1", t0, Duration.ofSeconds(30), 10)) {
            store.releaseDueWork(w, "n1", t0.minusSeconds(30));
        }
        List<DueWork> held = store.claimDueWork("n1", t0, Duration.ofSeconds(30), 10);
        assertThat(held).extracting(DueWork::key, DueWork::attempts).containsExactly(
                org.assertj.core.groups.Tuple.tuple("old", 1), org.assertj.core.groups.Tuple.tuple("old", 1));

        java.util.function.Function<TenantId, List<DueWork>> items = t -> List.of(
                DueWork.of(t, "a", "test", ticket, t0.plusSeconds(10)).withPayload("{\"n\":1}"),
                DueWork.of(t, "old", "other", ticket, t0.plusSeconds(20)).withPayload("{\"v\":1}"),
                DueWork.of(t, "b", "test", null, t0.plusSeconds(5)),
                new DueWork(t, "c", "test", ticket, t0.plusSeconds(30), "", 7));
        store.inTransaction(tx -> {
            tx.scheduleDueWork(items.apply(batched));
            return null;
        });
        store.inTransaction(tx -> {
            for (DueWork w : items.apply(single)) {
                tx.scheduleDueWork(w);
            }
            return null;
        });

        List<DueWork> ofBatch = store.inTransaction(tx -> tx.dueWorkFor(batched, ticket));
        List<DueWork> ofSingles = store.inTransaction(tx -> tx.dueWorkFor(single, ticket));
        assertThat(ofBatch).extracting(DueWork::key).containsExactly("a", "old", "c", "kept");
        assertThat(ofBatch).containsExactlyElementsOf(ofSingles.stream().map(w -> asTenant(w, batched)).toList());
        DueWork replaced = ofBatch.get(1);
        assertThat(replaced.type()).isEqualTo("other");
        assertThat(replaced.payload()).isEqualTo("{\"v\":1}");
        assertThat(replaced.dueAt()).isEqualTo(t0.plusSeconds(20));
        assertThat(replaced.attempts()).isZero();

        // the replaced item's claim is gone in both: n1 cannot complete it, and while n1's lease would still run
        // (until t0 + 30 s) another node claims it, due at t0 + 20 s, with no attempts
        for (DueWork h : held) {
            assertThat(complete(h, "n1")).as("n1 completing the replaced %s of %s", h.key(), h.tenantId()).isFalse();
        }
        List<DueWork> early = store.claimDueWork("n2", t0.plusSeconds(25), Duration.ofHours(2), 100);
        assertClaimedAlike(early, batched, single, "a", "b", "old");
        List<DueWork> late = store.claimDueWork("n3", t0.plusSeconds(3600), Duration.ofSeconds(30), 100);
        assertClaimedAlike(late, batched, single, "c", "kept");
    }

    /** Both tenants' claimed work has these keys, with no attempts, and is the same apart from the tenant. */
    private static void assertClaimedAlike(List<DueWork> claimed, TenantId batched, TenantId single, String... keys) {
        Comparator<DueWork> byKey = Comparator.comparing(DueWork::key);
        List<DueWork> ofBatch = claimed.stream().filter(w -> w.tenantId().equals(batched)).sorted(byKey).toList();
        List<DueWork> ofSingles = claimed.stream().filter(w -> w.tenantId().equals(single)).sorted(byKey)
                .map(w -> asTenant(w, batched)).toList();
        assertThat(ofBatch).extracting(DueWork::key).containsExactly(keys);
        assertThat(ofBatch).containsExactlyElementsOf(ofSingles);
        assertThat(ofBatch).extracting(DueWork::attempts).containsOnly(0);
    }

    @Test
    void dueWorkRunsThroughTheEngineExactlyOnce() {
        AtomicInteger runs = new AtomicInteger();
        Ticket t = shop.carolAsks("timer");
        try (TicketEngine e = TicketEngine.builder().store(store).clock(clock).nodeId("n1")
                .dueWorkHandler("nudge", ctx -> {
                    runs.incrementAndGet();
                    ctx.onTicket(ctx.work().ticketId(), h -> h.update(TicketUpdate.builder().addTags("nudged").build()));
                }).build()) {
            schedule(DueWork.of(tenant, "nudge:" + t.id(), "nudge", t.id(), clock.instant().plusSeconds(60)));
            assertThat(e.runDueWork()).isZero();
            clock.advance(Duration.ofSeconds(60));
            assertThat(e.runDueWork()).isEqualTo(1);
            assertThat(e.runDueWork()).isZero();
            assertThat(runs).hasValue(1);
            assertThat(engine.tickets().get(shop.admin, t.id()).tags()).contains("nudged");
        }
    }

    // ---- concurrency ---------------------------------------------------------------------------

    @Test
    void concurrentWritersToOneTicketLoseNothing() throws Exception {
        Ticket t = shop.carolAsks("hot ticket", Fixtures.AFTER_SALES);
        int writers = 8;
        int each = concurrentChangesPerWriter();
        runConcurrently(writers, w -> {
            for (int i = 0; i < each; i++) {
                engine.tickets().note(shop.alice, t.id(), "writer " + w + " change " + i);
            }
            return null;
        });
        List<Message> notes = engine.tickets().messages(shop.admin, t.id()).stream()
                .filter(m -> m.visibility() == Visibility.INTERNAL).toList();
        assertThat(notes).hasSize(writers * each);
        Set<String> texts = new HashSet<>();
        notes.forEach(m -> texts.add(m.text()));
        assertThat(texts).hasSize(writers * each);
        assertThat(engine.tickets().get(shop.admin, t.id()).version()).isEqualTo(1L + writers * each);
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).hasSize(2 + writers * each);
    }

    // ---- batched intake ------------------------------------------------------------------------

    private NewTicket intake(String subject, String key) {
        NewTicket.Builder b = NewTicket.builder(shop.carol.id(), subject).channel(Channel.EMAIL).tags("batch")
                .message(shop.fromCarol("Hello, " + subject));
        if (key != null) {
            b.idempotencyKey(key);
        }
        return b.build();
    }

    @Test
    void reservedNumberBlocksStartAtOneIncreaseAndNeverOverlapAcrossThreadsPerTenant() throws Exception {
        TenantId numbered = freshTenant();
        assertThat(store.reserveTicketNumbers(numbered, 3)).isEqualTo(1L);
        assertThat(store.reserveTicketNumbers(numbered, 1)).isEqualTo(4L);
        assertThat(store.reserveTicketNumbers(freshTenant(), 2)).as("another tenant's first block").isEqualTo(1L);
        Set<Long> numbers = ConcurrentHashMap.newKeySet();
        runConcurrently(2, n -> {
            long previous = 4;
            for (int i = 0; i < 50; i++) {
                int count = 1 + i % 5;
                long first = store.reserveTicketNumbers(numbered, count);
                assertThat(first).as("block %d of thread %d starts above the blocks before it", i, n).isGreaterThan(previous);
                for (long k = first; k < first + count; k++) {
                    assertThat(numbers.add(k)).as("number %d reserved twice", k).isTrue();
                }
                previous = first + count - 1;
            }
            return null;
        });
        assertThat(numbers).hasSize(2 * 150);
        assertThat(store.reserveTicketNumbers(numbered, 1)).isGreaterThan(Collections.max(numbers));
        assertThatThrownBy(() -> store.reserveTicketNumbers(numbered, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.reserveTicketNumbers(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aReservationInsideATransactionCommitsOnItsOwnSoNobodyWaitsForThatTransactionNorGetsItsNumbersBack()
            throws Exception {
        TenantId numbered = freshTenant();
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong insideFirst = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Object> inside = threads.submit(() -> store.inTransaction(tx -> {
                insideFirst.set(store.reserveTicketNumbers(numbered, 5));
                reserved.countDown();
                assertThat(finish.await(1, TimeUnit.MINUTES)).isTrue();
                throw new IllegalStateException("the command fails after its reservation");
            }));
            assertThat(reserved.await(1, TimeUnit.MINUTES)).isTrue();
            // while that transaction is open, another thread reserves at once, after its block
            long outside = threads.submit(() -> store.reserveTicketNumbers(numbered, 5)).get(30, TimeUnit.SECONDS);
            assertThat(insideFirst.get()).isEqualTo(1L);
            assertThat(outside).isGreaterThan(insideFirst.get() + 4);
            finish.countDown();
            assertThatThrownBy(() -> inside.get(1, TimeUnit.MINUTES)).hasCauseInstanceOf(IllegalStateException.class);
            // the rollback gives nothing back
            assertThat(store.reserveTicketNumbers(numbered, 1)).isGreaterThan(outside + 4);
        } finally {
            finish.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void enginesNumberFromBlocksOfTheirOwnUniquePerTenantAndIncreasingPerEngine() throws Exception {
        Fixtures numbered = Fixtures.create(engine, freshTenant());
        List<List<Ticket>> byEngine = new ArrayList<>();
        try (TicketEngine a = TicketEngine.builder().store(store).clock(clock).nodeId("node-a").ticketNumberBlock(3).build();
             TicketEngine b = TicketEngine.builder().store(store).clock(clock).nodeId("node-b").ticketNumberBlock(3).build()) {
            List<TicketEngine> engines = List.of(a, b);
            for (int i = 0; i < 4; i++) {
                byEngine.add(Collections.synchronizedList(new ArrayList<>()));
            }
            // two threads per engine, each creating in turn, single tickets and batches of two
            runConcurrently(4, n -> {
                TicketEngine e = engines.get(n % 2);
                for (int i = 0; i < 10; i++) {
                    if (i % 3 == 2) {
                        byEngine.get(n).addAll(e.tickets().createAll(numbered.integration, List.of(
                                NewTicket.builder(numbered.carol.id(), "batch " + n + "/" + i).message("hi").build(),
                                NewTicket.builder(numbered.carol.id(), "batch " + n + "/" + i + "b").message("hi").build()))
                                .tickets());
                    } else {
                        byEngine.get(n).add(e.tickets().create(numbered.integration,
                                NewTicket.builder(numbered.carol.id(), "single " + n + "/" + i).message("hi").build()));
                    }
                }
                return null;
            });
        }
        List<Long> all = new ArrayList<>();
        for (List<Ticket> made : byEngine) {
            List<Long> seqs = made.stream().map(t -> t.number().sequence()).toList();
            assertThat(seqs).as("numbers one thread got, in the order it got them").isSorted().doesNotHaveDuplicates();
            all.addAll(seqs);
        }
        assertThat(all).hasSize(4 * 13).doesNotHaveDuplicates().allMatch(n -> n >= 1);
        List<Ticket> stored = engine.tickets().view(numbered.admin, ViewQuery.builder().limit(100).build()).items();
        assertThat(stored).hasSize(4 * 13);
        assertThat(stored).extracting(t -> t.number().sequence()).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void aClosedEnginesUnusedNumbersAreAGapAndBlockOneNumbersInTheOrderAsked() {
        Fixtures numbered = Fixtures.create(engine, freshTenant());
        NewTicket ask = NewTicket.builder(numbered.carol.id(), "where is my parcel?").message("hi").build();
        try (TicketEngine first = TicketEngine.builder().store(store).clock(clock).nodeId("first").build()) {
            assertThat(first.tickets().create(numbered.integration, ask).number().sequence()).isEqualTo(1L);
        }
        try (TicketEngine next = TicketEngine.builder().store(store).clock(clock).nodeId("next").build()) {
            // the first engine's block was 1 .. 50; what it left unused is a gap
            assertThat(next.tickets().create(numbered.integration, ask).number().sequence())
                    .isEqualTo(1L + TicketEngine.Builder.DEFAULT_TICKET_NUMBER_BLOCK);
        }
        Fixtures one = Fixtures.create(engine, freshTenant());
        NewTicket asked = NewTicket.builder(one.carol.id(), "one at a time").message("hi").build();
        try (TicketEngine a = TicketEngine.builder().store(store).clock(clock).nodeId("a").ticketNumberBlock(1).build();
             TicketEngine b = TicketEngine.builder().store(store).clock(clock).nodeId("b").ticketNumberBlock(1).build()) {
            assertThat(List.of(a.tickets().create(one.integration, asked), b.tickets().create(one.integration, asked),
                    a.tickets().create(one.integration, asked), b.tickets().create(one.integration, asked)))
                    .extracting(t -> t.number().sequence()).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void batchedIdempotencyKeysAreFoundPerTenantAndADuplicateUndoesTheTransaction() {
        Ticket a = shop.carolAsks("a");
        Ticket b = shop.carolAsks("b");
        store.inTransaction(tx -> {
            tx.insertIdempotencyKeys(tenant, new java.util.LinkedHashMap<>(java.util.Map.of("k-a", a.id(), "k-b", b.id())));
            return null;
        });
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.insertIdempotencyKeys(tenant, new java.util.LinkedHashMap<>(java.util.Map.of("k-c", a.id())));
            tx.insertIdempotencyKeys(tenant, new java.util.LinkedHashMap<>(java.util.Map.of("k-a", b.id())));
            return null;
        })).isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo("idempotency_key"));
        java.util.Map<String, TicketId> found = store.inTransaction(tx -> tx.findIdempotencyKeys(tenant, List.of("k-a", "k-b", "k-c", "k-x")));
        assertThat(found).containsOnly(java.util.Map.entry("k-a", a.id()), java.util.Map.entry("k-b", b.id()));
        java.util.Map<String, TicketId> elsewhere = store.inTransaction(tx -> tx.findIdempotencyKeys(freshTenant(), List.of("k-a", "k-b")));
        assertThat(elsewhere).isEmpty();
    }

    @Test
    void aBatchOfTicketsIsWrittenCompletelyWithOneBlockOfNumbers() {
        Ticket before = shop.carolAsks("before");
        dev.ticketkit.core.BatchCreateResult r = engine.tickets().createAll(shop.integration,
                List.of(intake("one", null), intake("two", "key-2"), intake("three", null)));
        assertThat(r.count(dev.ticketkit.core.BatchCreateResult.Status.CREATED)).isEqualTo(3);
        assertThat(r.tickets()).extracting(t -> t.number().sequence())
                .containsExactly(before.number().sequence() + 1, before.number().sequence() + 2, before.number().sequence() + 3);
        for (dev.ticketkit.core.BatchCreateResult.Item item : r.items()) {
            Ticket t = item.ticket();
            assertThat(engine.tickets().get(shop.admin, t.id())).isEqualTo(t);
            assertThat(engine.tickets().messages(shop.admin, t.id())).singleElement()
                    .satisfies(m -> assertThat(m.text()).isEqualTo("Hello, " + t.subject()))
                    .satisfies(m -> assertThat(item.message()).contains(m.id()));
            assertThat(engine.tickets().auditTrail(shop.admin, t.id())).extracting(TicketEvent::type)
                    .startsWith("ticket.created", "message.added");
            assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().tag("batch").limit(10).build()).items())
                    .contains(t);
        }
        dev.ticketkit.core.BatchCreateResult again = engine.tickets().createAll(shop.integration, List.of(intake("again", "key-2")));
        assertThat(again.item(0).ticket()).isEqualTo(r.item(1).ticket());
        assertThat(again.item(0).message()).isEmpty(); // EXISTING: nothing was created
    }

    @Test
    void aBadItemInTheMiddleOfABatchLosesNothingElse() {
        dev.ticketkit.core.BatchCreateResult r = engine.tickets().createAll(shop.integration, List.of(
                intake("first", "k-1"),
                NewTicket.builder(shop.carol.id(), "x".repeat(10_000)).message("too long a subject").build(),
                intake("dup", "k-1"),
                NewTicket.builder(shop.carol.id(), "ext 1").message(NewMessage.text("a").withExternalId("ext-1")).build(),
                NewTicket.builder(shop.carol.id(), "ext 1 again").message(NewMessage.text("b").withExternalId("ext-1")).build(),
                intake("last", null)));
        assertThat(r.items()).extracting(dev.ticketkit.core.BatchCreateResult.Item::status).containsExactly(
                dev.ticketkit.core.BatchCreateResult.Status.CREATED, dev.ticketkit.core.BatchCreateResult.Status.INVALID,
                dev.ticketkit.core.BatchCreateResult.Status.EXISTING, dev.ticketkit.core.BatchCreateResult.Status.CREATED,
                dev.ticketkit.core.BatchCreateResult.Status.FAILED, dev.ticketkit.core.BatchCreateResult.Status.CREATED);
        assertThat(r.item(2).ticket()).isEqualTo(r.item(0).ticket());
        assertThat(r.item(4).error()).isInstanceOfSatisfying(DuplicateKeyException.class,
                e -> assertThat(e.key()).isEqualTo("external_message_id"));
        List<Ticket> all = engine.tickets().view(shop.admin, ViewQuery.builder().limit(50).build()).items();
        assertThat(all).extracting(Ticket::subject).containsExactlyInAnyOrder("first", "ext 1", "last");
        assertThat(all).extracting(t -> t.number().sequence()).doesNotHaveDuplicates();
    }

    @Test
    void concurrentBatchesWithTheSameIdempotencyKeysCreateEachTicketOnce() throws Exception {
        List<dev.ticketkit.core.BatchCreateResult> results = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(4, n -> {
            List<NewTicket> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                items.add(intake("shared " + i, "shared-" + i));
                items.add(intake("own " + n + "-" + i, "own-" + n + "-" + i));
            }
            results.add(engine.tickets().createAll(shop.integration, items));
            return null;
        });
        for (int i = 0; i < 10; i++) {
            Set<TicketId> ids = new HashSet<>();
            for (dev.ticketkit.core.BatchCreateResult r : results) {
                assertThat(r.items()).allMatch(dev.ticketkit.core.BatchCreateResult.Item::succeeded);
                ids.add(r.item(2 * i).ticket().id());
            }
            assertThat(ids).as("tickets for key shared-%d", i).hasSize(1);
        }
        List<Ticket> all = engine.tickets().view(shop.admin, ViewQuery.builder().limit(100).build()).items();
        assertThat(all).hasSize(10 + 4 * 10);
        assertThat(all).extracting(t -> t.number().sequence()).doesNotHaveDuplicates();
    }

    @Test
    void aBatchStaysInsideItsTenant() {
        Fixtures other = Fixtures.create(engine, freshTenant());
        dev.ticketkit.core.BatchCreateResult r = engine.tickets().createAll(other.integration, List.of(
                NewTicket.builder(shop.carol.id(), "not your customer").message("hi").build(),
                NewTicket.builder(other.carol.id(), "mine").idempotencyKey("same-key").message("hi").build()));
        assertThat(r.items()).extracting(dev.ticketkit.core.BatchCreateResult.Item::status).containsExactly(
                dev.ticketkit.core.BatchCreateResult.Status.NOT_FOUND, dev.ticketkit.core.BatchCreateResult.Status.CREATED);
        assertThat(r.item(1).ticket().number().sequence()).isEqualTo(1L);
        // the same key in the first tenant is a different request
        Ticket own = engine.tickets().createAll(shop.integration, List.of(intake("own", "same-key"))).item(0).ticket();
        assertThat(own.id()).isNotEqualTo(r.item(1).ticket().id());
        assertThat(engine.tickets().find(shop.admin, r.item(1).ticket().id())).isEmpty();
    }

    /** Runs {@code task(i)} on {@code threads} threads started together; rethrows the first failure. */
    protected static void runConcurrently(int threads, ThrowingTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<Object> c = () -> {
                    start.await();
                    return task.run(n);
                };
                futures.add(pool.submit(c));
            }
            start.countDown();
            for (Future<Object> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A task of one of the concurrent threads. */
    @FunctionalInterface
    protected interface ThrowingTask {
        Object run(int threadIndex) throws Exception;
    }
}
