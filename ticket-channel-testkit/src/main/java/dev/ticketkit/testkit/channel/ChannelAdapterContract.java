package dev.ticketkit.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.ChannelCapability;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChannelAdapter} must do, as tests. Extend it in your adapter's tests and supply the adapter and
 * sample deliveries; the inherited tests then check inbound normalisation, idempotent redelivery (through a real
 * {@link Intake}: a redelivered message is a {@link IntakeResult.Outcome#DUPLICATE}), signature checks, clear errors
 * with a {@linkplain ChannelException#reason() reason} for every refusal, the three outbound outcomes, thread safety
 * and the lifecycle. Three optional samples ({@link #oversizedDelivery}, {@link #staleDelivery},
 * {@link #tamperedDeliveries}) hold the adapter to its size limit, its timestamp window and to what its signature
 * does not cover; a test whose sample is not supplied is reported as skipped.
 *
 * <pre>{@code
 * class MyAdapterContractTest extends ChannelAdapterContract {
 *     protected ChannelAdapter createAdapter() { return new MyAdapter(SECRET, fakeRemote.uri()); }
 *     protected RawDelivery validDelivery(TenantId tenant) { return signed(tenant, "{\"id\":\"m1\",...}"); }
 *     protected Optional<RawDelivery> badlySignedDelivery(TenantId tenant) { return Optional.of(...); }
 *     protected List<RawDelivery> malformedDeliveries(TenantId tenant) { return List.of(...); }
 *     protected Optional<RawDelivery> oversizedDelivery(TenantId tenant) { return Optional.of(...); }
 *     protected Optional<RawDelivery> staleDelivery(TenantId tenant) { return Optional.of(signedAt(anHourAgo)); }
 *     protected List<RawDelivery> tamperedDeliveries(RawDelivery original) { return List.of(...); }
 *     protected OutboundMessage outboundMessage(TenantId tenant) { return OutboundMessage.builder(...).build(); }
 *     protected void remoteWillAnswer(SendResult.Status outcome) { fakeRemote.answer(outcome); }
 * }
 * }</pre>
 *
 * <p>Tests of a capability the adapter does not declare (inbound, outbound, signed deliveries) are skipped as
 * assumptions, not passed silently: JUnit reports them as skipped. Each test gets a fresh adapter from
 * {@link #createAdapter()}, started before and closed after the test.
 */
public abstract class ChannelAdapterContract {
    /** The tenant of the deliveries the contract asks for. */
    protected static final TenantId TENANT = TenantId.of("contract-tenant");

    private static final int THREADS = 4;
    private static final int PARSES_PER_THREAD = 10;
    /** The intake tests' engine clock: only conversation windows read it. */
    private static final String ENGINE_TIME = "2026-11-11T00:00:00Z";
    private static final Set<Reason> MALFORMED_REASONS = Set.of(Reason.MALFORMED, Reason.TOO_LARGE, Reason.SIGNATURE,
            Reason.UNSUPPORTED, Reason.CONFIGURATION);

    /** The adapter under test in the current test. */
    protected ChannelAdapter adapter;

    /** A new adapter, with its fake remote if it sends. Called once per test. */
    protected abstract ChannelAdapter createAdapter();

    /**
     * A valid delivery for {@code tenant} holding at least one customer message. Each call returns a new delivery of
     * the same message(s), as the platform would redeliver it: the same content and platform ids, and, for schemes
     * with replay protection, freshly signed (a new timestamp) the way the platform's own retry is.
     */
    protected abstract RawDelivery validDelivery(TenantId tenant);

    /**
     * A delivery like {@link #validDelivery} whose signature is wrong (such as signed with another secret), or empty
     * if the adapter does not declare {@link ChannelCapability#SIGNED_DELIVERIES}.
     */
    protected abstract Optional<RawDelivery> badlySignedDelivery(TenantId tenant);

    /**
     * Deliveries that are correctly signed (where signing applies) but malformed: not the expected format, truncated,
     * missing required fields, over the size limit. Each must be refused with a {@link ChannelException} whose
     * {@linkplain ChannelException#reason() reason} says why: {@link Reason#MALFORMED}, {@link Reason#TOO_LARGE},
     * {@link Reason#SIGNATURE} (a missing signature header), {@link Reason#UNSUPPORTED} or
     * {@link Reason#CONFIGURATION}.
     */
    protected abstract List<RawDelivery> malformedDeliveries(TenantId tenant);

    /**
     * A correctly signed delivery over the adapter's size limit, which must be refused as {@link Reason#TOO_LARGE}.
     * Default: empty, and the test is skipped.
     */
    protected Optional<RawDelivery> oversizedDelivery(TenantId tenant) {
        return Optional.empty();
    }

    /**
     * A correctly signed delivery whose signed time is outside the adapter's window (a capture replayed late), which
     * must be refused as {@link Reason#STALE}; empty (the default, and the test is skipped) if the platform signs no
     * time or the adapter keeps no window.
     */
    protected Optional<RawDelivery> staleDelivery(TenantId tenant) {
        return Optional.empty();
    }

    /**
     * Copies of {@code original} (a {@link #validDelivery} the contract has just taken in) with what a captured
     * delivery lets anyone change: another body under the same signature parameters, another value of a header or
     * parameter the signature does not cover (a delivery id, a topic). None may bring in a message: each must be
     * refused ({@link Reason#SIGNATURE}, {@link Reason#REPLAY}, {@link Reason#MALFORMED} or {@link Reason#STALE}),
     * give no messages, or give only messages intake answers as duplicates. Default: none, and the test is skipped.
     */
    protected List<RawDelivery> tamperedDeliveries(RawDelivery original) {
        return List.of();
    }

    /** A reply the adapter can send; only asked for if the adapter declares {@link ChannelCapability#OUTBOUND}. */
    protected OutboundMessage outboundMessage(TenantId tenant) {
        throw new UnsupportedOperationException("override outboundMessage for an adapter that sends");
    }

    /**
     * Makes the adapter's fake remote answer the next send with the given outcome: accept it, fail in a way that may
     * pass later (a 503, a rate limit), or refuse it for good (an unknown recipient). Only called if the adapter
     * declares {@link ChannelCapability#OUTBOUND}.
     */
    protected void remoteWillAnswer(SendResult.Status outcome) {
        throw new UnsupportedOperationException("override remoteWillAnswer for an adapter that sends");
    }

    /**
     * Values that must never appear in an exception message: secrets, and the customer text and names of the
     * sample. Default: the text, sender value and sender name of the messages of a valid delivery.
     */
    protected List<String> sensitiveValues() {
        List<String> out = new ArrayList<>();
        if (adapter.can(ChannelCapability.INBOUND)) {
            for (InboundMessage m : adapter.parse(validDelivery(TENANT))) {
                out.add(m.text());
                out.add(m.sender().value());
                out.add(m.senderName());
            }
        }
        return out;
    }

    @BeforeEach
    void startAdapter() {
        adapter = createAdapter();
        assertThat(adapter).as("createAdapter()").isNotNull();
        adapter.start();
    }

    @AfterEach
    void closeAdapter() {
        if (adapter != null) {
            adapter.close();
        }
    }

    @Test
    void declaresChannelAndAtLeastOneDirection() {
        assertThat(adapter.channel()).isNotNull();
        assertThat(adapter.capabilities()).isNotNull();
        assertThat(adapter.can(ChannelCapability.INBOUND) || adapter.can(ChannelCapability.OUTBOUND))
                .as("an adapter receives or sends").isTrue();
    }

    @Test
    void validDeliveryNormalisesToMessagesOfTenantAndChannel() {
        assumeTrue(adapter.can(ChannelCapability.INBOUND), "adapter does not receive");
        List<InboundMessage> messages = adapter.parse(validDelivery(TENANT));
        assertThat(messages).as("messages of a valid delivery").isNotEmpty();
        for (InboundMessage m : messages) {
            assertThat(m.tenant()).isEqualTo(TENANT);
            assertThat(m.channel()).isEqualTo(adapter.channel());
            assertThat(m.externalMessageId()).isNotBlank();
            assertThat(m.sender()).isNotNull();
            assertThat(m.sender().value()).isNotBlank();
            assertThat(!m.text().isBlank() || !m.attachments().isEmpty())
                    .as("a message has text or attachments").isTrue();
            if (adapter.can(ChannelCapability.CONVERSATIONS)) {
                assertThat(m.conversationId()).as("conversation id on a conversational channel").isPresent();
            }
        }
    }

    @Test
    void deliveryForAnotherTenantCarriesThatTenant() {
        assumeTrue(adapter.can(ChannelCapability.INBOUND), "adapter does not receive");
        TenantId other = TenantId.of("contract-other");
        assertThat(adapter.parse(validDelivery(other))).isNotEmpty().allSatisfy(m -> assertThat(m.tenant()).isEqualTo(other));
    }

    @Test
    void redeliveryYieldsTheSameExternalMessageIds() {
        assumeTrue(adapter.can(ChannelCapability.INBOUND), "adapter does not receive");
        List<String> first = ids(adapter.parse(validDelivery(TENANT)));
        List<String> again = ids(adapter.parse(validDelivery(TENANT)));
        assertThat(again).as("external ids of a redelivery").isEqualTo(first);
    }

    @Test
    void replayingTheSameDeliveryYieldsTheSameIdsOrIsRefusedAsAReplay() {
        assumeTrue(adapter.can(ChannelCapability.INBOUND), "adapter does not receive");
        RawDelivery delivery = validDelivery(TENANT);
        List<String> first = ids(adapter.parse(delivery));
        Throwable t = catchThrowable(() -> assertThat(ids(adapter.parse(delivery))).isEqualTo(first));
        if (t != null) {
            assertThat(t).as("a replay is either the same message or refused").isInstanceOf(ChannelException.class);
            assertThat(((ChannelException) t).reason()).as("the reason a repeated delivery is refused for")
                    .isEqualTo(Reason.REPLAY);
        }
    }

    @Test
    void aRedeliveryOfMessagesAlreadyTakenInIsADuplicateForIntake() {
        assumeTrue(adapter.can(ChannelCapability.INBOUND), "adapter does not receive");
        TicketEngine engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(MutableClock.at(ENGINE_TIME)).build();
        try (engine) {
            Intake intake = Intake.builder(engine).build();
            RawDelivery delivery = validDelivery(TENANT);
            assertThat(intake.acceptAll(adapter.parse(delivery))).as("the first delivery is taken in").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.added()).isTrue());
            assertThat(intake.acceptAll(adapter.parse(validDelivery(TENANT)))).as("the platform's redelivery")
                    .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE));
            List<InboundMessage> again;
            try {
                again = adapter.parse(delivery);
            } catch (ChannelException e) {
                assertThat(e.reason()).as("the reason the same request again is refused for").isEqualTo(Reason.REPLAY);
                return;
            }
            assertThat(intake.acceptAll(again)).as("the same request again")
                    .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE));
        }
    }

    @Test
    void tamperedCopiesOfADeliveryBringInNoMessage() {
        assumeTrue(adapter.can(ChannelCapability.INBOUND), "adapter does not receive");
        RawDelivery original = validDelivery(TENANT);
        List<RawDelivery> tampered = tamperedDeliveries(original);
        assumeTrue(!tampered.isEmpty(), "no tamperedDeliveries supplied");
        TicketEngine engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(MutableClock.at(ENGINE_TIME)).build();
        try (engine) {
            Intake intake = Intake.builder(engine).build();
            assertThat(intake.acceptAll(adapter.parse(original))).isNotEmpty().allSatisfy(r -> assertThat(r.added()).isTrue());
            for (int i = 0; i < tampered.size(); i++) {
                RawDelivery copy = tampered.get(i);
                List<InboundMessage> messages;
                try {
                    messages = adapter.parse(copy);
                } catch (ChannelException e) {
                    assertThat(e.reason()).as("reason tampered delivery #" + i + " is refused for")
                            .isIn(Reason.SIGNATURE, Reason.REPLAY, Reason.MALFORMED, Reason.STALE);
                    assertClear(e, copy);
                    continue;
                }
                assertThat(intake.acceptAll(messages)).as("what tampered delivery #" + i + " brought in")
                        .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE));
            }
        }
    }

    @Test
    void oversizedDeliveryIsRefusedAsTooLarge() {
        assumeTrue(adapter.can(ChannelCapability.INBOUND), "adapter does not receive");
        Optional<RawDelivery> big = oversizedDelivery(TENANT);
        assumeTrue(big.isPresent(), "no oversizedDelivery supplied");
        Throwable t = catchThrowable(() -> adapter.parse(big.get()));
        assertThat(t).isInstanceOf(ChannelException.class);
        assertThat(((ChannelException) t).reason()).isEqualTo(Reason.TOO_LARGE);
        assertClear((ChannelException) t, big.get());
    }

    @Test
    void staleDeliveryIsRefusedAsStale() {
        assumeTrue(adapter.can(ChannelCapability.INBOUND), "adapter does not receive");
        Optional<RawDelivery> stale = staleDelivery(TENANT);
        assumeTrue(stale.isPresent(), "no staleDelivery supplied");
        Throwable t = catchThrowable(() -> adapter.parse(stale.get()));
        assertThat(t).isInstanceOf(ChannelException.class);
        assertThat(((ChannelException) t).reason()).isEqualTo(Reason.STALE);
        assertThat(((ChannelException) t).isRetryable()).as("the same stale request fails again").isFalse();
        assertClear((ChannelException) t, stale.get());
    }

    @Test
    void badSignatureIsRefused() {
        assumeTrue(adapter.can(ChannelCapability.INBOUND) && adapter.can(ChannelCapability.SIGNED_DELIVERIES),
                "adapter does not verify signatures");
        RawDelivery bad = badlySignedDelivery(TENANT).orElseThrow(() -> new AssertionError(
                "an adapter with SIGNED_DELIVERIES must supply badlySignedDelivery"));
        Throwable t = catchThrowable(() -> adapter.parse(bad));
        assertThat(t).isInstanceOf(ChannelException.class);
        assertThat(((ChannelException) t).isRetryable()).as("a bad signature fails again").isFalse();
        assertThat(((ChannelException) t).reason()).isEqualTo(Reason.SIGNATURE);
        assertClear((ChannelException) t, bad);
    }

    @Test
    void malformedDeliveriesAreRefusedWithClearErrors() {
        assumeTrue(adapter.can(ChannelCapability.INBOUND), "adapter does not receive");
        List<RawDelivery> malformed = malformedDeliveries(TENANT);
        assertThat(malformed).as("malformedDeliveries()").isNotEmpty();
        for (int i = 0; i < malformed.size(); i++) {
            RawDelivery bad = malformed.get(i);
            Throwable t = catchThrowable(() -> adapter.parse(bad));
            assertThat(t).as("malformed delivery #" + i).isInstanceOf(ChannelException.class);
            assertThat(((ChannelException) t).reason()).as("reason malformed delivery #" + i + " is refused for")
                    .isIn(MALFORMED_REASONS);
            assertClear((ChannelException) t, bad);
        }
    }

    @Test
    void outboundDeliveredIsReported() {
        assumeTrue(adapter.can(ChannelCapability.OUTBOUND), "adapter does not send");
        remoteWillAnswer(SendResult.Status.DELIVERED);
        SendResult r = adapter.send(outboundMessage(TENANT));
        assertThat(r.status()).isEqualTo(SendResult.Status.DELIVERED);
        assertThat(r.reasonCode()).isEmpty();
    }

    @Test
    void outboundRetryableFailureIsReported() {
        assumeTrue(adapter.can(ChannelCapability.OUTBOUND), "adapter does not send");
        remoteWillAnswer(SendResult.Status.RETRYABLE_FAILURE);
        SendResult r = adapter.send(outboundMessage(TENANT));
        assertThat(r.status()).isEqualTo(SendResult.Status.RETRYABLE_FAILURE);
        assertThat(r.reasonCode()).isNotBlank();
    }

    @Test
    void outboundPermanentFailureIsReported() {
        assumeTrue(adapter.can(ChannelCapability.OUTBOUND), "adapter does not send");
        remoteWillAnswer(SendResult.Status.PERMANENT_FAILURE);
        SendResult r = adapter.send(outboundMessage(TENANT));
        assertThat(r.status()).isEqualTo(SendResult.Status.PERMANENT_FAILURE);
        assertThat(r.reasonCode()).isNotBlank();
    }

    @Test
    void parsingFromSeveralThreadsGivesTheSameMessages() throws Exception {
        assumeTrue(adapter.can(ChannelCapability.INBOUND), "adapter does not receive");
        List<String> expected = ids(adapter.parse(validDelivery(TENANT)));
        List<List<RawDelivery>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<RawDelivery> mine = new ArrayList<>();
            for (int i = 0; i < PARSES_PER_THREAD; i++) {
                mine.add(validDelivery(TENANT));
            }
            work.add(mine);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<List<String>>>> futures = new ArrayList<>();
            for (List<RawDelivery> mine : work) {
                Callable<List<List<String>>> task = () -> {
                    go.await();
                    List<List<String>> seen = new ArrayList<>();
                    for (RawDelivery d : mine) {
                        seen.add(ids(adapter.parse(d)));
                    }
                    return seen;
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            for (Future<List<List<String>>> f : futures) {
                assertThat(f.get(30, TimeUnit.SECONDS)).hasSize(PARSES_PER_THREAD).allSatisfy(ids -> assertThat(ids).isEqualTo(expected));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void startAndCloseAreIdempotent() {
        ChannelAdapter fresh = createAdapter();
        assertThatCode(() -> {
            fresh.start();
            fresh.start();
            fresh.close();
            fresh.close();
        }).doesNotThrowAnyException();
        ChannelAdapter neverStarted = createAdapter();
        assertThatCode(neverStarted::close).doesNotThrowAnyException();
    }

    private void assertClear(ChannelException e, RawDelivery delivery) {
        String msg = e.getMessage();
        assertThat(msg).as("exception message").isNotBlank();
        String body = new String(delivery.body(), StandardCharsets.UTF_8);
        if (body.strip().length() >= 8) {
            assertThat(msg).as("exception message quotes the body").doesNotContain(body.strip());
        }
        for (String s : sensitiveValues()) {
            if (s != null && s.strip().length() >= 4) {
                assertThat(msg).as("exception message names customer data or a secret").doesNotContain(s.strip());
            }
        }
    }

    private static List<String> ids(List<InboundMessage> messages) {
        return messages.stream().map(InboundMessage::externalMessageId).toList();
    }
}
