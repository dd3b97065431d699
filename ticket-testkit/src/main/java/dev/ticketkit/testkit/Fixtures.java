package dev.ticketkit.testkit;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.NewCustomer;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A small shop set up in one tenant: three teams, three agents, two customers and a few custom fields.
 * Build with {@link #create(TicketEngine, TenantId)}.
 *
 * <ul>
 *   <li>teams {@code after-sales}, {@code warehouse}, {@code finance}</li>
 *   <li>{@link #alice}: agent in after-sales (team-scoped {@link Role#AGENT});
 *       {@link #bob}: agent in finance; {@link #wendy}: light agent in the warehouse</li>
 *   <li>{@link #carol} (email, standard tier) and {@link #dave} (WeChat openid, VIP)</li>
 *   <li>fields {@code order_type} (single select: presale, aftersale), {@code refund_amount} (number),
 *       {@code fragile} (boolean), {@code promised_date} (date), {@code note} (text), {@code issues}
 *       (multi select: broken, late, wrong_item)</li>
 * </ul>
 */
public final class Fixtures {
    public static final TeamId AFTER_SALES = TeamId.of("after-sales");
    public static final TeamId WAREHOUSE = TeamId.of("warehouse");
    public static final TeamId FINANCE = TeamId.of("finance");

    public final TicketEngine engine;
    public final TenantId tenant;
    /** Everything, unscoped. */
    public final Actor admin;
    /** A channel integration. */
    public final Actor integration;
    public final Actor alice;
    public final Actor bob;
    public final Actor wendy;
    public final Customer carol;
    public final Customer dave;

    private Fixtures(TicketEngine engine, TenantId tenant) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.admin = Actor.system(tenant, "admin").withRoles(Role.ADMIN);
        this.integration = Actor.integration(tenant, "test-channel");
        var dir = engine.directory();
        dir.saveTeam(admin, Team.of(tenant, AFTER_SALES, "After-sales"));
        dir.saveTeam(admin, Team.of(tenant, WAREHOUSE, "Warehouse"));
        dir.saveTeam(admin, Team.of(tenant, FINANCE, "Finance"));
        Agent a = dir.saveAgent(admin, new Agent(AgentId.of("alice"), tenant, "Alice", Set.of(AFTER_SALES),
                Set.of("refund", "logistics"), Set.of("zh", "en"), Map.of(Channel.EMAIL, 10), Presence.ONLINE));
        Agent b = dir.saveAgent(admin, Agent.of(tenant, AgentId.of("bob"), "Bob", FINANCE));
        Agent w = dir.saveAgent(admin, Agent.of(tenant, AgentId.of("wendy"), "Wendy", WAREHOUSE));
        this.alice = Actor.agent(a, Role.AGENT);
        this.bob = Actor.agent(b, Role.AGENT);
        this.wendy = Actor.agent(w, Role.LIGHT_AGENT);
        dir.defineField(admin, FieldDefinition.singleSelect("order_type", "Order type", "presale", "aftersale"));
        dir.defineField(admin, FieldDefinition.number("refund_amount", "Refund amount"));
        dir.defineField(admin, FieldDefinition.bool("fragile", "Fragile"));
        dir.defineField(admin, FieldDefinition.date("promised_date", "Promised date"));
        dir.defineField(admin, FieldDefinition.text("note", "Note"));
        dir.defineField(admin, FieldDefinition.multiSelect("issues", "Issues", "broken", "late", "wrong_item"));
        this.carol = engine.customers().create(admin, NewCustomer.of("Carol",
                ChannelIdentity.verified(IdentityType.EMAIL, "carol@example.com")));
        this.dave = engine.customers().create(admin, new NewCustomer("戴维", MemberTier.VIP,
                List.of(ChannelIdentity.of(IdentityType.WECHAT_OPENID, "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")), Set.of("vip")));
    }

    /** Sets up the shop in {@code tenant} through the engine's public API. */
    public static Fixtures create(TicketEngine engine, TenantId tenant) {
        return new Fixtures(engine, tenant);
    }

    /** Carol acting for herself. */
    public Actor carolActor() {
        return Actor.customer(tenant, carol.id());
    }

    /** Dave acting for himself. */
    public Actor daveActor() {
        return Actor.customer(tenant, dave.id());
    }

    /** An email ticket from Carol with a first message, created by the integration. */
    public Ticket carolAsks(String subject) {
        return engine.tickets().create(integration, NewTicket.builder(carol.id(), subject)
                .channel(Channel.EMAIL).message("Hello, " + subject).build());
    }

    /** A message written by Carol, for actors that write on a customer's behalf. */
    public NewMessage fromCarol(String text) {
        return NewMessage.text(text).by(AuthorKind.CUSTOMER, carol.id().toString());
    }

    /** A ticket from Carol in the given team, created by the admin. */
    public Ticket carolAsks(String subject, TeamId team) {
        return engine.tickets().create(admin, NewTicket.builder(carol.id(), subject)
                .channel(Channel.EMAIL).team(team).message(fromCarol("Hello, " + subject)).build());
    }
}
