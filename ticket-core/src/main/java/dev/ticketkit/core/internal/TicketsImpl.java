package dev.ticketkit.core.internal;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.BatchCreateResult;
import dev.ticketkit.core.BulkResult;
import dev.ticketkit.core.ChildTask;
import dev.ticketkit.core.IllegalTransitionException;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.MessageResult;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketException;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketLink;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.Tickets;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.spi.AccessScope;
import dev.ticketkit.core.spi.StoreTransaction;
import dev.ticketkit.core.spi.TicketQuery;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The ticket commands and queries. */
final class TicketsImpl implements Tickets {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TicketsImpl.class);
    private final EngineCore core;

    TicketsImpl(EngineCore core) {
        this.core = core;
    }

    // ---- create --------------------------------------------------------------------------------

    @Override
    public Ticket create(Actor actor, NewTicket spec) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(spec, "ticket");
        precheck(actor, spec);
        return createOne(actor, spec).ticket();
    }

    /** A created ticket, or the existing one of the idempotency key. */
    private record Created(Ticket ticket, boolean existing, dev.ticketkit.core.MessageId message) {
        Created(Ticket ticket, boolean existing) {
            this(ticket, existing, null);
        }

        /** A new ticket, with the id of the spec's first message if it had one (added before any hook ran). */
        static Created of(TicketDraft d, NewTicket spec) {
            return new Created(d.current(), false,
                    spec.message().isPresent() && !d.newMessages().isEmpty() ? d.newMessages().get(0).id() : null);
        }
    }

    /** The checks of a create that need no store: permissions, the first message, who writes it. */
    private void precheck(Actor actor, NewTicket spec) {
        Authorizer.require(actor, Permission.TICKET_CREATE);
        if (actor.kind() == ActorKind.CUSTOMER && !actor.customerId().orElseThrow().equals(spec.requester())) {
            throw new PermissionDeniedException(actor.ref(), Permission.TICKET_CREATE, "another customer's ticket");
        }
        if (spec.team().isPresent() || spec.assignee().isPresent()) {
            Authorizer.require(actor, Permission.TICKET_ASSIGN);
        }
        if (!spec.tags().isEmpty() || !spec.fields().isEmpty() || spec.type().isPresent()
                || spec.priority() != Priority.NORMAL || !spec.orders().isEmpty()) {
            Authorizer.require(actor, Permission.TICKET_UPDATE);
        }
        spec.message().ifPresent(m -> {
            core.inputs().message(m);
            AuthorKind kind = m.authorKind() != null ? m.authorKind() : defaultAuthor(actor);
            String author = m.authorId() != null ? m.authorId() : defaultAuthorId(actor, kind, spec.requester());
            checkAuthor(actor, kind, author);
            if (m.statusAfter() != null) {
                Authorizer.require(actor, Permission.TICKET_STATUS);
            }
        });
    }

    /** A status change riding on a message needs the same permission as any other status change. */
    private static void checkStatusAfter(Actor actor, NewMessage m, TicketDraft d, UnitOfWork work) {
        if (m.statusAfter() != null) {
            Authorizer.require(actor, Permission.TICKET_STATUS, d.current(), work::peek);
        }
    }

    /**
     * The ticket an idempotency key already names, if the actor used the key before; the actor must still be
     * allowed to read it.
     */
    private static Optional<Ticket> existing(UnitOfWork work, Actor actor, TicketId id) {
        Ticket t = work.tx().findTicket(actor.tenantId(), id).orElseThrow(() -> new TicketNotFoundException("ticket", id));
        Authorizer.require(actor, Permission.TICKET_READ, t, work::peek);
        return Optional.of(t);
    }

    private static UnitOfWork.Spec specOf(NewTicket spec) {
        return new UnitOfWork.Spec(spec.requester(), spec.subject(), spec.channel(), spec.priority(),
                spec.type().orElse(null), spec.team().orElse(null), spec.assignee().orElse(null), spec.tags(),
                spec.fields(), spec.orders(), List.of());
    }

    /** Adds the spec's first message (already checked by {@link #precheck}) to the new ticket. */
    private static void addFirstMessage(Actor actor, NewTicket spec, TicketDraft d) {
        spec.message().ifPresent(m -> {
            AuthorKind kind = m.authorKind() != null ? m.authorKind() : defaultAuthor(actor);
            String author = m.authorId() != null ? m.authorId() : defaultAuthorId(actor, kind, spec.requester());
            NewMessage first = m.channel() == null ? m.via(spec.channel()) : m;
            d.addMessage(first, Visibility.PUBLIC, kind, author, actor.ref(), false);
        });
    }

    /** One create in a transaction of its own, after {@link #precheck}. */
    private Created createOne(Actor actor, NewTicket spec) {
        core.numbers().ensure(actor.tenantId(), 1); // before the transaction: a block is reserved while we hold no connection
        return core.command(actor, spec.idempotencyKey().isPresent(), work -> {
            StoreTransaction tx = work.tx();
            String key = spec.idempotencyKey().map(k -> IdempotencyKeys.scoped(actor, k)).orElse(null);
            if (key != null) {
                Optional<TicketId> existing = tx.findIdempotencyKey(actor.tenantId(), key);
                if (existing.isPresent()) {
                    Ticket t = existing(work, actor, existing.get()).orElseThrow();
                    return () -> new Created(t, true);
                }
            }
            TicketDraft d = work.create(specOf(spec), actor.ref());
            spec.message().ifPresent(m -> checkStatusAfter(actor, m, d, work));
            addFirstMessage(actor, spec, d);
            if (key != null) {
                tx.insertIdempotencyKey(actor.tenantId(), key, d.id());
            }
            return () -> Created.of(d, spec);
        });
    }

    // ---- batched create ------------------------------------------------------------------------

    /** Rounds of one batch transaction before the remaining items fall back to a transaction each. */
    private static final int MAX_BATCH_ROUNDS = 4;

    /** Thrown inside a batch transaction to roll it back because one item's hooks failed. */
    private static final class ItemFailed extends RuntimeException {
        final int index;
        final RuntimeException failure;

        ItemFailed(int index, RuntimeException failure) {
            super("batch item " + index + " failed", null, false, false);
            this.index = index;
            this.failure = failure;
        }
    }

    /** What one committed batch transaction produced. */
    private record BatchOutcome(Map<Integer, Created> done, Map<Integer, RuntimeException> invalid,
                                Map<Integer, Integer> followers, List<List<TicketEvent>> events, boolean scheduled,
                                Map<TicketId, List<TicketEvent>> histories) {
    }

    @Override
    public BatchCreateResult createAll(Actor actor, List<NewTicket> tickets) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(tickets, "tickets");
        for (NewTicket t : tickets) {
            Objects.requireNonNull(t, "ticket");
        }
        if (tickets.size() > core.settings().limits().maxBulkSize()) {
            throw new IllegalArgumentException(tickets.size() + " tickets, more than the bulk limit of "
                    + core.settings().limits().maxBulkSize());
        }
        BatchCreateResult.Item[] out = new BatchCreateResult.Item[tickets.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            try {
                precheck(actor, tickets.get(i));
                pending.add(i);
            } catch (TicketException e) {
                out[i] = BatchCreateResult.Item.failed(i, e);
            }
        }
        if (!pending.isEmpty()) {
            core.numbers().ensure(actor.tenantId(), pending.size()); // before the transaction, as in createOne
        }
        for (int round = 0; round < MAX_BATCH_ROUNDS && !pending.isEmpty(); round++) {
            BatchOutcome o;
            try {
                List<Integer> items = List.copyOf(pending);
                o = core.settings().store().inTransaction(tx -> runBatch(tx, actor, tickets, items));
            } catch (ItemFailed f) {
                out[f.index] = BatchCreateResult.Item.failed(f.index, f.failure);
                pending.remove(Integer.valueOf(f.index));
                continue;
            } catch (TicketException e) {
                // the store rejected the batch (a racing key, a deadlock): one transaction per item below
                LOG.debug("batch of {} tickets failed in the store; creating them one by one", pending.size(), e);
                break;
            }
            o.done().forEach((i, c) -> out[i] = new BatchCreateResult.Item(i, c.existing()
                    ? BatchCreateResult.Status.EXISTING : BatchCreateResult.Status.CREATED, c.ticket(), null, c.message()));
            o.invalid().forEach((i, e) -> out[i] = BatchCreateResult.Item.failed(i, e));
            o.followers().forEach((i, leader) -> out[i] = new BatchCreateResult.Item(i, BatchCreateResult.Status.EXISTING,
                    out[leader].ticket(), null));
            pending.clear();
            List<List<TicketEvent>> events = o.events();
            Map<TicketId, List<TicketEvent>> histories = o.histories();
            core.settings().store().afterCommit(() -> {
                core.committed(actor.tenantId(), histories);
                events.forEach(core::deliver);
            });
            if (o.scheduled()) {
                core.scheduled();
            }
        }
        for (int i : pending) {
            try {
                Created c = createOne(actor, tickets.get(i));
                out[i] = new BatchCreateResult.Item(i, c.existing() ? BatchCreateResult.Status.EXISTING
                        : BatchCreateResult.Status.CREATED, c.ticket(), null, c.message());
            } catch (RuntimeException e) {
                out[i] = BatchCreateResult.Item.failed(i, e);
            }
        }
        return new BatchCreateResult(Arrays.asList(out));
    }

    /** One batch transaction over {@code items} (indexes into {@code tickets}, in order). */
    private BatchOutcome runBatch(StoreTransaction tx, Actor actor, List<NewTicket> tickets, List<Integer> items) {
        Instant now = core.now();
        UnitOfWork shared = new UnitOfWork(core, tx, actor, now);
        Map<Integer, Created> done = new LinkedHashMap<>();
        Map<Integer, RuntimeException> invalid = new LinkedHashMap<>();
        Map<Integer, Integer> followers = new LinkedHashMap<>();
        // idempotency keys already used, in one lookup
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (int i : items) {
            tickets.get(i).idempotencyKey().ifPresent(k -> keys.add(IdempotencyKeys.scoped(actor, k)));
        }
        Map<String, TicketId> used = keys.isEmpty() ? Map.of() : tx.findIdempotencyKeys(actor.tenantId(), keys);
        // check every item against the tenant's data before allocating numbers; the first item of a key leads
        Map<String, Integer> leaders = new HashMap<>();
        List<Integer> creating = new ArrayList<>();
        List<UnitOfWork.Checked> checked = new ArrayList<>();
        for (int i : items) {
            NewTicket spec = tickets.get(i);
            String key = spec.idempotencyKey().map(k -> IdempotencyKeys.scoped(actor, k)).orElse(null);
            try {
                if (key != null && used.containsKey(key)) {
                    done.put(i, new Created(existing(shared, actor, used.get(key)).orElseThrow(), true));
                    continue;
                }
                if (key != null && leaders.containsKey(key)) {
                    followers.put(i, leaders.get(key));
                    continue;
                }
                checked.add(shared.check(specOf(spec)));
                creating.add(i);
                if (key != null) {
                    leaders.put(key, i);
                }
            } catch (TicketValidationException | TicketNotFoundException | PermissionDeniedException e) {
                invalid.put(i, e);
            }
        }
        List<List<TicketEvent>> events = new ArrayList<>();
        Map<TicketId, List<TicketEvent>> histories = new HashMap<>();
        boolean scheduled = false;
        if (!creating.isEmpty()) {
            long[] numbers = core.numbers().take(actor.tenantId(), creating.size());
            List<UnitOfWork> units = new ArrayList<>();
            Map<String, TicketId> newKeys = new LinkedHashMap<>();
            List<TicketDraft> created = new ArrayList<>();
            for (int j = 0; j < creating.size(); j++) {
                int i = creating.get(j);
                NewTicket spec = tickets.get(i);
                UnitOfWork work = new UnitOfWork(shared, now);
                TicketDraft d;
                try {
                    d = work.create(checked.get(j), numbers[j], actor.ref());
                    spec.message().ifPresent(m -> checkStatusAfter(actor, m, d, work));
                    addFirstMessage(actor, spec, d);
                    work.runHooks();
                } catch (RuntimeException e) {
                    throw new ItemFailed(i, e);
                }
                units.add(work);
                events.add(work.events());
                scheduled |= work.scheduledWork();
                spec.idempotencyKey().ifPresent(k -> newKeys.put(IdempotencyKeys.scoped(actor, k), d.id()));
                created.add(d);
            }
            UnitOfWork.write(tx, units);
            if (!newKeys.isEmpty()) {
                tx.insertIdempotencyKeys(actor.tenantId(), newKeys);
            }
            for (UnitOfWork u : units) {
                histories.putAll(u.histories());
            }
            for (int j = 0; j < creating.size(); j++) {
                done.put(creating.get(j), Created.of(created.get(j), tickets.get(creating.get(j))));
            }
        }
        return new BatchOutcome(done, invalid, followers, events, scheduled, histories);
    }

    private static AuthorKind defaultAuthor(Actor actor) {
        return switch (actor.kind()) {
            case AGENT -> AuthorKind.AGENT;
            case CUSTOMER, INTEGRATION -> AuthorKind.CUSTOMER;
            case SYSTEM -> AuthorKind.SYSTEM;
        };
    }

    private static String defaultAuthorId(Actor actor, AuthorKind kind, Ticket ticket) {
        return defaultAuthorId(actor, kind, ticket.requester());
    }

    private static String defaultAuthorId(Actor actor, AuthorKind kind, dev.ticketkit.core.CustomerId requester) {
        if (kind == AuthorKind.CUSTOMER && actor.kind() != ActorKind.CUSTOMER) {
            return requester.toString();
        }
        return actor.id();
    }

    private static void checkAuthor(Actor actor, AuthorKind kind, String authorId, Ticket ticket) {
        checkAuthor(actor, kind, authorId);
    }

    /** Customers and agents write only as themselves; integrations and the system may write on others' behalf. */
    private static void checkAuthor(Actor actor, AuthorKind kind, String authorId) {
        boolean ok = switch (actor.kind()) {
            case CUSTOMER -> kind == AuthorKind.CUSTOMER && authorId.equals(actor.id());
            case AGENT -> kind == AuthorKind.AGENT && authorId.equals(actor.id());
            case INTEGRATION, SYSTEM -> true;
        };
        if (!ok) {
            throw new PermissionDeniedException(actor.ref(), Permission.TICKET_REPLY, "writing as " + kind);
        }
    }

    // ---- reads ---------------------------------------------------------------------------------

    @Override
    public Ticket get(Actor actor, TicketId id) {
        return find(actor, id).orElseThrow(() -> new TicketNotFoundException("ticket", id));
    }

    @Override
    public Optional<Ticket> find(Actor actor, TicketId id) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        return core.read(tx -> readable(tx, actor, tx.findTicket(actor.tenantId(), id)));
    }

    @Override
    public Optional<Ticket> findByNumber(Actor actor, TicketNumber number) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(number, "number");
        return core.read(tx -> readable(tx, actor, tx.findTicketByNumber(actor.tenantId(), number)));
    }

    /** The ticket if the actor may read it (also as a child task of a ticket they may read); else the exception. */
    private static Optional<Ticket> readable(StoreTransaction tx, Actor actor, Optional<Ticket> t) {
        t.ifPresent(ticket -> Authorizer.require(actor, Permission.TICKET_READ, ticket,
                tid -> tx.findTicket(actor.tenantId(), tid)));
        return t;
    }

    /** Whether the actor may read the message on its ticket: read on the ticket, and notes for internal ones. */
    private static boolean canRead(StoreTransaction tx, Actor actor, Ticket t, Message m) {
        java.util.function.Function<TicketId, Optional<Ticket>> lookup = tid -> tx.findTicket(actor.tenantId(), tid);
        return Authorizer.allows(actor, Permission.TICKET_READ, t, lookup)
                && (m.visibility() == Visibility.PUBLIC
                    || actor.kind() != ActorKind.CUSTOMER && Authorizer.allows(actor, Permission.TICKET_NOTE, t, lookup));
    }

    // ---- messages ------------------------------------------------------------------------------

    @Override
    public MessageResult reply(Actor actor, TicketId id, NewMessage message) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
        core.inputs().message(message);
        return core.command(actor, true, work -> {
            TicketDraft d = work.load(id, Permission.TICKET_REPLY);
            AuthorKind kind = message.authorKind() != null ? message.authorKind() : defaultAuthor(actor);
            String author = message.authorId() != null ? message.authorId() : defaultAuthorId(actor, kind, d.current());
            checkAuthor(actor, kind, author, d.current());
            if (d.current().status() == TicketStatus.CLOSED) {
                if (kind != AuthorKind.CUSTOMER) {
                    throw new IllegalTransitionException(id, TicketStatus.CLOSED, TicketStatus.OPEN,
                            "closed tickets are final; only a customer's message opens a follow-up");
                }
                return followUp(work, d.current(), message, author, actor);
            }
            checkStatusAfter(actor, message, d, work);
            Message m = d.addMessage(message, Visibility.PUBLIC, kind, author, actor.ref(), true);
            return () -> new MessageResult(d.current(), m, null);
        });
    }

    /** A customer wrote to a closed ticket: open a follow-up linked to it (the closed ticket stays as it is). */
    private java.util.function.Supplier<MessageResult> followUp(UnitOfWork work, Ticket closed, NewMessage message,
                                                                String author, Actor actor) {
        UnitOfWork.Spec spec = new UnitOfWork.Spec(closed.requester(), closed.subject(),
                message.channel() != null ? message.channel() : closed.channel(), closed.priority(),
                closed.type().orElse(null), closed.team().orElse(null), null, closed.tags(), closed.customFields(),
                closed.orders(), List.of(TicketLink.of(LinkType.FOLLOW_UP_OF, closed.id())));
        TicketDraft f = work.create(spec, actor.ref());
        Message m = f.addMessage(message.statusAfter() == null ? message : stripStatus(message), Visibility.PUBLIC,
                AuthorKind.CUSTOMER, author, actor.ref(), true);
        return () -> new MessageResult(f.current(), m, closed.id());
    }

    private static NewMessage stripStatus(NewMessage m) {
        return new NewMessage(m.text(), m.html(), m.attachments(), m.externalMessageId(), m.channel(), m.authorKind(),
                m.authorId(), null);
    }

    @Override
    public MessageResult note(Actor actor, TicketId id, NewMessage message) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
        if (actor.kind() == ActorKind.CUSTOMER) {
            throw new PermissionDeniedException(actor.ref(), Permission.TICKET_NOTE, null);
        }
        core.inputs().message(message);
        return core.command(actor, true, work -> {
            TicketDraft d = work.load(id, Permission.TICKET_NOTE);
            checkStatusAfter(actor, message, d, work);
            AuthorKind kind = message.authorKind() != null ? message.authorKind()
                    : (actor.kind() == ActorKind.AGENT ? AuthorKind.AGENT : AuthorKind.SYSTEM);
            String author = message.authorId() != null ? message.authorId() : actor.id();
            if (actor.kind() == ActorKind.AGENT && (kind != AuthorKind.AGENT || !author.equals(actor.id()))) {
                throw new PermissionDeniedException(actor.ref(), Permission.TICKET_NOTE, "writing as " + kind);
            }
            Message m = d.addMessage(message, Visibility.INTERNAL, kind, author, actor.ref(), false);
            return () -> new MessageResult(d.current(), m, null);
        });
    }

    // ---- updates -------------------------------------------------------------------------------

    @Override
    public Ticket update(Actor actor, TicketId id, TicketUpdate update) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(update, "update");
        List<Permission> needed = permissionsFor(update);
        boolean retry = update.expectedVersion().isEmpty();
        return core.command(actor, retry, work -> {
            TicketDraft d = work.load(id, Permission.TICKET_READ);
            for (Permission p : needed) {
                Authorizer.require(actor, p, d.current(), work::peek);
            }
            if (update.expectedVersion().isPresent() && d.current().version() != update.expectedVersion().getAsLong()) {
                throw new TicketConflictException(id, update.expectedVersion().getAsLong(), d.current().version());
            }
            d.apply(update, actor.ref());
            return d::current;
        });
    }

    @Override
    public Ticket command(Actor actor, TicketId id, Permission needed,
                          java.util.function.Consumer<dev.ticketkit.core.spi.HookContext> change) {
        return command(actor, id, needed, null, change);
    }

    @Override
    public Ticket command(Actor actor, TicketId id, Permission needed, long expectedVersion,
                          java.util.function.Consumer<dev.ticketkit.core.spi.HookContext> change) {
        return command(actor, id, needed, Long.valueOf(expectedVersion), change);
    }

    private Ticket command(Actor actor, TicketId id, Permission needed, Long expectedVersion,
                           java.util.function.Consumer<dev.ticketkit.core.spi.HookContext> change) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(needed, "needed");
        Objects.requireNonNull(change, "change");
        return core.command(actor, expectedVersion == null, work -> {
            TicketDraft d = work.load(id, Permission.TICKET_READ);
            Authorizer.require(actor, needed, d.current(), work::peek);
            if (expectedVersion != null && d.current().version() != expectedVersion) {
                throw new TicketConflictException(id, expectedVersion, d.current().version());
            }
            change.accept(new HookContextImpl(work, d, actor.ref()));
            return d::current;
        });
    }

    private static List<Permission> permissionsFor(TicketUpdate u) {
        List<Permission> p = new ArrayList<>();
        if (u.subject().isPresent() || u.priority().isPresent() || u.typeChange().isPresent()
                || !u.addTags().isEmpty() || !u.removeTags().isEmpty() || !u.fields().isEmpty() || !u.orders().isEmpty()) {
            p.add(Permission.TICKET_UPDATE);
        }
        if (u.status().isPresent()) {
            p.add(Permission.TICKET_STATUS);
        }
        if (u.teamChange().isPresent() || u.assigneeChange().isPresent()) {
            p.add(Permission.TICKET_ASSIGN);
        }
        return p;
    }

    @Override
    public Ticket link(Actor actor, TicketId id, LinkType type, TicketId other) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(other, "other");
        if (type == LinkType.MERGED_INTO || type == LinkType.MERGED_FROM) {
            throw new IllegalArgumentException("merge links are made by merge()");
        }
        if (id.equals(other)) {
            throw new TicketValidationException("links", "a ticket cannot be linked to itself");
        }
        return core.command(actor, true, work -> {
            TicketDraft[] pair = work.loadPair(id, other, Permission.TICKET_LINK);
            TicketDraft self = pair[0].id().equals(id) ? pair[0] : pair[1];
            TicketDraft target = self == pair[0] ? pair[1] : pair[0];
            self.addLink(type, other, actor.ref());
            LinkType inverse = type.inverse();
            if (inverse != null && target.current().status() != TicketStatus.CLOSED) {
                target.addLink(inverse, id, actor.ref());
            }
            return self::current;
        });
    }

    @Override
    public Ticket merge(Actor actor, TicketId source, TicketId target, dev.ticketkit.core.MergeOption... options) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        boolean acrossRequesters = false;
        for (dev.ticketkit.core.MergeOption o : options) {
            acrossRequesters |= Objects.requireNonNull(o, "option") == dev.ticketkit.core.MergeOption.ACROSS_REQUESTERS;
        }
        if (source.equals(target)) {
            throw new TicketValidationException("merge", "a ticket cannot be merged into itself");
        }
        boolean across = acrossRequesters;
        return core.command(actor, true, work -> {
            TicketDraft[] pair = work.loadPair(source, target, Permission.TICKET_MERGE);
            TicketDraft src = pair[0].id().equals(source) ? pair[0] : pair[1];
            TicketDraft dst = src == pair[0] ? pair[1] : pair[0];
            if (!src.current().requester().equals(dst.current().requester())) {
                if (!across) {
                    throw new TicketValidationException("merge", "tickets " + src.current().number() + " and "
                            + dst.current().number() + " have different requesters; merging them needs"
                            + " MergeOption.ACROSS_REQUESTERS");
                }
                Authorizer.require(actor, Permission.TICKET_MERGE_ACROSS_REQUESTERS, src.current());
                Authorizer.require(actor, Permission.TICKET_MERGE_ACROSS_REQUESTERS, dst.current());
            }
            if (src.current().status() == TicketStatus.CLOSED) {
                throw new IllegalTransitionException(source, TicketStatus.CLOSED, TicketStatus.CLOSED,
                        "a closed ticket cannot be merged");
            }
            if (dst.current().status() == TicketStatus.CLOSED) {
                throw new IllegalTransitionException(target, TicketStatus.CLOSED, TicketStatus.OPEN,
                        "cannot merge into a closed ticket");
            }
            dst.addLink(LinkType.MERGED_FROM, source, actor.ref());
            src.addLink(LinkType.MERGED_INTO, target, actor.ref());
            src.record(new TicketEvent.TicketMerged(src.meta(actor.ref()), target));
            src.changeStatus(TicketStatus.CLOSED, actor.ref(), false);
            return dst::current;
        });
    }

    @Override
    public Ticket createChildTask(Actor actor, TicketId parent, ChildTask task) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(task, "task");
        Authorizer.require(actor, Permission.TICKET_CREATE);
        Authorizer.require(actor, Permission.TICKET_ASSIGN); // the task goes to a team, as a new ticket with a team would
        return core.command(actor, true, work -> {
            TicketDraft p = work.load(parent, Permission.TICKET_LINK);
            if (p.current().status() == TicketStatus.CLOSED) {
                throw new IllegalTransitionException(parent, TicketStatus.CLOSED, TicketStatus.CLOSED,
                        "closed tickets take no child tasks");
            }
            TicketDraft child = work.createChildTask(p, task, actor.ref());
            return child::current;
        });
    }

    @Override
    public BulkResult bulkUpdate(Actor actor, Collection<TicketId> ids, TicketUpdate update) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(update, "update");
        Authorizer.require(actor, Permission.TICKET_BULK);
        if (ids.size() > core.settings().limits().maxBulkSize()) {
            throw new IllegalArgumentException(ids.size() + " tickets, more than the bulk limit of "
                    + core.settings().limits().maxBulkSize());
        }
        Map<TicketId, BulkResult.Outcome> outcomes = new LinkedHashMap<>();
        for (TicketId id : ids) {
            Objects.requireNonNull(id, "ticket id");
            if (outcomes.containsKey(id)) {
                continue;
            }
            BulkResult.Outcome o;
            try {
                Ticket before = get(actor, id);
                Ticket after = update(actor, id, update);
                o = new BulkResult.Outcome(after.version() == before.version() ? BulkResult.Status.UNCHANGED
                        : BulkResult.Status.UPDATED, "", after);
            } catch (TicketNotFoundException e) {
                o = new BulkResult.Outcome(BulkResult.Status.NOT_FOUND, e.getMessage(), null);
            } catch (PermissionDeniedException e) {
                o = new BulkResult.Outcome(BulkResult.Status.PERMISSION_DENIED, e.getMessage(), null);
            } catch (TicketConflictException e) {
                o = new BulkResult.Outcome(BulkResult.Status.CONFLICT, e.getMessage(), null);
            } catch (IllegalTransitionException e) {
                o = new BulkResult.Outcome(BulkResult.Status.ILLEGAL_TRANSITION, e.getMessage(), null);
            } catch (TicketValidationException e) {
                o = new BulkResult.Outcome(BulkResult.Status.INVALID, e.getMessage(), null);
            } catch (TicketException e) {
                o = new BulkResult.Outcome(BulkResult.Status.FAILED, e.getMessage(), null);
            }
            outcomes.put(id, o);
        }
        return new BulkResult(outcomes);
    }

    // ---- queries -------------------------------------------------------------------------------

    @Override
    public List<Message> messages(Actor actor, TicketId id) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        boolean internal = actor.kind() != ActorKind.CUSTOMER;
        return core.read(tx -> {
            java.util.function.Function<TicketId, Optional<Ticket>> lookup = tid -> tx.findTicket(actor.tenantId(), tid);
            Ticket t = lookup.apply(id).orElseThrow(() -> new TicketNotFoundException("ticket", id));
            Authorizer.require(actor, Permission.TICKET_READ, t, lookup);
            List<Message> all = new ArrayList<>();
            Set<TicketId> seen = new HashSet<>();
            Deque<Ticket> todo = new ArrayDeque<>();
            todo.add(t);
            seen.add(id);
            while (!todo.isEmpty()) {
                Ticket next = todo.poll();
                // a merged ticket's messages show only to those who could read them on that ticket itself
                if (next == t || Authorizer.allows(actor, Permission.TICKET_READ, next, lookup)) {
                    boolean notes = internal && Authorizer.allows(actor, Permission.TICKET_NOTE, next, lookup);
                    for (Message m : tx.messages(actor.tenantId(), next.id())) {
                        if (notes || m.visibility() == Visibility.PUBLIC) {
                            all.add(core.settings().messageProtection().forReader(actor, next, m));
                        }
                    }
                }
                for (TicketId merged : next.linked(LinkType.MERGED_FROM)) {
                    if (seen.add(merged)) {
                        lookup.apply(merged).ifPresent(todo::add);
                    }
                }
            }
            all.sort(Comparator.comparing(Message::createdAt).thenComparing(Message::id));
            return List.copyOf(all);
        });
    }

    @Override
    public Optional<Message> findMessageByExternalId(Actor actor, dev.ticketkit.core.Channel channel, String externalMessageId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(externalMessageId, "externalMessageId");
        if (externalMessageId.isEmpty()) {
            return Optional.empty();
        }
        return core.read(tx -> tx.findMessageByExternalId(actor.tenantId(), channel, externalMessageId)
                .flatMap(m -> tx.findTicket(actor.tenantId(), m.ticketId()).filter(t -> canRead(tx, actor, t, m))
                        .map(t -> core.settings().messageProtection().forReader(actor, t, m))));
    }

    @Override
    public Map<String, Message> findMessagesByExternalIds(Actor actor, dev.ticketkit.core.Channel channel,
                                                          Collection<String> externalMessageIds) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(externalMessageIds, "externalMessageIds");
        Set<String> wanted = new java.util.LinkedHashSet<>();
        for (String id : externalMessageIds) {
            if (!Objects.requireNonNull(id, "externalMessageId").isEmpty()) {
                wanted.add(id);
            }
        }
        if (wanted.size() > core.settings().limits().maxBulkSize()) {
            throw new IllegalArgumentException(wanted.size() + " external ids, more than the bulk limit of "
                    + core.settings().limits().maxBulkSize());
        }
        if (wanted.isEmpty()) {
            return Map.of();
        }
        return core.read(tx -> {
            Map<String, Message> found = tx.findMessagesByExternalIds(actor.tenantId(), channel, wanted);
            Map<String, Message> readable = new LinkedHashMap<>();
            Map<TicketId, Optional<Ticket>> tickets = new HashMap<>();
            found.forEach((id, m) -> {
                Optional<Ticket> t = tickets.computeIfAbsent(m.ticketId(), tid -> tx.findTicket(actor.tenantId(), tid));
                boolean ok = t.map(x -> canRead(tx, actor, x, m)).orElse(false);
                if (ok && wanted.contains(id)) {
                    readable.put(id, core.settings().messageProtection().forReader(actor, t.get(), m));
                }
            });
            return readable;
        });
    }

    @Override
    public List<TicketEvent> auditTrail(Actor actor, TicketId id) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        return core.read(tx -> {
            Ticket t = tx.findTicket(actor.tenantId(), id).orElseThrow(() -> new TicketNotFoundException("ticket", id));
            Authorizer.require(actor, Permission.AUDIT_READ, t, tid -> tx.findTicket(actor.tenantId(), tid));
            return tx.events(actor.tenantId(), id);
        });
    }

    @Override
    public Page<Ticket> view(Actor actor, ViewQuery query) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        Authorizer.require(actor, Permission.TICKET_READ);
        return page(actor, query, Authorizer.scopeOf(actor, Permission.TICKET_READ));
    }

    Page<Ticket> page(Actor actor, ViewQuery query, AccessScope scope) {
        return core.read(tx -> page(tx, actor.tenantId(), query, scope, core.settings().limits().maxPageSize()));
    }

    /** One page of a view in a transaction: one row more than asked tells whether there is a next page. */
    static Page<Ticket> page(StoreTransaction tx, dev.ticketkit.core.TenantId tenant, ViewQuery query, AccessScope scope,
                             int max) {
        if (query.limit() > max) {
            throw new IllegalArgumentException("page size " + query.limit() + " is more than the limit of " + max);
        }
        TicketQuery.Position after = query.cursor().map(c -> Cursors.decode(c, query)).orElse(null);
        TicketQuery q = new TicketQuery(tenant, query, scope, after, query.limit() + 1);
        List<Ticket> rows = tx.queryTickets(q);
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
        }
        List<Ticket> items = rows.subList(0, query.limit());
        return new Page<>(items, Cursors.encode(query, items.get(items.size() - 1)));
    }
}
