package dev.ticketkit.core.internal;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChildTask;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketLink;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One command inside one store transaction: loads tickets (checking access), collects their changes,
 * runs the hooks over every touched ticket, then writes tickets, messages and events.
 */
final class UnitOfWork {
    private final EngineCore core;
    private final StoreTransaction tx;
    private final Actor actor;
    private final Instant now;
    private final Map<TicketId, TicketDraft> drafts = new LinkedHashMap<>();
    private final Map<CustomerId, Customer> customers;
    private final Set<TeamId> knownTeams;
    private final Set<AgentId> knownAgents;
    private final Map<String, FieldDefinition> fieldDefinitions;
    private boolean scheduledWork;

    UnitOfWork(EngineCore core, StoreTransaction tx, Actor actor, Instant now) {
        this.core = core;
        this.tx = tx;
        this.actor = actor;
        this.now = now;
        this.customers = new HashMap<>();
        this.knownTeams = new HashSet<>();
        this.knownAgents = new HashSet<>();
        this.fieldDefinitions = new HashMap<>();
    }

    /**
     * Another unit in the same transaction, for the same actor, sharing {@code other}'s caches of customers,
     * teams, agents and field definitions (a batch checks its items once): its own tickets and changes.
     */
    UnitOfWork(UnitOfWork other, Instant now) {
        this.core = other.core;
        this.tx = other.tx;
        this.actor = other.actor;
        this.now = now;
        this.customers = other.customers;
        this.knownTeams = other.knownTeams;
        this.knownAgents = other.knownAgents;
        this.fieldDefinitions = other.fieldDefinitions;
    }

    StoreTransaction tx() { return tx; }

    Actor actor() { return actor; }

    Instant now() { return now; }

    TimeOrderedIds ids() { return core.ids(); }

    Inputs inputs() { return core.inputs(); }

    void markScheduled() { scheduledWork = true; }

    boolean scheduledWork() { return scheduledWork; }

    // ---- loading -------------------------------------------------------------------------------

    /** Loads a ticket for change and checks the actor holds {@code permission} on it (null: no check). */
    TicketDraft load(TicketId id, Permission permission) {
        TicketDraft d = drafts.get(id);
        if (d == null) {
            Ticket t = tx.findTicketForUpdate(actor.tenantId(), id)
                    .orElseThrow(() -> new TicketNotFoundException("ticket", id));
            d = new TicketDraft(this, t, false);
            drafts.put(id, d);
        }
        if (permission != null) {
            Authorizer.require(actor, permission, d.current(), this::peek);
        }
        return d;
    }

    /** A ticket as this command sees it (its draft if it has one), without locking it: for permission checks. */
    java.util.Optional<Ticket> peek(TicketId id) {
        TicketDraft d = drafts.get(id);
        return d != null ? java.util.Optional.of(d.current()) : tx.findTicket(actor.tenantId(), id);
    }

    /** Loads two tickets in id order, so that concurrent commands on the same pair lock them in the same order. */
    TicketDraft[] loadPair(TicketId a, TicketId b, Permission permission) {
        if (a.compareTo(b) <= 0) {
            TicketDraft da = load(a, permission);
            return new TicketDraft[] {da, load(b, permission)};
        }
        TicketDraft db = load(b, permission);
        return new TicketDraft[] {load(a, permission), db};
    }

    Customer customer(CustomerId id) {
        Customer c = customers.get(id);
        if (c == null) {
            c = tx.findCustomer(actor.tenantId(), id).orElseThrow(() -> new TicketNotFoundException("customer", id));
            customers.put(id, c);
        }
        return c;
    }

    void requireTeam(TeamId team) {
        if (!knownTeams.contains(team)) {
            if (tx.findTeam(actor.tenantId(), team).isEmpty()) {
                throw new TicketValidationException("team", "team " + team + " does not exist in this tenant");
            }
            knownTeams.add(team);
        }
    }

    void requireAgent(AgentId agent) {
        if (!knownAgents.contains(agent)) {
            if (tx.findAgent(actor.tenantId(), agent).isEmpty()) {
                throw new TicketValidationException("assignee", "agent " + agent + " does not exist in this tenant");
            }
            knownAgents.add(agent);
        }
    }

    FieldDefinition fieldDefinition(String key) {
        if (fieldDefinitions.isEmpty()) {
            // an empty cache is filled on each use: cheap when the tenant defines no fields, and then rare
            for (FieldDefinition d : tx.fieldDefinitions(actor.tenantId())) {
                fieldDefinitions.put(d.key(), d);
            }
        }
        return fieldDefinitions.get(key);
    }

    // ---- creating ------------------------------------------------------------------------------

    /** The fields of a ticket to create; validated here. */
    record Spec(CustomerId requester, String subject, Channel channel, Priority priority, String type, TeamId team,
                AgentId assignee, Set<String> tags, Map<String, FieldValue> fields, List<dev.ticketkit.core.OrderRef> orders,
                List<TicketLink> links) {
    }

    /** A spec after its checks: normalised subject, type, tags and fields. */
    record Checked(Spec spec, String subject, String type, TreeSet<String> tags, TreeMap<String, FieldValue> fields) {
    }

