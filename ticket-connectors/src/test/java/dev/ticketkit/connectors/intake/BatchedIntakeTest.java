package dev.ticketkit.connectors.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.intake.IntakeResult.Outcome;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link Intake#acceptAll}: batched, with the outcomes one-by-one intake would give. */
class BatchedIntakeTest extends IntakeTestBase {

    private List<InboundMessage> newMails(String prefix, int n) {
        List<InboundMessage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(email("buyer" + i + "@example.com", prefix + i + "@mail", "Order #" + (1001 + i) + " late",
                    "Where is my parcel? 京东订单 " + (23456789012L + i)).build());
        }
        return out;
    }

    private long ticketCount() {
        return engine.tickets().view(shop.admin, ViewQuery.builder().limit(500).build()).items().size();
    }

    @Test
    void aBatchOfNewMailsOpensOneTicketEachWithItsOwnMessageAndOrders() {
        List<IntakeResult> results = intake.acceptAll(newMails("new-", 30));

        assertThat(results).hasSize(30).extracting(IntakeResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(results).extracting(IntakeResult::ticketId).doesNotHaveDuplicates();
        for (int i = 0; i < 30; i++) {
            IntakeResult r = results.get(i);
            List<Message> messages = messages(r.ticketId().orElseThrow());
            assertThat(messages).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo(r.messageId().orElseThrow());
                assertThat(m.externalMessageId()).isEqualTo("new-" + results.indexOf(r) + "@mail");
            });
            assertThat(engine.tickets().get(shop.admin, r.ticketId().orElseThrow()).orders())
                    .containsExactlyElementsOf(r.orders());
            assertThat(r.customerId()).isEqualTo(engine.customers().findByIdentity(shop.admin,
                    dev.ticketkit.core.IdentityType.EMAIL, "buyer" + i + "@example.com").map(c -> c.id()));
        }
        assertThat(results.get(3).orders()).containsExactlyInAnyOrder(OrderRef.of("SHOPIFY", "#1004"), OrderRef.of("JD", "23456789015"));
        assertThat(ticketCount()).isEqualTo(30);
    }

    @Test
    void theSameBatchDeliveredAgainIsAllDuplicatesAndAddsNothing() {
        List<InboundMessage> batch = newMails("again-", 10);
        List<IntakeResult> first = intake.acceptAll(batch);
        List<IntakeResult> again = intake.acceptAll(batch);

        assertThat(again).extracting(IntakeResult::outcome).containsOnly(Outcome.DUPLICATE);
        assertThat(again).extracting(IntakeResult::ticketId).containsExactlyElementsOf(first.stream().map(IntakeResult::ticketId).toList());
        assertThat(again).extracting(IntakeResult::messageId).containsExactlyElementsOf(first.stream().map(IntakeResult::messageId).toList());
        assertThat(ticketCount()).isEqualTo(10);
    }

    @Test
    void aReplyToAMailOfTheSameBatchThreadsToTheTicketThatMailOpened() {
        InboundMessage root = email("zoe@example.com", "root@mail", "Broken cup", "It arrived broken").build();
        InboundMessage other = email("yan@example.com", "other@mail", "Question", "Do you ship to Macau?").build();
        InboundMessage reply = email("zoe@example.com", "reply@mail", "Re: Broken cup", "Photos attached")
                .inReplyTo("root@mail").build();
        InboundMessage viaRefs = email("zoe@example.com", "reply2@mail", "Re: Broken cup", "Any news?")
                .references(List.of("root@mail", "reply@mail")).build();

        List<IntakeResult> r = intake.acceptAll(List.of(root, other, reply, viaRefs));

        assertThat(r).extracting(IntakeResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.APPENDED, Outcome.APPENDED);
        TicketId cup = r.get(0).ticketId().orElseThrow();
        assertThat(r.get(2).ticketId()).contains(cup);
        assertThat(r.get(3).ticketId()).contains(cup);
        assertThat(messages(cup)).extracting(Message::text).containsExactly("It arrived broken", "Photos attached", "Any news?");
        assertThat(ticketCount()).isEqualTo(2);
    }

    @Test
    void aChatConversationWithinOneBatchStaysOneTicket() {
        List<IntakeResult> r = intake.acceptAll(List.of(wechat("o-1", "1", "hi").build(), wechat("o-2", "1", "hello").build(),
                wechat("o-1", "2", "my order is late").build(), wechat("o-1", "3", "order 2025111188880001").build()));

        assertThat(r).extracting(IntakeResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.APPENDED, Outcome.APPENDED);
        assertThat(r.get(2).ticketId()).isEqualTo(r.get(0).ticketId());
        assertThat(r.get(3).ticketId()).isEqualTo(r.get(0).ticketId());
        assertThat(r.get(1).ticketId()).isNotEqualTo(r.get(0).ticketId());
        assertThat(messages(r.get(0).ticketId().orElseThrow())).hasSize(3);
    }

    @Test
    void aMailRepeatedInsideTheBatchIsADuplicateOfItsFirstCopy() {
        InboundMessage m = email("zoe@example.com", "twice@mail", "Refund", "Please refund").build();
        InboundMessage auto = email("mailer-daemon@example.com", "bounce@mail", "Undeliverable", "bounce").autoReply(true).build();
        List<IntakeResult> r = intake.acceptAll(List.of(m, auto, m));

        assertThat(r).extracting(IntakeResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.IGNORED_AUTO_REPLY, Outcome.DUPLICATE);
        assertThat(r.get(2).ticketId()).isEqualTo(r.get(0).ticketId());
        assertThat(r.get(2).messageId()).isEqualTo(r.get(0).messageId());
        assertThat(r.get(1).ticketId()).isEmpty();
        assertThat(ticketCount()).isEqualTo(1);
    }

    @Test
    void messagesOfTwoTenantsInOneBatchEachLandInTheirOwnTenant() {
        Fixtures other = Fixtures.create(engine, TenantId.of("shop-2"));
        InboundMessage a = email("zoe@example.com", "same-id@mail", "Hello", "from shop 1").build();
        InboundMessage b = InboundMessage.builder(other.tenant, dev.ticketkit.core.Channel.EMAIL).externalMessageId("same-id@mail")
                .sender(dev.ticketkit.core.ChannelIdentity.of(dev.ticketkit.core.IdentityType.EMAIL, "zoe@example.com"))
                .subject("Hello").text("from shop 2").build();

        List<IntakeResult> r = intake.acceptAll(List.of(a, b, a));

        assertThat(r).extracting(IntakeResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.DUPLICATE);
        assertThat(engine.tickets().find(shop.admin, r.get(0).ticketId().orElseThrow())).isPresent();
        assertThat(engine.tickets().find(shop.admin, r.get(1).ticketId().orElseThrow())).isEmpty();
        assertThat(engine.tickets().get(other.admin, r.get(1).ticketId().orElseThrow()).subject()).isEqualTo("Hello");
        assertThat(r.get(2).ticketId()).isEqualTo(r.get(0).ticketId());
    }

    @Test
    void moreMailsThanTheBulkLimitAreTakenInInSeveralTransactions() {
        intake = Intake.builder(engine).limits(dev.ticketkit.core.Limits.custom().maxBulkSize(7).build()).build();
        List<IntakeResult> r = intake.acceptAll(newMails("many-", 20));
        assertThat(r).extracting(IntakeResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(ticketCount()).isEqualTo(20);
    }

    @Test
    void aMailTheEngineRefusesFailsTheCallButTheOthersAreTakenInAndRedeliveryIsSafe() {
        CommandHook refuse = new CommandHook() {
            @Override
            public void beforeCommit(HookContext ctx) {
                if (ctx.ticket().subject().contains("poison")) {
                    throw new IllegalStateException("refused by a hook");
                }
            }
        };
        try (TicketEngine strict = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).hook(refuse).build()) {
            Fixtures s = Fixtures.create(strict, shop.tenant);
            Intake in = Intake.builder(strict).build();
            List<InboundMessage> batch = new ArrayList<>(newMails("ok-", 5));
            batch.add(2, email("evil@example.com", "poison@mail", "poison", "x").build());

            assertThatThrownBy(() -> in.acceptAll(batch)).isInstanceOf(IllegalStateException.class).hasMessage("refused by a hook");
            assertThat(strict.tickets().view(s.admin, ViewQuery.builder().limit(100).build()).items()).hasSize(5);

            assertThatThrownBy(() -> in.acceptAll(batch)).isInstanceOf(IllegalStateException.class);
            List<IntakeResult> others = in.acceptAll(batch.stream().filter(m -> !m.subject().equals("poison")).toList());
            assertThat(others).extracting(IntakeResult::outcome).containsOnly(Outcome.DUPLICATE);
            assertThat(strict.tickets().view(s.admin, ViewQuery.builder().limit(100).build()).items()).hasSize(5);
        }
    }

    @Test
    void twoThreadsTakingInTheSameBatchStoreEachMailOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            List<InboundMessage> batch = newMails("race-" + round + "-", 20);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<List<IntakeResult>> results = new ArrayList<>();
            try {
                CyclicBarrier barrier = new CyclicBarrier(2);
                List<Future<List<IntakeResult>>> futures = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    futures.add(pool.submit(() -> {
                        barrier.await(10, TimeUnit.SECONDS);
                        return intake.acceptAll(batch);
                    }));
                }
                for (Future<List<IntakeResult>> f : futures) {
                    results.add(f.get(30, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < batch.size(); i++) {
                IntakeResult a = results.get(0).get(i);
                IntakeResult b = results.get(1).get(i);
                assertThat(a.ticketId()).isEqualTo(b.ticketId());
                assertThat(a.messageId()).isEqualTo(b.messageId());
                assertThat(Set.of(a.outcome(), b.outcome())).containsExactlyInAnyOrder(Outcome.CREATED, Outcome.DUPLICATE);
                assertThat(messages(a.ticketId().orElseThrow())).hasSize(1);
            }
        }
        assertThat(ticketCount()).isEqualTo(200);
    }

    @Test
    void aNewSenderWritingTwiceInOneBatchBecomesOneCustomer() {
        List<IntakeResult> r = intake.acceptAll(List.of(
                email("new.buyer@example.com", "nb-1@mail", "Size", "Is L in stock?").build(),
                email("someone@example.com", "so-1@mail", "Hello", "Hi").build(),
                email("new.buyer@example.com", "nb-2@mail", "Colour", "And in red?").build()));

        assertThat(r).extracting(IntakeResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(r.get(2).customerId()).isEqualTo(r.get(0).customerId());
        assertThat(r.get(1).customerId()).isNotEqualTo(r.get(0).customerId());
        assertThat(engine.customers().findByIdentity(shop.admin, dev.ticketkit.core.IdentityType.EMAIL, "new.buyer@example.com"))
                .map(c -> c.id()).isEqualTo(r.get(0).customerId());
    }

    @Test
    void aCustomerChangedByOneMessageOfABatchIsSeenChangedByTheNextEvenUnderAnotherSenderIdentity() {
        var emailType = dev.ticketkit.core.IdentityType.EMAIL;
        var openId = dev.ticketkit.core.IdentityType.WECHAT_OPENID;
        dev.ticketkit.core.Customer pat = engine.customers().create(shop.admin,
                dev.ticketkit.core.NewCustomer.of("Pat", dev.ticketkit.core.ChannelIdentity.verified(emailType, "pat@a.example")));
        pat = engine.customers().addIdentity(shop.admin, pat.id(), dev.ticketkit.core.ChannelIdentity.verified(emailType, "pat@b.example"));
        // both of Pat's addresses write in one batch, each carrying a different verified WeChat id
        List<IntakeResult> r = intake.acceptAll(List.of(
                email("pat@a.example", "pa-1@mail", "One", "first")
                        .otherIdentity(dev.ticketkit.core.ChannelIdentity.verified(openId, "o-first")).build(),
                email("pat@b.example", "pb-1@mail", "Two", "second")
                        .otherIdentity(dev.ticketkit.core.ChannelIdentity.verified(openId, "o-second")).build()));

        assertThat(r).extracting(IntakeResult::customerId).containsOnly(java.util.Optional.of(pat.id()));
        // never two ids of one platform: the second WeChat id was not added to the customer the first one changed
        assertThat(engine.customers().get(shop.admin, pat.id()).identities())
                .filteredOn(i -> i.type().equals(openId)).extracting(dev.ticketkit.core.ChannelIdentity::value)
                .containsExactly("o-first");
    }
}
