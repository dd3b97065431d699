package dev.ticketkit.connectors.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.intake.IntakeResult.Outcome;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ViewQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DedupTest extends IntakeTestBase {

    @Test
    void aRedeliveredMessageReturnsTheSameTicketAndMessageAndAddsNothing() {
        InboundMessage m = email("zoe@example.com", "m1@mail.example", "Broken cup", "It arrived broken").build();
        IntakeResult first = intake.accept(m);
        IntakeResult again = intake.accept(m);

        assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.ticketId()).isEqualTo(first.ticketId());
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.added()).isFalse();
        assertThat(messages(first.ticketId().orElseThrow())).hasSize(1);
    }

    @Test
    void theSameExternalIdOnAnotherChannelIsAnotherMessage() {
        IntakeResult a = intake.accept(wechat("o-1", "42", "hello").build());
        IntakeResult b = intake.accept(InboundMessage.builder(shop.tenant, Channel.of("WEB_CHAT_X"))
                .externalMessageId("42").conversationId("o-1")
                .sender(dev.ticketkit.core.ChannelIdentity.of(dev.ticketkit.core.IdentityType.of("VISITOR"), "v-1"))
                .text("hello").build());
        assertThat(a.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(b.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(b.ticketId()).isNotEqualTo(a.ticketId());
    }

    @Test
    void twoThreadsDeliveringTheSameNewMessageMakeOneTicketWithOneMessage() throws Exception {
        for (int round = 0; round < 25; round++) {
            InboundMessage m = email("racer" + round + "@example.com", "race-" + round + "@mail", "Race", "same mail").build();
            List<IntakeResult> results = race(m);
            assertThat(results).extracting(IntakeResult::ticketId).containsOnly(results.get(0).ticketId());
            assertThat(results).extracting(IntakeResult::messageId).containsOnly(results.get(0).messageId());
            assertThat(results).extracting(IntakeResult::outcome)
                    .containsExactlyInAnyOrder(Outcome.CREATED, Outcome.DUPLICATE);
            assertThat(messages(results.get(0).ticketId().orElseThrow())).hasSize(1);
        }
        assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().limit(100).build()).items()).hasSize(25);
    }

    @Test
    void twoThreadsDeliveringTheSameReplyAppendItOnce() throws Exception {
        IntakeResult first = intake.accept(email("zoe@example.com", "root@mail", "Where is it", "Order?").build());
        for (int round = 0; round < 25; round++) {
            InboundMessage reply = email("zoe@example.com", "reply-" + round + "@mail", "Re: Where is it", "still waiting")
                    .inReplyTo("root@mail").build();
            List<IntakeResult> results = race(reply);
            assertThat(results).extracting(IntakeResult::ticketId).containsOnly(first.ticketId());
            assertThat(results).extracting(IntakeResult::messageId).containsOnly(results.get(0).messageId());
            assertThat(results).extracting(IntakeResult::outcome)
                    .containsExactlyInAnyOrder(Outcome.APPENDED, Outcome.DUPLICATE);
        }
        assertThat(messages(first.ticketId().orElseThrow())).hasSize(26);
    }

    private List<IntakeResult> race(InboundMessage m) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier barrier = new CyclicBarrier(2);
            List<Future<IntakeResult>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return intake.accept(m);
                }));
            }
            List<IntakeResult> out = new ArrayList<>();
            for (Future<IntakeResult> f : futures) {
                out.add(f.get(30, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
