package dev.ticketkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.DuplicateKeyException;
import dev.ticketkit.core.EventMeta;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketLink;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketStoreException;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.spi.AccessScope;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.TicketQuery;
import dev.ticketkit.testkit.TicketStoreContract;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The published contract plus what only a SQL store must prove: dialect detection, id order in SQL, error
 * translation, transactions (checked exceptions, nesting), exact JSON round trips of every event type, the
 * outbox, concurrent due-work claims and re-running the migrations.
 */
abstract class JdbcTicketStoreContract extends TicketStoreContract {

    protected abstract Dialect expectedDialect();

    private JdbcTicketStore jdbc() {
        return (JdbcTicketStore) store;
    }

    private Ticket plainTicket(TicketId id, long seq, Instant at) {
        return Ticket.builder().id(id).tenantId(tenant).number(TicketNumber.of("TK", seq)).subject("s " + seq)
                .channel(Channel.API).requester(shop.carol.id()).createdAt(at).updatedAt(at).statusChangedAt(at).build();
    }

    @Test
    void theDialectIsDetectedFromTheConnection() {
        assertThat(jdbc().dialect()).isEqualTo(expectedDialect());
    }

    @Test
    void sqlOrdersIdsLikeTicketIdCompareTo() {
        long[] halves = {0L, 1L, 0x7FFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L, 0xFFFF_FFFF_FFFF_FFFFL, 0x0123_4567_89AB_CDEFL,
                0xFEDC_BA98_7654_3210L};
        Instant at = Instant.parse("2026-11-11T08:00:00.123456Z");
        List<TicketId> ids = new ArrayList<>();
        for (long msb : halves) {
            for (long lsb : new long[] {0L, 0x8000_0000_0000_0000L, -1L, 0x7000_0000_0000_0001L}) {
                ids.add(TicketId.of(new UUID(msb, lsb)));
            }
        }
        Collections.shuffle(ids);
        store.inTransaction(tx -> {
            long seq = 10_000;
            for (TicketId id : ids) {
                tx.insertTicket(plainTicket(id, seq++, at));
            }
            return null;
        });
        List<TicketId> sorted = ids.stream().sorted().toList();
        for (boolean asc : new boolean[] {true, false}) {
            ViewQuery v = ViewQuery.builder().sort(SortField.CREATED_AT, asc).build();
            List<TicketId> got = store.inTransaction(tx -> tx.queryTickets(new TicketQuery(tenant, v, AccessScope.all(), null, 1000)))
                    .stream().map(Ticket::id).toList();
            List<TicketId> expected = new ArrayList<>(sorted);
            if (!asc) {
                Collections.reverse(expected);
            }
            assertThat(got).as("ascending=%s", asc).containsExactlyElementsOf(expected);
            // and keyset positions between ids of equal sort key continue at the right place
            TicketId middle = expected.get(expected.size() / 2);
            TicketQuery.Position p = new TicketQuery.Position(SortField.CREATED_AT.sortKey(plainTicket(middle, 1, at)), middle);
            List<TicketId> rest = store.inTransaction(tx -> tx.queryTickets(new TicketQuery(tenant, v, AccessScope.all(), p, 1000)))
                    .stream().map(Ticket::id).toList();
            assertThat(rest).containsExactlyElementsOf(expected.subList(expected.size() / 2 + 1, expected.size()));
        }
    }

