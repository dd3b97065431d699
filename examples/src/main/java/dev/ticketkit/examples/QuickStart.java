package dev.ticketkit.examples;

import dev.ticketkit.core.*;

/** The first example to read: one e-mail inquiry from arrival to solved, on the in-memory store. */
public final class QuickStart {
    public static void main(String[] args) {
        try (TicketEngine engine = TicketEngine.builder().build()) {               // in-memory store, UTC clock
            TenantId shop = TenantId.of("demo-shop");
            Actor admin = Actor.system(shop, "setup");
            TeamId afterSales = TeamId.of("after-sales");
            engine.directory().saveTeam(admin, Team.of(shop, afterSales, "After-sales"));
            Agent lin = engine.directory().saveAgent(admin, Agent.of(shop, AgentId.of("lin"), "Lin", afterSales));
            Actor agent = Actor.agent(lin, Role.AGENT);

            // The e-mail intake finds (or creates) the customer by address and opens a ticket with the message.
            Actor emailIntake = Actor.integration(shop, "email");
            Customer alice = engine.customers().findOrCreate(emailIntake,
                    ChannelIdentity.of(IdentityType.EMAIL, "alice@example.com"), "Alice");
            Ticket ticket = engine.tickets().create(emailIntake, NewTicket.builder(alice.id(), "Where is my parcel?")
                    .channel(Channel.EMAIL)
                    .message("I ordered a kettle on Monday (order 1001) and tracking hasn't moved since.").build());

            MessageResult reply = engine.tickets().reply(agent, ticket.id(),
                    NewMessage.text("Sorry for the wait! It left our warehouse today: SF1234567890."));
            System.out.println(ticket.number() + " after the agent's reply: " + reply.ticket().status());   // OPEN
            Ticket solved = engine.tickets().changeStatus(agent, ticket.id(), TicketStatus.SOLVED);

            System.out.println(solved.number() + " is " + solved.status());
            for (Message m : engine.tickets().messages(agent, ticket.id())) {
                System.out.println("  " + m.authorKind() + ": " + m.text());
            }
        }
    }
}
