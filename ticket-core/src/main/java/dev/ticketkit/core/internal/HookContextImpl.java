package dev.ticketkit.core.internal;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.ChildTask;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.EventMeta;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.condition.Facts;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.HookContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** A hook's (or due work's) handle on one ticket draft; changes are attributed to {@code by}. */
final class HookContextImpl implements HookContext {
    private final UnitOfWork work;
    private final TicketDraft draft;
    private final ActorRef by;
    private Facts facts;
    private Ticket factsOf;

    HookContextImpl(UnitOfWork work, TicketDraft draft, ActorRef by) {
        this.work = work;
        this.draft = draft;
        this.by = by;
    }

    @Override
    public Actor actor() {
        return work.actor();
    }

    @Override
    public Instant now() {
        return work.now();
    }

    @Override
    public Ticket ticket() {
        return draft.current();
    }

    @Override
    public Optional<Ticket> before() {
        return draft.before();
    }

    @Override
    public List<TicketEvent> events() {
        return List.copyOf(draft.events());
    }

    @Override
    public List<Message> newMessages() {
        return List.copyOf(draft.newMessages());
    }

    @Override
    public Customer requester() {
        return work.customer(draft.current().requester());
    }

    @Override
    public void update(TicketUpdate update) {
        Objects.requireNonNull(update, "update");
        draft.apply(update, by);
    }

    @Override
    public Message addNote(String text) {
        return draft.addMessage(NewMessage.text(text), Visibility.INTERNAL, AuthorKind.SYSTEM, by.id(), by, false);
    }

    @Override
    public Message addReply(NewMessage message) {
        Objects.requireNonNull(message, "message");
        return draft.addMessage(message, Visibility.PUBLIC, AuthorKind.SYSTEM, by.id(), by, false);
    }

    @Override
    public void setDueAt(Instant dueAt) {
        draft.setDueAt(dueAt, by);
    }

    @Override
    public void emit(Function<EventMeta, TicketEvent> event) {
        Objects.requireNonNull(event, "event");
        draft.emit(event, by);
    }

    @Override
    public Ticket createChildTask(ChildTask task) {
        Objects.requireNonNull(task, "task");
        return work.createChildTask(draft, task, by).current();
    }

    @Override
    public void schedule(DueWork work) {
        Objects.requireNonNull(work, "work");
        this.work.schedule(work);
    }

    @Override
    public boolean cancel(String key) {
        Objects.requireNonNull(key, "key");
        return work.cancel(key);
    }

    // ---- reads ---------------------------------------------------------------------------------

    @Override
    public List<TicketEvent> history() {
        return work.history(draft);
    }

    @Override
    public List<DueWork> dueWork() {
        return work.dueWork(draft);
    }

    @Override
    public Facts facts() {
        if (facts == null || factsOf != draft.current()) {
            factsOf = draft.current();
            facts = work.facts().of(factsOf, requester(), draft.before().orElse(null), draft.factCache);
        }
        return facts;
    }

    @Override
    public List<Agent> agents() {
        return work.agents();
    }

    @Override
    public Optional<Agent> agent(AgentId id) {
        Objects.requireNonNull(id, "id");
        return work.agent(id);
    }

    @Override
    public List<Team> teams() {
        return work.teams();
    }

    @Override
    public List<FieldDefinition> fieldDefinitions() {
        return work.fieldDefinitions();
    }

    @Override
    public dev.ticketkit.core.Page<Ticket> tickets(ViewQuery query) {
        Objects.requireNonNull(query, "query");
        return work.tickets(query);
    }
}