    /**
     * Checks a spec against the tenant's data (requester, team, agent, field definitions) and the limits,
     * reading but writing nothing; {@link TicketValidationException} or {@link TicketNotFoundException}.
     */
    Checked check(Spec spec) {
        customer(spec.requester()); // must exist in this tenant
        Inputs in = inputs();
        String subject = in.subject(spec.subject());
        String type = spec.type() == null ? null : in.type(spec.type());
        if (spec.team() != null) {
            requireTeam(spec.team());
        }
        if (spec.assignee() != null) {
            requireAgent(spec.assignee());
        }
        TreeSet<String> tags = new TreeSet<>();
        for (String t : spec.tags()) {
            tags.add(in.tag(t));
        }
        in.tagCount(tags.size());
        TreeMap<String, FieldValue> fields = new TreeMap<>();
        spec.fields().forEach((k, v) -> {
            in.field(k, v, fieldDefinition(k));
            fields.put(k, v);
        });
        in.fieldCount(fields.size());
        in.orderCount(spec.orders().size());
        in.linkCount(spec.links().size());
        return new Checked(spec, subject, type, tags, fields);
    }

    TicketDraft create(Spec spec, ActorRef by) {
        return create(check(spec), tx.nextTicketNumber(actor.tenantId()), by);
    }

    /** Creates the ticket of a checked spec with a sequence number allocated by the caller. */
    TicketDraft create(Checked checked, long seq, ActorRef by) {
        Spec spec = checked.spec();
        String subject = checked.subject();
        String type = checked.type();
        TreeSet<String> tags = checked.tags();
        TreeMap<String, FieldValue> fields = checked.fields();
        Ticket t = Ticket.builder()
                .id(TicketId.of(ids().next()))
                .tenantId(actor.tenantId())
                .number(TicketNumber.of(core.settings().numberPrefix(), seq))
                .subject(subject)
                .status(TicketStatus.NEW)
                .priority(spec.priority())
                .type(type)
                .channel(spec.channel())
                .requester(spec.requester())
                .team(spec.team())
                .assignee(spec.assignee())
                .tags(tags)
                .customFields(fields)
                .orders(spec.orders())
                .links(spec.links())
                .createdAt(now)
                .updatedAt(now)
                .statusChangedAt(now)
                .version(1)
                .build();
        TicketDraft d = new TicketDraft(this, t, true);
        drafts.put(t.id(), d);
        d.record(new TicketEvent.TicketCreated(d.meta(by), t));
        return d;
    }

    /** Creates a child task of {@code parent} and links both ways. */
    TicketDraft createChildTask(TicketDraft parent, ChildTask task, ActorRef by) {
        Ticket p = parent.current();
        Spec spec = new Spec(p.requester(), task.subject(), Channel.INTERNAL,
                task.priority() != null ? task.priority() : p.priority(), "task", task.team(), null, Set.of(),
                Map.of(), p.orders(), List.of(TicketLink.of(LinkType.PARENT, p.id())));
        TicketDraft child = create(spec, by);
        if (!task.request().isBlank()) {
            AuthorKind kind = by.kind() == ActorKind.AGENT ? AuthorKind.AGENT : AuthorKind.SYSTEM;
            child.addMessage(NewMessage.text(task.request()), Visibility.INTERNAL, kind, by.id(), by, false);
        }
        parent.addLink(LinkType.CHILD, child.id(), by);
        return child;
    }

    // ---- committing ----------------------------------------------------------------------------

    /** Runs hooks over every changed ticket, then writes everything; returns the events in order. */
    List<TicketEvent> flush() {
        runHooks();
        List<TicketDraft> changed = drafts.values().stream().filter(TicketDraft::changed).toList();
        for (TicketDraft d : changed) {
            if (d.isNew()) {
                tx.insertTicket(d.current());
            } else {
                tx.updateTicket(d.current(), d.before().orElseThrow().version());
            }
        }
        List<TicketEvent> events = new ArrayList<>();
        for (TicketDraft d : changed) {
            for (Message m : d.newMessages()) {
                tx.insertMessage(m);
            }
            events.addAll(d.events());
        }
        if (!events.isEmpty()) {
            tx.appendEvents(events);
        }
        return events;
    }

    /** The changes of this unit after {@link #runHooks()}, for a caller that writes several units as one batch. */
    record Changes(List<Ticket> inserts, List<TicketDraft> updates, List<Message> messages, List<TicketEvent> events) {
    }

    /** Collects what {@link #flush()} would write, without writing it. */
    Changes changes() {
        List<Ticket> inserts = new ArrayList<>();
        List<TicketDraft> updates = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        List<TicketEvent> events = new ArrayList<>();
        for (TicketDraft d : drafts.values()) {
            if (!d.changed()) {
                continue;
            }
            if (d.isNew()) {
                inserts.add(d.current());
            } else {
                updates.add(d);
            }
            messages.addAll(d.newMessages());
            events.addAll(d.events());
        }
        return new Changes(inserts, updates, messages, events);
    }

    void runHooks() {
        List<CommandHook> hooks = core.settings().hooks();
        if (hooks.isEmpty()) {
            return;
        }
        Set<TicketId> done = new HashSet<>();
        boolean more = true;
        while (more) {
            more = false;
            for (TicketDraft d : new ArrayList<>(drafts.values())) {
                if (d.changed() && done.add(d.id())) {
                    more = true;
                    for (CommandHook hook : hooks) {
                        hook.beforeCommit(new HookContextImpl(this, d, ActorRef.of(ActorKind.SYSTEM, hook.name())));
                    }
                }
            }
        }
    }

    TicketDraft draft(TicketId id) {
        return drafts.get(id);
    }
}
