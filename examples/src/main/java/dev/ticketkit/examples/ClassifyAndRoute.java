package dev.ticketkit.examples;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.routing.assign.AssignmentStrategy;
import dev.ticketkit.routing.assign.Router;
import dev.ticketkit.routing.assign.TeamQueue;
import dev.ticketkit.routing.classify.ClassificationHook;
import dev.ticketkit.routing.classify.KeywordClassifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Classification and routing in one engine: inquiries are tagged ({@code category:*}, {@code lang:*},
 * {@code urgent}) inside the create command, then assigned to an online after-sales agent with the right
 * language and skill, within their chat capacity; an English refund waits until its category need relaxes.
 */
public final class ClassifyAndRoute {
    private ClassifyAndRoute() {}

    public static void main(String[] args) {
        TenantId shop = TenantId.of("demo-shop");
        TeamId afterSales = TeamId.of("after-sales");
        Clock clock = Clock.systemUTC();
        Router router = Router.builder()
                .queue(TeamQueue.builder(afterSales).strategy(AssignmentStrategy.LEAST_LOADED).build())
                .build();
        try (TicketEngine engine = TicketEngine.builder().clock(clock)
                .module(ClassificationHook.builder(KeywordClassifier.ofDefaults()).build())   // tags first
                .module(router)                                                            // then assignment
                .build()) {
            Actor admin = Actor.system(shop, "admin");
            engine.directory().saveTeam(admin, Team.of(shop, afterSales, "After-sales"));
            engine.directory().saveAgent(admin, new Agent(AgentId.of("li"), shop, "Li", Set.of(afterSales),
                    Set.of("refund", "exchange"), Set.of("zh"), Map.of(Channel.WECHAT, 5), Presence.ONLINE));
            engine.directory().saveAgent(admin, new Agent(AgentId.of("amy"), shop, "Amy", Set.of(afterSales),
                    Set.of("quality"), Set.of("en", "zh"), Map.of(Channel.EMAIL, 20), Presence.ONLINE));
            Actor wechat = Actor.integration(shop, "wechat");
            Customer c = engine.customers().findOrCreate(wechat, ChannelIdentity.of(IdentityType.WECHAT_OPENID, "o-demo-1"), "顾客");
            for (String[] inquiry : new String[][] {
                    {"WECHAT", "申请退货", "不是要退款，想换个大一码的，急！"},
                    {"EMAIL", "Broken lamp", "The lamp arrived cracked, I'd like a replacement."},
                    {"EMAIL", "Refund please", "I want a refund for order 1234."}}) {
                // the host (admin) files it into the team; the message is the customer's
                Ticket t = engine.tickets().create(admin, NewTicket.builder(c.id(), inquiry[1])
                        .channel(Channel.of(inquiry[0])).team(afterSales)
                        .message(NewMessage.text(inquiry[2]).by(AuthorKind.CUSTOMER, c.id().toString())).build());
                System.out.printf("%s %-14s tags=%s priority=%s assignee=%s%n", t.number(), inquiry[1], t.tags(),
                        t.priority(), t.assignee().map(AgentId::value).orElse("(waiting)"));
            }
            System.out.println("The English refund waits for an English refund agent for "
                    + Duration.ofMinutes(2).toMinutes() + " minutes; then any English agent may take it (due work "
                    + Router.RETRY_TYPE + ").");
        }
    }
}