    @Test
    void uniqueViolationsBecomeDuplicateKeysNamedLikeTheSpiWithoutValues() {
        Instant at = clock.instant();
        Ticket t = plainTicket(TicketId.of(UUID.randomUUID()), 777, at);
        store.inTransaction(tx -> {
            tx.insertTicket(t);
            return null;
        });
        assertDuplicate("ticket_id", () -> store.inTransaction(tx -> {
            tx.insertTicket(t.toBuilder().number(TicketNumber.of("TK", 778)).build());
            return null;
        }));
        assertDuplicate("ticket_number", () -> store.inTransaction(tx -> {
            tx.insertTicket(plainTicket(TicketId.of(UUID.randomUUID()), 777, at));
            return null;
        }));
        store.inTransaction(tx -> {
            tx.insertIdempotencyKey(tenant, "webhook-1", t.id());
            return null;
        });
        assertDuplicate("idempotency_key", () -> store.inTransaction(tx -> {
            tx.insertIdempotencyKey(tenant, "webhook-1", t.id());
            return null;
        }));
        assertDuplicate("customer_id", () -> store.inTransaction(tx -> {
            tx.insertCustomer(shop.carol);
            return null;
        }));
        Customer copycat = new Customer(CustomerId.of(UUID.randomUUID()), tenant, "Mallory", MemberTier.STANDARD,
                List.of(ChannelIdentity.of(IdentityType.EMAIL, "carol@example.com")), Set.of(), at, 1);
        assertDuplicate("customer_identity", () -> store.inTransaction(tx -> {
            tx.insertCustomer(copycat);
            return null;
        }));
        Message first = message(t.id(), "ext-1", "hello");
        store.inTransaction(tx -> {
            tx.insertMessage(first);
            return null;
        });
        assertDuplicate("external_message_id", () -> store.inTransaction(tx -> {
            tx.insertMessage(message(t.id(), "ext-1", "again"));
            return null;
        }));
        // nothing of the failed transactions was written
        store.inTransaction(tx -> {
            assertThat(tx.findCustomer(tenant, copycat.id())).isEmpty();
            assertThat(tx.messages(tenant, t.id())).containsExactly(first);
            return null;
        });
    }

    private Message message(TicketId ticket, String external, String text) {
        return new Message(MessageId.of(UUID.randomUUID()), tenant, ticket, Visibility.PUBLIC, AuthorKind.CUSTOMER,
                shop.carol.id().toString(), Channel.EMAIL, text, "", List.of(), external, clock.instant());
    }

    private static void assertDuplicate(String key, Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(DuplicateKeyException.class)
                .satisfies(e -> {
                    assertThat(((DuplicateKeyException) e).key()).isEqualTo(key);
                    assertThat(((DuplicateKeyException) e).sqlState()).isNotNull();
                    assertThat(e.getCause()).as("driver messages quote the duplicate values").isNull();
                    assertThat(e.getMessage()).doesNotContain("carol@example.com").doesNotContain("webhook-1")
                            .doesNotContain("ext-1");
                });
    }

