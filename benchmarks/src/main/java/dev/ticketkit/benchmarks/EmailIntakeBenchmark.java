package dev.ticketkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.email.EmailChannel;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Attachment;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.NewCustomer;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.jdbc.JdbcTicketStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * E-mail to ticket: raw MIME bytes → {@link EmailChannel#parse(dev.ticketkit.core.TenantId, byte[])} →
 * {@link Intake} → {@link JdbcTicketStore}, on an H2 file database by default. Every score is
 * <b>e-mails per second</b>.
 *
 * <ul>
 *   <li>{@link #emailIntake}: the whole path, one e-mail per {@link Intake#accept}, one thread. Each e-mail is
 *       new (a unique {@code Message-ID} and order number, no {@code In-Reply-To}) and from one of
 *       {@value #SENDERS} known customers in turn, so intake runs dedup (a miss), customer lookup (a hit),
 *       threading (nothing to thread to) and creates a ticket.</li>
 *   <li>{@link #emailIntakeBatch}: the same e-mails {@value #BATCH} at a time: each parsed, then the
 *       {@value #BATCH} taken in by one {@link Intake#acceptAll} (one dedup read, a customer lookup each, one
 *       {@code createAll} transaction), one thread.</li>
 *   <li>{@link #emailIntakeBatchTwoThreads}: that on two threads at once, as a node with two intake workers
 *       (an IMAP poller and a push endpoint, say) on this machine's two cores.</li>
 *   <li>{@link #parseOnly} (baseline): the same bytes through the channel only, no store.</li>
 *   <li>{@link #engineCreate} (baseline): the ticket intake would create (subject, e-mail channel, the
 *       parsed text and sanitised HTML, the attachment as metadata, an external message id) created
 *       directly through {@code engine.tickets().create(..)}: no parsing, dedup or threading.</li>
 * </ul>
 *
 * <p>The message is the 20 KB multipart of {@link EmailParseBenchmark} (text, HTML, a PDF) without its reply
 * headers. Per trial: a HikariCP pool of {@value TicketCreationBenchmark#POOL_SIZE}, a random table prefix,
 * on H2 a fresh file database in a temporary directory; the teardown prints the rows per ticket.
 * Other databases with {@code -p database=postgresql} or {@code mariadb} (see {@link BenchDatabases}).
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar EmailIntake -f 1 -wi 4 -i 3 -w 5s -r 5s}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.org.flywaydb=error", "-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class EmailIntakeBenchmark {

    static final String MAILBOX = "support@shop.example";
    /** Customers who write: known ones, each batch's mails from different senders. */
    static final int SENDERS = 1_000;
    static final int BATCH = 100;

    @Param({"h2file"})
    public String database;

    HikariDataSource pool;
    Path h2Directory;
    String prefix;
    JdbcTicketStore store;
    TicketEngine engine;
    EmailChannel email;
    Intake intake;
    Customer customer;
    String benchmark;
    /** Each sender's From header line. */
    byte[][] fromLines;
    /** The message after its Message-ID and Subject headers, shared by every e-mail. */
    byte[] rest;
    /** What the engine baseline creates, from one parse of the message. */
    InboundMessage parsed;
    final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        benchmark = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        prefix = BenchDatabases.randomPrefix();
        h2Directory = BenchDatabases.h2Directory(database);
        pool = BenchDatabases.pool(database, h2Directory, TicketCreationBenchmark.POOL_SIZE);
        store = JdbcTicketStore.builder(pool).tablePrefix(prefix).build();
        engine = TicketEngine.builder().store(store).build();
        email = EmailChannel.builder(TicketCreationBenchmark.TENANT, MAILBOX).clock(engine.clock()).build();
        intake = Intake.builder(engine).build();
        fromLines = new byte[SENDERS][];
        for (int i = 0; i < SENDERS; i++) {
            String address = "buyer" + i + "@example.com";
            Customer buyer = engine.customers().create(TicketCreationBenchmark.INTEGRATION,
                    NewCustomer.of("Buyer " + i, ChannelIdentity.of(IdentityType.EMAIL, address)));
            customer = customer == null ? buyer : customer;
            fromLines[i] = ("From: \"Buyer " + i + "\" <" + address + ">\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        rest = template();
        parsed = email.parse(TicketCreationBenchmark.TENANT, next());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        engine.close();
        store.close();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            StringBuilder sb = new StringBuilder("\n[" + database + " " + benchmark + "] rows per ticket:");
            long tickets = count(st, "tickets");
            for (String t : List.of("messages", "events", "outbox", "customers")) {
                sb.append(' ').append(t).append('=')
                        .append(tickets == 0 ? "-" : String.format("%.2f", (double) count(st, t) / tickets));
            }
            System.out.println(sb.append(" tickets=").append(tickets));
            if (h2Directory == null) {
                BenchDatabases.dropTables(c, prefix, TicketCreationBenchmark.TABLES);
            }
        } finally {
            pool.close();
            BenchDatabases.deleteDirectory(h2Directory);
        }
    }

    private long count(Statement st, String table) throws java.sql.SQLException {
        return BenchDatabases.count(st, prefix, table);
    }

    /** The whole path: parse, dedup, identity, threading, create. */
    @Benchmark
    public IntakeResult emailIntake() {
        IntakeResult r = intake.accept(email.parse(TicketCreationBenchmark.TENANT, next()));
        if (r.outcome() != IntakeResult.Outcome.CREATED) {
            throw new IllegalStateException("an e-mail was " + r.outcome());
        }
        return r;
    }

    /**
     * The whole path, batched: {@value #BATCH} e-mails (from {@value #BATCH} different senders) parsed, then
     * taken in with one {@link Intake#acceptAll}; the score counts e-mails.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<IntakeResult> emailIntakeBatch() {
        List<InboundMessage> mails = new java.util.ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            mails.add(email.parse(TicketCreationBenchmark.TENANT, next()));
        }
        List<IntakeResult> r = intake.acceptAll(mails);
        for (IntakeResult x : r) {
            if (x.outcome() != IntakeResult.Outcome.CREATED) {
                throw new IllegalStateException("an e-mail was " + x.outcome());
            }
        }
        return r;
    }

    /** {@link #emailIntakeBatch} on two threads at once (this machine's two cores). */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public List<IntakeResult> emailIntakeBatchTwoThreads() {
        return emailIntakeBatch();
    }

    /** Baseline: the channel's parse alone. */
    @Benchmark
    public InboundMessage parseOnly() {
        return email.parse(TicketCreationBenchmark.TENANT, next());
    }

    /** Baseline: the ticket intake creates, straight through the engine. */
    @Benchmark
    public Ticket engineCreate() {
        NewMessage message = NewMessage.text(parsed.text()).withHtml(parsed.html());
        for (var a : parsed.attachments()) {
            message = message.withAttachment(Attachment.of(a.filename(), a.contentType(), a.size(), ""));
        }
        message = message.withExternalId("bench-" + sequence.incrementAndGet() + "@example.com").via(Channel.EMAIL)
                .by(AuthorKind.CUSTOMER, customer.id().toString());
        return engine.tickets().create(Actor.integration(TicketCreationBenchmark.TENANT, "intake"),
                NewTicket.builder(customer.id(), parsed.subject()).channel(Channel.EMAIL).message(message).build());
    }

    /** The next e-mail: a new Message-ID, order number and sender (of {@value #SENDERS}), the rest shared. */
    private byte[] next() {
        long n = sequence.incrementAndGet();
        byte[] head = ("Message-ID: <bench-" + n + "@example.com>\r\n"
                + "Subject: Order 2025" + n + " arrived damaged\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] from = fromLines[(int) (n % SENDERS)];
        byte[] out = new byte[head.length + from.length + rest.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(from, 0, out, head.length, from.length);
        System.arraycopy(rest, 0, out, head.length + from.length, rest.length);
        return out;
    }

    /** {@link EmailParseBenchmark}'s message without Message-ID, Subject, From and the reply headers. */
    private static byte[] template() {
        String msg = new String(EmailParseBenchmark.buildMessage(), StandardCharsets.US_ASCII);
        StringBuilder out = new StringBuilder(msg.length());
        int headersEnd = msg.indexOf("\r\n\r\n");
        for (String line : msg.substring(0, headersEnd).split("\r\n")) {
            String name = line.substring(0, Math.max(0, line.indexOf(':')));
            if (!List.of("Message-ID", "Subject", "From", "In-Reply-To", "References").contains(name)) {
                out.append(line).append("\r\n");
            }
        }
        out.append(msg, headersEnd + 2, msg.length());
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
