package dev.ticketkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.ChannelCapability;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.outbound.OutboundReplies;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.jdbc.JdbcTicketStore;
import dev.ticketkit.jdbc.OutboxRelay;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound replies wired as the documentation says: the JDBC store's transactional outbox, its {@link OutboxRelay}
 * (driven by hand with {@code runOnce} on a moved clock) and {@link OutboundReplies} as the consumer.
 */
class OutboundRepliesOverOutboxTest {
    static final TenantId TENANT = TenantId.of("shop-1");
    static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

    /** A WeChat-like channel whose remote answers from a queue (delivered when empty). */
    static final class ScriptedChannel implements ChannelAdapter {
        final Deque<SendResult> answers = new ArrayDeque<>();
        final List<OutboundMessage> sent = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Channel channel() {
            return Channel.WECHAT;
        }

        @Override
        public Set<ChannelCapability> capabilities() {
            return EnumSet.of(ChannelCapability.OUTBOUND);
        }

        @Override
        public synchronized SendResult send(OutboundMessage message) {
            sent.add(message);
            SendResult r = answers.poll();
            return r != null ? r : SendResult.delivered("wx-" + sent.size());
        }
    }

    MutableClock clock;
    JdbcTicketStore store;
    TicketEngine engine;
    Fixtures shop;
    ScriptedChannel wechat;
    OutboxRelay relay;
    TicketId ticket;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at("2026-11-11T00:00:00Z");
        store = JdbcTicketStore.inMemory();
        engine = TicketEngine.builder().store(store).clock(clock).build();
        shop = Fixtures.create(engine, TENANT);
        wechat = new ScriptedChannel();
        OutboundReplies replies = OutboundReplies.builder(engine).adapter(wechat).maxAttempts(3).build();
        relay = OutboxRelay.builder(store, m -> replies.deliver(m.event(), m.attempts()))
                .clock(clock).backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)).build();
        Intake intake = Intake.builder(engine).clock(clock).build();
        ticket = intake.accept(InboundMessage.builder(TENANT, Channel.WECHAT).externalMessageId("m-1").conversationId(OPENID)
                .sender(ChannelIdentity.verified(IdentityType.WECHAT_OPENID, OPENID)).text("我的快递呢").build())
                .ticketId().orElseThrow();
        drain(); // the customer's own events: nothing to send
        assertThat(wechat.sent).isEmpty();
    }

    @AfterEach
    void tearDown() {
        relay.close();
        engine.close();
        store.close();
    }

    /** Runs the relay until a run delivers nothing; returns how many rows it delivered. */
    int drain() {
        int total = 0;
        for (int n = relay.runOnce(); n > 0; n = relay.runOnce()) {
            total += n;
        }
        return total;
    }

    @Test
    void anAgentReplyLeavesThroughTheOutboxOnceAndItsRowIsPruned() {
        Message reply = engine.tickets().reply(shop.alice, ticket, NewMessage.text("今天发货")).message();
        assertThat(drain()).isPositive();
        assertThat(wechat.sent).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("今天发货");
            assertThat(m.messageId()).contains(reply.id());
            assertThat(m.recipient()).isEqualTo(ChannelIdentity.verified(IdentityType.WECHAT_OPENID, OPENID));
        });
        clock.advance(Duration.ofHours(1));
        assertThat(relay.runOnce()).as("delivered rows are gone").isZero();
        assertThat(wechat.sent).hasSize(1);
    }

    @Test
    void aRetryableFailureWaitsOutTheBackoffAndHoldsBackTheTicketsLaterReplies() {
        wechat.answers.add(SendResult.retryable("http_503"));
        engine.tickets().reply(shop.alice, ticket, NewMessage.text("first"));
        drain();
        assertThat(wechat.sent).extracting(OutboundMessage::text).containsExactly("first");
        engine.tickets().reply(shop.alice, ticket, NewMessage.text("second"));
        drain();
        assertThat(wechat.sent).as("the second reply waits behind the first").hasSize(1);

        clock.advance(Duration.ofMillis(999));
        drain();
        assertThat(wechat.sent).as("not before the backoff").hasSize(1);
        clock.advance(Duration.ofMillis(1));
        drain();
        assertThat(wechat.sent).extracting(OutboundMessage::text).containsExactly("first", "first", "second");
        assertThat(engine.tickets().get(shop.admin, ticket).tags()).doesNotContain(OutboundReplies.FAILED_TAG);
    }

    @Test
    void aPermanentFailureIsNotedOnTheTicketAndTheRelayMovesOn() {
        wechat.answers.add(SendResult.permanent("wechat_45015"));
        Message reply = engine.tickets().reply(shop.alice, ticket, NewMessage.text("今天发货")).message();
        drain();
        assertThat(wechat.sent).hasSize(1);
        assertThat(engine.tickets().get(shop.admin, ticket).tags()).contains(OutboundReplies.FAILED_TAG);
        assertThat(engine.tickets().messages(shop.admin, ticket)).filteredOn(m -> m.visibility() == Visibility.INTERNAL)
                .singleElement().satisfies(n -> assertThat(n.text()).contains(reply.id().toString(), "wechat_45015")
                        .doesNotContain(OPENID, "今天发货"));
        engine.tickets().reply(shop.alice, ticket, NewMessage.text("later reply"));
        drain();
        assertThat(wechat.sent).extracting(OutboundMessage::text).containsExactly("今天发货", "later reply");
    }

    @Test
    void retryableFailuresBecomePermanentAfterMaxAttemptsWithTheRelaysAttemptCount() {
        for (int i = 0; i < 3; i++) {
            wechat.answers.add(SendResult.retryable("http_503"));
        }
        engine.tickets().reply(shop.alice, ticket, NewMessage.text("今天发货"));
        for (int i = 0; i < 4; i++) {
            drain();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(wechat.sent).hasSize(3);
        assertThat(engine.tickets().get(shop.admin, ticket).tags()).contains(OutboundReplies.FAILED_TAG);
        assertThat(drain()).isZero();
    }
}
