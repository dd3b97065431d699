package dev.ticketkit.routing.assign;

import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.EventMeta;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.routing.internal.AgentPool;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A tenant's {@link LoadLedger} without an engine: two agents of one team with 3 web chats each, tickets built by
 * hand, committed events made up, and a map standing in for the store's reads.
 */
final class LedgerFixture {
    static final TenantId TENANT = TenantId.of("shop-1");
    static final TeamId TEAM = TeamId.of("chat");
    static final AgentId ALICE = AgentId.of("alice");
    static final AgentId BOB = AgentId.of("bob");
    static final Channel CHAT = Channel.WEB_CHAT;
    static final Instant T0 = Instant.parse("2026-11-11T00:00:00Z");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final AtomicLong SEQUENCE = new AtomicLong();

    final LoadLedger ledger = new LoadLedger(TENANT, TIMEOUT, Set.of(TicketStatus.NEW, TicketStatus.OPEN));
    /** What a read of a ticket returns ("the store"). */
    final Map<TicketId, Ticket> store = new HashMap<>();
    final Function<TicketId, Optional<Ticket>> lookup = id -> Optional.ofNullable(store.get(id));

    LedgerFixture() {
        ledger.refreshAgents(List.of(agent(ALICE), agent(BOB)), T0);
    }

    static Agent agent(AgentId id) {
        return new Agent(id, TENANT, id.value(), Set.of(TEAM), Set.of(), Set.of("zh"), Map.of(CHAT, 3), Presence.ONLINE);
    }

    AgentPool pool() {
        return ledger.pool();
    }

    int load(AgentId agent) {
        return pool().load(agent, CHAT);
    }

    /** A new ticket id. */
    static TicketId newId() {
        return TicketId.of(new UUID(0x0190a00000007000L, 0x8000000000000000L | SEQUENCE.incrementAndGet()));
    }

    /** A web chat ticket in the store, with an assignee (or none) and a status. */
    Ticket stored(TicketId id, AgentId assignee, TicketStatus status) {
        Ticket t = Ticket.builder().id(id).tenantId(TENANT).number(TicketNumber.of("TK", SEQUENCE.incrementAndGet()))
                .subject("Question").status(status).priority(Priority.NORMAL).channel(CHAT)
                .requester(CustomerId.of(new UUID(1, 1))).assignee(assignee).team(TEAM)
                .tags(Set.of()).customFields(Map.of()).orders(List.of()).links(List.of())
                .createdAt(T0).updatedAt(T0).statusChangedAt(T0).version(1).build();
        store.put(id, t);
        return t;
    }

    /** What a hook or a pull does before it commits: claims the agent's capacity and reserves it. */
    boolean claimAndReserve(TicketId ticket, AgentId agent, Instant now, boolean replace) {
        return ledger.booked(() -> {
            if (!pool().claimAgent(agent, CHAT, false)) {
                return false;
            }
            ledger.reserve(ticket, agent, CHAT, now, replace);
            return true;
        });
    }

    void created(Ticket ticket) {
        ledger.onEvent(new TicketEvent.TicketCreated(meta(ticket.id()), ticket), lookup);
    }

    void assigned(TicketId ticket, AgentId from, AgentId to) {
        ledger.onEvent(new TicketEvent.AssigneeChanged(meta(ticket), from, to), lookup);
    }

    void statusChanged(TicketId ticket, TicketStatus from, TicketStatus to) {
        ledger.onEvent(new TicketEvent.StatusChanged(meta(ticket), from, to), lookup);
    }

    private static EventMeta meta(TicketId ticket) {
        return new EventMeta(UUID.randomUUID(), TENANT, ticket, 2, ActorRef.of(ActorKind.SYSTEM, "test"), T0);
    }
}
