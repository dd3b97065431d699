package dev.ticketkit.connectors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.ChannelCapability;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.testkit.CapturingLogs;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.core.spi.TicketStore;
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
import java.util.function.ToIntBiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundRepliesTest {
    static final TenantId TENANT = TenantId.of("shop-1");
    static final TenantId TENANT_2 = TenantId.of("shop-2");
    static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

    /** Like a rule with a templated reply: acknowledges every public customer message. */
    static final class Acknowledge implements CommandHook {
        @Override
        public String name() {
            return "ack-rule";
        }

        @Override
        public void beforeCommit(HookContext ctx) {
            if (ctx.newMessages().stream().anyMatch(m -> m.isPublic() && m.authorKind() == AuthorKind.CUSTOMER)) {
                ctx.addReply(NewMessage.text("已收到，工单 " + ctx.ticket().number() + " 会尽快处理"));
            }
        }
    }

    /** A channel whose remote answers from a queue (delivered when empty). */
    static final class FakeWeChat implements ChannelAdapter {
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

    /**
     * An at-least-once relay like the JDBC outbox relay: it keeps each event until the consumer returns normally and
     * passes the number of failed attempts; driven by hand.
     */
    static final class FakeRelay {
        private record Pending(TicketEvent event, int attempts) {
        }

        private final List<Pending> pending = new ArrayList<>();

        synchronized void offer(List<TicketEvent> events) {
            events.forEach(e -> pending.add(new Pending(e, 0)));
        }

        /**
         * Delivers every pending event once; returns how many were delivered. Events committed while delivering
         * (a note recorded by the consumer) wait for the next run, behind the failed ones.
         */
        synchronized int runOnce(ToIntBiFunction<TicketEvent, Integer> consumer) {
            List<Pending> batch = new ArrayList<>(pending);
            pending.clear();
            int delivered = 0;
            List<Pending> failed = new ArrayList<>();
            for (Pending p : batch) {
                try {
                    consumer.applyAsInt(p.event(), p.attempts());
                    delivered++;
                } catch (RuntimeException e) {
                    failed.add(new Pending(p.event(), p.attempts() + 1));
                }
            }
            pending.addAll(0, failed);
            return delivered;
        }

        synchronized int size() {
            return pending.size();
        }
    }

    MutableClock clock;
    TicketEngine engine;
    Fixtures shop;
    FakeRelay relay;
    FakeWeChat wechat;
    OutboundReplies replies;
    Intake intake;

    @BeforeEach
    void setUp() {
        start();
    }

    /** A fresh engine with these hooks (the rules of the test), its relay, intake and replies. */
    void start(CommandHook... hooks) {
        if (engine != null) {
            engine.close();
        }
        clock = MutableClock.at("2026-11-11T00:00:00Z");
        relay = new FakeRelay();
        TicketEngine.Builder b = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).listener(relay::offer);
        for (CommandHook h : hooks) {
            b.hook(h);
        }
        engine = b.build();
        shop = Fixtures.create(engine, TENANT);
        intake = Intake.builder(engine).clock(clock).build();
        wechat = new FakeWeChat();
        replies = OutboundReplies.builder(engine).adapter(wechat).maxAttempts(3).build();
    }

    InboundMessage onWeChat(TenantId tenant, String msgId, String text) {
        return InboundMessage.builder(tenant, Channel.WECHAT).externalMessageId(msgId).conversationId(OPENID)
                .sender(ChannelIdentity.verified(IdentityType.WECHAT_OPENID, OPENID)).text(text).build();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    int consume(TicketEvent e, int attempts) {
        return replies.deliver(e, attempts).ordinal();
    }

    TicketId customerWritesOnWeChat() {
        InboundMessage in = InboundMessage.builder(TENANT, Channel.WECHAT).externalMessageId("m-1").conversationId(OPENID)
                .sender(ChannelIdentity.verified(IdentityType.WECHAT_OPENID, OPENID)).text("我的快递呢").build();
        IntakeResult r = intake.accept(in);
        relay.runOnce(this::consume); // the customer's own events: nothing to send
        assertThat(wechat.sent).isEmpty();
        return r.ticketId().orElseThrow();
    }

    @Test
    void anAgentReplyIsSentThroughTheChannelTheCustomerUsed() {
        TicketId id = customerWritesOnWeChat();
        Message reply = engine.tickets().reply(shop.alice, id, NewMessage.text("今天发货")).message();
        assertThat(relay.runOnce(this::consume)).isPositive();
        assertThat(relay.size()).isZero();
        assertThat(wechat.sent).singleElement().satisfies(m -> {
            assertThat(m.recipient()).isEqualTo(ChannelIdentity.verified(IdentityType.WECHAT_OPENID, OPENID));
            assertThat(m.text()).isEqualTo("今天发货");
            assertThat(m.messageId()).contains(reply.id());
            assertThat(m.conversationId()).contains(OPENID);
            assertThat(m.inReplyTo()).contains("m-1");
            assertThat(m.ticketId()).contains(id);
        });
    }

    @Test
    void retryableFailuresAreRetriedByTheRelayUntilDelivered() {
        TicketId id = customerWritesOnWeChat();
        wechat.answers.add(SendResult.retryable("wechat_-1"));
        engine.tickets().reply(shop.alice, id, NewMessage.text("今天发货"));
        relay.runOnce(this::consume);
        assertThat(relay.size()).as("the reply event stays in the relay").isEqualTo(1);
        relay.runOnce(this::consume);
        assertThat(relay.size()).isZero();
        assertThat(wechat.sent).hasSize(2);
        assertThat(engine.tickets().get(shop.admin, id).tags()).doesNotContain(OutboundReplies.FAILED_TAG);
    }

    @Test
    void permanentFailuresAreRecordedOnTheTicketWithoutCustomerData() {
        TicketId id = customerWritesOnWeChat();
        wechat.answers.add(SendResult.permanent("wechat_45015"));
        Message reply = engine.tickets().reply(shop.alice, id, NewMessage.text("今天发货")).message();
        relay.runOnce(this::consume);
        relay.runOnce(this::consume); // the note's own events
        assertThat(relay.size()).isZero();
        Ticket t = engine.tickets().get(shop.admin, id);
        assertThat(t.tags()).contains(OutboundReplies.FAILED_TAG);
        List<Message> notes = engine.tickets().messages(shop.admin, id).stream()
                .filter(m -> m.visibility() == Visibility.INTERNAL).toList();
        assertThat(notes).singleElement().satisfies(n -> {
            assertThat(n.text()).contains(reply.id().toString(), "WECHAT", "wechat_45015");
            assertThat(n.text()).doesNotContain(OPENID, "今天发货", "快递");
        });
        assertThat(wechat.sent).hasSize(1);
    }

    @Test
    void retryableFailuresBecomePermanentAfterMaxAttempts() {
        TicketId id = customerWritesOnWeChat();
        for (int i = 0; i < 3; i++) {
            wechat.answers.add(SendResult.retryable("http_503"));
        }
        engine.tickets().reply(shop.alice, id, NewMessage.text("今天发货"));
        relay.runOnce(this::consume);
        relay.runOnce(this::consume);
        relay.runOnce(this::consume);
        relay.runOnce(this::consume);
        assertThat(relay.size()).isZero();
        assertThat(wechat.sent).hasSize(3);
        assertThat(engine.tickets().get(shop.admin, id).tags()).contains(OutboundReplies.FAILED_TAG);
    }

    @Test
    void aRetryableFailureThrowsARetryableChannelException() {
        TicketId id = customerWritesOnWeChat();
        wechat.answers.add(SendResult.retryable("io_error"));
        List<TicketEvent> events = new ArrayList<>();
        TicketEngine e2 = engine; // same engine: capture the reply's events from the relay
        e2.tickets().reply(shop.alice, id, NewMessage.text("x"));
        relay.runOnce((ev, attempts) -> {
            events.add(ev);
            return 0;
        });
        TicketEvent added = events.stream().filter(ev -> ev instanceof TicketEvent.MessageAdded).findFirst().orElseThrow();
        assertThatThrownBy(() -> replies.deliver(added)).isInstanceOf(ChannelException.class)
                .satisfies(t -> assertThat(((ChannelException) t).isRetryable()).isTrue())
                .hasMessageContaining("io_error").hasMessageNotContaining(OPENID);
    }

    @Test
    void notesCustomerMessagesAndChannelsWithoutAnAdapterAreSkipped() {
        TicketId id = customerWritesOnWeChat();
        engine.tickets().note(shop.alice, id, "internal only");
        relay.runOnce(this::consume);
        Ticket apiTicket = shop.carolAsks("API ticket");
        engine.tickets().reply(shop.alice, apiTicket.id(), NewMessage.text("answer on the API channel"));
        List<OutboundReplies.Outcome> outcomes = new ArrayList<>();
        relay.runOnce((ev, attempts) -> {
            outcomes.add(replies.deliver(ev, attempts));
            return 0;
        });
        assertThat(outcomes).containsOnly(OutboundReplies.Outcome.SKIPPED);
        assertThat(wechat.sent).isEmpty();
    }

    @Test
    void aRequesterWithoutAnIdentityOfTheChannelIsAPermanentFailure() {
        // Carol has an email identity only; a ticket on the WeChat channel cannot reach her there.
        Ticket t = engine.tickets().create(shop.integration, dev.ticketkit.core.NewTicket.builder(shop.carol.id(), "via WeChat")
                .channel(Channel.WECHAT).message(NewMessage.text("hello")).build());
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("hi"));
        List<OutboundReplies.Outcome> outcomes = new ArrayList<>();
        relay.runOnce((ev, attempts) -> {
            outcomes.add(replies.deliver(ev, attempts));
            return 0;
        });
        assertThat(outcomes).contains(OutboundReplies.Outcome.FAILED);
        assertThat(engine.tickets().get(shop.admin, t.id()).tags()).contains(OutboundReplies.FAILED_TAG);
        assertThat(wechat.sent).isEmpty();
    }

    @Test
    void aRuleAcknowledgementIsSentMarkedAutomaticAndAgentRepliesAreNot() {
        start(new Acknowledge());
        TicketId id = intake.accept(onWeChat(TENANT, "m-1", "我的快递呢")).ticketId().orElseThrow();
        relay.runOnce(this::consume);
        assertThat(relay.size()).isZero();
        assertThat(wechat.sent).singleElement().satisfies(m -> {
            assertThat(m.text()).startsWith("已收到");
            assertThat(m.automatic()).isTrue();
            assertThat(m.recipient()).isEqualTo(ChannelIdentity.verified(IdentityType.WECHAT_OPENID, OPENID));
            assertThat(m.inReplyTo()).contains("m-1");
            assertThat(m.ticketId()).contains(id);
        });
        Message ack = engine.tickets().messages(shop.admin, id).stream()
                .filter(m -> m.authorKind() == AuthorKind.SYSTEM).findFirst().orElseThrow();
        assertThat(wechat.sent.get(0).messageId()).contains(ack.id());
        engine.tickets().reply(shop.alice, id, NewMessage.text("今天发货"));
        relay.runOnce(this::consume);
        assertThat(wechat.sent).hasSize(2);
        assertThat(wechat.sent.get(1).automatic()).isFalse();
    }

    @Test
    void systemRepliesOverTheLimitAreHeldBackSoAnAutoResponderCannotPingPong() {
        start(new Acknowledge());
        // an auto-responder intake cannot recognise answers every acknowledgement, and each answer is acknowledged
        TicketId id = null;
        for (int i = 1; i <= 6; i++) {
            id = intake.accept(onWeChat(TENANT, "m-" + i, "自动回复：您好，我现在不在")).ticketId().orElseThrow();
            clock.advance(Duration.ofMinutes(1));
        }
        List<OutboundReplies.Outcome> outcomes = new ArrayList<>();
        List<String> logs = CapturingLogs.capture(() -> relay.runOnce((ev, attempts) -> {
            outcomes.add(replies.deliver(ev, attempts));
            return 0;
        }));
        assertThat(wechat.sent).as("the default limit: 3 per ticket and hour").hasSize(3)
                .allSatisfy(m -> assertThat(m.automatic()).isTrue());
        assertThat(logs).filteredOn(l -> l.contains("held back")).hasSize(3)
                .allSatisfy(l -> assertThat(l).doesNotContain("自动回复", OPENID));
        // agents are never held back
        engine.tickets().reply(shop.alice, id, NewMessage.text("请问还需要什么帮助？"));
        relay.runOnce(this::consume);
        assertThat(wechat.sent).hasSize(4);
        assertThat(wechat.sent.get(3).automatic()).isFalse();
        // an hour after the last acknowledgements the rule's reply goes out again
        clock.advance(Duration.ofMinutes(61));
        intake.accept(onWeChat(TENANT, "m-7", "还在吗"));
        relay.runOnce(this::consume);
        assertThat(wechat.sent).hasSize(5);
        assertThat(wechat.sent.get(4).text()).startsWith("已收到");
    }

    @Test
    void theSystemReplyLimitIsConfigurable() {
        start(new Acknowledge());
        replies = OutboundReplies.builder(engine).adapter(wechat).systemReplyLimit(1, Duration.ofDays(1)).build();
        intake.accept(onWeChat(TENANT, "m-1", "a"));
        clock.advance(Duration.ofHours(5));
        intake.accept(onWeChat(TENANT, "m-2", "b"));
        relay.runOnce(this::consume);
        assertThat(wechat.sent).hasSize(1);
        assertThatThrownBy(() -> OutboundReplies.builder(engine).systemReplyLimit(0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundReplies.builder(engine).systemReplyLimit(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundReplies.builder(engine).systemReplyLimit(1, Duration.ofHours(1))
                .systemReplyLimit(2, Duration.ofHours(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void repliesLeaveThroughTheAdapterOfTheirTenantAndChannel() {
        Fixtures shop2 = Fixtures.create(engine, TENANT_2);
        TenantId tenant3 = TenantId.of("shop-3");
        Fixtures shop3 = Fixtures.create(engine, tenant3);
        FakeWeChat accountOne = new FakeWeChat();
        FakeWeChat accountTwo = new FakeWeChat();
        replies = OutboundReplies.builder(engine).adapter(TENANT, accountOne).adapter(TENANT_2, accountTwo).build();
        TicketId t1 = intake.accept(onWeChat(TENANT, "m-1", "一号店的问题")).ticketId().orElseThrow();
        TicketId t2 = intake.accept(onWeChat(TENANT_2, "m-1", "二号店的问题")).ticketId().orElseThrow();
        TicketId t3 = intake.accept(onWeChat(tenant3, "m-1", "三号店的问题")).ticketId().orElseThrow();
        relay.runOnce(this::consume);
        engine.tickets().reply(shop.alice, t1, NewMessage.text("一号店回复"));
        engine.tickets().reply(shop2.alice, t2, NewMessage.text("二号店回复"));
        engine.tickets().reply(shop3.alice, t3, NewMessage.text("三号店回复"));
        List<OutboundReplies.Outcome> outcomes = new ArrayList<>();
        List<String> logs = CapturingLogs.capture(() -> relay.runOnce((ev, attempts) -> {
            outcomes.add(replies.deliver(ev, attempts));
            return 0;
        }));
        assertThat(accountOne.sent).singleElement().satisfies(m -> {
            assertThat(m.tenant()).isEqualTo(TENANT);
            assertThat(m.text()).isEqualTo("一号店回复");
        });
        assertThat(accountTwo.sent).singleElement().satisfies(m -> {
            assertThat(m.tenant()).isEqualTo(TENANT_2);
            assertThat(m.text()).isEqualTo("二号店回复");
        });
        assertThat(outcomes).containsOnly(OutboundReplies.Outcome.SENT, OutboundReplies.Outcome.SKIPPED)
                .filteredOn(o -> o == OutboundReplies.Outcome.SENT).hasSize(2);
        assertThat(logs).anySatisfy(l -> assertThat(l).startsWith("[WARN]")
                .contains("no outbound adapter for channel WECHAT of tenant shop-3").doesNotContain("三号店"));
        // an adapter for every tenant serves the tenants without one of their own
        FakeWeChat shared = new FakeWeChat();
        replies = OutboundReplies.builder(engine).adapter(TENANT, accountOne).adapter(shared).build();
        engine.tickets().reply(shop.alice, t1, NewMessage.text("一号店第二次回复"));
        engine.tickets().reply(shop3.alice, t3, NewMessage.text("三号店第二次回复"));
        relay.runOnce(this::consume);
        assertThat(accountOne.sent).hasSize(2);
        assertThat(accountOne.sent.get(1).text()).isEqualTo("一号店第二次回复");
        assertThat(shared.sent).singleElement().satisfies(m -> assertThat(m.tenant()).isEqualTo(tenant3));
    }

    @Test
    void builderChecksItsArguments() {
        ChannelAdapter inboundOnly = new ChannelAdapter() {
            @Override
            public Channel channel() {
                return Channel.WECHAT;
            }

            @Override
            public Set<ChannelCapability> capabilities() {
                return EnumSet.of(ChannelCapability.INBOUND);
            }
        };
        assertThatThrownBy(() -> OutboundReplies.builder(engine).adapter(inboundOnly)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundReplies.builder(engine).adapter(wechat).adapter(wechat)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OutboundReplies.builder(engine).adapter(TENANT, wechat).adapter(TENANT, new FakeWeChat()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shop-1");
        assertThatThrownBy(() -> OutboundReplies.builder(engine).adapter(TENANT, inboundOnly))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundReplies.builder(engine).adapter(null, wechat)).isInstanceOf(NullPointerException.class);
        OutboundReplies both = OutboundReplies.builder(engine).adapter(wechat).adapter(TENANT, new FakeWeChat())
                .adapter(TENANT_2, new FakeWeChat(), IdentityType.WECHAT_OPENID).build();
        assertThat(both.toString()).contains("*/WECHAT", "shop-1/WECHAT", "shop-2/WECHAT");
        assertThatThrownBy(() -> OutboundReplies.builder(engine).maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
