package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.BatchCreateResult;
import dev.ticketkit.core.BatchCreateResult.Status;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.GroupCommitter;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.core.spi.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code Tickets.createAll} and {@link GroupCommitter} on the in-memory store, with a hook and a listener. */
class BatchIntakeTest extends EngineTestBase {

    /** Fails a ticket whose subject says so; tags the others and schedules a reminder for each. */
    static final class Picky implements CommandHook {
        @Override
        public void beforeCommit(HookContext ctx) {
            if (ctx.ticket().subject().contains("boom")) {
                throw new IllegalStateException("hook refused the ticket");
            }
            if (ctx.before().isEmpty()) {
                ctx.update(dev.ticketkit.core.TicketUpdate.builder().addTags("seen").build());
                ctx.schedule(DueWork.of(ctx.ticket().tenantId(), "remind:" + ctx.ticket().id(), "remind",
                        ctx.ticket().id(), ctx.now().plus(Duration.ofHours(1))));
            }
        }
    }

    /** Counts store transactions. */
    static final class CountingStore implements TicketStore {
        final TicketStore inner = TicketStore.inMemory();
        final AtomicInteger transactions = new AtomicInteger();

        @Override
        public <R, X extends Exception> R inTransaction(TransactionCallback<R, X> callback) throws X {
            transactions.incrementAndGet();
            return inner.inTransaction(callback);
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
        public int renewLeases(String owner, Collection<DueWork> works, Instant leaseUntil) {
            return inner.renewLeases(owner, works, leaseUntil);
        }

        @Override
        public Optional<Instant> nextDueAt(Instant now) {
            return inner.nextDueAt(now);
        }
    }

    final CountingStore store = new CountingStore();
    final List<List<TicketEvent>> delivered = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected TicketEngine.Builder configure(TicketEngine.Builder builder) {
        return builder.store(store).hook(new Picky()).listener(delivered::add);
    }

    NewTicket ticket(String subject) {
        return NewTicket.builder(shop.carol.id(), subject).channel(Channel.EMAIL).message(shop.fromCarol("Hello " + subject)).build();
    }

    NewTicket keyed(String subject, String key) {
        return NewTicket.builder(shop.carol.id(), subject).channel(Channel.EMAIL).idempotencyKey(key)
                .message(shop.fromCarol("Hello " + subject)).build();
    }

    List<Long> numbers(BatchCreateResult r) {
        return r.items().stream().filter(i -> i.status() == Status.CREATED).map(i -> i.ticket().number().sequence()).toList();
    }

