package dev.ticketkit.examples;

import dev.ticketkit.commerce.Commerce;
import dev.ticketkit.commerce.Money;
import dev.ticketkit.commerce.aftersales.AfterSales;
import dev.ticketkit.commerce.aftersales.AfterSalesCase;
import dev.ticketkit.commerce.aftersales.AfterSalesTeams;
import dev.ticketkit.commerce.aftersales.CaseState;
import dev.ticketkit.commerce.aftersales.CaseType;
import dev.ticketkit.commerce.aftersales.RefundReceipt;
import dev.ticketkit.commerce.returns.ReturnReason;
import dev.ticketkit.commerce.compensation.CompensationAmount;
import dev.ticketkit.commerce.compensation.CompensationGateway;
import dev.ticketkit.commerce.compensation.CompensationKind;
import dev.ticketkit.commerce.compensation.CompensationLedger;
import dev.ticketkit.commerce.compensation.CompensationLimits;
import dev.ticketkit.commerce.compensation.CompensationLimitsSource;
import dev.ticketkit.commerce.compensation.CompensationReceipt;
import dev.ticketkit.commerce.compensation.CompensationState;
import dev.ticketkit.commerce.compensation.Compensations;
import dev.ticketkit.connectors.email.EmailChannel;
import dev.ticketkit.connectors.email.EmailThreading;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.MessageResult;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Page;
import dev.ticketkit.core.Presence;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.examples.Inquiries.Topic;
import dev.ticketkit.routing.classify.ClassificationHook;
import dev.ticketkit.routing.classify.KeywordClassifier;
import dev.ticketkit.routing.rules.RuleEngine;
import dev.ticketkit.routing.rules.RuleSet;
import dev.ticketkit.sla.BusinessCalendar;
import dev.ticketkit.sla.Sla;
import dev.ticketkit.core.Calendars;
import dev.ticketkit.sla.SlaPolicies;
import dev.ticketkit.sla.SlaReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * Double 11 (11 November) at an online store, simulated on a {@link SimulatedClock}: inquiries arrive through
 * eight channels along a peak-day curve (a burst at midnight when the sale opens, a peak at 10:00, the evening
 * rush until midnight), twenty agents in five teams pull work from their queues, customers answer back, the
 * warehouse confirms returned parcels through child tasks, duplicates get merged, and solved tickets close
 * themselves four simulated hours later through due work. Everything goes through the public engine API; the
 * random seed is fixed, so two runs print the same numbers (except the wall time).
 *
 * <p>The modules at work: e-mail arrives as raw MIME through {@link EmailChannel} and {@link Intake} (parsing,
 * quote stripping, threading by ticket token, reopen and follow-up); the other channels' integrations call the
 * engine directly. Every inquiry is classified ({@link KeywordClassifier}: category, urgency, sentiment,
 * language) and routed by the merchant's rules from {@value #RULES} (team, priority, SLA policy, an
 * acknowledgement, escalations); SLA policies from {@value #SLA_POLICIES} time first reply, next reply and
 * resolution on a 24x7 or a service-hours calendar, their warnings and breaches fire as due work (and a rule
 * escalates a missed first reply), and the summary prints SLA attainment per metric and channel.
 *
 * <p>Run it with {@code mvn -q -B -pl examples exec:java} from the repository root; pass a number of
 * inquiries as the first argument to change the size (default {@value #DEFAULT_INQUIRIES}).
 */
public final class PeakDaySimulation {
    /** Inquiries in the default run (a few seconds on two cores). */
    public static final int DEFAULT_INQUIRIES = 5_000;
    /** The seed of the default run. */
    public static final long DEFAULT_SEED = 1111L;
    /** How long a solved ticket waits before it is closed (4 days in real life; 4 hours here, to see it happen). */
    public static final Duration AUTO_CLOSE_AFTER = Duration.ofHours(4);

    /** The merchant's rule file (classpath resource). */
    public static final String RULES = "/rules/peak-day-rules.yaml";
    /** The merchant's SLA policies (classpath resource). */
    public static final String SLA_POLICIES = "/sla/peak-day-sla.yaml";
    /** The service desk's calendar (every day 08:00-24:00) as the rules and SLA policies name it. */
    static final String SERVICE_CALENDAR = "cn-service";
    /** The shop's support address e-mail goes to. */
    static final String SUPPORT_ADDRESS = "service@double11-shop.example";

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DOUBLE_11 = LocalDate.of(2024, 11, 11);
    private static final TenantId TENANT = TenantId.of("double11-flagship-store");
    private static final Duration TICK = Duration.ofMinutes(1);
    /** After midnight no new inquiries are simulated; the night crew, customers' answers and auto-close go on. */
    private static final Duration NIGHT_TAIL = Duration.ofHours(3);
    /** Tickets an agent takes from the queue at once (chat agents juggle a few conversations). */
    private static final int CLAIM = 3;
    private static final Duration IDLE_POLL = Duration.ofMinutes(2);

    static final TeamId PRE_SALES = TeamId.of("pre-sales");
    static final TeamId AFTER_SALES = TeamId.of("after-sales");
    static final TeamId LOGISTICS = TeamId.of("logistics");
    static final TeamId WAREHOUSE = TeamId.of("warehouse");
    static final TeamId FINANCE = TeamId.of("finance");

    /** The channels customers use, with their share of customers, identity type and share of English speakers. */
    private record ChannelMix(Channel channel, double share, IdentityType identity, double english, boolean chat) {
    }

    private static final List<ChannelMix> CHANNELS = List.of(
            new ChannelMix(Channel.TAOBAO, 0.30, IdentityType.TAOBAO_BUYER, 0.01, true),
            new ChannelMix(Channel.JD, 0.15, IdentityType.JD_BUYER, 0.01, true),
            new ChannelMix(Channel.PINDUODUO, 0.12, IdentityType.PINDUODUO_BUYER, 0.0, true),
            new ChannelMix(Channel.WECHAT, 0.13, IdentityType.WECHAT_OPENID, 0.02, true),
            new ChannelMix(Channel.APP, 0.10, IdentityType.EXTERNAL_ID, 0.05, true),
            new ChannelMix(Channel.WEB_CHAT, 0.08, IdentityType.EMAIL, 0.20, true),
            new ChannelMix(Channel.EMAIL, 0.06, IdentityType.EMAIL, 0.50, false),
            new ChannelMix(Channel.SHOPIFY, 0.06, IdentityType.SHOPIFY_CUSTOMER, 0.85, false));

    /** Relative inquiry volume per hour of the day (the midnight burst is added on top). */
    private static final double[] HOURLY = {
        6, 3.5, 2, 1.2, 0.8, 0.6, 0.8, 1.5, 3, 5, 7.5, 6.5, 5, 4.5, 5, 5, 4.5, 4, 4, 5, 7, 8, 8.5, 8};

    /** A simulated customer: who they are on which channel. */
    private record Shopper(int index, ChannelMix mix, String identity, String nickname, MemberTier tier, boolean english) {
    }

    /** A simulated agent with the shift they work on 11 November. */
    private record Staff(Agent agent, Actor actor, LocalTime from, LocalTime to) {
    }

    /** What the simulation remembers about a ticket (the engine holds the ticket itself). */
    private static final class Case {
        final Topic topic;
        final Shopper shopper;
        /** 0 before the first answer; grows with each exchange. */
        int stage;
        boolean returnFlow;
        TicketId childTask;
        /** The after-sales case opened for the return, or null. */
        String afterSalesCase;

        Case(Topic topic, Shopper shopper) {
            this.topic = topic;
            this.shopper = shopper;
            this.returnFlow = topic.isReturnFlow();
        }
    }

    /**
     * After-sales cases of the day, counted from the committed {@code ext.commerce.case} events.
     *
     * @param opened   cases opened (returns and exchanges)
     * @param approved approved by the lead
     * @param refused  refused (by the return policy, with its clause)
     * @param refusedBy the refusals per policy clause
     * @param received returned parcels the warehouse confirmed (its task solved)
     * @param refunds  refunds paid through the payment system
     * @param refunded their total
     * @param reshipped exchanges shipped again
     * @param done     cases finished
     * @param couponsGranted  coupons issued (after an approval or within the agent's limit)
     * @param couponsApproved coupons above the agent's limit the lead approved
     * @param couponsRefused  coupons refused over the customer's monthly cap
     * @param couponTotal     their total
     */
    public record AfterSalesCounts(long opened, long approved, long refused, Map<String, Integer> refusedBy,
                                   long received, long refunds, java.math.BigDecimal refunded, long reshipped, long done,
                                   long couponsGranted, long couponsApproved, long couponsRefused,
                                   java.math.BigDecimal couponTotal) {
        public AfterSalesCounts {
            refusedBy = Collections.unmodifiableMap(new java.util.TreeMap<>(refusedBy));
        }
    }

    /** The numbers a run produces. */
    public record Summary(
            int inquiries,
            int duplicatesSent,
            int tickets,
            int numberedTickets,
            Map<String, Integer> ticketsByChannel,
            Map<TicketStatus, Integer> ticketsByStatus,
            long agentReplies,
            long customerReplies,
            long internalNotes,
            long reopened,
            long followUps,
            int followUpsLinked,
            long merges,
            long childTasks,
            int childTasksLinked,
            long autoClosed,
            int answeredTickets,
            Duration firstReplyMedian,
            Duration firstReplyP90,
            long commands,
            long queries,
            long dueWorkRun,
            long emailsTakenIn,
            long autoReplies,
            long escalations,
            long slaWarnings,
            long slaBreaches,
            Map<String, Integer> ticketsByTeam,
            SlaReport sla,
            AfterSalesCounts afterSales,
            Duration wallTime) {

        public Summary {
            ticketsByChannel = Collections.unmodifiableMap(new LinkedHashMap<>(ticketsByChannel));
            ticketsByStatus = Collections.unmodifiableMap(new EnumMap<>(ticketsByStatus));
            ticketsByTeam = Collections.unmodifiableMap(new LinkedHashMap<>(ticketsByTeam));
        }

        public double commandsPerSecond() {
            return commands / Math.max(1e-9, wallTime.toNanos() / 1e9);
        }
    }

    /**
     * Runs the day on the embedded H2 store (a fresh database in a temporary directory, removed afterwards)
     * and prints the summary. Argument: the number of inquiries (default {@value #DEFAULT_INQUIRIES}).
     */
    public static void main(String[] args) throws java.io.IOException {
        int inquiries = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_INQUIRIES;
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ticketkit-peak-day");
        System.out.printf(Locale.ROOT, "Double 11 peak day: %,d inquiries, seed %d, simulated clock in %s, embedded H2 store%n",
                inquiries, DEFAULT_SEED, SHANGHAI);
        try (dev.ticketkit.jdbc.JdbcTicketStore store = dev.ticketkit.jdbc.JdbcTicketStore.embedded(dir)) {
            Summary s = run(inquiries, DEFAULT_SEED, store);
            System.out.print(format(s));
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    /** Runs a whole simulated day with {@code inquiries} customer inquiries and the default seed, in memory. */
    public static Summary run(int inquiries) {
        return run(inquiries, DEFAULT_SEED);
    }

    /** Runs a whole simulated day in memory; the same arguments give the same summary (except the wall time). */
    public static Summary run(int inquiries, long seed) {
        try (TicketStore store = TicketStore.inMemory()) {
            return run(inquiries, seed, store);
        }
    }

    /** Runs a whole simulated day on the given store (which the caller closes). */
    public static Summary run(int inquiries, long seed, TicketStore store) {
        if (inquiries < 1) {
            throw new IllegalArgumentException("inquiries must be positive: " + inquiries);
        }
        long started = System.nanoTime();
        PeakDaySimulation sim = new PeakDaySimulation(inquiries, seed, store);
        try (TicketEngine engine = sim.engine) {
            sim.setUp();
            sim.simulate();
            return sim.summarise(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    // ---- state ---------------------------------------------------------------------------------

    private final int inquiries;
    private final Random rnd;
    private final Instant dayStart;
    private final SimulatedClock clock;
    private final TicketEngine engine;
    private final RuleEngine rules;
    private final Sla sla;
    private final EmailChannel email;
    private final Intake intake;
    private final Commerce commerce;
    /** The shop's payment system for refunds: pays once per key, as a real one must. */
    private final Map<String, RefundReceipt> refundsPaid = new HashMap<>();
    /** The shop's coupon system: issues once per key. */
    private final Map<String, CompensationReceipt> couponsIssued = new HashMap<>();
    private final Actor admin = Actor.system(TENANT, "store-setup");
    /** The after-sales lead who decides returns, finance who pays refunds, the warehouse desk that reships. */
    private Actor lead;
    private Actor refunder;
    private Actor reshipper;
    private final Map<Channel, Actor> integrations = new LinkedHashMap<>();
    private final List<Shopper> shoppers = new ArrayList<>();
    private final Map<Integer, CustomerId> registered = new HashMap<>();
    private final List<Staff> staff = new ArrayList<>();
    private final Map<TicketId, Case> cases = new HashMap<>();
    /** Tickets each agent took from the queue and has not answered yet, in the order taken. */
    private final Map<AgentId, Deque<TicketId>> claimed = new HashMap<>();
    /** Parents whose warehouse task is done, waiting for an after-sales agent to finish them. */
    private final Deque<TicketId> warehouseDone = new ArrayDeque<>();
    private final Map<TicketId, TicketId> parentOfChild = new HashMap<>();
    private final Set<AgentId> online = new java.util.TreeSet<>();
    private final PriorityQueue<Scheduled> agenda = new PriorityQueue<>();
    private long sequence;
    private final Counts counts = new Counts();

    private record Scheduled(Instant at, long seq, Runnable action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** Counted from the engine's committed events, so the summary reports what happened, not what we meant. */
    private static final class Counts {
        private final Map<String, java.math.BigDecimal> couponAmounts = new HashMap<>();

        void compensation(Map<String, String> a) {
            if ("request".equals(a.get("action")) && a.get("amount") != null) {
                couponAmounts.put(a.get("key"), new java.math.BigDecimal(a.get("amount")));
            }
            if ("approve".equals(a.get("action"))) {
                couponsApproved++;
            }
            if (CompensationState.GRANTED.name().equals(a.get("state"))) {
                couponsGranted++;
                couponTotal = couponTotal.add(couponAmounts.getOrDefault(a.get("key"), java.math.BigDecimal.ZERO));
            }
        }

        void afterSales(Map<String, String> a) {
            if ("open".equals(a.get("action"))) {
                casesOpened++;
                if ("false".equals(a.get("policy.allowed"))) {
                    refusedBy.merge(a.get("policy.clause"), 1, Integer::sum);
                }
                return;
            }
            switch (a.getOrDefault("state", "")) {
                case "APPROVED" -> casesApproved++;
                case "REJECTED" -> casesRefused++;
                case "RECEIVED" -> casesReceived++;
                case "REFUNDED" -> {
                    refunds++;
                    refunded = refunded.add(new java.math.BigDecimal(a.get("refund")));
                }
                case "RESHIPPED" -> reshipped++;
                case "DONE" -> casesDone++;
                default -> { }
            }
        }


        long agentReplies;
        long customerReplies;
        long internalNotes;
        long reopened;
        long followUps;
        long merges;
        long childTasks;
        long autoClosed;
        long commands;
        long queries;
        long dueWork;
        long emails;
        long autoReplies;
        long escalations;
        long slaWarnings;
        long slaBreaches;
        int duplicatesSent;
        long casesOpened;
        long casesApproved;
        long casesRefused;
        final Map<String, Integer> refusedBy = new java.util.TreeMap<>();
        long casesReceived;
        long refunds;
        java.math.BigDecimal refunded = java.math.BigDecimal.ZERO;
        long reshipped;
        long casesDone;
        long couponsGranted;
        long couponsApproved;
        long couponsRefused;
        java.math.BigDecimal couponTotal = java.math.BigDecimal.ZERO;

        void onEvents(List<TicketEvent> events) {
            Set<TicketId> createdByIntake = new java.util.HashSet<>();
            for (TicketEvent e : events) {
                if (e instanceof TicketEvent.ExtensionEvent x && x.name().equals(AfterSales.EVENT)) {
                    afterSales(x.attributes());
                } else if (e instanceof TicketEvent.ExtensionEvent x && x.name().equals(Compensations.EVENT)) {
                    compensation(x.attributes());
                }
                if (e instanceof TicketEvent.TicketCreated c) {
                    if (!c.ticket().linked(LinkType.FOLLOW_UP_OF).isEmpty()) {
                        followUps++;
                    } else if (!c.ticket().linked(LinkType.PARENT).isEmpty()) {
                        childTasks++;
                    } else {
                        createdByIntake.add(c.ticketId());
                    }
                } else if (e instanceof TicketEvent.MessageAdded m) {
                    if (m.visibility() == Visibility.INTERNAL) {
                        internalNotes++;
                    } else if (m.authorKind() == AuthorKind.AGENT) {
                        agentReplies++;
                    } else if (m.authorKind() == AuthorKind.SYSTEM) {
                        autoReplies++; // a rule's templated acknowledgement
                    } else if (m.authorKind() == AuthorKind.CUSTOMER && !createdByIntake.contains(m.ticketId())) {
                        customerReplies++; // not the inquiry that opened the ticket
                    }
                } else if (e instanceof TicketEvent.StatusChanged s) {
                    if (s.from() == TicketStatus.SOLVED && s.to() == TicketStatus.OPEN) {
                        reopened++;
                    } else if (s.to() == TicketStatus.CLOSED && s.actor().id().equals(AutoClose.TYPE)) {
                        autoClosed++;
                    }
                } else if (e instanceof TicketEvent.TicketMerged) {
                    merges++;
                } else if (e instanceof TicketEvent.NotificationRequested n
                        && (n.topic().equals("supervisor") || n.topic().equals("sla-breach"))) {
                    escalations++;
                } else if (e instanceof TicketEvent.SlaWarning) {
                    slaWarnings++;
                } else if (e instanceof TicketEvent.SlaBreached) {
                    slaBreaches++;
                }
            }
        }
    }

    private PeakDaySimulation(int inquiries, long seed, TicketStore store) {
        this.inquiries = inquiries;
        this.rnd = new Random(seed);
        this.dayStart = DOUBLE_11.atStartOfDay(SHANGHAI).toInstant();
        this.clock = new SimulatedClock(dayStart.minus(Duration.ofHours(1)), SHANGHAI);
        AutoClose autoClose = new AutoClose(AUTO_CLOSE_AFTER);
        BusinessCalendar.Builder service = BusinessCalendar.builder(SHANGHAI);
        for (DayOfWeek d : DayOfWeek.values()) {
            service.hours(d, LocalTime.of(8, 0), LocalTime.MIDNIGHT); // the desk works weekends and holidays too
        }
        // the calendars every module shares, registered once on the engine
        Calendars calendars = Calendars.builder().add(SERVICE_CALENDAR, service.build()).build();
        try (InputStream in = resource(SLA_POLICIES)) {
            this.sla = Sla.of(SlaPolicies.fromYaml(in, SLA_POLICIES.substring(1), calendars));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.rules = RuleEngine.builder().build();
        // after-sales: returns and exchanges as cases, warehouse and finance steps as child tasks, refunds paid once
        this.commerce = Commerce.builder().orders(SimulatedOms.ORDERS).orderFacts(false)   // the OMS's own order.* facts
                .refunds((tenant, order, amount, key) -> refundsPaid.computeIfAbsent(key,
                        k -> new RefundReceipt("RF" + (refundsPaid.size() + 1), amount)))
                .afterSalesTeams(new AfterSalesTeams(WAREHOUSE, FINANCE))
                // coupons for late parcels and complaints: agents up to 20 CNY, the lead up to 200, above that no one
                .compensation(grant -> couponsIssued.computeIfAbsent(grant.idempotencyKey(),
                                k -> new CompensationReceipt("CP" + (couponsIssued.size() + 1))),
                        CompensationLimitsSource.of(CompensationLimits.builder("CNY", SHANGHAI)
                                .role("after-sales-agent", Money.of("20", "CNY"), 200)
                                .role("after-sales-lead", Money.of("200", "CNY"), 2_000)
                                .customerCap(Money.of("100", "CNY"), 1_000, 30).build()),
                        CompensationLedger.inMemory())
                .fetchExecutor(Runnable::run)                        // the simulated OMS answers at once
                .build();
        // module order: commerce's facts and hooks, classification tags the inquiry, rules route on the tags, SLA times the result
        this.engine = TicketEngine.builder()
                .store(store)
                .clock(clock)
                .numberPrefix("DD")
                .nodeId("peak-day-sim")
                .calendars(calendars)
                .factSource(SimulatedOms.ORDER_FACTS)      // order.* facts for the rules, as an OMS would give
                .module(commerce)
                .module(ClassificationHook.builder(KeywordClassifier.ofDefaults()).build())
                .module(rules)
                .module(sla)
                .module(autoClose)
                .listener(counts::onEvents)
                .listener(this::onCommitted)
                .build();
        this.email = EmailChannel.builder(TENANT, SUPPORT_ADDRESS).clock(clock).build();
        this.intake = Intake.builder(engine).build();
    }

    private static InputStream resource(String name) {
        InputStream in = PeakDaySimulation.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " is missing from the classpath");
        }
        return in;
    }

    // ---- set-up --------------------------------------------------------------------------------

    private void setUp() {
        for (Team t : List.of(Team.of(TENANT, PRE_SALES, "Pre-sales 售前"), Team.of(TENANT, AFTER_SALES, "After-sales 售后"),
                Team.of(TENANT, LOGISTICS, "Logistics 物流"), Team.of(TENANT, WAREHOUSE, "Warehouse 仓库"),
                Team.of(TENANT, FINANCE, "Finance 财务"))) {
            engine.directory().saveTeam(admin, t);
            counts.commands++;
        }
        hireBackOffice();
        // id, name, teams, languages, skills, shift
        hire("a01", "Lin Wei", Set.of(PRE_SALES), "zh", Set.of("presale"), "00:00", "09:00");
        hire("a02", "Chen Jing", Set.of(PRE_SALES), "zh", Set.of("presale", "coupon"), "00:00", "03:00");
        hire("a03", "Amy Zhou", Set.of(PRE_SALES), "zh,en", Set.of("presale", "cross-border"), "09:00", "18:00");
        hire("a04", "Wang Fang", Set.of(PRE_SALES), "zh", Set.of("presale"), "09:00", "18:00");
        hire("a05", "Zhao Lei", Set.of(PRE_SALES, AFTER_SALES), "zh,en", Set.of("presale", "vip"), "15:00", "24:00");
        hire("a06", "Liu Yang", Set.of(AFTER_SALES), "zh,en", Set.of("refund", "vip"), "00:00", "09:00");
        hire("a07", "Sun Li", Set.of(AFTER_SALES), "zh", Set.of("refund"), "08:00", "17:00");
        hire("a08", "Zhou Min", Set.of(AFTER_SALES), "zh", Set.of("refund", "exchange"), "09:00", "18:00");
        hire("a09", "Grace Wu", Set.of(AFTER_SALES), "zh,en", Set.of("refund", "cross-border"), "12:00", "21:00");
        hire("a10", "Xu Tao", Set.of(AFTER_SALES), "zh", Set.of("exchange", "complaint"), "15:00", "24:00");
        hire("a11", "He Na", Set.of(AFTER_SALES), "zh", Set.of("complaint", "vip"), "15:00", "24:00");
        hire("a12", "Ma Jun", Set.of(LOGISTICS), "zh", Set.of("tracking"), "00:00", "08:00");
        hire("a13", "Guo Qiang", Set.of(LOGISTICS), "zh", Set.of("tracking", "address"), "08:00", "17:00");
        hire("a14", "Kevin Huang", Set.of(LOGISTICS), "zh,en", Set.of("tracking", "cross-border"), "10:00", "19:00");
        hire("a15", "Luo Xin", Set.of(LOGISTICS), "zh,en", Set.of("tracking"), "15:00", "24:00");
        hire("a16", "Tang Bo", Set.of(WAREHOUSE), "zh", Set.of("returns"), "06:00", "15:00");
        hire("a17", "Feng Hui", Set.of(WAREHOUSE), "zh", Set.of("returns"), "14:00", "23:00");
        hire("a18", "Deng Yu", Set.of(FINANCE), "zh", Set.of("invoice"), "09:00", "18:00");
        hire("a19", "Iris Xie", Set.of(FINANCE), "zh,en", Set.of("invoice", "refund"), "13:00", "22:00");
        hire("a20", "Cao Rui", Set.of(PRE_SALES, LOGISTICS), "zh", Set.of("presale", "tracking"), "18:00", "24:00");

        // the merchant's rules, checked against the directory at load (an unknown team is a load error)
        try (InputStream in = resource(RULES)) {
            RuleSet set = rules.parse(RULES.substring(1), in);
            rules.replace(TENANT, set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ChannelMix m : CHANNELS) {
            integrations.put(m.channel(), Actor.integration(TENANT, m.channel().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
        int population = Math.max(20, inquiries * 4 / 5);
        for (int i = 0; i < population; i++) {
            ChannelMix mix = pickChannel();
            boolean english = rnd.nextDouble() < mix.english();
            double t = rnd.nextDouble();
            MemberTier tier = t < 0.04 ? MemberTier.VIP : t < 0.13 ? MemberTier.GOLD : t < 0.30 ? MemberTier.SILVER : MemberTier.STANDARD;
            shoppers.add(new Shopper(i, mix, identityValue(mix, i), nickname(i, english), tier, english));
        }
        for (Staff s : staff) {
            schedule(at(s.from()), () -> agentFree(s));
        }
        scheduleArrivals();
    }

    /** Day-to-day ticket work plus opening and following after-sales cases. */
    private static final Role AGENT_ROLE = Role.AGENT.with("after-sales-agent", AfterSales.REQUEST, Compensations.REQUEST);

    /** The people behind the after-sales decisions and payments, who do not work the queues. */
    private void hireBackOffice() {
        Agent zhou = engine.directory().saveAgent(admin, Agent.of(TENANT, AgentId.of("lead"), "Zhou Min", AFTER_SALES));
        Agent qian = engine.directory().saveAgent(admin, Agent.of(TENANT, AgentId.of("finance"), "Qian Li", FINANCE));
        Agent sun = engine.directory().saveAgent(admin, Agent.of(TENANT, AgentId.of("dispatch"), "Sun Hao", WAREHOUSE));
        counts.commands += 3;
        lead = Actor.agent(zhou, Role.SUPERVISOR.with("after-sales-lead", AfterSales.DECIDE, Compensations.APPROVE));
        refunder = Actor.agent(qian, Role.SUPERVISOR.with("finance-refunds", AfterSales.REFUND));
        reshipper = Actor.agent(sun, Role.SUPERVISOR.with("warehouse-dispatch", AfterSales.WAREHOUSE));
    }

    private void hire(String id, String name, Set<TeamId> teams, String languages, Set<String> skills, String from, String to) {
        Agent a = new Agent(AgentId.of(id), TENANT, name, teams, skills, Set.of(languages.split(",")),
                Map.of(Channel.WEB_CHAT, 5, Channel.APP, 5, Channel.WECHAT, 5, Channel.TAOBAO, 5, Channel.JD, 5,
                        Channel.PINDUODUO, 5),
                Presence.OFFLINE);
        Agent saved = engine.directory().saveAgent(admin, a);
        counts.commands++;
        // The warehouse works the tasks after-sales gives it with the built-in light-agent role (read, note, solve
        // their team's tickets); after-sales follows its tasks as a ticket's readers follow its child tasks.
        Actor actor = saved.isMemberOf(WAREHOUSE) ? Actor.agent(saved, Role.LIGHT_AGENT) : Actor.agent(saved, AGENT_ROLE);
        staff.add(new Staff(saved, actor, LocalTime.parse(from),
                to.equals("24:00") ? LocalTime.MAX : LocalTime.parse(to)));
        claimed.put(saved.id(), new ArrayDeque<>());
    }

    private ChannelMix pickChannel() {
        double r = rnd.nextDouble();
        for (ChannelMix m : CHANNELS) {
            r -= m.share();
            if (r < 0) {
                return m;
            }
        }
        return CHANNELS.get(CHANNELS.size() - 1);
    }

    private String identityValue(ChannelMix mix, int i) {
        IdentityType type = mix.identity();
        if (type.equals(IdentityType.EMAIL)) {
            return "shopper" + i + "@example.com";
        }
        if (type.equals(IdentityType.WECHAT_OPENID)) {
            StringBuilder b = new StringBuilder("oDemo");
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
            for (int k = 0; k < 23; k++) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            return b.toString();
        }
        if (type.equals(IdentityType.SHOPIFY_CUSTOMER)) {
            return Long.toString(7_000_000_000_000L + i);
        }
        if (type.equals(IdentityType.EXTERNAL_ID)) {
            return "app-user-" + (100_000 + i);
        }
        return mix.channel().name().toLowerCase(Locale.ROOT) + "_buyer_" + (10_000 + i);
    }

    private static String nickname(int i, boolean english) {
        return english ? "Demo Shopper " + i : "演示买家" + i;
    }

    /** Draws exactly {@code inquiries} arrival times from the day's curve, and the inquiry each one brings. */
    private void scheduleArrivals() {
        double[] cumulative = new double[24 * 60];
        double total = 0;
        for (int m = 0; m < cumulative.length; m++) {
            total += weight(m);
            cumulative[m] = total;
        }
        List<Instant> times = new ArrayList<>(inquiries);
        for (int i = 0; i < inquiries; i++) {
            double u = rnd.nextDouble() * total;
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            times.add(dayStart.plusSeconds(lo * 60L + rnd.nextInt(60)));
        }
        Collections.sort(times);
        for (Instant t : times) {
            Shopper s = shoppers.get(rnd.nextInt(shoppers.size()));
            Topic topic = pickTopic(hourOf(t));
            schedule(t, () -> arrive(s, topic, false, null));
        }
    }

    /** Inquiries per minute of the day, relative: hourly curve interpolated, plus the burst right after 00:00. */
    private static double weight(int minuteOfDay) {
        double h = minuteOfDay / 60.0 - 0.5;
        int h0 = Math.floorMod((int) Math.floor(h), 24);
        int h1 = (h0 + 1) % 24;
        double f = h - Math.floor(h);
        double base = HOURLY[h0] * (1 - f) + HOURLY[h1] * f;
        double burst = 40 * Math.exp(-minuteOfDay / 7.0); // the sale opens: payment and coupon questions
        return base + burst;
    }

    private Topic pickTopic(int hour) {
        double[] w = hour < 2
                // right after the sale opens: deposits, balances, coupons
                ? new double[] {6, 4, 3, 1, 1, 3, 60, 5}
                : new double[] {30, 11, 8, 5, 6, 6, 29, 5};
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double r = rnd.nextDouble() * total;
        Topic[] topics = Topic.values();
        for (int i = 0; i < topics.length; i++) {
            r -= w[i];
            if (r < 0) {
                return topics[i];
            }
        }
        return topics[topics.length - 1];
    }

    // ---- the loop ------------------------------------------------------------------------------

    private void simulate() {
        Instant end = dayStart.plus(Duration.ofDays(1)).plus(NIGHT_TAIL);
        clock.advanceTo(dayStart);
        for (Instant tick = dayStart; tick.isBefore(end); tick = tick.plus(TICK)) {
            Instant next = tick.plus(TICK);
            while (!agenda.isEmpty() && agenda.peek().at().isBefore(next)) {
                Scheduled s = agenda.poll();
                if (s.at().isAfter(clock.instant())) {
                    clock.advanceTo(s.at());
                }
                s.action().run();
            }
            clock.advanceTo(next);
            counts.dueWork += engine.runDueWork();
        }
    }

    private void schedule(Instant at, Runnable action) {
        agenda.add(new Scheduled(at, sequence++, action));
    }

    private Instant now() {
        return clock.instant();
    }

    private Instant at(LocalTime time) {
        return DOUBLE_11.atTime(time).atZone(SHANGHAI).toInstant();
    }

    /** The next start of the agent's daily shift after now. */
    private Instant nextShiftStart(Staff s) {
        ZonedDateTime n = ZonedDateTime.ofInstant(now(), SHANGHAI);
        ZonedDateTime start = n.toLocalDate().atTime(s.from()).atZone(SHANGHAI);
        return start.isAfter(n) ? start.toInstant() : start.plusDays(1).toInstant();
    }

    private static int hourOf(Instant t) {
        return ZonedDateTime.ofInstant(t, SHANGHAI).getHour();
    }

    /** Shifts repeat every day ({@code to} is exclusive; LocalTime.MAX stands for 24:00). */
    private boolean onShift(Staff s) {
        LocalTime t = ZonedDateTime.ofInstant(now(), SHANGHAI).toLocalTime();
        return !t.isBefore(s.from()) && t.isBefore(s.to());
    }

    /** Seconds from a log-normal distribution with the given median, capped. */
    private long logNormalSeconds(double medianSeconds, double sigma, double capSeconds) {
        return (long) Math.min(capSeconds, Math.max(5, medianSeconds * Math.exp(sigma * rnd.nextGaussian())));
    }

    // ---- customers -----------------------------------------------------------------------------

    /** An inquiry arrives through the shopper's channel: the intake resolves the customer and opens a ticket. */
    private void arrive(Shopper s, Topic topic, boolean duplicate, String originalSubject) {
        Actor channel = integrations.get(s.mix().channel());
        CustomerId customer = registered.get(s.index());
        if (customer == null) {
            Customer c = engine.customers().findOrCreate(channel, ChannelIdentity.of(s.mix().identity(), s.identity()), s.nickname());
            counts.commands++;
            if (!c.tier().equals(s.tier())) {
                c = engine.customers().setTier(channel, c.id(), s.tier()); // the marketplace tells us the tier
                counts.commands++;
            }
            customer = c.id();
            registered.put(s.index(), customer);
        }
        String subject = duplicate ? Inquiries.duplicateSubject(originalSubject, s.english()) : topic.subject(s.english(), rnd);
        String body = duplicate ? Inquiries.duplicateBody(s.english()) : topic.body(s.english(), rnd);
        String messageId = s.mix().channel().name().toLowerCase(Locale.ROOT) + "-msg-" + sequence++;
        TicketId id;
        if (s.mix().channel() == Channel.EMAIL) {
            // the mail server hands over raw MIME; the channel parses it and intake opens (or threads) the ticket
            IntakeResult r = mail(s, subject, body, messageId + "@mail.example", null);
            if (r.ticketId().isEmpty()) {
                return;
            }
            id = r.ticketId().get();
        } else {
            id = engine.tickets().create(channel, NewTicket.builder(customer, subject)
                    .channel(s.mix().channel())
                    .message(NewMessage.text(body).withExternalId(messageId))
                    .idempotencyKey(messageId)
                    .build()).id();
            counts.commands++;
        }
        cases.put(id, new Case(topic, s));
        if (!duplicate && rnd.nextDouble() < 0.05) {
            // Impatient: writes again a few minutes later, and the new message does not thread onto the first.
            counts.duplicatesSent++;
            schedule(now().plusSeconds(logNormalSeconds(600, 0.6, 3_600)), () -> arrive(s, topic, true, subject));
        }
    }

    /** Decides whether and when the customer answers after an agent's reply left the ticket in {@code status}. */
    private void maybeCustomerAnswers(TicketId id, Case c, TicketStatus status) {
        boolean chat = c.shopper.mix().chat();
        double chance;
        long delay;
        switch (status) {
            case PENDING -> {
                chance = 0.8;
                delay = c.returnFlow
                        ? logNormalSeconds(4 * 3_600, 0.6, 20 * 3_600) // packing and posting the parcel takes a while
                        : logNormalSeconds(chat ? 600 : 5_400, 0.9, 10 * 3_600);
            }
            case SOLVED -> {
                chance = 0.12;
                delay = logNormalSeconds(2 * 3_600, 1.0, 20 * 3_600);
            }
            case ON_HOLD -> {
                chance = 0.25;
                delay = logNormalSeconds(2 * 3_600, 0.5, 8 * 3_600);
            }
            default -> {
                return;
            }
        }
        if (rnd.nextDouble() < chance) {
            schedule(now().plusSeconds(delay), () -> customerAnswers(id, c, status));
        }
    }

    private void customerAnswers(TicketId id, Case c, TicketStatus whenAsked) {
        Actor channel = integrations.get(c.shopper.mix().channel());
        Ticket t = engine.tickets().get(channel, id);
        counts.queries++;
        List<TicketId> mergedInto = t.linked(LinkType.MERGED_INTO);
        if (!mergedInto.isEmpty()) {
            id = mergedInto.get(0); // the conversation continues on the ticket it was merged into
        }
        boolean en = c.shopper.english();
        String text = switch (whenAsked) {
            case PENDING -> Inquiries.details(c.returnFlow ? Topic.RETURN : c.topic, en, rnd);
            case ON_HOLD -> Inquiries.nudge(en, rnd);
            default -> Inquiries.afterSolved(en, rnd);
        };
        if (c.shopper.mix().channel() == Channel.EMAIL) {
            // a mail client's answer: "Re:" and the ticket token in the subject, our reply quoted below
            Ticket target = id.equals(t.id()) ? t : engine.tickets().get(channel, id);
            String subject = "Re: " + target.subject() + " " + EmailThreading.token(target.number());
            IntakeResult r = mail(c.shopper, subject, text, "answer-" + sequence++ + "@mail.example", lastAgentText(id));
            if (r.outcome() == IntakeResult.Outcome.FOLLOW_UP || r.outcome() == IntakeResult.Outcome.CREATED) {
                r.ticketId().ifPresent(f -> cases.put(f, new Case(c.topic, c.shopper)));
            }
            return;
        }
        MessageResult r = engine.tickets().reply(channel, id, NewMessage.text(text));
        counts.commands++;
        if (r.isFollowUp()) {
            cases.put(r.ticket().id(), new Case(c.topic, c.shopper));
        }
    }

    /** The text of the newest public agent reply on the ticket, which a mail client quotes; or null. */
    private String lastAgentText(TicketId id) {
        List<dev.ticketkit.core.Message> messages = engine.tickets().messages(admin, id);
        counts.queries++;
        for (int i = messages.size() - 1; i >= 0; i--) {
            dev.ticketkit.core.Message m = messages.get(i);
            if (m.authorKind() == AuthorKind.AGENT && m.visibility() == Visibility.PUBLIC) {
                return m.text();
            }
        }
        return null;
    }

    /**
     * A shopper's e-mail as raw MIME (quoted-printable UTF-8, the quoted history of {@code quoted} below an
     * "On ... wrote:" line), parsed by the e-mail channel and taken in by intake.
     */
    private IntakeResult mail(Shopper s, String subject, String text, String messageId, String quoted) {
        StringBuilder body = new StringBuilder(text).append("\r\n");
        if (quoted != null) {
            body.append("\r\n").append(s.english() ? "On Mon, Service wrote:" : "在 2024年11月11日，客服 写道：").append("\r\n");
            quoted.lines().forEach(l -> body.append("> ").append(l).append("\r\n"));
        }
        String mime = "From: " + encodedWord(s.nickname()) + " <" + s.identity() + ">\r\n"
                + "To: " + SUPPORT_ADDRESS + "\r\n"
                + "Subject: " + encodedWord(subject) + "\r\n"
                + "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now(), SHANGHAI)) + "\r\n"
                + "Message-ID: <" + messageId + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(body.toString().getBytes(StandardCharsets.UTF_8)) + "\r\n";
        IntakeResult r = intake.accept(email.parse(TENANT, mime.getBytes(StandardCharsets.US_ASCII)));
        counts.commands++;
        counts.emails++;
        return r;
    }

    /** An RFC 2047 encoded word (UTF-8, base64) for a header value. */
    private static String encodedWord(String value) {
        return "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    // ---- agents --------------------------------------------------------------------------------

    /** The agent is free: answer a customer who wrote back, finish a case, or take new work from the queue. */
    private void agentFree(Staff s) {
        if (!onShift(s)) {
            endShift(s);
            schedule(nextShiftStart(s), () -> agentFree(s));
            return;
        }
        if (online.add(s.agent().id())) { // first time free in this shift: log in
            engine.directory().setPresence(s.actor(), s.agent().id(), Presence.ONLINE);
            counts.commands++;
        }
        Optional<TicketId> next = nextWork(s);
        if (next.isEmpty()) {
            schedule(now().plus(IDLE_POLL), () -> agentFree(s));
            return;
        }
        TicketId id = next.get();
        Case c = cases.get(id);
        boolean chat = c == null || c.shopper.mix().chat();
        long handling = c == null ? 40 + rnd.nextInt(100) // a warehouse check at the returns desk
                : chat ? 20 + rnd.nextInt(60) : 60 + rnd.nextInt(180); // chat agents juggle several sessions
        schedule(now().plusSeconds(handling), () -> {
            work(s, id);
            agentFree(s);
        });
    }

    private Optional<TicketId> nextWork(Staff s) {
        AgentId me = s.agent().id();
        // 1. Customers who wrote back on my tickets.
        Page<Ticket> mine = engine.tickets().view(s.actor(), ViewQuery.builder()
                .assignee(me).statuses(TicketStatus.OPEN).sort(SortField.UPDATED_AT, true).limit(1).build());
        counts.queries++;
        if (!mine.items().isEmpty()) {
            return Optional.of(mine.items().get(0).id());
        }
        // 2. Returns the warehouse has confirmed.
        if (s.agent().isMemberOf(AFTER_SALES) && !warehouseDone.isEmpty()) {
            TicketId parent = warehouseDone.poll();
            Ticket p = engine.tickets().get(s.actor(), parent);
            counts.queries++;
            if (p.status().isActive()) {
                engine.tickets().assign(s.actor(), parent, me);
                counts.commands++;
                return Optional.of(parent);
            }
        }
        // 3. What I took from the queue earlier.
        Deque<TicketId> taken = claimed.get(me);
        if (taken.isEmpty()) {
            claimFromQueue(s, taken);
        }
        return Optional.ofNullable(taken.poll());
    }

    /**
     * Takes up to {@value #CLAIM} unassigned tickets from the agent's teams' queue in work-queue order
     * ({@link SortField#QUEUE}: highest priority first, then the soonest SLA due time, then the oldest), in the
     * languages the agent speaks.
     */
    private void claimFromQueue(Staff s, Deque<TicketId> taken) {
        ViewQuery.Builder queue = ViewQuery.builder().statuses(TicketStatus.NEW, TicketStatus.OPEN).unassigned();
        s.agent().teams().stream().sorted().forEach(queue::team);
        if (!s.agent().languages().contains("en")) {
            queue.tag("lang:zh");
        } else if (!s.agent().languages().contains("zh")) {
            queue.tag("lang:en");
        }
        Page<Ticket> oldest = engine.tickets().view(s.actor(), queue.sort(SortField.QUEUE, true).limit(CLAIM).build());
        counts.queries++;
        Set<TicketId> merged = new java.util.HashSet<>();
        for (Ticket t : oldest.items()) {
            if (taken.contains(t.id()) || merged.contains(t.id())) {
                continue;
            }
            if (s.agent().isMemberOf(WAREHOUSE)) {
                taken.add(t.id()); // light agents work their team's tasks without assigning them
                continue;
            }
            Ticket mine = engine.tickets().assign(s.actor(), t.id(), s.agent().id());
            counts.commands++;
            Ticket kept = mergeDuplicates(s, mine, merged);
            if (!taken.contains(kept.id())) {
                taken.add(kept.id());
            }
        }
    }

    /**
     * The agent looks at the customer's other open tickets in their teams and merges newer duplicates into the
     * oldest one; returns the ticket to work on.
     */
    private Ticket mergeDuplicates(Staff s, Ticket t, Set<TicketId> merged) {
        if (!t.team().equals(Optional.of(WAREHOUSE)) && t.type().isEmpty()) {
            Page<Ticket> open = engine.customers().history(s.actor(), t.requester(),
                    ViewQuery.builder().active().team(t.team().orElseThrow()).sort(SortField.CREATED_AT, true).limit(10).build());
            counts.queries++;
            List<Ticket> same = open.items().stream()
                    .filter(o -> o.type().isEmpty() && issue(o.subject()).equals(issue(t.subject()))).toList();
            if (same.size() > 1) {
                Ticket target = same.get(0);
                for (Ticket dup : same.subList(1, same.size())) {
                    engine.tickets().merge(s.actor(), dup.id(), target.id());
                    counts.commands++;
                    merged.add(dup.id());
                    claimed.values().forEach(q -> q.remove(dup.id()));
                }
                if (target.assignee().isEmpty()) {
                    engine.tickets().assign(s.actor(), target.id(), s.agent().id());
                    counts.commands++;
                }
                return target.assignee().filter(a -> !a.equals(s.agent().id())).isPresent() ? t : target;
            }
        }
        return t;
    }

    /** The subject without the "Re:" an impatient customer's second message adds. */
    private static String issue(String subject) {
        return subject.replaceFirst("^(Re: |催单：)+", "");
    }

    /** One piece of agent work on a ticket, by what it is about and how far it got. */
    private void work(Staff s, TicketId id) {
        Ticket t = engine.tickets().get(s.actor(), id);
        counts.queries++;
        if (!t.status().isActive()) {
            return; // merged, closed or solved meanwhile
        }
        if (t.team().equals(Optional.of(WAREHOUSE))) {
            warehouseCheck(s, t);
            return;
        }
        Case c = cases.get(id);
        if (c == null) {
            return;
        }
        boolean en = c.shopper.english();
        Actor me = s.actor();
        if (rnd.nextDouble() < 0.12) {
            engine.tickets().note(me, id, Inquiries.internalNote(c.topic, rnd));
            counts.commands++;
        }
        TicketStatus after;
        String text;
        if (c.returnFlow && c.childTask == null && c.stage >= 1) {
            // The customer sent the parcel back: open the after-sales case; the lead decides; once approved, the
            // warehouse gets its task (commerce opens it) to receive and inspect the parcel.
            AfterSales afterSales = commerce.afterSales();
            OrderRef order = SimulatedOms.orderOf(c.shopper.index());
            if (!t.orders().contains(order)) {
                engine.tickets().update(me, id, TicketUpdate.builder().order(order).build());
                counts.commands++;
            }
            CaseType type = c.topic == Topic.EXCHANGE ? CaseType.EXCHANGE : CaseType.RETURN_AND_REFUND;
            Money amount = type == CaseType.EXCHANGE ? Money.of("0", "CNY")
                    : commerce.order(TENANT, order).value().map(o -> o.paid()).orElseThrow();
            // the shop's return policy decides (China's seven days; fresh food excluded; quality problems longer)
            ReturnReason reason = c.topic == Topic.BROKEN_ITEM ? ReturnReason.QUALITY_PROBLEM : ReturnReason.NO_REASON;
            AfterSalesCase opened = afterSales.open(me, id, type, order, amount, reason, rnd.nextDouble() < 0.3);
            c.afterSalesCase = opened.id();
            counts.commands++;
            if (opened.state() == CaseState.REJECTED) {
                // refused by the policy, with its clause on the case: the agent explains and closes
                c.returnFlow = false;
                text = Inquiries.answer(c.topic, en, rnd);
                after = TicketStatus.SOLVED;
            } else {
                AfterSalesCase approved = afterSales.approve(lead, id, opened.id());
                afterSales.returnShipped(me, id, opened.id(), Inquiries.trackingNumber(rnd));
                counts.commands += 2;
                c.childTask = TicketId.parse(approved.steps().get(approved.steps().size() - 1).task());
                parentOfChild.put(c.childTask, id);
                text = Inquiries.waitingForWarehouse(en);
                after = TicketStatus.ON_HOLD;
            }
        } else if (c.returnFlow && c.childTask != null) {
            boolean confirmed = engine.tickets().get(me, c.childTask).status() != TicketStatus.NEW;
            counts.queries++;
            if (confirmed && c.afterSalesCase != null) {
                // the warehouse received the parcel (the case moved to RECEIVED): refund or reship, and finish
                AfterSales afterSales = commerce.afterSales();
                AfterSalesCase received = afterSales.get(me, id, c.afterSalesCase);
                counts.queries++;
                if (received.state() == CaseState.RECEIVED) {
                    if (received.type() == CaseType.RETURN_AND_REFUND) {
                        afterSales.refund(refunder, id, received.id(), received.refundable());
                    } else {
                        afterSales.reship(reshipper, id, received.id(), Inquiries.trackingNumber(rnd));
                    }
                    afterSales.complete(me, id, received.id());
                    counts.commands += 2;
                }
            }
            text = confirmed ? Inquiries.answer(c.topic, en, rnd) : Inquiries.waitingForWarehouse(en);
            after = confirmed ? TicketStatus.SOLVED : TicketStatus.ON_HOLD;
        } else if (c.returnFlow) {
            text = Inquiries.askForDetails(Topic.RETURN, en);
            after = TicketStatus.PENDING;
        } else if (c.stage == 0) {
            double solveFirstTime = switch (c.topic) {
                case PRE_SALE_QUESTION -> 0.8;
                case WHERE_IS_MY_PARCEL -> 0.65;
                case CHANGE_ADDRESS -> 0.55;
                case INVOICE, COMPLAINT -> 0.45;
                case BROKEN_ITEM -> 0.0;
                case RETURN, EXCHANGE -> 0.0;
            };
            boolean solve = rnd.nextDouble() < solveFirstTime;
            text = solve ? Inquiries.answer(c.topic, en, rnd) : Inquiries.askForDetails(c.topic, en);
            after = solve ? TicketStatus.SOLVED : TicketStatus.PENDING;
        } else if (c.topic == Topic.BROKEN_ITEM && c.stage == 1 && rnd.nextDouble() < 0.4) {
            c.returnFlow = true; // better send it back for inspection
            text = Inquiries.askForDetails(Topic.RETURN, en);
            after = TicketStatus.PENDING;
        } else {
            boolean solve = rnd.nextDouble() < 0.85;
            text = solve ? Inquiries.answer(c.topic, en, rnd) : Inquiries.askForDetails(c.topic, en);
            after = solve ? TicketStatus.SOLVED : TicketStatus.PENDING;
        }
        if (after == TicketStatus.SOLVED && (c.topic == Topic.COMPLAINT || c.topic == Topic.WHERE_IS_MY_PARCEL)
                && rnd.nextDouble() < 0.3) {
            coupon(me, id, rnd.nextDouble() < 0.3 ? "50" : "10");
        }
        MessageResult r = engine.tickets().reply(me, id, NewMessage.text(text).thenStatus(after));
        counts.commands++;
        c.stage++;
        maybeCustomerAnswers(id, c, r.ticket().status());
    }

    /**
     * A coupon for the trouble: within the agent's limit it is issued at once; above it, it waits for the lead, who
     * approves; over the customer's cap for the month it is refused.
     */
    private void coupon(Actor agent, TicketId id, String yuan) {
        Compensations compensations = commerce.compensation();
        try {
            dev.ticketkit.commerce.compensation.Compensation asked = compensations.request(agent, id,
                    CompensationKind.COUPON, CompensationAmount.of(yuan, "CNY"), "sorry for the delay");
            counts.commands++;
            if (asked.state() == CompensationState.PENDING_APPROVAL) {
                compensations.approve(lead, id, asked.id());
                counts.commands++;
            }
        } catch (dev.ticketkit.commerce.compensation.CompensationLimitException overTheCap) {
            counts.couponsRefused++; // the customer had enough coupons this month
        }
    }

    /** Warehouse staff check the returned parcel, note it on the task and solve the task. */
    private void warehouseCheck(Staff s, Ticket task) {
        engine.tickets().note(s.actor(), task.id(), Inquiries.warehouseNote(rnd));
        engine.tickets().changeStatus(s.actor(), task.id(), TicketStatus.SOLVED);
        counts.commands += 2;
    }

    /** After commit: a solved warehouse task puts its parent back in after-sales' hands. */
    private void onCommitted(List<TicketEvent> events) {
        for (TicketEvent e : events) {
            if (e instanceof TicketEvent.StatusChanged sc && sc.to() == TicketStatus.SOLVED) {
                TicketId parent = parentOfChild.get(sc.ticketId());
                if (parent != null) {
                    warehouseDone.add(parent);
                }
            }
        }
    }

    /** Going home: hand back what is still open, so the next shift's queue has it. */
    private void endShift(Staff s) {
        engine.directory().setPresence(s.actor(), s.agent().id(), Presence.OFFLINE);
        counts.commands++;
        online.remove(s.agent().id());
        Deque<TicketId> taken = claimed.get(s.agent().id());
        List<TicketId> handBack = new ArrayList<>(taken);
        taken.clear();
        if (s.agent().isMemberOf(WAREHOUSE)) {
            return; // the warehouse's tasks stay in its team's queue, unassigned
        }
        Page<Ticket> mine = engine.tickets().view(s.actor(), ViewQuery.builder().assignee(s.agent().id())
                .statuses(TicketStatus.NEW, TicketStatus.OPEN).sort(SortField.CREATED_AT, true).limit(500).build());
        counts.queries++;
        mine.items().forEach(t -> {
            if (!handBack.contains(t.id())) {
                handBack.add(t.id());
            }
        });
        if (!handBack.isEmpty()) {
            engine.tickets().bulkUpdate(s.actor(), handBack, TicketUpdate.builder().unassign().build());
            counts.commands += handBack.size();
        }
    }

    // ---- the summary ---------------------------------------------------------------------------

    private Summary summarise(Duration wall) {
        List<Ticket> all = new ArrayList<>();
        ViewQuery q = ViewQuery.builder().sort(SortField.CREATED_AT, true).limit(500).build();
        while (true) {
            Page<Ticket> page = engine.tickets().view(admin, q);
            counts.queries++;
            all.addAll(page.items());
            if (page.nextCursor().isEmpty()) {
                break;
            }
            q = q.toBuilder().after(page.nextCursor().get()).build();
        }
        Map<String, Integer> byChannel = new LinkedHashMap<>();
        for (ChannelMix m : CHANNELS) {
            byChannel.put(m.channel().name(), 0);
        }
        Map<TicketStatus, Integer> byStatus = new EnumMap<>(TicketStatus.class);
        for (TicketStatus st : TicketStatus.values()) {
            byStatus.put(st, 0);
        }
        List<Duration> firstReplies = new ArrayList<>();
        Set<String> numbers = new java.util.HashSet<>();
        int followUpsLinked = 0;
        int childrenLinked = 0;
        Map<String, Integer> byTeam = new java.util.TreeMap<>();
        for (Ticket t : all) {
            byTeam.merge(t.team().map(TeamId::value).orElse("(none)"), 1, Integer::sum);
            byChannel.merge(t.channel().name(), 1, Integer::sum);
            byStatus.merge(t.status(), 1, Integer::sum);
            numbers.add(t.number().toString());
            t.firstAgentReplyAt().ifPresent(r -> firstReplies.add(Duration.between(t.createdAt(), r)));
            if (!t.linked(LinkType.FOLLOW_UP_OF).isEmpty()) {
                followUpsLinked++;
            }
            if (!t.linked(LinkType.PARENT).isEmpty()) {
                childrenLinked++;
            }
        }
        Collections.sort(firstReplies);
        SlaReport slaReport = sla.report(engine, admin, all.stream().map(Ticket::id).toList());
        counts.queries += all.size();
        return new Summary(inquiries, counts.duplicatesSent, all.size(), numbers.size(), byChannel, byStatus,
                counts.agentReplies, counts.customerReplies, counts.internalNotes, counts.reopened, counts.followUps,
                followUpsLinked, counts.merges, counts.childTasks, childrenLinked, counts.autoClosed, firstReplies.size(),
                percentile(firstReplies, 0.5), percentile(firstReplies, 0.9), counts.commands, counts.queries,
                counts.dueWork, counts.emails, counts.autoReplies, counts.escalations, counts.slaWarnings,
                counts.slaBreaches, byTeam, slaReport, new AfterSalesCounts(counts.casesOpened, counts.casesApproved,
                        counts.casesRefused, counts.refusedBy, counts.casesReceived, counts.refunds, counts.refunded, counts.reshipped,
                        counts.casesDone, counts.couponsGranted, counts.couponsApproved, counts.couponsRefused,
                        counts.couponTotal), wall);
    }

    /** Nearest-rank percentile of sorted durations; zero when there are none. */
    static Duration percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The summary as a plain-text table. */
    static String format(Summary s) {
        Table t = new Table();
        t.rule().row("Double 11 at a glance", "").rule();
        t.row("inquiries (+ duplicates sent)", s.inquiries() + " + " + s.duplicatesSent());
        t.row("tickets (incl. follow-ups, tasks)", s.tickets());
        t.row("e-mails taken in as raw MIME", s.emailsTakenIn()).rule();
        s.ticketsByChannel().forEach((ch, n) -> t.row("  channel " + ch, n));
        t.rule();
        s.ticketsByTeam().forEach((team, n) -> t.row("  team " + team + " (by the rules)", n));
        t.rule();
        s.ticketsByStatus().forEach((st, n) -> t.row("  status " + st, n));
        t.rule();
        t.row("public agent replies", s.agentReplies());
        t.row("customer replies", s.customerReplies());
        t.row("internal notes", s.internalNotes());
        t.row("reopened (reply after solved)", s.reopened());
        t.row("follow-ups (reply after closed)", s.followUps());
        t.row("duplicates merged", s.merges());
        t.row("child tasks (warehouse, finance)", s.childTasks());
        t.row("auto-closed " + AUTO_CLOSE_AFTER.toHours() + " h after solved", s.autoClosed()).rule();
        AfterSalesCounts as = s.afterSales();
        t.row("after-sales cases opened", as.opened());
        t.row("  approved / refused", as.approved() + " / " + as.refused());
        as.refusedBy().forEach((clause, n) -> t.row("    refused: " + clause, n));
        t.row("  returns received", as.received());
        t.row("  refunds paid", as.refunds());
        t.row("  refunded, CNY", as.refunded().toPlainString());
        t.row("  reshipped / done", as.reshipped() + " / " + as.done());
        t.row("coupons issued", as.couponsGranted());
        t.row("  above the agent's limit, approved", as.couponsApproved());
        t.row("  refused over the monthly cap", as.couponsRefused());
        t.row("  issued, CNY", as.couponTotal().toPlainString()).rule();
        t.row("tickets with an agent reply", s.answeredTickets());
        t.row("first reply, median", human(s.firstReplyMedian()));
        t.row("first reply, p90", human(s.firstReplyP90()));
        t.row("rule acknowledgements sent", s.autoReplies());
        t.row("escalations (rules)", s.escalations());
        t.row("SLA warnings / breaches raised", s.slaWarnings() + " / " + s.slaBreaches()).rule();
        t.row("commands", s.commands());
        t.row("queries", s.queries());
        t.row("due work run", s.dueWorkRun());
        t.row("wall time", String.format(Locale.ROOT, "%.2f s", s.wallTime().toNanos() / 1e9));
        t.row("commands per second", String.format(Locale.ROOT, "%,.0f", s.commandsPerSecond())).rule();
        return t.toString() + formatSla(s.sla());
    }

    /** SLA attainment: per metric over all channels, then first reply per channel. */
    static String formatSla(SlaReport r) {
        StringBuilder b = new StringBuilder();
        String rule = "+" + "-".repeat(26) + "+" + "-".repeat(10) + "+" + "-".repeat(10) + "+" + "-".repeat(8) + "+"
                + "-".repeat(12) + "+" + System.lineSeparator();
        String row = "| %-24s | %8s | %8s | %6s | %10s |%n";
        b.append(rule).append(String.format(Locale.ROOT, row, "SLA attainment", "achieved", "breached", "open", "attained"))
                .append(rule);
        for (SlaReport.Row x : r.rows()) {
            if (x.channel().equals(SlaReport.ALL)) {
                b.append(String.format(Locale.ROOT, row, x.metric().key(), x.achieved(), x.breached(), x.active(), percent(x)));
            }
        }
        b.append(rule);
        for (SlaReport.Row x : r.rows()) {
            if (x.metric() == dev.ticketkit.sla.SlaMetric.FIRST_REPLY && !x.channel().equals(SlaReport.ALL)) {
                b.append(String.format(Locale.ROOT, row, "first_reply " + x.channel(), x.achieved(), x.breached(), x.active(),
                        percent(x)));
            }
        }
        return b.append(rule).toString();
    }

    private static String percent(SlaReport.Row x) {
        double p = x.attainmentPercent();
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.1f %%", p);
    }

    private static final class Table {
        private final StringBuilder b = new StringBuilder();

        Table rule() {
            b.append("+").append("-".repeat(36)).append("+").append("-".repeat(14)).append("+").append(System.lineSeparator());
            return this;
        }

        Table row(String key, Object value) {
            b.append(String.format(Locale.ROOT, "| %-34s | %12s |%n", key, value));
            return this;
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }

    private static String human(Duration d) {
        long m = d.toMinutes();
        return m >= 60 ? String.format(Locale.ROOT, "%dh %02dm", m / 60, m % 60)
                : String.format(Locale.ROOT, "%dm %02ds", m, d.toSecondsPart());
    }
}
