package dev.ticketkit.core.internal;

import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.DuplicateKeyException;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.StoreTransaction;
import dev.ticketkit.core.spi.TicketQuery;
import dev.ticketkit.core.spi.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-safe store in memory. Transactions are serialised by one lock and undone from an undo log when
 * the callback throws, so a failed command leaves nothing behind. Meant for tests, demos and small
 * single-node uses; everything is lost when the JVM exits.
 */
public final class InMemoryTicketStore implements TicketStore {

    private record Key(TenantId tenant, Object id) {
    }

    private static final class DueRow {
        final DueWork work;
        final String owner;
        final Instant leaseUntil;

        DueRow(DueWork work, String owner, Instant leaseUntil) {
            this.work = work;
            this.owner = owner;
            this.leaseUntil = leaseUntil;
        }

        boolean claimable(Instant now) {
            return owner == null || !leaseUntil.isAfter(now);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<TenantId, Map<TicketId, Ticket>> tickets = new HashMap<>();
    private final Map<Key, TicketId> numbers = new HashMap<>();
    /** Ticket number counters: reserved outside any transaction, never rolled back. */
    private final Map<TenantId, Long> sequences = new HashMap<>();
    private final Map<Key, List<Message>> messages = new HashMap<>();
    private final Map<Key, Message> externalIds = new HashMap<>();
    private final Map<Key, List<TicketEvent>> events = new HashMap<>();
    private final Map<Key, TicketId> idempotencyKeys = new HashMap<>();
    private final Map<Key, Customer> customers = new HashMap<>();
    private final Map<Key, CustomerId> identities = new HashMap<>();
    private final Map<Key, Agent> agents = new HashMap<>();
    private final Map<Key, Team> teams = new HashMap<>();
    private final Map<Key, FieldDefinition> fields = new HashMap<>();
    private final Map<Key, DueRow> due = new LinkedHashMap<>();
    /** Secondary indexes of tickets (by requester, assignee, team) and of due work (by ticket), kept with the rows. */
    private final Map<Key, Set<TicketId>> byRequester = new HashMap<>();
    private final Map<Key, Set<TicketId>> byAssignee = new HashMap<>();
    private final Map<Key, Set<TicketId>> byTeam = new HashMap<>();
    private final Map<Key, Set<String>> dueByTicket = new HashMap<>();

    /** Undo actions of the running transaction, newest first; null outside a transaction. */
    private Deque<Runnable> undo;

    public InMemoryTicketStore() {
    }

    @Override
    public <R, X extends Exception> R inTransaction(TransactionCallback<R, X> callback) throws X {
        Objects.requireNonNull(callback, "callback");
        lock.lock();
        Deque<Runnable> outer = undo;
        if (outer != null) {
            // Nested call on the same thread: join the running transaction.
            try {
                return callback.run(new Tx());
            } finally {
                lock.unlock();
            }
        }
        undo = new ArrayDeque<>();
        boolean ok = false;
        try {
            R r = callback.run(new Tx());
            ok = true;
            return r;
        } finally {
            if (!ok) {
                for (Runnable r : undo) {
                    r.run();
                }
            }
            undo = null;
            lock.unlock();
        }
    }

    private <K, V> void put(Map<K, V> map, K key, V value) {
        boolean had = map.containsKey(key);
        V old = map.put(key, value);
        undo.push(() -> {
            if (had) {
                map.put(key, old);
            } else {
                map.remove(key);
            }
        });
    }

    private <K, V> void remove(Map<K, V> map, K key) {
        if (!map.containsKey(key)) {
            return;
        }
        V old = map.remove(key);
        undo.push(() -> map.put(key, old));
    }

    private <K, V> void append(Map<K, List<V>> map, K key, V value) {
        List<V> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        list.add(value);
        undo.push(() -> list.remove(list.size() - 1));
    }

    /** Adds or removes one id of an index entry, with its undo. */
    private <T> void index(Map<Key, Set<T>> index, TenantId tenant, Object by, T id, boolean add) {
        if (by == null) {
            return;
        }
        Key k = new Key(tenant, by);
        Set<T> set = index.computeIfAbsent(k, x -> new HashSet<>());
        boolean changed = add ? set.add(id) : set.remove(id);
        if (changed && undo != null) {
            undo.push(() -> {
                Set<T> s = index.computeIfAbsent(k, x -> new HashSet<>());
                if (add) {
                    s.remove(id);
                } else {
                    s.add(id);
                }
            });
        }
        if (set.isEmpty()) {
            index.remove(k);
        }
    }

    /** Keeps the ticket indexes in step with a row that changes from {@code old} (null: new) to {@code now}. */
    private void reindex(Ticket old, Ticket now) {
        TenantId tenant = now.tenantId();
        TicketId id = now.id();
        if (old == null || !old.requester().equals(now.requester())) {
            if (old != null) {
                index(byRequester, tenant, old.requester(), id, false);
            }
            index(byRequester, tenant, now.requester(), id, true);
        }
        Object oldAssignee = old == null ? null : old.assignee().orElse(null);
        Object newAssignee = now.assignee().orElse(null);
        if (old == null || !Objects.equals(oldAssignee, newAssignee)) {
            index(byAssignee, tenant, oldAssignee, id, false);
            index(byAssignee, tenant, newAssignee, id, true);
        }
        Object oldTeam = old == null ? null : old.team().orElse(null);
        Object newTeam = now.team().orElse(null);
        if (old == null || !Objects.equals(oldTeam, newTeam)) {
            index(byTeam, tenant, oldTeam, id, false);
            index(byTeam, tenant, newTeam, id, true);
        }
    }

    /**
     * The ids a query can be answered from without scanning the tenant: the requester's, the assignees' or the
     * teams' tickets; null when the query filters by none of them (then every ticket is a candidate).
     */
    private Collection<TicketId> candidates(TicketQuery q) {
        TenantId tenant = q.tenantId();
        if (q.view().requester().isPresent()) {
            return byRequester.getOrDefault(new Key(tenant, q.view().requester().get()), Set.of());
        }
        if (!q.view().assignees().isEmpty()) {
            Set<TicketId> out = new HashSet<>();
            for (Object a : q.view().assignees()) {
                out.addAll(byAssignee.getOrDefault(new Key(tenant, a), Set.of()));
            }
            return out;
        }
        if (!q.view().teams().isEmpty()) {
            Set<TicketId> out = new HashSet<>();
            for (Object t : q.view().teams()) {
                out.addAll(byTeam.getOrDefault(new Key(tenant, t), Set.of()));
            }
            return out;
        }
        return null;
    }

    private void putDue(Key k, DueRow row) {
        DueRow old = due.get(k);
        if (old != null && old.work.ticketId() != null) {
            index(dueByTicket, k.tenant(), old.work.ticketId(), (String) k.id(), false);
        }
        put(due, k, row);
        if (row.work.ticketId() != null) {
            index(dueByTicket, k.tenant(), row.work.ticketId(), (String) k.id(), true);
        }
    }

    private void removeDue(Key k) {
        DueRow old = due.get(k);
        if (old == null) {
            return;
        }
        if (old.work.ticketId() != null) {
            index(dueByTicket, k.tenant(), old.work.ticketId(), (String) k.id(), false);
        }
        remove(due, k);
    }

    private Map<TicketId, Ticket> tenantTickets(TenantId tenant) {
        return tickets.computeIfAbsent(tenant, t -> new LinkedHashMap<>());
    }

    private static String identityKey(IdentityType type, String value) {
        return type.name() + "\u0000" + value;
    }

    // ---- ticket numbers, outside transactions ----------------------------------------------------

    /** Counts up the tenant's counter under a lock of its own (not the transactions' lock); never undone. */
    @Override
    public long reserveTicketNumbers(TenantId tenantId, int count) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        synchronized (sequences) {
            long first = sequences.getOrDefault(tenantId, 0L) + 1;
            sequences.put(tenantId, first + count - 1);
            return first;
        }
    }

