package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.IllegalTransitionException;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.MessageResult;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LifecycleTest extends EngineTestBase {

    @Test
    void anAgentsFirstPublicReplyOpensTheTicketAndStampsTheFirstReplyTime() {
        Ticket t = shop.carolAsks("where is my parcel", Fixtures.AFTER_SALES);
        assertThat(t.status()).isEqualTo(TicketStatus.NEW);
        clock.advance(Duration.ofMinutes(7));
        MessageResult r = engine.tickets().reply(shop.alice, t.id(), NewMessage.text("It ships today."));
        assertThat(r.ticket().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(r.ticket().firstAgentReplyAt()).contains(Instant.parse("2026-11-11T00:07:00Z"));
        assertThat(r.isFollowUp()).isFalse();
        clock.advance(Duration.ofMinutes(7));
        Ticket again = engine.tickets().reply(shop.alice, t.id(), NewMessage.text("Tracking: SF123")).ticket();
        assertThat(again.firstAgentReplyAt()).contains(Instant.parse("2026-11-11T00:07:00Z"));
    }

    @Test
    void anInternalNoteChangesNoStatus() {
        Ticket t = shop.carolAsks("hi", Fixtures.AFTER_SALES);
        Ticket after = engine.tickets().note(shop.alice, t.id(), "checking the warehouse").ticket();
        assertThat(after.status()).isEqualTo(TicketStatus.NEW);
        assertThat(after.firstAgentReplyAt()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"PENDING", "ON_HOLD", "SOLVED"})
    void aCustomerReplyReopens(TicketStatus waiting) {
        Ticket t = shop.carolAsks("broken cup", Fixtures.AFTER_SALES);
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("Sorry! Photo please?").thenStatus(waiting));
        assertThat(engine.tickets().get(shop.admin, t.id()).status()).isEqualTo(waiting);
        Ticket reopened = engine.tickets().reply(shop.carolActor(), t.id(), NewMessage.text("here it is")).ticket();
        assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(reopened.solvedAt()).isEmpty();
    }

    @Test
    void solvingAndClosingStampTheirTimes() {
        Ticket t = shop.carolAsks("invoice", Fixtures.AFTER_SALES);
        clock.advance(Duration.ofHours(1));
        Ticket solved = engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.SOLVED);
        assertThat(solved.solvedAt()).contains(Instant.parse("2026-11-11T01:00:00Z"));
        clock.advance(Duration.ofDays(4));
        Ticket closed = engine.tickets().changeStatus(shop.alice, t.id(), TicketStatus.CLOSED);
        assertThat(closed.closedAt()).contains(Instant.parse("2026-11-15T01:00:00Z"));
        assertThat(closed.solvedAt()).contains(Instant.parse("2026-11-11T01:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({"OPEN,NEW", "NEW,CLOSED", "OPEN,CLOSED", "PENDING,CLOSED", "SOLVED,PENDING", "SOLVED,ON_HOLD", "CLOSED,OPEN", "CLOSED,SOLVED"})
    void illegalMovesThrowAndNameBothStates(TicketStatus from, TicketStatus to) {
        Ticket t = shop.carolAsks("t", Fixtures.AFTER_SALES);
        moveTo(t, from);
        long version = engine.tickets().get(shop.admin, t.id()).version();
        assertThatThrownBy(() -> engine.tickets().changeStatus(shop.admin, t.id(), to))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining(from + " -> " + to)
                .satisfies(e -> {
                    IllegalTransitionException ite = (IllegalTransitionException) e;
                    assertThat(ite.from()).isEqualTo(from);
                    assertThat(ite.to()).isEqualTo(to);
                });
        assertThat(engine.tickets().get(shop.admin, t.id()).version()).isEqualTo(version);
    }

    private void moveTo(Ticket t, TicketStatus target) {
        switch (target) {
            case NEW -> { }
            case OPEN, PENDING, ON_HOLD, SOLVED -> engine.tickets().changeStatus(shop.admin, t.id(), target);
            case CLOSED -> {
                engine.tickets().changeStatus(shop.admin, t.id(), TicketStatus.SOLVED);
                engine.tickets().changeStatus(shop.admin, t.id(), TicketStatus.CLOSED);
            }
        }
        assertThat(engine.tickets().get(shop.admin, t.id()).status()).isEqualTo(target);
    }

    @Test
    void settingTheSameStatusIsANoOp() {
        Ticket t = shop.carolAsks("t", Fixtures.AFTER_SALES);
        Ticket same = engine.tickets().changeStatus(shop.admin, t.id(), TicketStatus.NEW);
        assertThat(same.version()).isEqualTo(t.version());
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).hasSize(2);
    }

    @Test
    void aCustomerReplyToAClosedTicketOpensALinkedFollowUp() {
        Ticket t = shop.carolAsks("return request", Fixtures.AFTER_SALES);
        engine.tickets().tag(shop.admin, t.id(), "return");
        moveTo(t, TicketStatus.CLOSED);
        Ticket closed = engine.tickets().get(shop.admin, t.id());

        MessageResult r = engine.tickets().reply(shop.carolActor(), t.id(), NewMessage.text("the refund never arrived"));
        assertThat(r.isFollowUp()).isTrue();
        assertThat(r.followUpOf()).isEqualTo(t.id());
        Ticket followUp = r.ticket();
        assertThat(followUp.id()).isNotEqualTo(t.id());
        assertThat(followUp.status()).isEqualTo(TicketStatus.NEW);
        assertThat(followUp.linked(LinkType.FOLLOW_UP_OF)).containsExactly(t.id());
        assertThat(followUp.subject()).isEqualTo("return request");
        assertThat(followUp.team()).contains(Fixtures.AFTER_SALES);
        assertThat(followUp.tags()).contains("return");
        assertThat(followUp.requester()).isEqualTo(shop.carol.id());
        assertThat(engine.tickets().messages(shop.admin, followUp.id())).extracting(m -> m.text())
                .containsExactly("the refund never arrived");
        assertThat(engine.tickets().get(shop.admin, t.id())).isEqualTo(closed);
    }

    @Test
    void anAgentCannotReplyToAClosedTicket() {
        Ticket t = shop.carolAsks("done", Fixtures.AFTER_SALES);
        moveTo(t, TicketStatus.CLOSED);
        assertThatThrownBy(() -> engine.tickets().reply(shop.alice, t.id(), NewMessage.text("one more thing")))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("CLOSED -> OPEN");
        assertThatThrownBy(() -> engine.tickets().tag(shop.alice, t.id(), "late"))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(engine.tickets().messages(shop.admin, t.id())).hasSize(1);
    }
}
