package dev.ticketkit.benchmarks;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.EventMeta;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.NewCustomer;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.spi.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's command path on the in-memory store: one operation is three commands on a fresh ticket,
 * {@code create} (with the customer's first message) → agent public {@code reply} → {@code changeStatus(SOLVED)}.
 *
 * <ul>
 *   <li>{@link #engine} goes through the public API ({@link TicketEngine#tickets()}): input checks,
 *       authorisation, unit of work, events, listeners (none registered).</li>
 *   <li>{@link #baselineStore} is the cost floor without the engine: the same store reads and writes the
 *       engine makes for those three commands (same transactions, same number of tickets, messages and events),
 *       with hand-built {@link Ticket}, {@link Message} and {@link TicketEvent} objects, through
 *       {@link TicketStore#inTransaction}.</li>
 *   <li>{@link #baselineMap} is a lower floor still: equivalent objects put into {@link ConcurrentHashMap}s,
 *       no transactions, no lock, no undo log.</li>
 * </ul>
 *
 * <p>Throughput is operations per second over all threads; one operation is three commands, so
 * µs per command = 10⁶ / (score × 3). Run with {@code -t 1} and {@code -t 2}. The engine (or store, or maps)
 * and its 1,000 customers are rebuilt before every iteration so memory does not grow across iterations;
 * within an iteration the store grows as a real one would.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class CommandPathBenchmark {

    /** Customers the operations rotate over. */
    static final int CUSTOMERS = 1_000;

    static final TenantId TENANT = TenantId.of("acme");
    static final String SUBJECT = "Where is my parcel?";
    static final NewMessage INQUIRY = NewMessage.text("I ordered on Monday and the tracking page has not moved since.");
    static final NewMessage REPLY = NewMessage.text("Sorry about that: the carrier confirms it is out for delivery today.");

    static final TeamId TEAM = TeamId.of("after-sales");
    static final Agent AGENT = Agent.of(TENANT, AgentId.of("agent-1"), "Agent One", TEAM);
    static final Actor SYSTEM = Actor.system(TENANT);
    static final Actor INTEGRATION = Actor.integration(TENANT, "web-form");
    static final Actor AGENT_ACTOR = Actor.agent(AGENT, Role.AGENT);
    static final ActorRef INTEGRATION_REF = INTEGRATION.ref();
    static final ActorRef AGENT_REF = AGENT_ACTOR.ref();

    // ---- engine --------------------------------------------------------------------------------

    TicketEngine engine;
    CustomerId[] engineCustomers;

    // ---- baseline: store without the engine ----------------------------------------------------

    TicketStore store;
    CustomerId[] storeCustomers;
    final Clock clock = Clock.systemUTC();
    final AtomicLong idCounter = new AtomicLong();

    // ---- baseline: plain maps ------------------------------------------------------------------

    ConcurrentHashMap<TicketId, Ticket> mapTickets;
    ConcurrentHashMap<TicketId, List<Message>> mapMessages;
    ConcurrentHashMap<TicketId, List<TicketEvent>> mapEvents;
    AtomicLong mapSequence;

    /** Which customer a thread uses next. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = ThreadLocalRandom.current().nextInt(CUSTOMERS);

        int take() {
            int i = next;
            next = i + 1 == CUSTOMERS ? 0 : i + 1;
            return i;
        }
    }

    @Setup(Level.Iteration)
    public void setUp() {
        // Engine: in-memory store (default), 1,000 customers, one team and its agent.
        engine = TicketEngine.builder().build();
        engine.directory().saveTeam(SYSTEM, Team.of(TENANT, TEAM, "After-sales"));
        engine.directory().saveAgent(SYSTEM, AGENT);
        engineCustomers = new CustomerId[CUSTOMERS];
        for (int i = 0; i < CUSTOMERS; i++) {
            engineCustomers[i] = engine.customers()
                    .create(INTEGRATION, NewCustomer.of("Customer " + i, identity(i)))
                    .id();
        }

        // Store baseline: a fresh in-memory store with the same customers.
        store = TicketStore.inMemory();
        storeCustomers = new CustomerId[CUSTOMERS];
        Instant now = now();
        for (int i = 0; i < CUSTOMERS; i++) {
            Customer c = new Customer(CustomerId.of(uuid()), TENANT, "Customer " + i, MemberTier.STANDARD,
                    List.of(identity(i)), Set.of(), now, 1);
            store.inTransaction(tx -> {
                tx.insertCustomer(c);
                return null;
            });
            storeCustomers[i] = c.id();
        }

        // Map baseline.
        mapTickets = new ConcurrentHashMap<>();
        mapMessages = new ConcurrentHashMap<>();
        mapEvents = new ConcurrentHashMap<>();
        mapSequence = new AtomicLong();
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        engine.close();
        engine = null;
        store.close();
        store = null;
        mapTickets = null;
        mapMessages = null;
        mapEvents = null;
    }

    private static ChannelIdentity identity(int i) {
        return ChannelIdentity.of(IdentityType.EMAIL, "customer" + i + "@example.com");
    }

    // ---- benchmarks ----------------------------------------------------------------------------

    /** create → reply → solve through the engine's public API. */
    @Benchmark
    public Ticket engine(Cursor cursor) {
        CustomerId customer = engineCustomers[cursor.take()];
        Ticket t = engine.tickets().create(INTEGRATION, NewTicket.builder(customer, SUBJECT)
                .channel(Channel.WEB_FORM)
                .message(INQUIRY)
                .build());
        engine.tickets().reply(AGENT_ACTOR, t.id(), REPLY);
        return engine.tickets().changeStatus(AGENT_ACTOR, t.id(), TicketStatus.SOLVED);
    }

    /**
     * The same three transactions straight on the store, with the store calls the engine makes: create =
     * findCustomer, insertTicket, insertMessage, appendEvents(created, message), with a number reserved on its own
     * ({@code reserveTicketNumbers(tenant, 1)}, where the engine reserves 50 at a time); reply =
     * findTicketForUpdate, updateTicket, insertMessage, appendEvents(message, NEW→OPEN); solve =
     * findTicketForUpdate, updateTicket, appendEvents(OPEN→SOLVED).
     */
    @Benchmark
    public Ticket baselineStore(Cursor cursor) {
        CustomerId customer = storeCustomers[cursor.take()];

        // 1. create with the customer's first message
        Ticket created = store.inTransaction(tx -> {
            Instant now = now();
            tx.findCustomer(TENANT, customer).orElseThrow();
            long seq = store.reserveTicketNumbers(TENANT, 1);
            Ticket t = Ticket.builder()
                    .id(TicketId.of(uuid()))
                    .tenantId(TENANT)
                    .number(TicketNumber.of("TK", seq))
                    .subject(SUBJECT)
                    .status(TicketStatus.NEW)
                    .channel(Channel.WEB_FORM)
                    .requester(customer)
                    .createdAt(now)
                    .updatedAt(now)
                    .statusChangedAt(now)
                    .version(1)
                    .build();
            Message m = message(t, AuthorKind.CUSTOMER, customer.toString(), INQUIRY, now);
            tx.insertTicket(t);
            tx.insertMessage(m);
            tx.appendEvents(List.of(
                    new TicketEvent.TicketCreated(meta(t, INTEGRATION_REF, now), t),
                    new TicketEvent.MessageAdded(meta(t, INTEGRATION_REF, now), m.id(), Visibility.PUBLIC,
                            AuthorKind.CUSTOMER, m.channel())));
            return t;
        });
        TicketId id = created.id();

        // 2. agent's first public reply: NEW → OPEN
        store.inTransaction(tx -> {
            Instant now = now();
            Ticket cur = tx.findTicketForUpdate(TENANT, id).orElseThrow();
            Ticket next = cur.toBuilder()
                    .version(cur.version() + 1)
                    .updatedAt(now)
                    .firstAgentReplyAt(now)
                    .status(TicketStatus.OPEN)
                    .statusChangedAt(now)
                    .build();
            Message m = message(next, AuthorKind.AGENT, AGENT_REF.id(), REPLY, now);
            tx.updateTicket(next, cur.version());
            tx.insertMessage(m);
            tx.appendEvents(List.of(
                    new TicketEvent.MessageAdded(meta(next, AGENT_REF, now), m.id(), Visibility.PUBLIC,
                            AuthorKind.AGENT, m.channel()),
                    new TicketEvent.StatusChanged(meta(next, AGENT_REF, now), TicketStatus.NEW, TicketStatus.OPEN)));
            return next;
        });

        // 3. solve: OPEN → SOLVED
        return store.inTransaction(tx -> {
            Instant now = now();
            Ticket cur = tx.findTicketForUpdate(TENANT, id).orElseThrow();
            Ticket next = cur.toBuilder()
                    .version(cur.version() + 1)
                    .updatedAt(now)
                    .status(TicketStatus.SOLVED)
                    .statusChangedAt(now)
                    .solvedAt(now)
                    .build();
            tx.updateTicket(next, cur.version());
            tx.appendEvents(List.of(
                    new TicketEvent.StatusChanged(meta(next, AGENT_REF, now), TicketStatus.OPEN, TicketStatus.SOLVED)));
            return next;
        });
    }

    /**
     * Equivalent objects (3 ticket snapshots, 2 messages, 5 events) put into concurrent maps: no transaction,
     * lock or undo log.
     */
    @Benchmark
    public Ticket baselineMap(Cursor cursor) {
        CustomerId customer = storeCustomers[cursor.take()];

        Instant now = now();
        Ticket t = Ticket.builder()
                .id(TicketId.of(uuid()))
                .tenantId(TENANT)
                .number(TicketNumber.of("TK", mapSequence.incrementAndGet()))
                .subject(SUBJECT)
                .status(TicketStatus.NEW)
                .channel(Channel.WEB_FORM)
                .requester(customer)
                .createdAt(now)
                .updatedAt(now)
                .statusChangedAt(now)
                .version(1)
                .build();
        Message m1 = message(t, AuthorKind.CUSTOMER, customer.toString(), INQUIRY, now);
        mapTickets.put(t.id(), t);
        putMessage(m1);
        putEvent(new TicketEvent.TicketCreated(meta(t, INTEGRATION_REF, now), t));
        putEvent(new TicketEvent.MessageAdded(meta(t, INTEGRATION_REF, now), m1.id(), Visibility.PUBLIC,
                AuthorKind.CUSTOMER, m1.channel()));

        now = now();
        Ticket open = mapTickets.get(t.id()).toBuilder()
                .version(2)
                .updatedAt(now)
                .firstAgentReplyAt(now)
                .status(TicketStatus.OPEN)
                .statusChangedAt(now)
                .build();
        Message m2 = message(open, AuthorKind.AGENT, AGENT_REF.id(), REPLY, now);
        mapTickets.put(open.id(), open);
        putMessage(m2);
        putEvent(new TicketEvent.MessageAdded(meta(open, AGENT_REF, now), m2.id(), Visibility.PUBLIC,
                AuthorKind.AGENT, m2.channel()));
        putEvent(new TicketEvent.StatusChanged(meta(open, AGENT_REF, now), TicketStatus.NEW, TicketStatus.OPEN));

        now = now();
        Ticket solved = mapTickets.get(t.id()).toBuilder()
                .version(3)
                .updatedAt(now)
                .status(TicketStatus.SOLVED)
                .statusChangedAt(now)
                .solvedAt(now)
                .build();
        mapTickets.put(solved.id(), solved);
        putEvent(new TicketEvent.StatusChanged(meta(solved, AGENT_REF, now), TicketStatus.OPEN, TicketStatus.SOLVED));
        return solved;
    }

    // ---- helpers of the baselines --------------------------------------------------------------

    // Laid out like the in-memory store: one list of messages and one of events per ticket. A ticket is only
    // touched by the thread that made it, so the lists need no lock.
    private void putMessage(Message m) {
        mapMessages.computeIfAbsent(m.ticketId(), k -> new ArrayList<>(2)).add(m);
    }

    private void putEvent(TicketEvent e) {
        mapEvents.computeIfAbsent(e.ticketId(), k -> new ArrayList<>(5)).add(e);
    }

    /** The command time as the engine takes it: the clock at microsecond precision. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A unique id, as cheap as can be (the engine makes version 7 UUIDs). */
    private UUID uuid() {
        return new UUID(idCounter.incrementAndGet(), ThreadLocalRandom.current().nextLong());
    }

    private EventMeta meta(Ticket t, ActorRef by, Instant now) {
        return new EventMeta(uuid(), TENANT, t.id(), t.version(), by, now);
    }

    private Message message(Ticket t, AuthorKind kind, String authorId, NewMessage m, Instant now) {
        return new Message(MessageId.of(uuid()), TENANT, t.id(), Visibility.PUBLIC, kind, authorId, Channel.WEB_FORM,
                m.text(), m.html(), m.attachments(), m.externalMessageId(), now);
    }

}