    @Test
    void aBatchCreatesEveryTicketInOneTransactionWithConsecutiveNumbers() {
        shop.carolAsks("before"); // number 1
        int before = store.transactions.get();
        delivered.clear();
        BatchCreateResult r = engine.tickets().createAll(shop.integration,
                List.of(ticket("a"), ticket("b"), ticket("c"), ticket("d")));

        assertThat(store.transactions.get() - before).isEqualTo(1);
        assertThat(r.count(Status.CREATED)).isEqualTo(4);
        assertThat(numbers(r)).containsExactly(2L, 3L, 4L, 5L);
        for (BatchCreateResult.Item i : r.items()) {
            Ticket read = engine.tickets().get(shop.admin, i.ticket().id());
            assertThat(read).isEqualTo(i.ticket());
            assertThat(read.tags()).contains("seen"); // the hook ran for each ticket
            assertThat(engine.tickets().messages(shop.admin, read.id())).hasSize(1);
            assertThat(engine.tickets().auditTrail(shop.admin, read.id()))
                    .extracting(TicketEvent::type).containsExactly("ticket.created", "message.added", "tags.changed");
            List<DueWork> work = store.inner.inTransaction(tx -> tx.dueWorkFor(shop.tenant, read.id()));
            assertThat(work).hasSize(1);
        }
        // listeners got each ticket's events on their own, after the commit
        assertThat(delivered).hasSize(4);
        assertThat(delivered).allSatisfy(events -> assertThat(events).extracting(TicketEvent::ticketId).containsOnly(events.get(0).ticketId()));
        assertThat(r.tickets()).extracting(Ticket::subject).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aBadItemInTheMiddleIsReportedAndTheOthersAreCreated() {
        BatchCreateResult r = engine.tickets().createAll(shop.integration, List.of(
                ticket("first"),
                ticket("   "),                                                           // invalid subject
                NewTicket.builder(CustomerId.parse("00000000-0000-7000-8000-000000000001"), "stranger").message("hi").build(),  // unknown requester
                ticket("boom"),                                                          // the hook throws
                ticket("last")));

        assertThat(r.items()).extracting(BatchCreateResult.Item::status)
                .containsExactly(Status.CREATED, Status.INVALID, Status.NOT_FOUND, Status.FAILED, Status.CREATED);
        assertThat(r.item(1).error()).isInstanceOf(TicketValidationException.class);
        assertThat(r.item(3).error()).isInstanceOf(IllegalStateException.class).hasMessage("hook refused the ticket");
        assertThat(r.item(3).ticket()).isNull();
        // the round the hook failed in took 1, 2 and 3 and rolled back: numbers come from the engine's block, outside
        // the transaction, so the next round goes on with 4 and 5 (unused numbers are gaps)
        assertThat(numbers(r)).containsExactly(4L, 5L);
        // nothing of the failed items was written: no ticket with their subjects, no due work beyond the two
        assertThat(engine.tickets().view(shop.admin, dev.ticketkit.core.ViewQuery.builder().limit(50).build()).items())
                .extracting(Ticket::subject).containsExactlyInAnyOrder("first", "last");
        assertThat(delivered).hasSize(2);
    }

    @Test
    void aDuplicateIdempotencyKeyInsideOneBatchCreatesOneTicket() {
        BatchCreateResult r = engine.tickets().createAll(shop.integration, List.of(
                keyed("one", "k-1"), keyed("two", "k-2"), keyed("one again", "k-1")));

        assertThat(r.items()).extracting(BatchCreateResult.Item::status)
                .containsExactly(Status.CREATED, Status.CREATED, Status.EXISTING);
        assertThat(r.item(2).ticket()).isEqualTo(r.item(0).ticket());
        assertThat(numbers(r)).containsExactly(1L, 2L);
    }

    @Test
    void aKeyUsedBeforeReturnsTheExistingTicketAndAFailedLeaderLetsTheNextItemOfItsKeyCreate() {
        Ticket earlier = engine.tickets().create(shop.integration, keyed("earlier", "k-old"));
        BatchCreateResult r = engine.tickets().createAll(shop.integration, List.of(
                keyed("repeat", "k-old"), keyed("boom", "k-new"), keyed("retry", "k-new")));

        assertThat(r.items()).extracting(BatchCreateResult.Item::status)
                .containsExactly(Status.EXISTING, Status.FAILED, Status.CREATED);
        assertThat(r.item(0).ticket()).isEqualTo(earlier);
        assertThat(r.item(2).ticket().subject()).isEqualTo("retry");
        assertThat(engine.tickets().createAll(shop.integration, List.of(keyed("third", "k-new"))).item(0).ticket())
                .isEqualTo(r.item(2).ticket());
    }

    @Test
    void itemsAreCheckedForTheActorAndTheActorsTenant() {
        Fixtures other = Fixtures.create(engine, TenantId.of("shop-2"));
        // Carol acting for herself may not open a ticket for Dave; Dave does not exist in shop-2
        BatchCreateResult asCarol = engine.tickets().createAll(shop.carolActor(), List.of(
                NewTicket.builder(shop.carol.id(), "mine").message("hi").build(),
                NewTicket.builder(shop.dave.id(), "his").message("hi").build()));
        assertThat(asCarol.items()).extracting(BatchCreateResult.Item::status)
                .containsExactly(Status.CREATED, Status.PERMISSION_DENIED);
        assertThat(asCarol.item(1).error()).isInstanceOf(PermissionDeniedException.class);

        // shop-1's customer is unknown in shop-2; numbers are per tenant
        BatchCreateResult cross = engine.tickets().createAll(other.admin, List.of(
                NewTicket.builder(shop.dave.id(), "wrong tenant").message("hi").build(),
                NewTicket.builder(other.dave.id(), "right tenant").team(Fixtures.AFTER_SALES).message("hi").build()));
        assertThat(cross.items()).extracting(BatchCreateResult.Item::status)
                .containsExactly(Status.NOT_FOUND, Status.CREATED);
        Ticket created = cross.item(1).ticket();
        assertThat(created.tenantId()).isEqualTo(other.tenant);
        assertThat(created.number().sequence()).isEqualTo(1L);
        assertThat(engine.tickets().find(shop.admin, created.id())).isEmpty();
    }

    @Test
    void badArgumentsAreRejectedAtOnce() {
        assertThatThrownBy(() -> engine.tickets().createAll(shop.integration, null)).isInstanceOf(NullPointerException.class);
        List<NewTicket> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> engine.tickets().createAll(shop.integration, withNull)).isInstanceOf(NullPointerException.class);
        List<NewTicket> tooMany = Collections.nCopies(1_001, ticket("x"));
        assertThatThrownBy(() -> engine.tickets().createAll(shop.integration, tooMany))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bulk limit");
        assertThat(engine.tickets().createAll(shop.integration, List.of()).items()).isEmpty();
    }

