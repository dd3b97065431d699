package dev.ticketkit.core.internal;

import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.EventMeta;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.IllegalTransitionException;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketLink;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One ticket being changed by a command: the snapshot it started from, the snapshot so far, and the events
 * and messages the change produced. Every change bumps nothing until commit: the new version is always the
 * loaded version plus one, so events can carry it from the start.
 */
final class TicketDraft {
    private final UnitOfWork work;
    private final Ticket before;
    private Ticket current;
    private final long newVersion;
    private final List<TicketEvent> events = new ArrayList<>();
    private final List<Message> newMessages = new ArrayList<>();
    private boolean changed;
    private List<TicketEvent> storedHistory;
    /** Module facts of this ticket asked for in this command, by namespace. */
    final java.util.Map<String, java.util.Map<String, Object>> factCache = new java.util.HashMap<>(4);
    private List<dev.ticketkit.core.spi.DueWork> storedDueWork;

    TicketDraft(UnitOfWork work, Ticket loaded, boolean isNew) {
        this.work = work;
        this.before = isNew ? null : loaded;
        this.current = loaded;
        this.newVersion = isNew ? 1 : loaded.version() + 1;
        this.changed = isNew;
    }

    TicketId id() {
        return current.id();
    }

    Ticket current() {
        return current;
    }

    Optional<Ticket> before() {
        return Optional.ofNullable(before);
    }

    boolean isNew() {
        return before == null;
    }

    boolean changed() {
        return changed;
    }

    List<TicketEvent> events() {
        return events;
    }

    List<Message> newMessages() {
        return newMessages;
    }

    /** The ticket's stored events, read (or taken from the cache) once per command. */
    List<TicketEvent> storedHistory(java.util.function.Supplier<List<TicketEvent>> read) {
        if (storedHistory == null) {
            storedHistory = read.get();
        }
        return storedHistory;
    }

    /** The stored events if this command read them, else null. */
    List<TicketEvent> knownStoredHistory() {
        return storedHistory;
    }

    /** The stored due work if this command read it, else null. */
    List<dev.ticketkit.core.spi.DueWork> loadedDueWork() {
        return storedDueWork;
    }

    /** The ticket's stored due work, read once per command. */
    List<dev.ticketkit.core.spi.DueWork> storedDueWork(java.util.function.Supplier<List<dev.ticketkit.core.spi.DueWork>> read) {
        if (storedDueWork == null) {
            storedDueWork = List.copyOf(read.get());
        }
        return storedDueWork;
    }

    EventMeta meta(ActorRef by) {
        return new EventMeta(work.ids().next(), current.tenantId(), current.id(), newVersion, by, work.now());
    }

    void record(TicketEvent event) {
        events.add(event);
        changed = true;
    }

    /** A builder of the next snapshot, with this command's version and time. */
    private Ticket.Builder edit() {
        return current.toBuilder().version(newVersion).updatedAt(work.now());
    }

    private void replace(Ticket next) {
        current = next;
        changed = true;
    }

    private void requireChangeable(TicketStatus target) {
        if (current.status() == TicketStatus.CLOSED) {
            throw new IllegalTransitionException(current.id(), TicketStatus.CLOSED, target, "closed tickets are final");
        }
    }

    private void requireChangeable() {
        requireChangeable(TicketStatus.CLOSED);
    }

    // ---- field changes -------------------------------------------------------------------------

    void apply(TicketUpdate u, ActorRef by) {
        u.subject().ifPresent(s -> setSubject(s, by));
        u.typeChange().ifPresent(t -> setType(t.orElse(null), by));
        u.priority().ifPresent(p -> setPriority(p, by));
        u.teamChange().ifPresent(t -> setTeam(t.orElse(null), by));
        u.assigneeChange().ifPresent(a -> setAssignee(a.orElse(null), by));
        if (!u.addTags().isEmpty() || !u.removeTags().isEmpty()) {
            changeTags(u.addTags(), u.removeTags(), by);
        }
        u.fields().forEach((key, value) -> setField(key, value.orElse(null), by));
        u.orders().forEach(o -> addOrder(o, by));
        u.status().ifPresent(s -> changeStatus(s, by, true));
    }

