package dev.ticketkit.benchmarks;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Calendars;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.jdbc.JdbcTicketStore;
import dev.ticketkit.routing.assign.AssignmentStrategy;
import dev.ticketkit.routing.assign.Router;
import dev.ticketkit.routing.assign.TeamQueue;
import dev.ticketkit.routing.classify.ClassificationHook;
import dev.ticketkit.routing.classify.KeywordClassifier;
import dev.ticketkit.routing.rules.RuleEngine;
import dev.ticketkit.sla.BusinessCalendar;
import dev.ticketkit.sla.Sla;
import dev.ticketkit.sla.SlaPolicies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole pipeline a deployment installs, one hook at a time: one operation is two commands on a fresh
 * ticket, {@code create} with the customer's first message, then an agent's public reply.
 *
 * <ul>
 *   <li>{@code pipeline}: {@code bare} (no module), {@code classification}, {@code rules} (+ the peak-day demo's
 *       rule file), {@code router} (+ least-loaded queues for the demo's teams), {@code sla} (+ the demo's SLA
 *       policies): each step adds one module to the previous ones, in the recommended order.</li>
 *   <li>{@code store}: {@code memory}, {@code h2file} (an embedded H2 file in a temporary directory) or
 *       {@code postgresql} (the machine's, see {@link BenchDatabases}).</li>
 * </ul>
 *
 * <p>Warm-up is long (10 × 5 s) on purpose: with every module installed the JIT needs about half a minute on two
 * cores before throughput stops rising, and shorter runs measure the compiler, not the code.
 *
 * <p>Commands per second = 2 × the score. The engine is rebuilt before each iteration (fresh tables on the
 * databases), so every iteration starts from an empty store and the store grows within it. Statements per command
 * are counted by {@link #main} (not by JMH): {@code java -cp benchmarks.jar
 * dev.ticketkit.benchmarks.FullPipelineBenchmark h2file 2000}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class FullPipelineBenchmark {
    static final TenantId TENANT = TenantId.of("peak");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final List<TeamId> TEAMS = List.of(TeamId.of("pre-sales"), TeamId.of("after-sales"), TeamId.of("logistics"),
            TeamId.of("warehouse"), TeamId.of("finance"));
    static final int CUSTOMERS = 1_000;
    static final int AGENTS_PER_TEAM = 8;
    static final String[][] INQUIRIES = {
        {"Where is my parcel?", "I ordered on Monday and the tracking page has not moved since. 快递到哪了？"},
        {"申请退款", "衣服尺码不对，想退货退款，怎么操作？"},
        {"Invoice please", "Please send a VAT invoice (发票) for my last order."},
        {"Deposit for the presale", "定金付了，尾款什么时候付？"},
    };
    static final NewMessage REPLY = NewMessage.text("Thanks for waiting: the carrier confirms it is out for delivery today.");

    @Param({"bare", "classification", "rules", "router", "sla"})
    public String pipeline;

    @Param({"memory", "h2file"})
    public String store;

    Pipeline setup;

    /** One engine with the modules of a pipeline step on a store, with the demo's teams, agents and customers. */
    static final class Pipeline implements AutoCloseable {
        final TicketEngine engine;
        final TicketStore store;
        final com.zaxxer.hikari.HikariDataSource pool;
        final Path h2;
        final CustomerId[] customers = new CustomerId[CUSTOMERS];
        final Actor integration = Actor.integration(TENANT, "web-form");
        final Actor[] agents;
        final AtomicLong next = new AtomicLong();
        final AtomicLong statements;

        Pipeline(String pipeline, String database, boolean countStatements) throws Exception {
            statements = new AtomicLong();
            if (database.equals("memory")) {
                pool = null;
                h2 = null;
                store = TicketStore.inMemory();
            } else {
                h2 = BenchDatabases.h2Directory(database);
                pool = BenchDatabases.pool(database, h2, 4);
                DataSource ds = countStatements ? counting(pool, statements) : pool;
                store = JdbcTicketStore.builder(ds).tablePrefix(BenchDatabases.randomPrefix()).build();
            }
            int step = List.of("bare", "classification", "rules", "router", "sla").indexOf(pipeline);
            if (step < 0) {
                throw new IllegalArgumentException("unknown pipeline step " + pipeline);
            }
            BusinessCalendar.Builder service = BusinessCalendar.builder(SHANGHAI);
            for (DayOfWeek d : DayOfWeek.values()) {
                service.hours(d, LocalTime.of(8, 0), LocalTime.MIDNIGHT);
            }
            Calendars calendars = Calendars.builder().add("cn-service", service.build()).build();
            RuleEngine rules = RuleEngine.builder().build();
            TicketEngine.Builder b = TicketEngine.builder().store(store).clock(Clock.systemUTC()).calendars(calendars)
                    .factSource(dev.ticketkit.core.spi.FactSource.of("order", dev.ticketkit.core.condition.FieldSchema
                            .builder().field("order.logistics_delayed", dev.ticketkit.core.condition.ValueKind.BOOLEAN)
                            .build(), (t, c) -> Map.of()));
            if (step >= 1) {
                b.module(ClassificationHook.builder(KeywordClassifier.ofDefaults()).build());
            }
            if (step >= 2) {
                b.module(rules);
            }
            if (step >= 3) {
                Router.Builder router = Router.builder();
                for (TeamId t : TEAMS) {
                    router.queue(TeamQueue.builder(t).strategy(AssignmentStrategy.LEAST_LOADED).build());
                }
                b.module(router.build());
            }
            if (step >= 4) {
                try (InputStream in = resource("/sla/peak-day-sla.yaml")) {
                    b.module(Sla.of(SlaPolicies.fromYaml(in, "peak-day-sla.yaml", calendars)));
                }
            }
            engine = b.build();
            Actor admin = Actor.system(TENANT, "setup");
            agents = new Actor[TEAMS.size() * AGENTS_PER_TEAM];
            int i = 0;
            for (TeamId t : TEAMS) {
                engine.directory().saveTeam(admin, Team.of(TENANT, t, t.value()));
                for (int a = 0; a < AGENTS_PER_TEAM; a++) {
                    Agent agent = engine.directory().saveAgent(admin, Agent.builder(TENANT,
                                    AgentId.of(t.value() + "-" + a), t.value() + " " + a).team(t).languages("zh", "en")
                            .presence(Presence.ONLINE).build());   // no capacity limit: least-loaded only
                    agents[i++] = Actor.agent(TENANT, agent.id(), Set.of(t), Role.SUPERVISOR);
                }
            }
            if (step >= 2) {
                try (InputStream in = resource("/rules/peak-day-rules.yaml")) {
                    rules.replace(TENANT, rules.parse("peak-day-rules.yaml", in));
                }
            }
            for (int c = 0; c < CUSTOMERS; c++) {
                customers[c] = engine.customers().findOrCreate(integration,
                        ChannelIdentity.verified(IdentityType.EMAIL, "c" + c + "@example.com"), "Customer " + c).id();
            }
            statements.set(0);
        }

        /** One operation: a customer's inquiry, then an agent's reply. */
        Ticket operation() {
            long n = next.getAndIncrement();
            String[] inquiry = INQUIRIES[(int) (n % INQUIRIES.length)];
            Ticket t = engine.tickets().create(integration, NewTicket.builder(customers[(int) (n % CUSTOMERS)], inquiry[0])
                    .channel(Channel.WEB_CHAT).message(NewMessage.text(inquiry[1])).build());
            return engine.tickets().reply(agents[(int) (n % agents.length)], t.id(), REPLY).ticket();
        }

        @Override
        public void close() throws Exception {
            engine.close();
            store.close();
            if (pool != null) {
                pool.close();
            }
            BenchDatabases.deleteDirectory(h2);
        }
    }

    static InputStream resource(String name) {
        InputStream in = FullPipelineBenchmark.class.getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("missing resource " + name));
        }
        return in;
    }

    /** With {@code -Dbench.sql=true}, {@link #main} prints the SQL each statement was prepared with. */
    static volatile boolean PRINT_SQL;

    /** A data source whose connections count the statements they execute. */
    static DataSource counting(DataSource inner, AtomicLong statements) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object r = invoke(inner, method, args);
                    if (r instanceof Connection c && method.getName().equals("getConnection")) {
                        return countingConnection(c, statements);
                    }
                    return r;
                });
    }

    private static Connection countingConnection(Connection c, AtomicLong statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object r = invoke(c, method, args);
                    if (r instanceof java.sql.Statement st) {
                        if (PRINT_SQL && args != null && args.length > 0 && args[0] instanceof String sql) {
                            System.out.println("  sql: " + sql.replaceAll("\\s+", " "));
                        }
                        return countingStatement(st, statements);
                    }
                    return r;
                });
    }

    private static Object countingStatement(java.sql.Statement st, AtomicLong statements) {
        Class<?> type = st instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : st instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : java.sql.Statement.class;
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                statements.incrementAndGet();
            }
            return invoke(st, method, args);
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Setup(Level.Iteration)
    public void setUp() throws Exception {
        setup = new Pipeline(pipeline, store, false);
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws Exception {
        setup.close();
    }

    @Benchmark
    public Ticket createThenReply() {
        return setup.operation();
    }

    /**
     * Statements per command of each pipeline step (create and reply separately), outside JMH:
     * {@code FullPipelineBenchmark <h2file|postgresql> [operations]}.
     */
    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "h2file";
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        System.out.println("statements per command on " + database + " (" + ops + " create + reply, after 200 warm-up)");
        for (String step : List.of("bare", "classification", "rules", "router", "sla")) {
            try (Pipeline s = new Pipeline(step, database, true)) {
                for (int i = 0; i < 200; i++) {
                    s.operation();
                }
                long creates = 0;
                long replies = 0;
                for (int i = 0; i < ops; i++) {
                    PRINT_SQL = i == ops - 1 && Boolean.getBoolean("bench.sql");
                    if (PRINT_SQL) {
                        System.out.println(" the statements of the last operation of " + step + ":");
                    }
                    long n = s.next.getAndIncrement();
                    String[] inquiry = INQUIRIES[(int) (n % INQUIRIES.length)];
                    long before = s.statements.get();
                    Ticket t = s.engine.tickets().create(s.integration, NewTicket.builder(s.customers[(int) (n % CUSTOMERS)],
                            inquiry[0]).channel(Channel.WEB_CHAT).message(NewMessage.text(inquiry[1])).build());
                    long mid = s.statements.get();
                    s.engine.tickets().reply(s.agents[(int) (n % s.agents.length)], t.id(), REPLY);
                    creates += mid - before;
                    replies += s.statements.get() - mid;
                }
                PRINT_SQL = false;
                System.out.printf("%-15s create %5.2f  reply %5.2f%n", step, (double) creates / ops, (double) replies / ops);
            }
        }
    }
}
