package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.BulkResult;
import dev.ticketkit.core.ChildTask;
import dev.ticketkit.core.IllegalTransitionException;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.Visibility;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CollaborationTest extends EngineTestBase {

    @Test
    void mergeClosesTheSourceAndKeepsItsMessagesReadableFromTheTarget() {
        Ticket target = shop.carolAsks("parcel broken", Fixtures.AFTER_SALES);
        Ticket source = shop.carolAsks("parcel broken (sent twice)", Fixtures.AFTER_SALES);
        engine.tickets().note(shop.alice, source.id(), "duplicate of the other one");

        Ticket merged = engine.tickets().merge(shop.alice, source.id(), target.id());
        assertThat(merged.id()).isEqualTo(target.id());
        assertThat(merged.linked(LinkType.MERGED_FROM)).containsExactly(source.id());
        Ticket src = engine.tickets().get(shop.alice, source.id());
        assertThat(src.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(src.linked(LinkType.MERGED_INTO)).containsExactly(target.id());
        assertThat(engine.tickets().auditTrail(shop.alice, source.id())).extracting(TicketEvent::type)
                .contains("ticket.merged", "status.changed");

        List<Message> fromTarget = engine.tickets().messages(shop.alice, target.id());
        assertThat(fromTarget).extracting(Message::text).containsExactly(
                "Hello, parcel broken", "Hello, parcel broken (sent twice)", "duplicate of the other one");
        assertThat(engine.tickets().messages(shop.carolActor(), target.id())).extracting(Message::visibility)
                .containsOnly(Visibility.PUBLIC).hasSize(2);

        // a customer writing to the merged (closed) source gets a follow-up, not a lost message
        assertThat(engine.tickets().reply(shop.carolActor(), source.id(), NewMessage.text("any news?")).isFollowUp()).isTrue();
    }

    @Test
    void mergeRejectsClosedTicketsAndItself() {
        Ticket a = shop.carolAsks("a", Fixtures.AFTER_SALES);
        Ticket b = shop.carolAsks("b", Fixtures.AFTER_SALES);
        assertThatThrownBy(() -> engine.tickets().merge(shop.alice, a.id(), a.id())).isInstanceOf(TicketValidationException.class);
        engine.tickets().merge(shop.alice, a.id(), b.id());
        assertThatThrownBy(() -> engine.tickets().merge(shop.alice, a.id(), b.id())).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> engine.tickets().merge(shop.alice, b.id(), a.id())).isInstanceOf(IllegalTransitionException.class);
        assertThat(engine.tickets().get(shop.alice, b.id()).status()).isEqualTo(TicketStatus.NEW);
    }

    @Test
    void mergeNeedsAccessToBothTickets() {
        Ticket mine = shop.carolAsks("mine", Fixtures.AFTER_SALES);
        Ticket finance = shop.carolAsks("finance", Fixtures.FINANCE);
        assertThatThrownBy(() -> engine.tickets().merge(shop.alice, mine.id(), finance.id()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(engine.tickets().get(shop.admin, mine.id()).status()).isEqualTo(TicketStatus.NEW);
    }

    @Test
    void linksAreRecordedOnBothTickets() {
        Ticket a = shop.carolAsks("a", Fixtures.AFTER_SALES);
        Ticket b = shop.carolAsks("b", Fixtures.AFTER_SALES);
        engine.tickets().link(shop.alice, a.id(), LinkType.RELATED, b.id());
        assertThat(engine.tickets().get(shop.alice, a.id()).linked(LinkType.RELATED)).containsExactly(b.id());
        assertThat(engine.tickets().get(shop.alice, b.id()).linked(LinkType.RELATED)).containsExactly(a.id());
        Ticket again = engine.tickets().link(shop.alice, a.id(), LinkType.RELATED, b.id());
        assertThat(again.version()).isEqualTo(2);
        assertThatThrownBy(() -> engine.tickets().link(shop.alice, a.id(), LinkType.MERGED_INTO, b.id()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.tickets().link(shop.alice, a.id(), LinkType.RELATED, a.id()))
                .isInstanceOf(TicketValidationException.class);
    }

    @Test
    void afterSalesAsksTheWarehouseToConfirmAReturnedParcel() {
        Ticket ret = shop.carolAsks("return: wrong size", Fixtures.AFTER_SALES);
        Ticket child = engine.tickets().createChildTask(shop.alice, ret.id(),
                ChildTask.of(Fixtures.WAREHOUSE, "Confirm returned parcel for TK order", "Please confirm the parcel arrived"));
        assertThat(child.team()).contains(Fixtures.WAREHOUSE);
        assertThat(child.type()).contains("task");
        assertThat(child.requester()).isEqualTo(shop.carol.id());
        assertThat(child.linked(LinkType.PARENT)).containsExactly(ret.id());
        assertThat(engine.tickets().get(shop.alice, ret.id()).linked(LinkType.CHILD)).containsExactly(child.id());

        // the warehouse sees and works the task; after-sales can't read the warehouse's ticket
        List<Message> request = engine.tickets().messages(shop.wendy, child.id());
        assertThat(request).singleElement().satisfies(m -> {
            assertThat(m.visibility()).isEqualTo(Visibility.INTERNAL);
            assertThat(m.text()).isEqualTo("Please confirm the parcel arrived");
            assertThat(m.authorId()).isEqualTo("alice");
        });
        engine.tickets().note(shop.wendy, child.id(), "Arrived, undamaged");
        // after-sales follows the task it opened (read, notes, audit) though the task is the warehouse's
        assertThat(engine.tickets().get(shop.alice, child.id()).team()).contains(Fixtures.WAREHOUSE);
        assertThat(engine.tickets().messages(shop.alice, child.id())).extracting(Message::text)
                .containsExactly("Please confirm the parcel arrived", "Arrived, undamaged");
        assertThat(engine.tickets().auditTrail(shop.alice, child.id())).isNotEmpty();
        // ... but does not work it: changing it is the warehouse's
        assertThatThrownBy(() -> engine.tickets().setPriority(shop.alice, child.id(), Priority.HIGH))
                .isInstanceOf(PermissionDeniedException.class);
        // the warehouse's light agent solves and closes the task it was given, with the built-in role
        engine.tickets().changeStatus(shop.wendy, child.id(), TicketStatus.SOLVED);
        assertThat(engine.tickets().changeStatus(shop.wendy, child.id(), TicketStatus.CLOSED).status())
                .isEqualTo(TicketStatus.CLOSED);
        // the customer never sees the internal task's note
        assertThat(engine.tickets().messages(shop.carolActor(), child.id())).isEmpty();
    }

    @Test
    void bulkUpdateReportsEachTicket() {
        Ticket a = shop.carolAsks("a", Fixtures.AFTER_SALES);
        Ticket b = shop.carolAsks("b", Fixtures.AFTER_SALES);
        Ticket finance = shop.carolAsks("finance", Fixtures.FINANCE);
        Ticket closed = shop.carolAsks("closed", Fixtures.AFTER_SALES);
        engine.tickets().changeStatus(shop.alice, closed.id(), TicketStatus.SOLVED);
        engine.tickets().changeStatus(shop.alice, closed.id(), TicketStatus.CLOSED);
        Ticket alreadyHigh = engine.tickets().setPriority(shop.alice, shop.carolAsks("high", Fixtures.AFTER_SALES).id(), Priority.HIGH);
        TicketId missing = TicketId.of(UUID.randomUUID());
        Ticket elsewhere = Fixtures.create(engine, TenantId.of("shop-2")).carolAsks("other shop");

        List<TicketId> ids = List.of(a.id(), b.id(), finance.id(), closed.id(), alreadyHigh.id(), missing, elsewhere.id());
        BulkResult r = engine.tickets().bulkUpdate(shop.alice, ids, TicketUpdate.builder().priority(Priority.HIGH).build());
        assertThat(r.outcomes().keySet()).containsExactlyElementsOf(ids);
        assertThat(r.outcome(a.id()).status()).isEqualTo(BulkResult.Status.UPDATED);
        assertThat(r.outcome(a.id()).result().orElseThrow().priority()).isEqualTo(Priority.HIGH);
        assertThat(r.outcome(b.id()).status()).isEqualTo(BulkResult.Status.UPDATED);
        assertThat(r.outcome(finance.id()).status()).isEqualTo(BulkResult.Status.PERMISSION_DENIED);
        assertThat(r.outcome(closed.id()).status()).isEqualTo(BulkResult.Status.ILLEGAL_TRANSITION);
        assertThat(r.outcome(alreadyHigh.id()).status()).isEqualTo(BulkResult.Status.UNCHANGED);
        assertThat(r.outcome(missing).status()).isEqualTo(BulkResult.Status.NOT_FOUND);
        assertThat(r.outcome(elsewhere.id()).status()).isEqualTo(BulkResult.Status.NOT_FOUND);
        assertThat(r.count(BulkResult.Status.UPDATED)).isEqualTo(2);
        assertThat(engine.tickets().get(shop.admin, finance.id()).priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void bulkUpdateHasALimit() {
        List<TicketId> tooMany = new ArrayList<>(Collections.nCopies(1001, TicketId.of(UUID.randomUUID())));
        assertThatThrownBy(() -> engine.tickets().bulkUpdate(shop.admin, tooMany, TicketUpdate.priority(Priority.LOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void assignmentNeedsAnAgentOfTheTenant() {
        Ticket t = shop.carolAsks("t", Fixtures.AFTER_SALES);
        Ticket assigned = engine.tickets().assign(shop.alice, t.id(), AgentId.of("alice"));
        assertThat(assigned.assignee()).contains(AgentId.of("alice"));
        assertThat(engine.tickets().unassign(shop.alice, t.id()).assignee()).isEmpty();
        assertThatThrownBy(() -> engine.tickets().assign(shop.alice, t.id(), AgentId.of("ghost")))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("ghost");
    }
}