    void setSubject(String subject, ActorRef by) {
        String s = work.inputs().subject(subject);
        if (s.equals(current.subject())) {
            return;
        }
        requireChangeable();
        String from = current.subject();
        replace(edit().subject(s).build());
        record(new TicketEvent.SubjectChanged(meta(by), from, s));
    }

    void setType(String type, ActorRef by) {
        String t = type == null ? null : work.inputs().type(type);
        String from = current.type().orElse(null);
        if (Objects.equals(t, from)) {
            return;
        }
        requireChangeable();
        replace(edit().type(t).build());
        record(new TicketEvent.TypeChanged(meta(by), from, t));
    }

    void setPriority(Priority p, ActorRef by) {
        if (p == current.priority()) {
            return;
        }
        requireChangeable();
        Priority from = current.priority();
        replace(edit().priority(p).build());
        record(new TicketEvent.PriorityChanged(meta(by), from, p));
    }

    void setTeam(TeamId team, ActorRef by) {
        TeamId from = current.team().orElse(null);
        if (Objects.equals(team, from)) {
            return;
        }
        requireChangeable();
        if (team != null) {
            work.requireTeam(team);
        }
        replace(edit().team(team).build());
        record(new TicketEvent.TeamChanged(meta(by), from, team));
    }

    void setAssignee(AgentId agent, ActorRef by) {
        AgentId from = current.assignee().orElse(null);
        if (Objects.equals(agent, from)) {
            return;
        }
        requireChangeable();
        if (agent != null) {
            work.requireAgent(agent);
        }
        replace(edit().assignee(agent).build());
        record(new TicketEvent.AssigneeChanged(meta(by), from, agent));
    }

    void changeTags(Set<String> add, Set<String> remove, ActorRef by) {
        Set<String> added = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        TreeSet<String> tags = new TreeSet<>(current.tags());
        for (String raw : remove) {
            String t = work.inputs().tag(raw);
            if (tags.remove(t)) {
                removed.add(t);
            }
        }
        for (String raw : add) {
            String t = work.inputs().tag(raw);
            if (tags.add(t)) {
                added.add(t);
                removed.remove(t);
            }
        }
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        requireChangeable();
        work.inputs().tagCount(tags.size());
        replace(edit().tags(tags).build());
        record(new TicketEvent.TagsChanged(meta(by), added, removed));
    }

    void setField(String key, FieldValue value, ActorRef by) {
        FieldValue from = current.customFields().get(key);
        if (value != null) {
            work.inputs().field(key, value, work.fieldDefinition(key));
        } else if (from == null && work.fieldDefinition(key) == null) {
            throw new TicketValidationException("customFields." + key, "is not defined for this tenant");
        }
        if (Objects.equals(from, value)) {
            return;
        }
        requireChangeable();
        Map<String, FieldValue> fields = new TreeMap<>(current.customFields());
        if (value == null) {
            fields.remove(key);
        } else {
            fields.put(key, value);
        }
        work.inputs().fieldCount(fields.size());
        replace(edit().customFields(fields).build());
        record(new TicketEvent.CustomFieldChanged(meta(by), key, from, value));
    }

    void addOrder(OrderRef order, ActorRef by) {
        if (current.orders().contains(order)) {
            return;
        }
        requireChangeable();
        List<OrderRef> orders = new ArrayList<>(current.orders());
        orders.add(order);
        work.inputs().orderCount(orders.size());
        replace(edit().orders(orders).build());
        record(new TicketEvent.OrderReferenceAdded(meta(by), order));
    }

