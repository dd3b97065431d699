package dev.ticketkit.routing.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.testkit.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each strategy with presence and capacity, skills relaxation, sticky agents, pull order, overflow and offline return. */
class RouterTest extends RouterTestBase {

    @Test
    void roundRobinRotatesOverOnlineAgentsOnly() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).strategy(AssignmentStrategy.ROUND_ROBIN).noSticky().build()));
        hire("a1", CHAT, Presence.ONLINE, Map.of());
        hire("a2", CHAT, Presence.OFFLINE, Map.of());
        hire("a3", CHAT, Presence.ONLINE, Map.of());
        hire("a4", CHAT, Presence.AWAY, Map.of());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            got.add(assigneeOf(ask(CHAT, Channel.EMAIL)));
        }
        assertThat(got).containsOnly("a1", "a3");
        assertThat(got.stream().filter("a1"::equals).count()).isEqualTo(3);
        for (int i = 1; i < got.size(); i++) {
            assertThat(got.get(i)).isNotEqualTo(got.get(i - 1)); // it rotates
        }
    }

    @Test
    void leastLoadedFillsWithinPerChannelCapacityThenQueues() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).noSticky().build()));
        hire("b1", CHAT, Presence.ONLINE, Map.of(Channel.WEB_CHAT, 2, Channel.EMAIL, 20));
        hire("b2", CHAT, Presence.ONLINE, Map.of(Channel.WEB_CHAT, 1, Channel.EMAIL, 20));
        List<Ticket> chats = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chats.add(ask(CHAT, Channel.WEB_CHAT));
        }
        assertThat(chats.stream().map(this::assigneeOf).toList()).containsExactlyInAnyOrder("b1", "b1", "b2", "-");
        assertThat(router.load(shop.tenant, AgentId.of("b1"), Channel.WEB_CHAT)).isEqualTo(2);
        // e-mail has its own capacity: still assigned, to the least loaded on e-mail
        assertThat(assigneeOf(ask(CHAT, Channel.EMAIL))).isIn("b1", "b2");
        // solving a chat frees a slot; the waiting chat goes to whoever pulls it
        Ticket b2chat = chats.stream().filter(t -> assigneeOf(t).equals("b2")).findFirst().orElseThrow();
        engine.tickets().changeStatus(shop.admin, b2chat.id(), TicketStatus.SOLVED);
        assertThat(router.load(shop.tenant, AgentId.of("b2"), Channel.WEB_CHAT)).isZero();
        Optional<Ticket> pulled = router.next(Actor.agent(shop.tenant, AgentId.of("b2"), Set.of(CHAT), Role.AGENT));
        assertThat(pulled).map(Ticket::channel).contains(Channel.WEB_CHAT);
        assertThat(router.next(Actor.agent(shop.tenant, AgentId.of("b2"), Set.of(CHAT), Role.AGENT))).isEmpty();
    }

    @Test
    void leastLoadedPrefersTheAgentWithTheSmallestShareOfCapacity() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).noSticky().build()));
        hire("big", CHAT, Presence.ONLINE, Map.of(Channel.WEB_CHAT, 4));
        hire("small", CHAT, Presence.ONLINE, Map.of(Channel.WEB_CHAT, 2));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            got.add(assigneeOf(ask(CHAT, Channel.WEB_CHAT)));
        }
        assertThat(got.stream().filter("big"::equals).count()).isEqualTo(4);
        assertThat(got.stream().filter("small"::equals).count()).isEqualTo(2);
    }

    @Test
    void skillsAreRelaxedByTheClockThroughDueWork() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).noSticky().relax(SkillKind.CATEGORY, Duration.ofMinutes(2)).build()));
        hire("generalist", CHAT, Presence.ONLINE, Map.of(), Set.of(), Set.of("zh"));
        hire("english-refunds", CHAT, Presence.ONLINE, Map.of(), Set.of("refund"), Set.of("en"));
        Ticket t = ask(CHAT, Channel.EMAIL, "category:refund", "lang:zh");
        assertThat(assigneeOf(t)).isEqualTo("-"); // nobody has both zh and refund
        clock.advance(Duration.ofSeconds(119));
        assertThat(engine.runDueWork()).isZero();
        assertThat(assigneeOf(t)).isEqualTo("-");
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.runDueWork()).isEqualTo(1);
        assertThat(assigneeOf(t)).isEqualTo("generalist"); // the category need is relaxed, the language need is not
        // a qualified agent gets such tickets at once
        Ticket en = ask(CHAT, Channel.EMAIL, "category:refund", "lang:en");
        assertThat(assigneeOf(en)).isEqualTo("english-refunds");
    }

    @Test
    void vipCustomersNeedTheVipSkillUntilTheTierIsRelaxed() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).noSticky().relax(SkillKind.TIER, Duration.ofMinutes(1)).build()));
        hire("plain", CHAT, Presence.ONLINE, Map.of());
        Ticket vip = engine.tickets().create(shop.admin, NewTicket.builder(shop.dave.id(), "VIP question")
                .channel(Channel.WECHAT).team(CHAT).message("你好").build());
        assertThat(assigneeOf(vip)).isEqualTo("-");
        hire("vip-desk", CHAT, Presence.ONLINE, Map.of(), Set.of("vip"), Set.of("zh"));
        router.resync(shop.tenant); // re-read the directory now rather than after the refresh interval
        assertThat(router.route(shop.admin, vip.id())).contains(AgentId.of("vip-desk"));
    }

    @Test
    void tierAndLanguageAreRelaxedAfterTheirConfiguredWaitsByTheClock() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).noSticky()
                .relax(SkillKind.TIER, Duration.ofMinutes(1))
                .relax(SkillKind.LANGUAGE, Duration.ofMinutes(3))
                .build()));
        hire("english-only", CHAT, Presence.ONLINE, Map.of(), Set.of(), Set.of("en")); // no vip skill, no zh
        Ticket vip = engine.tickets().create(shop.admin, NewTicket.builder(shop.dave.id(), "VIP question")
                .channel(Channel.WECHAT).team(CHAT).tags("lang:zh").message("你好").build());
        assertThat(assigneeOf(vip)).isEqualTo("-"); // needs vip and zh
        clock.advance(Duration.ofSeconds(59));
        engine.runDueWork();
        assertThat(assigneeOf(vip)).isEqualTo("-");
        clock.advance(Duration.ofSeconds(1));
        engine.runDueWork();
        assertThat(assigneeOf(vip)).as("tier relaxed at 1 min, language still needed").isEqualTo("-");
        clock.advance(Duration.ofSeconds(119));
        engine.runDueWork();
        assertThat(assigneeOf(vip)).isEqualTo("-");
        clock.advance(Duration.ofSeconds(1));
        engine.runDueWork();
        assertThat(assigneeOf(vip)).as("language relaxed at 3 min").isEqualTo("english-only");
    }

    @Test
    void languageIsNeverRelaxedByDefault() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).noSticky().build()));
        hire("english-only", CHAT, Presence.ONLINE, Map.of(), Set.of(), Set.of("en"));
        Ticket t = ask(CHAT, Channel.EMAIL, "lang:zh");
        clock.advance(Duration.ofDays(1));
        engine.runDueWork();
        assertThat(assigneeOf(t)).isEqualTo("-");
        assertThat(router.route(shop.admin, t.id())).isEmpty();
    }

    @Test
    void aReturningCustomerGetsTheirLastAgentUnlessOfflineOrFull() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).strategy(AssignmentStrategy.ROUND_ROBIN).build()));
        hire("s1", CHAT, Presence.ONLINE, Map.of(Channel.EMAIL, 2));
        hire("s2", CHAT, Presence.ONLINE, Map.of(Channel.EMAIL, 2));
        Ticket first = ask(CHAT, Channel.EMAIL);
        String mine = assigneeOf(first);
        String other = mine.equals("s1") ? "s2" : "s1";
        clock.advance(Duration.ofMinutes(5));
        assertThat(assigneeOf(ask(CHAT, Channel.EMAIL))).isEqualTo(mine); // sticky beats the rotation
        // now full (2 of 2): the strategy decides
        assertThat(assigneeOf(ask(CHAT, Channel.EMAIL))).isEqualTo(other);
        // offline: refused as well
        Actor admin = shop.admin;
        router.setPresence(admin, AgentId.of(mine), Presence.OFFLINE);
        engine.tickets().changeStatus(admin, first.id(), TicketStatus.SOLVED);
        assertThat(assigneeOf(ask(CHAT, Channel.EMAIL))).isEqualTo(other);
    }

    @Test
    void theStickyAgentIsLearntFromAnyCommandOnTheCustomersTicketsAndForgottenAfterTheWindow() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).strategy(AssignmentStrategy.LEAST_LOADED).build()));
        hire("s1", CHAT, Presence.ONLINE, Map.of(Channel.EMAIL, 5));
        hire("s2", CHAT, Presence.ONLINE, Map.of(Channel.EMAIL, 5));
        Ticket first = ask(CHAT, Channel.EMAIL);
        String routed = assigneeOf(first);
        String other = routed.equals("s1") ? "s2" : "s1";
        // a supervisor hands the customer's ticket to the other agent by hand: that is now the customer's agent,
        // although the least-loaded rule would pick the first agent (0 tickets against 1)
        engine.tickets().assign(shop.admin, first.id(), AgentId.of(other));
        clock.advance(Duration.ofMinutes(5));
        assertThat(assigneeOf(ask(CHAT, Channel.EMAIL))).isEqualTo(other);
        // after the sticky window (default 7 days) the strategy decides again: the least loaded agent
        clock.advance(TeamQueue.DEFAULT_STICKY_WITHIN.plusMinutes(1));
        assertThat(assigneeOf(ask(CHAT, Channel.EMAIL))).isEqualTo(routed);
    }

    @Test
    void pullHandsOutTheBestTicketByPriorityThenDueTimeThenAge() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).push(false).build()));
        hire("puller", CHAT, Presence.ONLINE, Map.of());
        Ticket low = ask(CHAT, Priority.LOW);
        clock.advance(Duration.ofMinutes(1));
        Ticket normalOld = ask(CHAT, Priority.NORMAL);
        clock.advance(Duration.ofMinutes(1));
        Ticket normalDueSoon = ask(CHAT, Priority.NORMAL, "due:30");
        clock.advance(Duration.ofMinutes(1));
        Ticket normalDueLater = ask(CHAT, Priority.NORMAL, "due:60");
        clock.advance(Duration.ofMinutes(1));
        Ticket urgent = ask(CHAT, Priority.URGENT);
        Ticket high = ask(CHAT, Priority.HIGH);
        assertThat(List.of(low, normalOld, urgent)).allSatisfy(t -> assertThat(assigneeOf(t)).isEqualTo("-")); // pull queue
        Actor puller = Actor.agent(shop.tenant, AgentId.of("puller"), Set.of(CHAT), Role.AGENT);
        List<Ticket> order = new ArrayList<>();
        for (Optional<Ticket> t = router.next(puller); t.isPresent(); t = router.next(puller)) {
            order.add(t.get());
        }
        assertThat(order).extracting(Ticket::id).containsExactly(urgent.id(), high.id(), normalDueSoon.id(),
                normalDueLater.id(), normalOld.id(), low.id());
        assertThat(order).allSatisfy(t -> assertThat(t.assignee()).contains(AgentId.of("puller")));
    }

    @Test
    void pullSkipsTicketsTheAgentDoesNotQualifyForOrHasNoCapacityFor() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).push(false).build()));
        hire("zh-only", CHAT, Presence.ONLINE, Map.of(Channel.WEB_CHAT, 1), Set.of(), Set.of("zh"));
        Ticket en = ask(CHAT, Priority.URGENT, "lang:en");
        Ticket chat1 = ask(CHAT, Channel.WEB_CHAT, "lang:zh");
        Ticket chat2 = ask(CHAT, Channel.WEB_CHAT, "lang:zh");
        Ticket mail = ask(CHAT, Channel.EMAIL, "lang:zh");
        Actor a = Actor.agent(shop.tenant, AgentId.of("zh-only"), Set.of(CHAT), Role.AGENT);
        List<Ticket> got = new ArrayList<>();
        for (Optional<Ticket> t = router.next(a); t.isPresent(); t = router.next(a)) {
            got.add(t.get());
        }
        assertThat(got).extracting(Ticket::id).containsExactly(chat1.id(), mail.id());
        assertThat(assigneeOf(en)).isEqualTo("-");
        assertThat(assigneeOf(chat2)).isEqualTo("-");
    }

    @Test
    void waitingTicketsOverflowToAnotherTeamAfterTheWait() {
        start(Router.builder()
                .queue(TeamQueue.builder(CHAT).noSticky().overflow(GENERAL, Duration.ofMinutes(10)).build())
                .queue(TeamQueue.builder(GENERAL).noSticky().build()));
        hire("asleep", CHAT, Presence.OFFLINE, Map.of());
        hire("backup", GENERAL, Presence.ONLINE, Map.of());
        Ticket t = ask(CHAT, Channel.EMAIL);
        assertThat(assigneeOf(t)).isEqualTo("-");
        clock.advance(Duration.ofMinutes(9));
        engine.runDueWork();
        assertThat(get(t).team()).contains(CHAT);
        clock.advance(Duration.ofMinutes(1));
        engine.runDueWork();
        Ticket moved = get(t);
        assertThat(moved.team()).contains(GENERAL);
        assertThat(moved.assignee()).contains(AgentId.of("backup"));
        // a ticket assigned in time never overflows
        router.setPresence(shop.admin, AgentId.of("asleep"), Presence.ONLINE);
        Ticket quick = ask(CHAT, Channel.EMAIL);
        assertThat(assigneeOf(quick)).isEqualTo("asleep");
        clock.advance(Duration.ofHours(1));
        engine.runDueWork();
        assertThat(get(quick).team()).contains(CHAT);
    }

    @Test
    void goingOfflineReturnsUntouchedTicketsWhichAreRoutedToOthers() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).noSticky().strategy(AssignmentStrategy.ROUND_ROBIN).build()));
        hire("leaver", CHAT, Presence.ONLINE, Map.of());
        Ticket answered = ask(CHAT, Channel.EMAIL);
        Ticket untouched = ask(CHAT, Channel.EMAIL);
        assertThat(assigneeOf(answered)).isEqualTo("leaver");
        assertThat(assigneeOf(untouched)).isEqualTo("leaver");
        Actor leaver = Actor.agent(shop.tenant, AgentId.of("leaver"), Set.of(CHAT), Role.AGENT);
        engine.tickets().reply(leaver, answered.id(), NewMessage.text("On it"));
        hire("stayer", CHAT, Presence.ONLINE, Map.of());
        router.resync(shop.tenant);
        List<TicketId> returned = router.setPresence(leaver, AgentId.of("leaver"), Presence.OFFLINE);
        assertThat(returned).containsExactly(untouched.id());
        assertThat(assigneeOf(untouched)).isEqualTo("stayer");
        assertThat(assigneeOf(answered)).isEqualTo("leaver");
    }

    @Test
    void offlineReturnCanBeSwitchedOff() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).returnOnOffline(false).build()));
        hire("keeper", CHAT, Presence.ONLINE, Map.of());
        Ticket t = ask(CHAT, Channel.EMAIL);
        assertThat(router.setPresence(shop.admin, AgentId.of("keeper"), Presence.OFFLINE)).isEmpty();
        assertThat(assigneeOf(t)).isEqualTo("keeper");
    }

    @Test
    void comingOnlineFillsTheAgentFromTheQueue() {
        start(Router.builder().queue(TeamQueue.builder(CHAT).build()));
        hire("late", CHAT, Presence.OFFLINE, Map.of(Channel.EMAIL, 2));
        Ticket a = ask(CHAT, Channel.EMAIL);
        Ticket b = ask(CHAT, Channel.EMAIL);
        Ticket c = ask(CHAT, Channel.EMAIL);
        assertThat(router.setPresence(shop.admin, AgentId.of("late"), Presence.ONLINE)).hasSize(2);
        assertThat(List.of(a, b, c).stream().map(this::assigneeOf).filter("late"::equals).count()).isEqualTo(2);
    }

    @Test
    void ticketsOfTeamsWithoutAQueueAreLeftAlone() {
        start(Router.builder().queue(TeamQueue.of(CHAT)));
        Ticket t = shop.carolAsks("refund please", Fixtures.FINANCE);
        assertThat(get(t).assignee()).isEmpty();
        assertThat(router.route(shop.admin, t.id())).isEmpty();
    }

    @Test
    void anotherTenantsIdsBehaveAsNotFound() {
        start(Router.builder().queue(TeamQueue.of(CHAT)));
        hire("local", CHAT, Presence.ONLINE, Map.of());
        Ticket t = ask(CHAT, Channel.EMAIL);
        TenantId other = TenantId.of("shop-2");
        Actor otherAdmin = Actor.system(other, "admin");
        Actor otherAgent = Actor.agent(other, AgentId.of("local"), Set.of(CHAT), Role.AGENT);
        assertThatThrownBy(() -> router.route(otherAdmin, t.id())).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> router.next(otherAgent)).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> router.setPresence(otherAdmin, AgentId.of("local"), Presence.OFFLINE))
                .isInstanceOf(TicketNotFoundException.class);
        assertThat(engine.directory().agent(shop.admin, AgentId.of("local")).orElseThrow().presence()).isEqualTo(Presence.ONLINE);
    }

    @Test
    void badInputIsRejected() {
        start(Router.builder().queue(TeamQueue.of(CHAT)));
        assertThatThrownBy(() -> router.next(shop.admin)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> router.bind(engine)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Router.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Router.builder().queue(TeamQueue.of(CHAT)).queue(TeamQueue.of(CHAT)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TeamQueue.builder(CHAT).overflow(CHAT, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TeamQueue.builder(CHAT).relax(SkillKind.TIER, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TeamQueue.builder(CHAT).strategy(AssignmentStrategy.ROUND_ROBIN).strategy(AssignmentStrategy.LEAST_LOADED))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Router.builder().queue(TeamQueue.of(TeamId.of("x"))).build().next(shop.alice))
                .isInstanceOf(IllegalStateException.class); // not bound
    }
}
