package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.Visibility;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsTest extends EngineTestBase {

    @Test
    void anAfterSalesAgentCannotReadAFinanceTicket() {
        Ticket finance = shop.carolAsks("refund not received", Fixtures.FINANCE);
        assertThatThrownBy(() -> engine.tickets().get(shop.alice, finance.id()))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("AGENT:alice lacks ticket.read")
                .satisfies(e -> assertThat(((PermissionDeniedException) e).permission()).isEqualTo(Permission.TICKET_READ));
        assertThatThrownBy(() -> engine.tickets().messages(shop.alice, finance.id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> engine.tickets().reply(shop.alice, finance.id(), NewMessage.text("hi")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(engine.tickets().get(shop.bob, finance.id()).id()).isEqualTo(finance.id());
        assertThat(engine.tickets().messages(shop.admin, finance.id())).hasSize(1);
    }

    @Test
    void teamScopedAgentsSeeTheirTeamsTicketsUnteamedTicketsAndTheirOwn() {
        Ticket mine = shop.carolAsks("after-sales", Fixtures.AFTER_SALES);
        Ticket inbox = shop.carolAsks("no team yet");
        Ticket finance = shop.carolAsks("finance", Fixtures.FINANCE);
        Ticket financeButAssigned = shop.carolAsks("finance, assigned to alice", Fixtures.FINANCE);
        engine.tickets().assign(shop.admin, financeButAssigned.id(), AgentId.of("alice"));

        List<Ticket> seen = engine.tickets().view(shop.alice, ViewQuery.builder().limit(100).build()).items();
        assertThat(seen).extracting(Ticket::id).containsExactlyInAnyOrder(mine.id(), inbox.id(), financeButAssigned.id());
        assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().limit(100).build()).items()).hasSize(4);
        assertThat(engine.tickets().find(shop.alice, inbox.id())).isPresent();
        assertThatThrownBy(() -> engine.tickets().find(shop.alice, finance.id())).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aCustomerReadsOnlyTheirOwnTicketsAndNeverInternalNotes() {
        Ticket carols = shop.carolAsks("my order", Fixtures.AFTER_SALES);
        engine.tickets().note(shop.alice, carols.id(), "customer sounds upset; offer coupon");
        engine.tickets().reply(shop.alice, carols.id(), NewMessage.text("We are on it."));
        Ticket daves = engine.tickets().create(shop.daveActor(), NewTicket.builder(shop.dave.id(), "发票").message("需要发票").build());

        List<Message> visible = engine.tickets().messages(shop.carolActor(), carols.id());
        assertThat(visible).extracting(Message::visibility).containsOnly(Visibility.PUBLIC);
        assertThat(visible).extracting(Message::text).containsExactly("Hello, my order", "We are on it.");
        assertThat(engine.tickets().messages(shop.alice, carols.id())).hasSize(3);

        assertThatThrownBy(() -> engine.tickets().get(shop.carolActor(), daves.id())).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> engine.tickets().messages(shop.carolActor(), daves.id())).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> engine.tickets().reply(shop.carolActor(), daves.id(), NewMessage.text("hi")))
                .isInstanceOf(TicketNotFoundException.class);
        assertThat(engine.tickets().view(shop.carolActor(), ViewQuery.builder().build()).items())
                .extracting(Ticket::id).containsExactly(carols.id());
        assertThat(engine.customers().history(shop.daveActor(), shop.dave.id(), ViewQuery.builder().build()).items())
                .extracting(Ticket::id).containsExactly(daves.id());
        assertThatThrownBy(() -> engine.customers().history(shop.carolActor(), shop.dave.id(), ViewQuery.builder().build()))
                .isInstanceOf(TicketNotFoundException.class);
    }

    @Test
    void aCustomerCannotWriteNotesActForOthersOrRoute() {
        Ticket t = shop.carolAsks("mine");
        assertThatThrownBy(() -> engine.tickets().note(shop.carolActor(), t.id(), "secret"))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> engine.tickets().create(shop.carolActor(), NewTicket.builder(shop.dave.id(), "as dave").build()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> engine.tickets().create(shop.carolActor(), NewTicket.builder(shop.carol.id(), "vip please")
                .team(Fixtures.FINANCE).build())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> engine.tickets().setPriority(shop.carolActor(), t.id(), Priority.URGENT))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> engine.tickets().auditTrail(shop.carolActor(), t.id()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> engine.directory().agents(shop.carolActor())).isInstanceOf(PermissionDeniedException.class);
        assertThat(engine.tickets().get(shop.admin, t.id()).version()).isEqualTo(1);
    }

    @Test
    void agentsWriteOnlyAsThemselves() {
        Ticket t = shop.carolAsks("mine", Fixtures.AFTER_SALES);
        assertThatThrownBy(() -> engine.tickets().reply(shop.alice, t.id(),
                shop.fromCarol("pretending to be the customer"))).isInstanceOf(PermissionDeniedException.class);
        assertThat(engine.tickets().messages(shop.admin, t.id())).hasSize(1);
    }

    @Test
    void aLightAgentReadsAndNotesButCannotReplyOrChange() {
        Ticket t = shop.carolAsks("returned parcel", Fixtures.WAREHOUSE);
        engine.tickets().note(shop.wendy, t.id(), "parcel arrived in bay 4");
        assertThatThrownBy(() -> engine.tickets().reply(shop.wendy, t.id(), NewMessage.text("hi")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> engine.tickets().setPriority(shop.wendy, t.id(), Priority.HIGH))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> engine.tickets().assign(shop.wendy, t.id(), AgentId.of("wendy")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(engine.tickets().messages(shop.wendy, t.id())).hasSize(2);
    }

    @Test
    void onlyAdminsChangeTheDirectory() {
        assertThatThrownBy(() -> engine.directory().saveTeam(shop.alice, Team.of(shop.tenant, TeamId.of("x"), "X")))
                .isInstanceOf(PermissionDeniedException.class);
        Actor supervisor = Actor.agent(shop.tenant, AgentId.of("sue"), Set.of(), Role.SUPERVISOR);
        assertThatThrownBy(() -> engine.directory().saveTeam(supervisor, Team.of(shop.tenant, TeamId.of("x"), "X")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(engine.directory().teams(shop.alice)).hasSize(3);
        // an agent sets their own presence, not someone else's
        engine.directory().setPresence(shop.alice, AgentId.of("alice"), dev.ticketkit.core.Presence.AWAY);
        assertThatThrownBy(() -> engine.directory().setPresence(shop.alice, AgentId.of("bob"), dev.ticketkit.core.Presence.AWAY))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(engine.directory().agent(shop.admin, AgentId.of("alice")).orElseThrow().presence())
                .isEqualTo(dev.ticketkit.core.Presence.AWAY);
    }

    @Test
    void aSupervisorSeesEveryTeam() {
        Actor supervisor = Actor.agent(shop.tenant, AgentId.of("sue"), Set.of(), Role.SUPERVISOR);
        Ticket finance = shop.carolAsks("finance", Fixtures.FINANCE);
        assertThat(engine.tickets().get(supervisor, finance.id()).id()).isEqualTo(finance.id());
        assertThat(engine.tickets().create(supervisor, NewTicket.builder(shop.carol.id(), "by phone")
                .channel(Channel.PHONE).team(Fixtures.FINANCE).build()).team()).contains(Fixtures.FINANCE);
    }
}