    // ---- group committer -----------------------------------------------------------------------

    @Test
    void theGroupCommitterCommitsQueuedItemsFromManyThreadsAsOneBatch() throws Exception {
        try (GroupCommitter intake = GroupCommitter.builder(engine.tickets()).maxBatch(50).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<CompletableFuture<Ticket>>> submitted = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                submitted.add(pool.submit(() -> intake.submit(shop.integration, n == 7 ? ticket("boom") : ticket("t" + n))));
            }
            List<CompletableFuture<Ticket>> results = new ArrayList<>();
            for (Future<CompletableFuture<Ticket>> f : submitted) {
                results.add(f.get(10, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(intake.queued()).isEqualTo(20);
            assertThat(results).noneMatch(CompletableFuture::isDone);

            int before = store.transactions.get();
            assertThat(intake.runOnce()).isEqualTo(20);
            // one batch transaction, plus one more after the hook failure rolled the first attempt back
            assertThat(store.transactions.get() - before).isEqualTo(2);
            assertThat(results).allMatch(CompletableFuture::isDone);
            assertThatThrownBy(() -> results.get(7).get()).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
            Set<Long> numbers = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                if (i != 7) {
                    numbers.add(results.get(i).get().number().sequence());
                }
            }
            // from the engine's first block (the rolled-back first attempt's numbers are gaps)
            assertThat(numbers).hasSize(19).allMatch(n -> n >= 1 && n <= TicketEngine.Builder.DEFAULT_TICKET_NUMBER_BLOCK);
            assertThat(intake.runOnce()).isZero();
        }
    }

    @Test
    void theGroupCommitterTakesAtMostMaxBatchAndSplitsByActor() {
        try (GroupCommitter intake = GroupCommitter.builder(engine.tickets()).maxBatch(3).build()) {
            List<CompletableFuture<Ticket>> rs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rs.add(intake.submit(i % 2 == 0 ? shop.integration : shop.admin, ticket("t" + i)));
            }
            int before = store.transactions.get();
            assertThat(intake.runOnce()).isEqualTo(3);
            assertThat(store.transactions.get() - before).isEqualTo(2); // two actors, two transactions
            assertThat(rs.get(3)).isNotDone();
            assertThat(intake.queued()).isEqualTo(1);
        } // close() commits the rest
        assertThat(engine.tickets().view(shop.admin, dev.ticketkit.core.ViewQuery.builder().limit(50).build()).items())
                .hasSize(4);
    }

    @Test
    void theThreadedGroupCommitterServesConcurrentCreatorsWithUniqueNumbers() throws Exception {
        int threads = 8;
        int each = 50;
        Set<Long> numbers = Collections.synchronizedSet(new HashSet<>());
        try (GroupCommitter intake = GroupCommitter.builder(engine.tickets()).maxBatch(64)
                .maxDelay(Duration.ofMillis(1)).build()) {
            intake.start();
            TicketStoreContract.runConcurrently(threads, t -> {
                for (int i = 0; i < each; i++) {
                    numbers.add(intake.create(shop.integration, ticket("t" + t + "-" + i)).number().sequence());
                }
                assertThatThrownBy(() -> intake.create(shop.integration, ticket("boom")))
                        .isInstanceOf(IllegalStateException.class);
                return null;
            });
        }
        assertThat(numbers).hasSize(threads * each).allMatch(n -> n >= 1); // unique; batches the booms rolled back left gaps
        assertThat(store.transactions.get()).isLessThan(threads * each); // batched, not one per ticket
    }

    @Test
    void theGroupCommitterRejectsBadOptionsAndUseAfterClose() {
        assertThatThrownBy(() -> GroupCommitter.builder(engine.tickets()).maxBatch(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GroupCommitter.builder(engine.tickets()).maxDelay(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GroupCommitter.builder(engine.tickets()).maxBatch(5).maxBatch(6))
                .isInstanceOf(IllegalStateException.class);
        GroupCommitter full = GroupCommitter.builder(engine.tickets()).maxQueued(1).build();
        full.submit(shop.integration, ticket("a"));
        assertThatThrownBy(() -> full.submit(shop.integration, ticket("b"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("full");
        full.close();
        assertThatThrownBy(() -> full.submit(shop.integration, ticket("c"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        Actor nobody = null;
        assertThatThrownBy(() -> full.submit(nobody, ticket("d"))).isInstanceOf(NullPointerException.class);
    }
}
