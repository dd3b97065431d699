package dev.ticketkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.HookContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupCommitter} when the store or a hook throws an {@link Error}: every future completes, the workers
 * are replaced, and {@code submit} fails fast once no worker can run. Waits are bounded; a future that never
 * completes fails the test instead of hanging it.
 */
class GroupCommitterTest {
    private static final long WAIT_SECONDS = 10;
    private static final TenantId SHOP = TenantId.of("shop-1");

    /**
     * Throws the error a ticket's subject names, as a broken rule or a too-deep template would, and notes the
     * thread it ran on.
     */
    static final class Erring implements CommandHook {
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeCommit(HookContext ctx) {
            threads.add(Thread.currentThread());
            String subject = ctx.ticket().subject();
            if (subject.startsWith("overflow")) {
                throw new StackOverflowError();
            }
            if (subject.startsWith("assert")) {
                throw new AssertionError("hook invariant broken");
            }
        }
    }

    final Erring hook = new Erring();
    TicketEngine engine;
    Actor admin;
    Actor integration;
    Customer carol;

    @BeforeEach
    void setUp() {
        engine = TicketEngine.builder().clock(Clock.fixed(Instant.parse("2026-11-11T00:00:00Z"), ZoneOffset.UTC))
                .hook(hook).build();
        admin = Actor.system(SHOP, "admin").withRoles(Role.ADMIN);
        integration = Actor.integration(SHOP, "test-channel");
        carol = engine.customers().create(admin, NewCustomer.of("Carol",
                ChannelIdentity.verified(IdentityType.EMAIL, "carol@example.com")));
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    NewTicket ticket(String subject) {
        return NewTicket.builder(carol.id(), subject).channel(Channel.EMAIL).message("Hello " + subject).build();
    }

    static Throwable failureOf(CompletableFuture<Ticket> f) throws Exception {
        try {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the future succeeded");
    }

    List<Ticket> allTickets() {
        return engine.tickets().view(admin, ViewQuery.builder().limit(50).build()).items();
    }

    @Test
    void anErrorFailsItsActorsItemsAndTheOtherActorsItemsAreStillCommitted() {
        try (GroupCommitter intake = GroupCommitter.builder(engine.tickets()).build()) {
            CompletableFuture<Ticket> bad = intake.submit(integration, ticket("overflow"));
            CompletableFuture<Ticket> sameActor = intake.submit(integration, ticket("fine, but in the failing batch"));
            CompletableFuture<Ticket> otherActor = intake.submit(admin, ticket("fine"));

            assertThatThrownBy(intake::runOnce).as("the driving thread sees the error").isInstanceOf(StackOverflowError.class);
            assertThat(bad).isCompletedExceptionally();
            assertThat(sameActor).isCompletedExceptionally();
            assertThatThrownBy(sameActor::join).hasCauseInstanceOf(StackOverflowError.class);
            assertThat(otherActor).isCompletedWithValueMatching(t -> t.subject().equals("fine"));
            assertThat(intake.queued()).isZero();
        }
        assertThat(allTickets()).extracting(Ticket::subject).containsExactly("fine");
    }

    @Test
    void anErrorInTheWorkerCompletesItsBatchAndAnotherWorkerServesLaterItems() throws Exception {
        try (GroupCommitter intake = GroupCommitter.builder(engine.tickets()).build()) {
            intake.start();
            assertThat(failureOf(intake.submit(integration, ticket("overflow")))).isInstanceOf(StackOverflowError.class);
            Thread first = hook.threads.get(0);
            assertThat(failureOf(intake.submit(integration, ticket("assert once more"))))
                    .isInstanceOf(AssertionError.class).hasMessage("hook invariant broken");
            Thread second = hook.threads.get(1);
            Ticket later = intake.submit(integration, ticket("after the errors")).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(later.subject()).isEqualTo("after the errors");
            Thread third = hook.threads.get(2);

            assertThat(List.of(first, second, third)).as("each error ended a worker and another took its place")
                    .doesNotHaveDuplicates().allMatch(t -> t.getName().startsWith("ticketkit-intake-"));
            first.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            second.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertThat(first.isAlive()).isFalse();
            assertThat(second.isAlive()).isFalse();
            assertThat(third.isAlive()).isTrue();
            assertThatThrownBy(() -> intake.create(integration, ticket("assert from create")))
                    .as("create rethrows the error itself").isInstanceOf(AssertionError.class);
        }
        assertThat(allTickets()).extracting(Ticket::subject).containsExactly("after the errors");
    }

    @Test
    void submitFailsFastWhenNoWorkerCanRunAndStartRecovers() throws Exception {
        AtomicBoolean threadsLeft = new AtomicBoolean(true);
        List<Thread> made = Collections.synchronizedList(new ArrayList<>());
        ThreadFactory once = r -> {
            if (!threadsLeft.getAndSet(false)) {
                return null; // as when the JVM cannot make another thread
            }
            Thread t = new Thread(r, "intake-test-" + made.size());
            t.setDaemon(true);
            made.add(t);
            return t;
        };
        try (GroupCommitter intake = GroupCommitter.builder(engine.tickets()).threadFactory(once).build()) {
            intake.start();
            assertThat(failureOf(intake.submit(integration, ticket("overflow")))).isInstanceOf(StackOverflowError.class);
            made.get(0).join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertThat(made.get(0).isAlive()).isFalse();

            assertThatThrownBy(() -> intake.submit(integration, ticket("nobody would commit this")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no worker");
            assertThatThrownBy(() -> intake.create(integration, ticket("nor this")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no worker");
            assertThat(intake.queued()).isZero();

            assertThatThrownBy(intake::start).as("still no thread to be had").isInstanceOf(IllegalStateException.class);
            threadsLeft.set(true);
            intake.start();
            assertThat(intake.create(integration, ticket("back again")).subject()).isEqualTo("back again");
        }
        assertThat(allTickets()).extracting(Ticket::subject).containsExactly("back again");
    }

    @Test
    void closeCommitsTheRestOfTheQueueAfterABatchThrowsAnError() {
        CompletableFuture<Ticket> bad;
        CompletableFuture<Ticket> good;
        GroupCommitter intake = GroupCommitter.builder(engine.tickets()).maxBatch(1).build();
        bad = intake.submit(integration, ticket("overflow"));
        good = intake.submit(integration, ticket("queued behind it"));
        intake.close();
        assertThat(bad).isCompletedExceptionally();
        assertThat(good).isCompletedWithValueMatching(t -> t.subject().equals("queued behind it"));
    }

    @Test
    void aThreadFactoryIsSetOnceAndMustNotBeNull() {
        assertThatThrownBy(() -> GroupCommitter.builder(engine.tickets()).threadFactory(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> GroupCommitter.builder(engine.tickets()).threadFactory(Thread::new).threadFactory(Thread::new))
                .isInstanceOf(IllegalStateException.class);
        GroupCommitter none = GroupCommitter.builder(engine.tickets()).threadFactory(r -> null).build();
        assertThatThrownBy(none::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("could be started");
        none.close();
    }
}