    // ---- due work outside transactions ---------------------------------------------------------

    @Override
    public List<DueWork> claimDueWork(String owner, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(owner, "owner");
        lock.lock();
        try {
            PriorityQueue<Map.Entry<Key, DueRow>> ready = new PriorityQueue<>(
                    Comparator.comparing((Map.Entry<Key, DueRow> e) -> e.getValue().work.dueAt()));
            for (Map.Entry<Key, DueRow> e : due.entrySet()) {
                DueRow r = e.getValue();
                if (!r.work.dueAt().isAfter(now) && r.claimable(now)) {
                    ready.add(e);
                }
            }
            List<DueWork> claimed = new ArrayList<>();
            Instant until = now.plus(lease);
            while (!ready.isEmpty() && claimed.size() < limit) {
                Map.Entry<Key, DueRow> e = ready.poll();
                due.put(e.getKey(), new DueRow(e.getValue().work, owner, until));
                claimed.add(e.getValue().work);
            }
            return claimed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void releaseDueWork(DueWork work, String owner, Instant retryAt) {
        lock.lock();
        try {
            Key k = new Key(work.tenantId(), work.key());
            DueRow r = due.get(k);
            if (r != null && owner.equals(r.owner) && r.work.dueAt().equals(work.dueAt())) {
                DueWork w = r.work;
                due.put(k, new DueRow(new DueWork(w.tenantId(), w.key(), w.type(), w.ticketId(), retryAt, w.payload(),
                        w.attempts() + 1), null, null));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int renewLeases(String owner, Collection<DueWork> works, Instant leaseUntil) {
        lock.lock();
        try {
            int n = 0;
            for (DueWork w : works) {
                Key k = new Key(w.tenantId(), w.key());
                DueRow r = due.get(k);
                if (r != null && owner.equals(r.owner) && r.work.dueAt().equals(w.dueAt())) {
                    due.put(k, new DueRow(r.work, owner, leaseUntil));
                    n++;
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Instant> nextDueAt(Instant now) {
        lock.lock();
        try {
            Instant best = null;
            for (DueRow r : due.values()) {
                Instant at = r.owner == null ? r.work.dueAt()
                        : (r.leaseUntil.isAfter(r.work.dueAt()) ? r.leaseUntil : r.work.dueAt());
                if (best == null || at.isBefore(best)) {
                    best = at;
                }
            }
            return Optional.ofNullable(best);
        } finally {
            lock.unlock();
        }
    }

    /** The transaction view; valid only inside {@link #inTransaction}, under the lock. */
    private final class Tx implements StoreTransaction {

        @Override
        public Optional<Ticket> findTicket(TenantId tenantId, TicketId id) {
            Map<TicketId, Ticket> m = tickets.get(tenantId);
            return m == null ? Optional.empty() : Optional.ofNullable(m.get(id));
        }

        @Override
        public Optional<Ticket> findTicketByNumber(TenantId tenantId, TicketNumber number) {
            TicketId id = numbers.get(new Key(tenantId, number));
            return id == null ? Optional.empty() : findTicket(tenantId, id);
        }

        @Override
        public void insertTicket(Ticket ticket) {
            Map<TicketId, Ticket> m = tenantTickets(ticket.tenantId());
            if (m.containsKey(ticket.id())) {
                throw new DuplicateKeyException("ticket_id", null);
            }
            Key nk = new Key(ticket.tenantId(), ticket.number());
            if (numbers.containsKey(nk)) {
                throw new DuplicateKeyException("ticket_number", null);
            }
            put(m, ticket.id(), ticket);
            put(numbers, nk, ticket.id());
            reindex(null, ticket);
        }

        @Override
        public void updateTicket(Ticket ticket, long expectedVersion) {
            Map<TicketId, Ticket> m = tenantTickets(ticket.tenantId());
            Ticket current = m.get(ticket.id());
            if (current == null) {
                throw new TicketConflictException(ticket.id(), expectedVersion, -1);
            }
            if (current.version() != expectedVersion) {
                throw new TicketConflictException(ticket.id(), expectedVersion, current.version());
            }
            if (ticket.version() != expectedVersion + 1) {
                throw new IllegalArgumentException("the new version must be the expected version plus one");
            }
            put(m, ticket.id(), ticket);
            reindex(current, ticket);
        }

        @Override
        public List<Ticket> queryTickets(TicketQuery q) {
            Map<TicketId, Ticket> m = tickets.get(q.tenantId());
            if (m == null) {
                return List.of();
            }
            Comparator<Ticket> order = Comparator
                    .comparingLong((Ticket t) -> q.view().sort().sortKey(t))
                    .thenComparing(Ticket::id);
            if (!q.view().ascending()) {
                order = order.reversed();
            }
            // Keep the best `limit` tickets in a bounded heap ordered worst-first, over the tickets an index
            // gives (a requester's, an agent's, a team's) or else all of the tenant's.
            PriorityQueue<Ticket> heap = new PriorityQueue<>(order.reversed());
            Collection<TicketId> ids = candidates(q);
            Iterable<Ticket> pool = ids == null ? m.values() : () -> ids.stream().map(m::get).filter(Objects::nonNull).iterator();
            for (Ticket t : pool) {
                if (q.matches(t)) {
                    heap.add(t);
                    if (heap.size() > q.limit()) {
                        heap.poll();
                    }
                }
            }
            List<Ticket> out = new ArrayList<>(heap);
            out.sort(order);
            return out;
        }

        @Override
        public void insertMessage(Message message) {
            Key ticketKey = new Key(message.tenantId(), message.ticketId());
            if (!tenantTickets(message.tenantId()).containsKey(message.ticketId())) {
                throw new IllegalStateException("message for a ticket that does not exist");
            }
            if (!message.externalMessageId().isEmpty()) {
                Key ek = new Key(message.tenantId(), message.channel().name() + "\u0000" + message.externalMessageId());
                if (externalIds.containsKey(ek)) {
                    throw new DuplicateKeyException("external_message_id", null);
                }
                put(externalIds, ek, message);
            }
            append(messages, ticketKey, message);
        }

        @Override
        public List<Message> messages(TenantId tenantId, TicketId ticketId) {
            return List.copyOf(messages.getOrDefault(new Key(tenantId, ticketId), List.of()));
        }

        @Override
        public Optional<Message> findMessageByExternalId(TenantId tenantId, Channel channel, String externalMessageId) {
            return Optional.ofNullable(externalIds.get(new Key(tenantId, channel.name() + "\u0000" + externalMessageId)));
        }

        @Override
        public void appendEvents(List<TicketEvent> list) {
            for (TicketEvent e : list) {
                append(events, new Key(e.tenantId(), e.ticketId()), e);
            }
        }

        @Override
        public List<TicketEvent> events(TenantId tenantId, TicketId ticketId) {
            return List.copyOf(events.getOrDefault(new Key(tenantId, ticketId), List.of()));
        }

        @Override
        public Optional<TicketId> findIdempotencyKey(TenantId tenantId, String key) {
            return Optional.ofNullable(idempotencyKeys.get(new Key(tenantId, key)));
        }

        @Override
        public void insertIdempotencyKey(TenantId tenantId, String key, TicketId ticketId) {
            Key k = new Key(tenantId, key);
            if (idempotencyKeys.containsKey(k)) {
                throw new DuplicateKeyException("idempotency_key", null);
            }
            put(idempotencyKeys, k, ticketId);
        }

        @Override
        public Optional<Customer> findCustomer(TenantId tenantId, CustomerId id) {
            return Optional.ofNullable(customers.get(new Key(tenantId, id)));
        }

        @Override
        public Optional<Customer> findCustomerByIdentity(TenantId tenantId, IdentityType type, String value) {
            CustomerId id = identities.get(new Key(tenantId, identityKey(type, value)));
            return id == null ? Optional.empty() : findCustomer(tenantId, id);
        }

        private void claimIdentities(Customer c) {
            for (ChannelIdentity i : c.identities()) {
                Key k = new Key(c.tenantId(), identityKey(i.type(), i.value()));
                CustomerId owner = identities.get(k);
                if (owner != null && !owner.equals(c.id())) {
                    throw new DuplicateKeyException("customer_identity", null);
                }
            }
            for (ChannelIdentity i : c.identities()) {
                put(identities, new Key(c.tenantId(), identityKey(i.type(), i.value())), c.id());
            }
        }

        @Override
        public void insertCustomer(Customer customer) {
            Key k = new Key(customer.tenantId(), customer.id());
            if (customers.containsKey(k)) {
                throw new DuplicateKeyException("customer_id", null);
            }
            claimIdentities(customer);
            put(customers, k, customer);
        }

        @Override
        public void updateCustomer(Customer customer, long expectedVersion) {
            Key k = new Key(customer.tenantId(), customer.id());
            Customer current = customers.get(k);
            if (current == null || current.version() != expectedVersion) {
                throw new TicketConflictException(customer.id(), expectedVersion, current == null ? -1 : current.version());
            }
            if (customer.version() != expectedVersion + 1) {
                throw new IllegalArgumentException("the new version must be the expected version plus one");
            }
            claimIdentities(customer);
            for (ChannelIdentity old : current.identities()) {
                boolean kept = customer.identities().stream()
                        .anyMatch(i -> i.type().equals(old.type()) && i.value().equals(old.value()));
                if (!kept) {
                    remove(identities, new Key(customer.tenantId(), identityKey(old.type(), old.value())));
                }
            }
            put(customers, k, customer);
        }

        @Override
        public void saveAgent(Agent agent) {
            put(agents, new Key(agent.tenantId(), agent.id()), agent);
        }

        @Override
        public Optional<Agent> findAgent(TenantId tenantId, AgentId id) {
            return Optional.ofNullable(agents.get(new Key(tenantId, id)));
        }

        @Override
        public List<Agent> agents(TenantId tenantId) {
            TreeMap<AgentId, Agent> out = new TreeMap<>();
            agents.forEach((k, a) -> {
                if (k.tenant().equals(tenantId)) {
                    out.put(a.id(), a);
                }
            });
            return List.copyOf(out.values());
        }

        @Override
        public void saveTeam(Team team) {
            put(teams, new Key(team.tenantId(), team.id()), team);
        }

        @Override
        public Optional<Team> findTeam(TenantId tenantId, TeamId id) {
            return Optional.ofNullable(teams.get(new Key(tenantId, id)));
        }

        @Override
        public List<Team> teams(TenantId tenantId) {
            TreeMap<TeamId, Team> out = new TreeMap<>();
            teams.forEach((k, t) -> {
                if (k.tenant().equals(tenantId)) {
                    out.put(t.id(), t);
                }
            });
            return List.copyOf(out.values());
        }

        @Override
        public void saveFieldDefinition(TenantId tenantId, FieldDefinition definition) {
            put(fields, new Key(tenantId, definition.key()), definition);
        }

        @Override
        public List<FieldDefinition> fieldDefinitions(TenantId tenantId) {
            TreeMap<String, FieldDefinition> out = new TreeMap<>();
            fields.forEach((k, d) -> {
                if (k.tenant().equals(tenantId)) {
                    out.put(d.key(), d);
                }
            });
            return List.copyOf(out.values());
        }

        @Override
        public void scheduleDueWork(DueWork work) {
            putDue(new Key(work.tenantId(), work.key()), new DueRow(
                    new DueWork(work.tenantId(), work.key(), work.type(), work.ticketId(), work.dueAt(), work.payload(), 0),
                    null, null));
        }

        @Override
        public boolean cancelDueWork(TenantId tenantId, String key) {
            Key k = new Key(tenantId, key);
            if (!due.containsKey(k)) {
                return false;
            }
            removeDue(k);
            return true;
        }

        @Override
        public boolean completeDueWork(DueWork work, String owner) {
            Key k = new Key(work.tenantId(), work.key());
            DueRow r = due.get(k);
            if (r == null || !owner.equals(r.owner) || !r.work.dueAt().equals(work.dueAt())) {
                return false;
            }
            removeDue(k);
            return true;
        }

        @Override
        public List<DueWork> dueWorkFor(TenantId tenantId, TicketId ticketId) {
            List<DueWork> out = new ArrayList<>();
            for (String key : dueByTicket.getOrDefault(new Key(tenantId, ticketId), Set.of())) {
                DueRow r = due.get(new Key(tenantId, key));
                if (r != null) {
                    out.add(r.work);
                }
            }
            out.sort(Comparator.comparing(DueWork::dueAt).thenComparing(DueWork::key));
            return out;
        }
    }
}
