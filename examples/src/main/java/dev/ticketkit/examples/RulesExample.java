package dev.ticketkit.examples;

import dev.ticketkit.core.condition.FieldSchema;
import dev.ticketkit.core.condition.ValueKind;
import dev.ticketkit.core.spi.FactSource;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewCustomer;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.routing.classify.ClassificationHook;
import dev.ticketkit.routing.classify.KeywordClassifier;
import dev.ticketkit.routing.rules.RuleEngine;
import dev.ticketkit.routing.rules.RuleEvent;
import dev.ticketkit.routing.rules.RuleSet;
import dev.ticketkit.sla.BusinessCalendar;
import dev.ticketkit.sla.HolidaySchedule;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules from a merchant's YAML file ({@code rules/peak-day-rules.yaml}): the classifier tags two inquiries, the
 * triggers route them (team, priority, SLA policy, a templated reply, an escalation), an automation solves a
 * pending ticket after 72 business hours, and {@code explain} shows why each rule did or did not fire.
 * In-memory store, simulated clock.
 */
public final class RulesExample {
    public static void main(String[] args) throws Exception {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-11T01:00:00Z"), ZoneId.of("Asia/Shanghai"));
        // the service desk works every day 08:00-24:00, except on public holidays
        BusinessCalendar.Builder service = BusinessCalendar.builder(ZoneId.of("Asia/Shanghai")).holidays(HolidaySchedule.chinaMainland());
        for (DayOfWeek d : DayOfWeek.values()) {
            service.hours(d, LocalTime.of(8, 0), LocalTime.MIDNIGHT);
        }
        RuleEngine rules = RuleEngine.builder().build();
        // the host's order system answers order.* facts (from its cache; a command never waits on a remote call)
        FactSource orders = FactSource.of("order", FieldSchema.builder()
                .field("order.status", ValueKind.TEXT).field("order.logistics_delayed", ValueKind.BOOLEAN).build(),
                (ticket, requester) -> Map.of("logistics_delayed", true, "status", "SHIPPED"));
        try (TicketEngine engine = TicketEngine.builder().clock(clock)
                .calendar("cn-service", service.build())
                .factSource(orders)
                .module(ClassificationHook.builder(KeywordClassifier.ofDefaults()).build()) // tags first, rules see them
                .module(rules)
                .build()) {
            TenantId shop = TenantId.of("peak-shop");
            Actor admin = Actor.system(shop, "setup").withRoles(Role.ADMIN);
            for (String team : List.of("pre-sales", "after-sales", "logistics", "warehouse", "finance")) {
                engine.directory().saveTeam(admin, Team.of(shop, TeamId.of(team), team));
            }
            Agent lin = engine.directory().saveAgent(admin, Agent.of(shop, AgentId.of("lin"), "Lin", TeamId.of("logistics")));

            RuleSet set;
            try (InputStream in = RulesExample.class.getResourceAsStream("/rules/peak-day-rules.yaml")) {
                set = rules.parse("peak-day-rules.yaml", in);
            }
            rules.replace(shop, set);    // teams and agents the rules name are checked against this engine's directory
            System.out.println("Loaded " + set + " for " + shop);

            Actor wechat = Actor.integration(shop, "wechat");
            Customer vip = engine.customers().create(admin, new NewCustomer("王女士", MemberTier.VIP,
                    List.of(ChannelIdentity.of(IdentityType.WECHAT_OPENID, "o6_demo_openid_0001")), Set.of()));
            Ticket parcel = engine.tickets().create(wechat, NewTicket.builder(vip.id(), "快递三天没动了")
                    .channel(Channel.WECHAT).message("我的快递三天没更新了，马上给我查！太慢了，气死了").build());
            show(engine, admin, parcel);

            Customer carol = engine.customers().findOrCreate(Actor.integration(shop, "email"),
                    ChannelIdentity.of(IdentityType.EMAIL, "carol@example.com"), "Carol");
            Ticket refund = engine.tickets().create(Actor.integration(shop, "email"), NewTicket.builder(carol.id(), "Refund")
                    .channel(Channel.EMAIL).message("I returned the kettle last week, when do I get my refund?").build());
            show(engine, admin, refund);

            // explain: what would fire if Carol wrote again now (routing rules listen to "created" only)
            System.out.println("\nexplain " + refund.number() + " for a new message:");
            System.out.print(rules.explain(engine.tickets().get(admin, refund.id()), carol, null,
                    Set.of(RuleEvent.UPDATED, RuleEvent.MESSAGE_ADDED), clock.instant()).render()
                    .lines().filter(l -> !l.startsWith("    ")).map(l -> "  " + l + "\n").reduce("", String::concat));

            // An agent asks for a photo and sets the ticket pending; nobody answers.
            Actor agent = Actor.agent(lin, Role.AGENT);
            engine.tickets().reply(agent, parcel.id(), NewMessage.text("请提供一下订单号，我们马上查。"));
            engine.tickets().changeStatus(agent, parcel.id(), TicketStatus.PENDING);
            for (int day = 0; day < 16; day++) {
                clock.advance(Duration.ofDays(1));
                engine.runDueWork();
            }
            Ticket later = engine.tickets().get(admin, parcel.id());
            System.out.println("\n16 days later " + later.number() + " is " + later.status() + " (72 business hours pending,"
                    + " then solved; the survey went out 2 hours after; closed 96 hours after solving), tags " + later.tags());
        }
    }

    private static void show(TicketEngine engine, Actor admin, Ticket created) {
        Ticket t = engine.tickets().get(admin, created.id());
        System.out.println("\n" + t.number() + " [" + t.channel().name() + "] team=" + t.team().map(TeamId::value).orElse("-")
                + " priority=" + t.priority() + "\n  tags " + t.tags());
        for (Message m : engine.tickets().messages(admin, t.id())) {
            if (m.authorKind() == dev.ticketkit.core.AuthorKind.SYSTEM) {
                System.out.println("  " + m.visibility() + " by " + m.authorId() + ": " + m.text().strip().replace("\n", " / "));
            }
        }
        if (!t.linked(dev.ticketkit.core.LinkType.CHILD).isEmpty()) {
            System.out.println("  child tasks " + t.linked(dev.ticketkit.core.LinkType.CHILD).size());
        }
    }
}