    @Test
    void otherSqlErrorsBecomeStoreExceptionsWithTheSqlState() {
        Ticket t = shop.carolAsks("too long");
        String longAuthor = "a".repeat(5_000);
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.insertMessage(new Message(MessageId.of(UUID.randomUUID()), tenant, t.id(), Visibility.PUBLIC, AuthorKind.SYSTEM,
                    longAuthor, Channel.API, "x", "", List.of(), "", clock.instant()));
            return null;
        })).isExactlyInstanceOf(TicketStoreException.class)
                .satisfies(e -> {
                    assertThat(((TicketStoreException) e).sqlState()).isNotBlank();
                    assertThat(e.getMessage()).doesNotContain(longAuthor);
                    assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
                    assertThat(e.getCause().getMessage()).as("drivers quote values").doesNotContain("aaaaaaaaaa");
                    assertThat(((java.sql.SQLException) e.getCause()).getSQLState()).isEqualTo(((TicketStoreException) e).sqlState());
                });
    }

    @Test
    void aCheckedExceptionPassesThroughAndRollsBack() {
        Ticket t = shop.carolAsks("checked");
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.insertIdempotencyKey(tenant, "checked-1", t.id());
            throw new IOException("host failed");
        })).isExactlyInstanceOf(IOException.class).hasMessage("host failed");
        java.util.Optional<TicketId> key = store.inTransaction(tx -> tx.findIdempotencyKey(tenant, "checked-1"));
        assertThat(key).isEmpty();
    }

    @Test
    void aNestedTransactionJoinsTheOuterOne() {
        Ticket t = shop.carolAsks("nested");
        assertThatThrownBy(() -> store.inTransaction(outer -> {
            outer.insertIdempotencyKey(tenant, "outer", t.id());
            store.inTransaction(inner -> {
                assertThat(inner.findIdempotencyKey(tenant, "outer")).contains(t.id());
                inner.insertIdempotencyKey(tenant, "inner", t.id());
                return null;
            });
            throw new IllegalStateException("outer fails after the inner one returned");
        })).isInstanceOf(IllegalStateException.class);
        store.inTransaction(tx -> {
            assertThat(tx.findIdempotencyKey(tenant, "outer")).isEmpty();
            assertThat(tx.findIdempotencyKey(tenant, "inner")).isEmpty();
            return null;
        });
        store.inTransaction(outer -> store.inTransaction(inner -> {
            inner.insertIdempotencyKey(tenant, "both", t.id());
            return null;
        }));
        java.util.Optional<TicketId> both = store.inTransaction(tx -> tx.findIdempotencyKey(tenant, "both"));
        assertThat(both).contains(t.id());
    }

    @Test
    void everyEventTypeRoundTripsExactly() {
        TicketId id = TicketId.of(UUID.randomUUID());
        Instant at = Instant.parse("2026-11-11T01:02:03.456789Z");
        Ticket snapshot = plainTicket(id, 4242, at).toBuilder().subject("退货 🎁 'x' \"y\"; DROP TABLE t; --")
                .status(TicketStatus.OPEN).priority(Priority.URGENT).type("return").assignee(AgentId.of("alice"))
                .team(TeamId.of("after-sales")).tags(Set.of("vip", "退货"))
                .customFields(new TreeMap<>(Map.of("n", FieldValue.number(new BigDecimal("199.90")), "t", FieldValue.text("a\u0000b ✓"),
                        "b", FieldValue.bool(false), "d", FieldValue.date(LocalDate.of(2026, 2, 28)),
                        "c", FieldValue.choice("x"), "m", FieldValue.choices("z", "a"))))
                .orders(List.of(OrderRef.of("TAOBAO", "1"), OrderRef.of("ERP", "SO-1")))
                .links(List.of(TicketLink.of(LinkType.PARENT, TicketId.of(UUID.randomUUID()))))
                .firstAgentReplyAt(at.plusNanos(1_000)).solvedAt(at.plusSeconds(1)).closedAt(at.plusSeconds(2))
                .dueAt(at.plusSeconds(3)).version(1).build();
        List<TicketEvent> events = new ArrayList<>();
        int[] v = {0};
        java.util.function.Supplier<EventMeta> meta = () -> new EventMeta(UUID.randomUUID(), tenant, id, ++v[0],
                ActorRef.of(ActorKind.values()[v[0] % ActorKind.values().length], "actor-" + v[0]), at.plusNanos(v[0] * 1_000L));
        events.add(new TicketEvent.TicketCreated(meta.get(), snapshot));
        events.add(new TicketEvent.MessageAdded(meta.get(), MessageId.of(UUID.randomUUID()), Visibility.INTERNAL, AuthorKind.AGENT,
                Channel.of("DOUYIN")));
        events.add(new TicketEvent.StatusChanged(meta.get(), TicketStatus.NEW, TicketStatus.ON_HOLD));
        events.add(new TicketEvent.PriorityChanged(meta.get(), Priority.LOW, Priority.HIGH));
        events.add(new TicketEvent.SubjectChanged(meta.get(), "", "新 subject 😡"));
        events.add(new TicketEvent.TypeChanged(meta.get(), null, "incident"));
        events.add(new TicketEvent.TypeChanged(meta.get(), "incident", null));
        events.add(new TicketEvent.AssigneeChanged(meta.get(), null, AgentId.of("bob")));
        events.add(new TicketEvent.AssigneeChanged(meta.get(), AgentId.of("bob"), null));
        events.add(new TicketEvent.TeamChanged(meta.get(), TeamId.of("a"), null));
        events.add(new TicketEvent.TeamChanged(meta.get(), null, TeamId.of("b")));
        events.add(new TicketEvent.TagsChanged(meta.get(), Set.of("a", "退货"), Set.of()));
        events.add(new TicketEvent.CustomFieldChanged(meta.get(), "n", null, FieldValue.number(-5)));
        events.add(new TicketEvent.CustomFieldChanged(meta.get(), "m", FieldValue.choices("q"), null));
        events.add(new TicketEvent.CustomFieldChanged(meta.get(), "d", FieldValue.date(LocalDate.of(1999, 12, 31)),
                FieldValue.text("")));
        events.add(new TicketEvent.OrderReferenceAdded(meta.get(), OrderRef.of("JD", "J-1")));
        events.add(new TicketEvent.TicketLinked(meta.get(), LinkType.FOLLOW_UP_OF, TicketId.of(UUID.randomUUID())));
        events.add(new TicketEvent.TicketMerged(meta.get(), TicketId.of(UUID.randomUUID())));
        events.add(new TicketEvent.DueAtChanged(meta.get(), null, at));
        events.add(new TicketEvent.DueAtChanged(meta.get(), at, null));
        events.add(new TicketEvent.SlaWarning(meta.get(), "first_reply", "vip", at.plusSeconds(60)));
        events.add(new TicketEvent.SlaBreached(meta.get(), "resolution", "default", at.plusSeconds(120)));
        events.add(new TicketEvent.NotificationRequested(meta.get(), "supervisor", Map.of("k", "v ✓", "z", "")));
        events.add(new TicketEvent.ExtensionEvent(meta.get(), "csat.sent", Map.of("score", "5")));
        events.add(new TicketEvent.ExtensionEvent(meta.get(), "empty", Map.of()));
        store.inTransaction(tx -> {
            tx.appendEvents(events);
            return null;
        });
        List<TicketEvent> read = store.inTransaction(tx -> tx.events(tenant, id));
        assertThat(read).containsExactlyElementsOf(events);
        assertThat(((TicketEvent.TicketCreated) read.get(0)).ticket()).isEqualTo(snapshot);
    }

    @Test
    void theOutboxGetsEveryCommittedEventAndNoRolledBackOne() {
        Ticket t = shop.carolAsks("outbox");
        List<TicketEvent> trail = store.inTransaction(tx -> tx.events(tenant, t.id()));
        assertThat(trail).isNotEmpty();
        List<String> outboxIds = jdbc().withHandle(h -> h.createQuery("SELECT event_id FROM " + jdbc().tablePrefix()
                        + "outbox WHERE tenant = :tenant AND ticket_id = :ticket ORDER BY seq")
                .bind("tenant", tenant.value()).bind("ticket", t.id().toString()).mapTo(String.class).list());
        assertThat(outboxIds).containsExactlyElementsOf(trail.stream().map(e -> e.meta().eventId().toString()).toList());
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.appendEvents(List.of(new TicketEvent.SlaWarning(new EventMeta(UUID.randomUUID(), tenant, t.id(), 1,
                    ActorRef.of(ActorKind.SYSTEM, "sla"), clock.instant()), "m", "p", clock.instant())));
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);
        long rows = jdbc().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + jdbc().tablePrefix()
                        + "outbox WHERE tenant = :tenant AND ticket_id = :ticket")
                .bind("tenant", tenant.value()).bind("ticket", t.id().toString()).mapTo(Long.class).one());
        assertThat(rows).isEqualTo(trail.size());
    }

    @Test
    void concurrentClaimersNeverShareWork() throws Exception {
        Instant t0 = clock.instant();
        int items = 60;
        store.inTransaction(tx -> {
            for (int i = 0; i < items; i++) {
                tx.scheduleDueWork(DueWork.of(tenant, "w" + i, "test", null, t0.minusSeconds(i)));
            }
            return null;
        });
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(4, n -> {
            while (true) {
                List<DueWork> got = store.claimDueWork("node-" + n, t0, Duration.ofMinutes(5), 4);
                if (got.isEmpty()) {
                    return null;
                }
                got.forEach(w -> claimed.add(w.key()));
            }
        });
        assertThat(claimed).hasSize(items).doesNotHaveDuplicates();
        assertThat(store.nextDueAt(t0)).contains(t0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aCommandWritesItsDueWorkInOneBatchedStatement() {
        int timers = 5;
        dev.ticketkit.core.spi.CommandHook scheduler = ctx -> {
            Ticket t = ctx.ticket();
            if (ctx.before().isEmpty()) {
                for (int i = 0; i < timers; i++) {
                    ctx.schedule(DueWork.of(t.tenantId(), "timer:" + t.id() + ":" + i, "test", t.id(),
                            ctx.now().plusSeconds(60 + i)));
                }
            }
        };
        List<String> dueStatements = Collections.synchronizedList(new ArrayList<>());
        String table = jdbc().tablePrefix() + "due_work";
        jdbc().jdbi().setSqlLogger(new org.jdbi.v3.core.statement.SqlLogger() {
            @Override
            public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext ctx) {
                if (ctx.getRawSql().contains(table)) {
                    dueStatements.add(ctx.getRawSql());
                }
            }
        });
        Ticket t;
        try (dev.ticketkit.core.TicketEngine e = dev.ticketkit.core.TicketEngine.builder().store(store).clock(clock)
                .nodeId("batching").hook(scheduler).build()) {
            t = e.tickets().create(shop.integration, dev.ticketkit.core.NewTicket.builder(shop.carol.id(), "five timers")
                    .message("hello").build());
        } finally {
            jdbc().jdbi().setSqlLogger(org.jdbi.v3.core.statement.SqlLogger.NOP_SQL_LOGGER);
        }
        assertThat(dueStatements).as("statements on %s", table).hasSize(1);
        List<DueWork> stored = store.inTransaction(tx -> tx.dueWorkFor(tenant, t.id()));
        assertThat(stored).extracting(DueWork::key).containsExactly("timer:" + t.id() + ":0", "timer:" + t.id() + ":1",
                "timer:" + t.id() + ":2", "timer:" + t.id() + ":3", "timer:" + t.id() + ":4");
        assertThat(stored).extracting(DueWork::dueAt).containsExactly(t.createdAt().plusSeconds(60),
                t.createdAt().plusSeconds(61), t.createdAt().plusSeconds(62), t.createdAt().plusSeconds(63),
                t.createdAt().plusSeconds(64));
    }

    /**
     * The SPI asks for distinct keys, but a key twice must not fail the command: on PostgreSQL with
     * {@code reWriteBatchedInserts} (which the test pool sets, as the README recommends) a batch of four becomes one
     * multi-row {@code INSERT ... ON CONFLICT DO UPDATE}, which rejects a row proposed twice.
     */
    @Test
    void aKeyTwiceInOneBatchIsWrittenOnceWithItsLastSchedule() {
        Instant t0 = clock.instant();
        TicketId ticket = TicketId.of(UUID.randomUUID());
        store.inTransaction(tx -> {
            tx.scheduleDueWork(List.of(DueWork.of(tenant, "twice", "test", ticket, t0.plusSeconds(1)),
                    DueWork.of(tenant, "once", "test", ticket, t0.plusSeconds(2)),
                    DueWork.of(tenant, "other", "test", ticket, t0.plusSeconds(4)),
                    DueWork.of(tenant, "twice", "test", ticket, t0.plusSeconds(3)).withPayload("last")));
            return null;
        });
        List<DueWork> stored = store.inTransaction(tx -> tx.dueWorkFor(tenant, ticket));
        assertThat(stored).extracting(DueWork::key, DueWork::dueAt, DueWork::payload)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("once", t0.plusSeconds(2), ""),
                        org.assertj.core.groups.Tuple.tuple("twice", t0.plusSeconds(3), "last"),
                        org.assertj.core.groups.Tuple.tuple("other", t0.plusSeconds(4), ""));
    }

    @Test
    void rerunningTheMigrationChangesNothing() {
        // Flyway creates its table with quoted lower-case names, which on H2 are case-sensitive
        String q = expectedDialect() == Dialect.H2 ? "\"" : "";
        String history = q + jdbc().tablePrefix() + "schema_history" + q;
        String countAll = "SELECT COUNT(*) FROM " + history;
        String countV1 = countAll + " WHERE " + q + "version" + q + " = '1' AND " + q + "success" + q + " = TRUE";
        long rowsBefore = jdbc().withHandle(h -> h.createQuery(countAll).mapTo(Long.class).one());
        JdbcTicketStore again = JdbcTicketStore.builder(jdbc().dataSource()).tablePrefix(jdbc().tablePrefix()).build();
        assertThat(again.dialect()).isEqualTo(expectedDialect());
        long rowsAfter = jdbc().withHandle(h -> h.createQuery(countAll).mapTo(Long.class).one());
        long v1 = jdbc().withHandle(h -> h.createQuery(countV1).mapTo(Long.class).one());
        assertThat(rowsAfter).isEqualTo(rowsBefore);
        assertThat(v1).isEqualTo(1);
        Ticket t = shop.carolAsks("still here");
        java.util.Optional<Ticket> read = again.inTransaction(tx -> tx.findTicket(tenant, t.id()));
        assertThat(read).contains(t);
    }

    // ---- joining the caller's transaction -------------------------------------------------------

    private dev.ticketkit.core.NewTicket asked(String subject) {
        return dev.ticketkit.core.NewTicket.builder(shop.carol.id(), subject).channel(Channel.EMAIL)
                .message(shop.fromCarol("Hello, " + subject)).build();
    }

    private long outboxRows(TicketId id) {
        return jdbc().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + jdbc().tablePrefix()
                + "outbox WHERE ticket_id = :t").bind("t", id.toString()).mapTo(Long.class).one());
    }

    /** Reads on another thread, so on a connection of the store's own, outside the caller's transaction. */
    private java.util.Optional<Ticket> seenFromOutside(TicketId id) throws Exception {
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            return other.submit(() -> engine.tickets().find(shop.admin, id)).get(1, java.util.concurrent.TimeUnit.MINUTES);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aCommandInTheCallersTransactionIsGoneWhenTheCallerRollsBackAndThereWhenItCommits() throws Exception {
        List<TicketEvent> heard = Collections.synchronizedList(new ArrayList<>());
        try (dev.ticketkit.core.TicketEngine listening = dev.ticketkit.core.TicketEngine.builder().store(store).clock(clock)
                .listener(heard::addAll).build();
             java.sql.Connection c = jdbc().dataSource().getConnection()) {
            c.setAutoCommit(false);
            Ticket rolledBack;
            try (JoinedTransaction joined = jdbc().join(c)) {
                rolledBack = listening.tickets().create(shop.integration, asked("rolled back"));
                assertThat(listening.tickets().get(shop.admin, rolledBack.id())).isEqualTo(rolledBack); // same transaction
                assertThat(seenFromOutside(rolledBack.id())).isEmpty(); // not committed
                c.rollback();
            }
            assertThat(seenFromOutside(rolledBack.id())).isEmpty();
            assertThat(outboxRows(rolledBack.id())).isZero();
            assertThat(heard).isEmpty(); // dropped: the caller never reported a commit

            Ticket committed;
            try (JoinedTransaction joined = jdbc().join(c)) {
                committed = listening.tickets().create(shop.integration, asked("committed"));
                c.commit();
                assertThat(heard).isEmpty();
                joined.committed();
            }
            c.setAutoCommit(true);
            assertThat(heard).extracting(TicketEvent::ticketId).containsOnly(committed.id());
            assertThat(seenFromOutside(committed.id())).contains(committed);
            assertThat(outboxRows(committed.id())).isEqualTo(2L);
        }
    }

    @Test
    void aFailingCommandInTheCallersTransactionUndoesOnlyItself() throws Exception {
        Ticket before;
        Ticket after;
        try (java.sql.Connection c = jdbc().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (JoinedTransaction joined = jdbc().join(c)) {
                before = engine.tickets().create(shop.integration, dev.ticketkit.core.NewTicket.builder(shop.carol.id(), "one")
                        .message(dev.ticketkit.core.NewMessage.text("a").withExternalId("joined-ext")).build());
                // a database error inside the command (PostgreSQL would abort the whole transaction without the savepoint)
                assertThatThrownBy(() -> engine.tickets().create(shop.integration, dev.ticketkit.core.NewTicket.builder(
                        shop.carol.id(), "two").message(dev.ticketkit.core.NewMessage.text("b").withExternalId("joined-ext")).build()))
                        .isInstanceOf(DuplicateKeyException.class);
                after = engine.tickets().create(shop.integration, asked("three"));
                c.commit();
                joined.committed();
            }
            c.setAutoCommit(true);
        }
        assertThat(seenFromOutside(before.id())).isPresent();
        assertThat(seenFromOutside(after.id())).isPresent();
        // the failed command's number is a gap: numbers are reserved outside the command's transaction
        assertThat(after.number().sequence()).isEqualTo(before.number().sequence() + 2);
    }

    @Test
    void aCommandInAnOpenCallersTransactionHoldsNoNumberCounterAnotherNodeWaitsFor() throws Exception {
        Ticket joinedOne;
        Ticket otherNodes;
        java.util.concurrent.ExecutorService otherNode = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (dev.ticketkit.core.TicketEngine nodeB = dev.ticketkit.core.TicketEngine.builder().store(store).clock(clock)
                .nodeId("node-b").build();
             java.sql.Connection c = jdbc().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (JoinedTransaction joined = jdbc().join(c)) {
                joinedOne = engine.tickets().create(shop.integration, asked("in the caller's transaction"));
                // the caller's transaction stays open; node B's first ticket of the tenant reserves its own block
                otherNodes = otherNode.submit(() -> nodeB.tickets().create(shop.integration, asked("on node B")))
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
                c.commit();
                joined.committed();
            } finally {
                c.setAutoCommit(true);
            }
        } finally {
            otherNode.shutdownNow();
        }
        assertThat(joinedOne.number().sequence()).isEqualTo(1L);
        assertThat(otherNodes.number().sequence()).isEqualTo(1L + dev.ticketkit.core.TicketEngine.Builder.DEFAULT_TICKET_NUMBER_BLOCK);
        assertThat(seenFromOutside(joinedOne.id())).contains(joinedOne);
        assertThat(seenFromOutside(otherNodes.id())).contains(otherNodes);
    }

    @Test
    void joiningNeedsAnOpenTransactionOnThisThreadOnly() throws Exception {
        try (java.sql.Connection c = jdbc().dataSource().getConnection()) {
            assertThatThrownBy(() -> jdbc().join(c)).isInstanceOf(IllegalStateException.class).hasMessageContaining("auto-commit");
            c.setAutoCommit(false);
            try (JoinedTransaction joined = jdbc().join(c)) {
                assertThatThrownBy(() -> jdbc().join(c)).isInstanceOf(IllegalStateException.class);
                // due-work claims commit on their own, on a connection of the store's own
                assertThat(jdbc().claimDueWork("n", Instant.EPOCH, Duration.ofSeconds(1), 1)).isEmpty();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void aBoundCallerTransactionIsJoinedThroughTheBinding() throws Exception {
        ThreadLocal<java.sql.Connection> bound = new ThreadLocal<>();
        List<Runnable> afterCommit = new ArrayList<>();
        JdbcTicketStore bindingStore = JdbcTicketStore.builder(jdbc().dataSource()).tablePrefix(jdbc().tablePrefix())
                .migrate(false).transactionBinding(new TransactionBinding() {
                    @Override
                    public java.sql.Connection currentConnection() {
                        return bound.get();
                    }

                    @Override
                    public void afterCommit(Runnable action) {
                        afterCommit.add(action);
                    }
                }).build();
        List<TicketEvent> heard = new ArrayList<>();
        try (dev.ticketkit.core.TicketEngine e = dev.ticketkit.core.TicketEngine.builder().store(bindingStore).clock(clock)
                .listener(heard::addAll).build();
             java.sql.Connection c = jdbc().dataSource().getConnection()) {
            c.setAutoCommit(false);
            bound.set(c);
            Ticket t = e.tickets().create(shop.integration, asked("bound"));
            c.rollback();
            bound.remove();
            assertThat(seenFromOutside(t.id())).isEmpty();
            assertThat(heard).isEmpty();
            assertThat(afterCommit).hasSize(1); // the framework would drop it on rollback
            Ticket own = e.tickets().create(shop.integration, asked("own transaction")); // nothing bound: its own
            assertThat(seenFromOutside(own.id())).isPresent();
            assertThat(heard).extracting(TicketEvent::ticketId).containsOnly(own.id());
            c.setAutoCommit(true);
        }
    }
}
