package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Authorization;
import dev.ticketkit.core.BatchCreateResult;
import dev.ticketkit.core.GroupCommitter;
import dev.ticketkit.core.MergeOption;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.ViewQuery;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Permissions on the indirect paths an outside review found open: a status riding on a message, an idempotency
 * key, a merge, and the open permission set hosts and modules check their own permissions with.
 */
class IndirectPermissionsTest extends EngineTestBase {

    // ---- a status change needs ticket.status however it is asked for ----------------------------

    @Test
    void aLightAgentCannotSolveATicketByAddingANote() {
        Ticket inbox = shop.carolAsks("where is my parcel");            // no team yet
        Ticket afterSales = shop.carolAsks("refund", Fixtures.AFTER_SALES);
        assertThatThrownBy(() -> engine.tickets().note(shop.wendy, inbox.id(),
                NewMessage.text("done").thenStatus(TicketStatus.SOLVED)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> engine.tickets().note(shop.wendy, afterSales.id(),
                NewMessage.text("done").thenStatus(TicketStatus.SOLVED)))
                .isInstanceOf(PermissionDeniedException.class);
        // nothing was written
        assertThat(engine.tickets().get(shop.admin, inbox.id()).status()).isEqualTo(TicketStatus.NEW);
        assertThat(engine.tickets().get(shop.admin, inbox.id()).version()).isEqualTo(inbox.version());
        assertThat(engine.tickets().messages(shop.admin, inbox.id())).hasSize(1);
    }

    @Test
    void aCustomerCannotSolveATicketWithAReplyButAReplyStillReopensIt() {
        Ticket t = shop.carolAsks("my order", Fixtures.AFTER_SALES);
        assertThatThrownBy(() -> engine.tickets().reply(shop.carolActor(), t.id(),
                NewMessage.text("never mind").thenStatus(TicketStatus.SOLVED)))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.permission()).isEqualTo(Permission.TICKET_STATUS));
        assertThat(engine.tickets().messages(shop.admin, t.id())).hasSize(1);

        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("refunded").thenStatus(TicketStatus.SOLVED));
        Ticket reopened = engine.tickets().reply(shop.carolActor(), t.id(), NewMessage.text("not yet arrived")).ticket();
        assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void theFirstMessageOfANewTicketCannotCarryAStatusWithoutThePermission() {
        assertThatThrownBy(() -> engine.tickets().create(shop.carolActor(), NewTicket.builder(shop.carol.id(), "hi")
                .message(NewMessage.text("hello").thenStatus(TicketStatus.SOLVED)).build()))
                .isInstanceOf(PermissionDeniedException.class);
        BatchCreateResult r = engine.tickets().createAll(shop.carolActor(), List.of(NewTicket.builder(shop.carol.id(), "hi")
                .message(NewMessage.text("hello").thenStatus(TicketStatus.SOLVED)).build()));
        assertThat(r.items().get(0).error()).isInstanceOf(PermissionDeniedException.class);
        assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().build()).items()).isEmpty();
    }

    @Test
    void aRoleWithoutTheStatusPermissionIsRefusedOnEveryPath() {
        Role noter = Role.of("noter", Role.Scope.TENANT, Permission.TICKET_READ, Permission.TICKET_NOTE,
                Permission.TICKET_REPLY, Permission.TICKET_UPDATE);
        Actor a = Actor.agent(shop.tenant, AgentId.of("alice"), Set.of(), noter);
        Ticket t = shop.carolAsks("x", Fixtures.AFTER_SALES);
        assertThatThrownBy(() -> engine.tickets().changeStatus(a, t.id(), TicketStatus.PENDING))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.permission()).isEqualTo(Permission.TICKET_STATUS));
        assertThatThrownBy(() -> engine.tickets().note(a, t.id(), NewMessage.text("n").thenStatus(TicketStatus.PENDING)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> engine.tickets().reply(a, t.id(), NewMessage.text("r").thenStatus(TicketStatus.PENDING)))
                .isInstanceOf(PermissionDeniedException.class);
        // the same role may still write without asking for a status; the lifecycle's own move needs nothing more
        assertThat(engine.tickets().reply(a, t.id(), NewMessage.text("on it")).ticket().status()).isEqualTo(TicketStatus.OPEN);
        // and an agent with the permission moves it either way
        assertThat(engine.tickets().note(shop.alice, t.id(), NewMessage.text("waiting").thenStatus(TicketStatus.PENDING))
                .ticket().status()).isEqualTo(TicketStatus.PENDING);
    }

    @Test
    void aLightAgentWorksOnlyTheirOwnTeamsTickets() {
        Ticket inbox = shop.carolAsks("no team yet");
        Ticket task = engine.tickets().createChildTask(shop.alice, shop.carolAsks("return", Fixtures.AFTER_SALES).id(),
                dev.ticketkit.core.ChildTask.of(Fixtures.WAREHOUSE, "check parcel", "please check"));
        assertThat(engine.tickets().view(shop.wendy, ViewQuery.builder().build()).items())
                .extracting(Ticket::id).containsExactly(task.id());
        assertThatThrownBy(() -> engine.tickets().get(shop.wendy, inbox.id())).isInstanceOf(PermissionDeniedException.class);
        assertThat(engine.tickets().note(shop.wendy, task.id(), NewMessage.text("arrived").thenStatus(TicketStatus.SOLVED))
                .ticket().status()).isEqualTo(TicketStatus.SOLVED);
    }

    // ---- idempotency keys belong to the actor and never hand out a ticket ------------------------

    @Test
    void anIdempotencyKeyNeverHandsAnotherActorsTicketOut() {
        Ticket afterSales = engine.tickets().create(shop.alice, NewTicket.builder(shop.carol.id(), "return")
                .team(Fixtures.AFTER_SALES).idempotencyKey("k-1").build());
        // bob (finance) using the same key gets a ticket of his own, not the after-sales ticket get() denies him
        Ticket bobs = engine.tickets().create(shop.bob, NewTicket.builder(shop.carol.id(), "invoice")
                .team(Fixtures.FINANCE).idempotencyKey("k-1").build());
        assertThat(bobs.id()).isNotEqualTo(afterSales.id());
        assertThat(bobs.subject()).isEqualTo("invoice");
    }

    @Test
    void anActorThatMayNoLongerReadItsKeysTicketIsRefused() {
        Ticket t = engine.tickets().create(shop.alice, NewTicket.builder(shop.carol.id(), "return")
                .team(Fixtures.AFTER_SALES).idempotencyKey("k-2").build());
        Actor aliceMovedToFinance = Actor.agent(shop.tenant, AgentId.of("alice"), Set.of(Fixtures.FINANCE), Role.AGENT);
        engine.tickets().setTeam(shop.admin, t.id(), Fixtures.FINANCE);
        Actor aliceAfterSales = shop.alice;
        assertThatThrownBy(() -> engine.tickets().create(aliceAfterSales, NewTicket.builder(shop.carol.id(), "return")
                .idempotencyKey("k-2").build())).isInstanceOf(PermissionDeniedException.class);
        BatchCreateResult r = engine.tickets().createAll(aliceAfterSales,
                List.of(NewTicket.builder(shop.carol.id(), "return").idempotencyKey("k-2").build()));
        assertThat(r.items().get(0).error()).isInstanceOf(PermissionDeniedException.class);
        assertThat(r.items().get(0).ticket()).isNull();
        assertThat(engine.tickets().create(aliceMovedToFinance, NewTicket.builder(shop.carol.id(), "return")
                .idempotencyKey("k-2").build()).id()).isEqualTo(t.id());
    }

    @Test
    void theGroupCommitterScopesKeysByActorToo() throws Exception {
        Ticket carols = engine.tickets().create(shop.carolActor(), NewTicket.builder(shop.carol.id(), "mine")
                .idempotencyKey("web-1").build());
        try (GroupCommitter committer = GroupCommitter.builder(engine.tickets()).build()) {
            java.util.concurrent.CompletableFuture<Ticket> f = committer.submit(shop.daveActor(),
                    NewTicket.builder(shop.dave.id(), "dave's").idempotencyKey("web-1").build());
            assertThat(committer.runOnce()).isEqualTo(1);
            Ticket daves = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(daves.id()).isNotEqualTo(carols.id());
            assertThat(daves.requester()).isEqualTo(shop.dave.id());
        }
    }

    // ---- merges --------------------------------------------------------------------------------

    @Test
    void ticketsOfDifferentRequestersMergeOnlyWhenAskedAndPermitted() {
        Ticket carols = shop.carolAsks("my order", Fixtures.AFTER_SALES);
        Ticket daves = engine.tickets().create(shop.admin, NewTicket.builder(shop.dave.id(), "my order too")
                .team(Fixtures.AFTER_SALES).message("ship to 1 Secret Road").build());
        assertThatThrownBy(() -> engine.tickets().merge(shop.alice, daves.id(), carols.id()))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("different requesters");
        assertThatThrownBy(() -> engine.tickets().merge(shop.alice, daves.id(), carols.id(), MergeOption.ACROSS_REQUESTERS))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.permission()).isEqualTo(Permission.TICKET_MERGE_ACROSS_REQUESTERS));
        assertThat(engine.tickets().get(shop.admin, daves.id()).status()).isEqualTo(TicketStatus.NEW);

        Actor supervisor = Actor.agent(shop.tenant, AgentId.of("sam"), Set.of(), Role.SUPERVISOR);
        engine.tickets().merge(supervisor, daves.id(), carols.id(), MergeOption.ACROSS_REQUESTERS);
        // carol never reads dave's address through her ticket; staff see both
        assertThat(engine.tickets().messages(shop.carolActor(), carols.id())).extracting(Message::text)
                .containsExactly("Hello, my order");
        assertThat(engine.tickets().messages(shop.alice, carols.id())).extracting(Message::text)
                .containsExactly("Hello, my order", "ship to 1 Secret Road");
    }

    @Test
    void aMergedTicketsMessagesShowOnlyToThoseWhoCouldReadThemBefore() {
        Ticket afterSales = shop.carolAsks("refund?", Fixtures.AFTER_SALES);
        Ticket finance = shop.carolAsks("refund!", Fixtures.FINANCE);
        engine.tickets().note(shop.bob, finance.id(), "card ending 4242 flagged for chargeback");
        engine.tickets().merge(shop.admin, finance.id(), afterSales.id());

        assertThat(engine.tickets().messages(shop.alice, afterSales.id())).extracting(Message::text)
                .containsExactly("Hello, refund?");
        assertThat(engine.tickets().messages(shop.admin, afterSales.id())).extracting(Message::text)
                .containsExactly("Hello, refund?", "Hello, refund!", "card ending 4242 flagged for chargeback");
        // the requester sees the public messages of both (both are hers), never the note
        assertThat(engine.tickets().messages(shop.carolActor(), afterSales.id())).extracting(Message::text)
                .containsExactly("Hello, refund?", "Hello, refund!");
    }

    // ---- open permissions ----------------------------------------------------------------------

    @Test
    void hostsDefineCheckAndGrantTheirOwnPermissions() {
        Permission approve = Permission.of("refund.approve");
        assertThat(approve).isEqualTo(Permission.of("refund.approve"));
        assertThat(approve.toString()).isEqualTo("refund.approve");
        assertThatThrownBy(() -> Permission.of("Refund Approve")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permission.of("refund..approve")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permission.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permission.of("x".repeat(101))).isInstanceOf(IllegalArgumentException.class);

        Role finance = Role.AGENT.with("finance-agent", approve);
        Actor bob = Actor.agent(shop.tenant, AgentId.of("bob"), Set.of(Fixtures.FINANCE), finance);
        Ticket refund = shop.carolAsks("refund", Fixtures.FINANCE);
        Ticket other = shop.carolAsks("return", Fixtures.AFTER_SALES);
        Authorization.require(bob, approve, refund);
        assertThatThrownBy(() -> Authorization.require(bob, approve, other))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.permission()).isEqualTo(approve);
                    assertThat(e).hasMessageContaining("refund.approve").hasMessageContaining(other.number().toString());
                });
        assertThatThrownBy(() -> Authorization.require(shop.alice, approve))
                .isInstanceOf(PermissionDeniedException.class);
        // admin holds everything, also permissions defined after it; supervisors hold the built-in ones
        assertThat(Authorization.allows(shop.admin, approve, other)).isTrue();
        Actor supervisor = Actor.agent(shop.tenant, AgentId.of("sam"), Set.of(), Role.SUPERVISOR);
        assertThat(Authorization.allows(supervisor, approve, other)).isFalse();
        assertThat(Authorization.allows(supervisor, Permission.TICKET_MERGE_ACROSS_REQUESTERS, other)).isTrue();
        // a customer's check on someone else's ticket behaves as not found
        assertThatThrownBy(() -> Authorization.require(shop.daveActor(), Permission.TICKET_READ, other))
                .isInstanceOf(TicketNotFoundException.class);
        assertThat(Permission.builtIn()).contains(Permission.TICKET_STATUS).doesNotContain(Permission.ALL);
    }
}