    void addLink(LinkType type, TicketId other, ActorRef by) {
        TicketLink link = TicketLink.of(type, other);
        if (current.links().contains(link)) {
            return;
        }
        if (type != LinkType.MERGED_INTO) {
            requireChangeable();
        }
        Set<TicketLink> links = new LinkedHashSet<>(current.links());
        links.add(link);
        work.inputs().linkCount(links.size());
        replace(edit().links(List.copyOf(links)).build());
        record(new TicketEvent.TicketLinked(meta(by), type, other));
    }

    void setDueAt(Instant dueAt, ActorRef by) {
        Instant from = current.dueAt().orElse(null);
        if (Objects.equals(from, dueAt)) {
            return;
        }
        replace(edit().dueAt(dueAt).build());
        record(new TicketEvent.DueAtChanged(meta(by), from, dueAt));
    }

    void emit(Function<EventMeta, TicketEvent> factory, ActorRef by) {
        TicketEvent e = Objects.requireNonNull(factory.apply(meta(by)), "event");
        if (!e.ticketId().equals(current.id()) || e.meta().ticketVersion() != newVersion) {
            throw new IllegalArgumentException("an emitted event must use the meta it was given");
        }
        replace(edit().build());
        record(e);
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /**
     * Moves to {@code to}. Explicit changes must be allowed moves ({@link TicketStatus#canMoveTo}); implicit
     * ones (a reply reopening, merge closing) are the engine's own.
     */
    void changeStatus(TicketStatus to, ActorRef by, boolean explicit) {
        TicketStatus from = current.status();
        if (from == to) {
            return;
        }
        if (from == TicketStatus.CLOSED || (explicit && !from.canMoveTo(to))) {
            throw new IllegalTransitionException(current.id(), from, to);
        }
        Instant now = work.now();
        Ticket.Builder b = edit().status(to).statusChangedAt(now);
        if (to == TicketStatus.SOLVED) {
            b.solvedAt(now);
        } else if (from == TicketStatus.SOLVED && to != TicketStatus.CLOSED) {
            b.solvedAt(null);
        }
        if (to == TicketStatus.CLOSED) {
            b.closedAt(now);
        }
        replace(b.build());
        record(new TicketEvent.StatusChanged(meta(by), from, to));
    }

    /**
     * Adds a message and applies its lifecycle effects: an agent's first public reply sets the first reply
     * time and moves NEW to OPEN; a customer's public message moves PENDING, ON_HOLD and SOLVED to OPEN.
     */
    Message addMessage(NewMessage m, Visibility visibility, AuthorKind authorKind, String authorId, ActorRef by,
                       boolean lifecycle) {
        work.inputs().message(m);
        requireChangeable(TicketStatus.OPEN);
        Channel channel = m.channel() != null ? m.channel()
                : (visibility == Visibility.INTERNAL ? Channel.INTERNAL : current.channel());
        Message msg = new Message(MessageId.of(work.ids().next()), current.tenantId(), current.id(), visibility,
                authorKind, authorId, channel, m.text(), m.html(), m.attachments(), m.externalMessageId(), work.now());
        newMessages.add(msg);
        replace(edit().build());
        record(new TicketEvent.MessageAdded(meta(by), msg.id(), visibility, authorKind, channel));
        if (lifecycle && visibility == Visibility.PUBLIC) {
            if (authorKind == AuthorKind.AGENT) {
                if (current.firstAgentReplyAt().isEmpty()) {
                    replace(edit().firstAgentReplyAt(work.now()).build());
                }
                if (current.status() == TicketStatus.NEW) {
                    changeStatus(TicketStatus.OPEN, by, false);
                }
            } else if (authorKind == AuthorKind.CUSTOMER) {
                TicketStatus s = current.status();
                if (s == TicketStatus.PENDING || s == TicketStatus.ON_HOLD || s == TicketStatus.SOLVED) {
                    changeStatus(TicketStatus.OPEN, by, false);
                }
            }
        }
        if (m.statusAfter() != null) {
            changeStatus(m.statusAfter(), by, true);
        }
        return msg;
    }
}
