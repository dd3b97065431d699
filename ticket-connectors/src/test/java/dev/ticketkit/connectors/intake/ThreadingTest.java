package dev.ticketkit.connectors.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.connectors.OwnMessageIds;
import dev.ticketkit.connectors.intake.IntakeResult.Outcome;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.MessageResult;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThreadingTest extends IntakeTestBase {

    @Override
    protected Intake.Builder configure(Intake.Builder b) {
        return b.conversationWindow(Duration.ofHours(2));
    }

    private Ticket ticket(IntakeResult r) {
        return engine.tickets().get(shop.admin, r.ticketId().orElseThrow());
    }

    @Test
    void anEmailAnsweringAStoredMessageByInReplyToIsAppended() {
        IntakeResult first = intake.accept(email("zoe@example.com", "a1@mail", "Late parcel", "Where is it?").build());
        IntakeResult reply = intake.accept(email("zoe@example.com", "a2@mail", "Re: Late parcel", "Any news?")
                .inReplyTo("a1@mail").build());
        assertThat(reply.outcome()).isEqualTo(Outcome.APPENDED);
        assertThat(reply.ticketId()).isEqualTo(first.ticketId());
        assertThat(messages(first.ticketId().orElseThrow())).hasSize(2);
    }

    @Test
    void referencesThreadWhenInReplyToIsUnknown() {
        IntakeResult first = intake.accept(email("zoe@example.com", "b1@mail", "Late parcel", "Where is it?").build());
        IntakeResult reply = intake.accept(email("zoe@example.com", "b3@mail", "Re: Late parcel", "Hello?")
                .inReplyTo("unknown@elsewhere").references(java.util.List.of("b1@mail", "unknown@elsewhere")).build());
        assertThat(reply.outcome()).isEqualTo(Outcome.APPENDED);
        assertThat(reply.ticketId()).isEqualTo(first.ticketId());
    }

    @Test
    void ourOwnMessageIdInInReplyToThreadsToItsTicket() {
        IntakeResult first = intake.accept(email("zoe@example.com", "c1@mail", "Refund", "Please refund").build());
        TicketId id = first.ticketId().orElseThrow();
        MessageResult agent = engine.tickets().reply(shop.alice, id, NewMessage.text("Done"));
        String ours = OwnMessageIds.of(id, agent.message().id(), "mail.shop.example");
        IntakeResult reply = intake.accept(email("zoe@example.com", "c2@mail", "Thanks", "Thank you")
                .inReplyTo(ours).build());
        assertThat(reply.outcome()).isEqualTo(Outcome.APPENDED);
        assertThat(reply.ticketId()).contains(id);
    }

    @Test
    void aTicketTokenFromTheRequesterAppends() {
        IntakeResult first = intake.accept(email("zoe@example.com", "d1@mail", "Size", "Which size?").build());
        Ticket t = ticket(first);
        IntakeResult r = intake.accept(email("zoe@example.com", "d2@other", "Re: Size " + t.number().token(),
                "Size M please").build());
        assertThat(r.outcome()).isEqualTo(Outcome.APPENDED);
        assertThat(r.ticketId()).contains(t.id());
    }

    @Test
    void aTicketTokenFromSomeoneElseOpensANewTicket() {
        IntakeResult first = intake.accept(email("zoe@example.com", "e1@mail", "Size", "Which size?").build());
        Ticket t = ticket(first);
        IntakeResult r = intake.accept(email("mallory@example.net", "e2@evil", "Re: Size " + t.number().token(),
                "I take over").build());
        assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(r.ticketId()).isNotEqualTo(first.ticketId());
        assertThat(messages(t.id())).hasSize(1);
        // the new ticket's subject drops the foreign token and the reply prefix
        assertThat(ticket(r).subject()).isEqualTo("Size");
    }

    @Test
    void aTicketTokenFromACustomerWhoWroteOnTheTicketBeforeAppends() {
        IntakeResult first = intake.accept(email("zoe@example.com", "f1@mail", "Gift", "For my friend").build());
        Ticket t = ticket(first);
        // the friend answered in the thread by headers, so she is a participant now
        IntakeResult friend = intake.accept(email("yan@example.com", "f2@mail", "Re: Gift", "I am the friend")
                .inReplyTo("f1@mail").build());
        assertThat(friend.ticketId()).contains(t.id());
        IntakeResult byToken = intake.accept(email("yan@example.com", "f3@mail", "Gift " + t.number().token(),
                "Me again").build());
        assertThat(byToken.outcome()).isEqualTo(Outcome.APPENDED);
        assertThat(byToken.ticketId()).contains(t.id());
        assertThat(messages(t.id())).filteredOn(m -> m.authorKind() == AuthorKind.CUSTOMER)
                .extracting(m -> m.authorId()).contains(friend.customerId().orElseThrow().toString());
    }

    @Test
    void aReplyToASolvedTicketReopensIt() {
        IntakeResult first = intake.accept(email("zoe@example.com", "g1@mail", "Broken", "Broken lid").build());
        TicketId id = first.ticketId().orElseThrow();
        engine.tickets().reply(shop.alice, id, NewMessage.text("Refunded").thenStatus(TicketStatus.SOLVED));
        IntakeResult r = intake.accept(email("zoe@example.com", "g2@mail", "Re: Broken", "Not received")
                .inReplyTo("g1@mail").build());
        assertThat(r.outcome()).isEqualTo(Outcome.REOPENED);
        assertThat(r.ticketId()).contains(id);
        assertThat(ticket(r).status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void aReplyToAClosedTicketOpensAFollowUpLinkedToIt() {
        IntakeResult first = intake.accept(email("zoe@example.com", "h1@mail", "Broken", "Broken lid").build());
        TicketId closed = first.ticketId().orElseThrow();
        engine.tickets().reply(shop.alice, closed, NewMessage.text("Refunded").thenStatus(TicketStatus.SOLVED));
        engine.tickets().changeStatus(shop.admin, closed, TicketStatus.CLOSED);
        IntakeResult r = intake.accept(email("zoe@example.com", "h2@mail", "Re: Broken", "Again broken")
                .inReplyTo("h1@mail").build());
        assertThat(r.outcome()).isEqualTo(Outcome.FOLLOW_UP);
        assertThat(r.followUpOf()).contains(closed);
        assertThat(r.ticketId()).isNotEqualTo(first.ticketId());
        assertThat(ticket(r).linked(LinkType.FOLLOW_UP_OF)).containsExactly(closed);
        assertThat(engine.tickets().get(shop.admin, closed).status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void aMessageToAMergedTicketLandsOnTheTarget() {
        IntakeResult a = intake.accept(email("zoe@example.com", "i1@mail", "One", "first").build());
        IntakeResult b = intake.accept(email("zoe@example.com", "i2@mail", "Two", "second").build());
        engine.tickets().merge(shop.admin, a.ticketId().orElseThrow(), b.ticketId().orElseThrow());
        IntakeResult r = intake.accept(email("zoe@example.com", "i3@mail", "Re: One", "more").inReplyTo("i1@mail").build());
        assertThat(r.outcome()).isEqualTo(Outcome.APPENDED);
        assertThat(r.ticketId()).isEqualTo(b.ticketId());
    }

    @Test
    void chatMessagesOfOneConversationWithinTheWindowShareATicket() {
        IntakeResult first = intake.accept(wechat("o-zoe", "1001", "hi, my order 4200012345678901234").build());
        clock.advance(Duration.ofMinutes(90));
        IntakeResult second = intake.accept(wechat("o-zoe", "1002", "are you there?").build());
        assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(second.outcome()).isEqualTo(Outcome.APPENDED);
        assertThat(second.ticketId()).isEqualTo(first.ticketId());
    }

    @Test
    void aChatMessageAfterTheInactivityWindowOpensANewTicket() {
        IntakeResult first = intake.accept(wechat("o-zoe", "2001", "hi").build());
        clock.advance(Duration.ofHours(2).plusSeconds(1));
        IntakeResult second = intake.accept(wechat("o-zoe", "2002", "new question").build());
        assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(second.ticketId()).isNotEqualTo(first.ticketId());
    }

    @Test
    void theWindowCountsFromTheLastMessageNotTheFirst() {
        IntakeResult first = intake.accept(wechat("o-zoe", "3001", "hi").build());
        clock.advance(Duration.ofMinutes(100));
        engine.tickets().reply(shop.alice, first.ticketId().orElseThrow(), NewMessage.text("Hello, how can I help?"));
        clock.advance(Duration.ofMinutes(100));
        IntakeResult second = intake.accept(wechat("o-zoe", "3002", "my parcel").build());
        assertThat(second.ticketId()).isEqualTo(first.ticketId());
    }

    @Test
    void anotherConversationOfTheSameCustomerOpensItsOwnTicket() {
        IntakeResult first = intake.accept(wechat("o-zoe", "4001", "hi").build());
        IntakeResult other = intake.accept(wechat("o-zoe", "4002", "other session").conversationId("session-b").build());
        assertThat(other.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(other.ticketId()).isNotEqualTo(first.ticketId());
        assertThat(other.customerId()).isEqualTo(first.customerId());
    }

    @Test
    void aChatMessageToASolvedConversationTicketReopensItAndToAClosedOneFollowsUp() {
        IntakeResult first = intake.accept(wechat("o-zoe", "5001", "hi").build());
        TicketId id = first.ticketId().orElseThrow();
        engine.tickets().reply(shop.alice, id, NewMessage.text("Solved").thenStatus(TicketStatus.SOLVED));
        IntakeResult reopened = intake.accept(wechat("o-zoe", "5002", "not yet").build());
        assertThat(reopened.outcome()).isEqualTo(Outcome.REOPENED);
        engine.tickets().reply(shop.alice, id, NewMessage.text("Solved again").thenStatus(TicketStatus.SOLVED));
        engine.tickets().changeStatus(shop.admin, id, TicketStatus.CLOSED);
        IntakeResult follow = intake.accept(wechat("o-zoe", "5003", "one more thing").build());
        assertThat(follow.outcome()).isEqualTo(Outcome.FOLLOW_UP);
        assertThat(follow.followUpOf()).contains(id);
    }

    @Test
    void anEmailWithoutThreadingIdsOrTokenOpensANewTicketEvenFromTheSameSender() {
        IntakeResult a = intake.accept(email("zoe@example.com", "j1@mail", "First", "one").build());
        IntakeResult b = intake.accept(email("zoe@example.com", "j2@mail", "Second", "two").build());
        assertThat(b.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(b.ticketId()).isNotEqualTo(a.ticketId());
        assertThat(b.customerId()).isEqualTo(a.customerId());
    }
}
