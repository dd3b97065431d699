package dev.ticketkit.examples;

import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.email.EmailChannel;
import dev.ticketkit.connectors.email.EmailThreading;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.MessageResult;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.spi.TicketStore;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Raw MIME through the intake pipeline on the in-memory store: a new inquiry, its redelivery, an
 * out-of-office, the customer's answer to the agent's reply, and a mail to the solved ticket.
 */
public final class EmailIntakeExample {

    public static void main(String[] args) {
        try (TicketEngine engine = TicketEngine.builder().store(TicketStore.inMemory()).build()) {
            TenantId shop = TenantId.of("demo-shop");
            Actor admin = Actor.system(shop, "setup");
            engine.directory().saveTeam(admin, Team.of(shop, TeamId.of("after-sales"), "After-sales"));
            Actor lin = Actor.agent(engine.directory().saveAgent(admin,
                    Agent.of(shop, AgentId.of("lin"), "Lin", TeamId.of("after-sales"))), Role.AGENT);

            // The host hands raw MIME it already receives to the channel; intake does the rest.
            EmailChannel email = EmailChannel.builder(shop, "support@shop.example").clock(engine.clock()).build();
            Intake intake = Intake.builder(engine).build();

            IntakeResult first = take(intake, email, shop, """
                    From: Zoe <zoe@customer.example>
                    To: support@shop.example
                    Subject: Teapot arrived broken (Tmall 4200012345678901234)
                    Message-ID: <zoe-1@customer.example>
                    Content-Type: text/plain; charset=UTF-8

                    The lid is cracked. Can you send a new one?
                    """);
            take(intake, email, shop, """
                    From: Zoe <zoe@customer.example>
                    To: support@shop.example
                    Subject: Teapot arrived broken (Tmall 4200012345678901234)
                    Message-ID: <zoe-1@customer.example>

                    The lid is cracked. Can you send a new one?
                    """);                                                           // redelivered: DUPLICATE
            take(intake, email, shop, """
                    From: Boss <boss@customer.example>
                    To: support@shop.example
                    Subject: Automatic reply: Teapot
                    Auto-Submitted: auto-replied
                    Message-ID: <ooo@customer.example>

                    I am out of the office.
                    """);                                                           // IGNORED_AUTO_REPLY

            Ticket ticket = engine.tickets().get(lin, first.ticketId().orElseThrow());
            MessageResult reply = engine.tickets().reply(lin, ticket.id(),
                    NewMessage.text("Sorry! A new lid ships today.").thenStatus(TicketStatus.SOLVED));
            // What EmailChannel.send would put in the reply's headers:
            String ourId = EmailThreading.messageId(ticket.id(), reply.message().id(), "shop.example");
            System.out.println("agent reply sent as <" + ourId + "> with subject token "
                    + EmailThreading.token(ticket.number()));

            take(intake, email, shop, """
                    From: Zoe <zoe@customer.example>
                    To: support@shop.example
                    Subject: Re: Teapot arrived broken %s
                    Message-ID: <zoe-2@customer.example>
                    In-Reply-To: <%s>

                    It has not arrived yet.

                    On Wed, Support wrote:
                    > Sorry! A new lid ships today.
                    """.formatted(EmailThreading.token(ticket.number()), ourId));   // REOPENED (it was solved)

            Ticket after = engine.tickets().get(lin, ticket.id());
            System.out.println(after.number() + " is " + after.status() + " with orders " + after.orders()
                    + " and " + engine.tickets().messages(lin, ticket.id()).size() + " messages");

            // A busy mailbox: one poll's mail taken in as a batch. The new tickets open in one transaction, and
            // Ann's second mail, answering her first of the same batch, joins the ticket that one opened.
            List<InboundMessage> poll = List.of(
                    parse(email, shop, """
                            From: Ann <ann@customer.example>
                            To: support@shop.example
                            Subject: Wrong size (JD 298765432109)
                            Message-ID: <ann-1@customer.example>

                            I ordered an L and got an M.
                            """),
                    parse(email, shop, """
                            From: Bo <bo@customer.example>
                            To: support@shop.example
                            Subject: Invoice please
                            Message-ID: <bo-1@customer.example>

                            Order #1001 needs a company invoice.
                            """),
                    parse(email, shop, """
                            From: Ann <ann@customer.example>
                            To: support@shop.example
                            Subject: Re: Wrong size (JD 298765432109)
                            Message-ID: <ann-2@customer.example>
                            In-Reply-To: <ann-1@customer.example>

                            Photo of the label attached.
                            """));
            for (IntakeResult r : intake.acceptAll(poll)) {                       // CREATED, CREATED, APPENDED
                System.out.println("batch: " + r.outcome() + " ticket=" + r.ticketId().orElse(null) + " orders=" + r.orders());
            }
        }
    }

    private static InboundMessage parse(EmailChannel email, TenantId shop, String mime) {
        return email.parse(shop, mime.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static IntakeResult take(Intake intake, EmailChannel email, TenantId shop, String mime) {
        IntakeResult r = intake.accept(parse(email, shop, mime));
        System.out.println(r.outcome() + " ticket=" + r.ticketId().orElse(null) + " orders=" + r.orders());
        return r;
    }
}
