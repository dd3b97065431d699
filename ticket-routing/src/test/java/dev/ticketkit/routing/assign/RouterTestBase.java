package dev.ticketkit.routing.assign;

import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/** An engine on the in-memory store with a hand-driven clock, the {@link Fixtures} shop and a router. */
abstract class RouterTestBase {
    static final TeamId CHAT = TeamId.of("chat");
    static final TeamId GENERAL = TeamId.of("general");

    MutableClock clock;
    TicketEngine engine;
    Fixtures shop;
    Router router;

    /** Sets a ticket's SLA due time from a {@code due:<minutes>} tag, so queue order can be tested. */
    static final class DueFromTag implements CommandHook {
        @Override
        public void beforeCommit(HookContext ctx) {
            for (String tag : ctx.ticket().tags()) {
                if (tag.startsWith("due:") && ctx.ticket().dueAt().isEmpty()) {
                    ctx.setDueAt(ctx.ticket().createdAt().plus(Duration.ofMinutes(Long.parseLong(tag.substring(4)))));
                }
            }
        }
    }

    void start(Router.Builder routerBuilder) {
        clock = MutableClock.at("2026-11-11T00:00:00Z");
        router = routerBuilder.build();
        engine = TicketEngine.builder().clock(clock).hook(new DueFromTag()).module(router).build();
        shop = Fixtures.create(engine, TenantId.of("shop-1"));
        engine.directory().saveTeam(shop.admin, Team.of(shop.tenant, CHAT, "Chat"));
        engine.directory().saveTeam(shop.admin, Team.of(shop.tenant, GENERAL, "General"));
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    Agent hire(String id, TeamId team, Presence presence, Map<Channel, Integer> capacity, Set<String> skills, Set<String> languages) {
        return engine.directory().saveAgent(shop.admin, new Agent(AgentId.of(id), shop.tenant, id, Set.of(team), skills,
                languages, capacity, presence));
    }

    Agent hire(String id, TeamId team, Presence presence, Map<Channel, Integer> capacity) {
        return hire(id, team, presence, capacity, Set.of(), Set.of("zh", "en"));
    }

    Ticket ask(TeamId team, Channel channel, String... tags) {
        return engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "Question")
                .channel(channel).team(team).tags(tags).message(shop.fromCarol("Hello")).build());
    }

    Ticket ask(TeamId team, Priority priority, String... tags) {
        return engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "Question")
                .channel(Channel.EMAIL).team(team).priority(priority).tags(tags).message(shop.fromCarol("Hello")).build());
    }

    Ticket get(Ticket t) {
        return engine.tickets().get(shop.admin, t.id());
    }

    String assigneeOf(Ticket t) {
        return get(t).assignee().map(AgentId::value).orElse("-");
    }
}
