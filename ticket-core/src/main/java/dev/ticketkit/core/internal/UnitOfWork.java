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
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.spi.AccessScope;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.StoreTransaction;
import dev.ticketkit.core.spi.TicketQuery;
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
    /** Due work this command schedules, by key, written in one batch at flush (the last schedule of a key wins). */
    private final Map<String, DueWork> pendingSchedules = new LinkedHashMap<>();
    /** Keys this command cancelled (and did not schedule again since). */
    private final Set<String> cancelledKeys = new HashSet<>();
    /** Stored work this command cancels, deleted in one batch at flush (before the schedules). */
    private final Set<String> pendingDeletes = new java.util.LinkedHashSet<>();
    private final List<Object> newlyKnown;
    private List<Agent> agents;
    private List<Team> teams;

    UnitOfWork(EngineCore core, StoreTransaction tx, Actor actor, Instant now) {
        this.core = core;
        this.tx = tx;
        this.actor = actor;
        this.now = now;
        this.customers = new HashMap<>();
        this.knownTeams = new HashSet<>();
        this.knownAgents = new HashSet<>();
        this.newlyKnown = new ArrayList<>(2);
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
        this.newlyKnown = other.newlyKnown;
        this.fieldDefinitions = other.fieldDefinitions;
    }

    StoreTransaction tx() { return tx; }

    Actor actor() { return actor; }

    Instant now() { return now; }

    TimeOrderedIds ids() { return core.ids(); }

    Inputs inputs() { return core.inputs(); }

    dev.ticketkit.core.condition.FactCatalog facts() { return core.settings().facts(); }

    boolean scheduledWork() { return scheduledWork; }

    // ---- due work: schedules are written in one batch at flush ---------------------------------

    /** Schedules (or reschedules, by key) due work in this command. */
    void schedule(DueWork work) {
        if (!work.tenantId().equals(actor.tenantId())) {
            throw new IllegalArgumentException("due work must belong to the command's tenant");
        }
        pendingSchedules.put(work.key(), work);
        cancelledKeys.remove(work.key());
        pendingDeletes.remove(work.key()); // the upsert replaces it
        scheduledWork = true;
    }

    /**
     * Cancels the tenant's due work with this key: one this command scheduled, and the stored one. A key that
     * names a ticket this command created cannot be stored yet, so it costs no statement.
     */
    boolean cancel(String key) {
        boolean had = pendingSchedules.remove(key) != null;
        cancelledKeys.add(key);
        for (TicketDraft d : drafts.values()) {
            if (d.isNew() && key.contains(d.id().toString())) {
                return had;
            }
            List<DueWork> stored = d.loadedDueWork();
            if (stored != null) {
                for (DueWork w : stored) {
                    if (w.key().equals(key)) {
                        pendingDeletes.add(key); // seen in this command: delete with the others at the end
                        return true;
                    }
                }
            }
        }
        return tx.cancelDueWork(actor.tenantId(), key) || had;
    }

    /** The ticket's due work as this command leaves it so far (the stored list read once per draft). */
    List<DueWork> dueWork(TicketDraft d) {
        List<DueWork> stored = d.isNew() ? List.of() : d.storedDueWork(() -> tx.dueWorkFor(actor.tenantId(), d.id()));
        List<DueWork> out = new ArrayList<>();
        for (DueWork w : stored) {
            if (!cancelledKeys.contains(w.key()) && !pendingSchedules.containsKey(w.key())) {
                out.add(w);
            }
        }
        for (DueWork w : pendingSchedules.values()) {
            if (d.id().equals(w.ticketId())) {
                out.add(w);
            }
        }
        out.sort(java.util.Comparator.comparing(DueWork::dueAt).thenComparing(DueWork::key));
        return List.copyOf(out);
    }

    private void writeSchedules() {
        if (!pendingDeletes.isEmpty()) {
            tx.cancelDueWork(actor.tenantId(), List.copyOf(pendingDeletes));
            pendingDeletes.clear();
        }
        if (!pendingSchedules.isEmpty()) {
            tx.scheduleDueWork(List.copyOf(pendingSchedules.values()));
            pendingSchedules.clear();
        }
    }

    // ---- history ---------------------------------------------------------------------------------

    /** The ticket's stored events (from the engine's cache when it is current) followed by this command's. */
    List<TicketEvent> history(TicketDraft d) {
        return HistoryCache.concat(storedHistory(d), d.events());
    }

    private List<TicketEvent> storedHistory(TicketDraft d) {
        if (d.isNew()) {
            return List.of();
        }
        return d.storedHistory(() -> {
            long version = d.before().orElseThrow().version();
            List<TicketEvent> cached = core.histories().get(actor.tenantId(), d.id());
            if (HistoryCache.complete(cached, version)) {
                return cached;
            }
            return List.copyOf(tx.events(actor.tenantId(), d.id(), cached == null ? List.of() : cached));
        });
    }

    /**
     * The whole histories of the changed tickets after this command, for the engine's cache after commit: known
     * when the stored part was read or cached, or the ticket is new.
     */
    Map<TicketId, List<TicketEvent>> histories() {
        Map<TicketId, List<TicketEvent>> out = new HashMap<>();
        for (TicketDraft d : drafts.values()) {
            if (!d.changed()) {
                continue;
            }
            List<TicketEvent> stored = d.isNew() ? List.of() : d.knownStoredHistory();
            if (stored == null) {
                List<TicketEvent> cached = core.histories().get(actor.tenantId(), d.id());
                stored = HistoryCache.complete(cached, d.before().orElseThrow().version()) ? cached : null;
            }
            if (stored != null) {
                out.put(d.id(), HistoryCache.concat(stored, d.events()));
            }
        }
        return out;
    }

    // ---- directory and other tickets -------------------------------------------------------------

    List<Agent> agents() {
        if (agents == null) {
            agents = List.copyOf(tx.agents(actor.tenantId()));
        }
        return agents;
    }

    java.util.Optional<Agent> agent(AgentId id) {
        if (agents != null) {
            return agents.stream().filter(a -> a.id().equals(id)).findFirst();
        }
        return tx.findAgent(actor.tenantId(), id);
    }

    List<Team> teams() {
        if (teams == null) {
            teams = List.copyOf(tx.teams(actor.tenantId()));
        }
        return teams;
    }

    List<FieldDefinition> fieldDefinitions() {
        fieldDefinition("");
        List<FieldDefinition> all = new ArrayList<>(fieldDefinitions.values());
        all.sort(java.util.Comparator.comparing(FieldDefinition::key));
        return all;
    }

    dev.ticketkit.core.Page<Ticket> tickets(ViewQuery query) {
        return TicketsImpl.page(tx, actor.tenantId(), query, AccessScope.all(), core.settings().limits().maxPageSize());
    }

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
            if (!core.directoryKnows(actor.tenantId(), team)) {
                if (tx.findTeam(actor.tenantId(), team).isEmpty()) {
                    throw new TicketValidationException("team", "team " + team + " does not exist in this tenant");
                }
                newlyKnown.add(team);
            }
            knownTeams.add(team);
        }
    }

    void requireAgent(AgentId agent) {
        if (!knownAgents.contains(agent)) {
            if (!core.directoryKnows(actor.tenantId(), agent)) {
                if (tx.findAgent(actor.tenantId(), agent).isEmpty()) {
                    throw new TicketValidationException("assignee", "agent " + agent + " does not exist in this tenant");
                }
                newlyKnown.add(agent);
            }
            knownAgents.add(agent);
        }
    }

    /**
     * Teams and agents this command found in the store, for the engine to remember after commit (teams and agents
     * are never deleted, so once seen they exist).
     */
    List<Object> newlyKnown() {
        return newlyKnown;
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
        return create(check(spec), core.numbers().next(actor.tenantId()), by);
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
        return write(tx, List.of(this));
    }

    /**
     * Writes what units of work of one transaction changed, the only way the engine writes tickets: new tickets,
     * messages and events as one batch each, changed tickets with their version check, then the due work each
     * scheduled. A batch of new tickets is several units written together. Returns the events in order.
     */
    static List<TicketEvent> write(StoreTransaction tx, List<UnitOfWork> units) {
        List<Ticket> inserts = new ArrayList<>();
        List<TicketDraft> updates = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        List<TicketEvent> events = new ArrayList<>();
        for (UnitOfWork u : units) {
            for (TicketDraft d : u.drafts.values()) {
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
        }
        if (inserts.size() == 1) {
            tx.insertTicket(inserts.get(0));
        } else if (!inserts.isEmpty()) {
            tx.insertTickets(inserts);
        }
        for (TicketDraft d : updates) {
            tx.updateTicket(d.current(), d.before().orElseThrow().version());
        }
        if (messages.size() == 1) {
            tx.insertMessage(messages.get(0));
        } else if (!messages.isEmpty()) {
            tx.insertMessages(messages);
        }
        if (!events.isEmpty()) {
            tx.appendEvents(events);
        }
        for (UnitOfWork u : units) {
            u.writeSchedules();
        }
        return events;
    }

    /** This unit's events so far, in order (for a batch that writes several units with {@link #write}). */
    List<TicketEvent> events() {
        List<TicketEvent> events = new ArrayList<>();
        for (TicketDraft d : drafts.values()) {
            if (d.changed()) {
                events.addAll(d.events());
            }
        }
        return events;
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
