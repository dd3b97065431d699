package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.connectors.intake.IntakeResult.Outcome;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.MessageResult;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email channel end to end against in-process SMTP and IMAP servers on free ports. */
class EmailRoundTripTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    private static final String SUPPORT = "support@shop.example";
    private static final String CUSTOMER = "zoe@customer.example";

    private MutableClock clock;
    private TicketEngine engine;
    private Fixtures shop;
    private Intake intake;
    private EmailChannel email;

    @BeforeEach
    void setUp() {
        MAIL.setUser(SUPPORT, "support", "s3cret");
        MAIL.setUser(CUSTOMER, "zoe", "zoe-pw");
        clock = MutableClock.at("2026-11-11T00:00:00Z");
        engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).build();
        shop = Fixtures.create(engine, TenantId.of("shop-1"));
        intake = Intake.builder(engine).build();
        ServerSetup smtp = MAIL.getSmtp().getServerSetup();
        ServerSetup imap = MAIL.getImap().getServerSetup();
        email = EmailChannel.builder(shop.tenant, SUPPORT)
                .fromName("Shop Support")
                .clock(clock)
                .smtp(MailServer.of("127.0.0.1", smtp.getPort(), "support", "s3cret", MailServer.Security.PLAIN))
                .imap(MailServer.of("127.0.0.1", imap.getPort(), "support", "s3cret", MailServer.Security.PLAIN))
                .build();
    }

    @AfterEach
    void tearDown() {
        email.close();
        engine.close();
    }

    /** Submits raw MIME to the test SMTP server, addressed to the support mailbox. */
    private void customerSends(String rawMime) {
        try {
            MimeMessage m = new MimeMessage(MAIL.getSmtp().createSession(),
                    new java.io.ByteArrayInputStream(rawMime.getBytes(StandardCharsets.UTF_8))) {
                @Override
                protected void updateMessageID() {
                    // keep the Message-ID the test wrote
                }
            };
            jakarta.mail.Transport.send(m);
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError("test mail not submitted", e);
        }
    }

    @Test
    void aCustomerMailBecomesATicketTheReplyThreadsAndTheAnswerLandsOnTheSameTicket() throws Exception {
        customerSends("""
                From: Zoe <zoe@customer.example>\r
                To: support@shop.example\r
                Subject: Broken teapot, order #1001\r
                Message-ID: <first-zoe@customer.example>\r
                Date: Wed, 11 Nov 2026 08:00:00 +0800\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                The teapot arrived broken. Order #1001.\r
                """);
        List<IntakeResult> results = new ArrayList<>();
        ImapPoller poller = email.imapPoller(m -> results.add(intake.accept(m)));

        ImapPoller.PollResult poll = poller.pollOnce();
        assertThat(poll.handled()).isEqualTo(1);
        assertThat(results).extracting(IntakeResult::outcome).containsExactly(Outcome.CREATED);
        Ticket ticket = engine.tickets().get(shop.admin, results.get(0).ticketId().orElseThrow());
        assertThat(ticket.channel()).isEqualTo(Channel.EMAIL);
        assertThat(ticket.subject()).isEqualTo("Broken teapot, order #1001");
        assertThat(ticket.orders()).extracting(o -> o.orderId()).containsExactly("#1001");
        // handled mail is marked read: the next poll finds nothing
        assertThat(poller.pollOnce().total()).isZero();
        assertThat(MAIL.getReceivedMessagesForDomain("shop.example")[0].getFlags().contains(Flags.Flag.SEEN)).isTrue();

        // the agent answers; the reply goes out over SMTP with the token and threading headers
        MessageResult agent = engine.tickets().reply(shop.alice, ticket.id(), NewMessage.text("Sorry! A new one is on its way."));
        Message customerMail = engine.tickets().messages(shop.admin, ticket.id()).get(0);
        SendResult sent = email.send(OutboundMessage.builder(shop.tenant, Channel.EMAIL,
                        ChannelIdentity.of(IdentityType.EMAIL, CUSTOMER))
                .recipientName("Zoe")
                .subject("Re: " + ticket.subject())
                .text(agent.message().text())
                .ticket(ticket.id(), ticket.number())
                .messageId(agent.message().id())
                .inReplyTo(customerMail.externalMessageId())
                .build());
        assertThat(sent.isDelivered()).isTrue();
        assertThat(sent.externalMessageId()).isEqualTo(
                EmailThreading.messageId(ticket.id(), agent.message().id(), "shop.example"));

        MimeMessage out = received(CUSTOMER);
        assertThat(out.getSubject()).isEqualTo("Re: Broken teapot, order #1001 [" + ticket.number() + "]");
        assertThat(out.getHeader("Message-ID")[0]).isEqualTo("<" + sent.externalMessageId() + ">");
        assertThat(out.getHeader("In-Reply-To")[0]).isEqualTo("<first-zoe@customer.example>");
        assertThat(out.getHeader("References")[0]).contains("<first-zoe@customer.example>");
        assertThat(out.getFrom()[0].toString()).contains(SUPPORT);

        // the customer answers the reply: it lands on the same ticket
        customerSends("From: Zoe <zoe@customer.example>\r\n"
                + "To: support@shop.example\r\n"
                + "Subject: " + out.getSubject() + "\r\n"
                + "Message-ID: <second-zoe@customer.example>\r\n"
                + "In-Reply-To: " + out.getHeader("Message-ID")[0] + "\r\n"
                + "References: <first-zoe@customer.example> " + out.getHeader("Message-ID")[0] + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Thank you!\r\n\r\nOn Wed, Shop Support wrote:\r\n> Sorry! A new one is on its way.\r\n");
        assertThat(poller.pollOnce().handled()).isEqualTo(1);
        assertThat(results.get(1).outcome()).isEqualTo(Outcome.APPENDED);
        assertThat(results.get(1).ticketId()).contains(ticket.id());
        List<Message> thread = engine.tickets().messages(shop.admin, ticket.id());
        assertThat(thread).hasSize(3);
        assertThat(thread.get(2).text()).isEqualTo("Thank you!");
    }

    @Test
    void systemRepliesSayTheyAreAutomaticSoRespondersLeaveThemAndTheyComeBackIgnored() throws Exception {
        String person = "yan@customer.example";
        assertThat(email.send(OutboundMessage.builder(shop.tenant, Channel.EMAIL, ChannelIdentity.of(IdentityType.EMAIL,
                CUSTOMER)).subject("We got your mail").text("Ticket received.").automatic(true).build()).isDelivered()).isTrue();
        assertThat(email.send(OutboundMessage.builder(shop.tenant, Channel.EMAIL, ChannelIdentity.of(IdentityType.EMAIL,
                person)).subject("Re: teapot").text("A new one is on its way.").build()).isDelivered()).isTrue();
        MimeMessage automatic = received(CUSTOMER);
        assertThat(automatic.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(automatic.getHeader("X-Auto-Response-Suppress")).containsExactly("All");
        MimeMessage byAPerson = received(person);
        assertThat(byAPerson.getHeader("Auto-Submitted")).containsExactly("no");
        assertThat(byAPerson.getHeader("X-Auto-Response-Suppress")).isNull();
        // forwarded back to a mailbox TicketKit reads, the automatic one is known for what it is
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        automatic.writeTo(raw);
        assertThat(EmailParser.create().parse(raw.toByteArray()).autoReply()).isTrue();
        EmailChannel other = EmailChannel.builder(TenantId.of("shop-2"), "help@other.example").clock(clock).build();
        assertThat(intake.accept(other.parse(TenantId.of("shop-2"), raw.toByteArray())).outcome())
                .isEqualTo(Outcome.IGNORED_AUTO_REPLY);
    }

    @Test
    void aMailTheHandlerFailsOnStaysUnreadAndIsTakenByTheNextPoll() {
        customerSends("From: zoe@customer.example\r\nTo: support@shop.example\r\nSubject: Hi\r\n"
                + "Message-ID: <retry@customer.example>\r\n\r\nHello\r\n");
        boolean[] fail = {true};
        List<IntakeResult> results = new ArrayList<>();
        ImapPoller poller = email.imapPoller(m -> {
            if (fail[0]) {
                throw new dev.ticketkit.core.TicketStoreException("store down", null, null);
            }
            results.add(intake.accept(m));
        });
        ImapPoller.PollResult first = poller.pollOnce();
        assertThat(first.failed()).isEqualTo(1);
        fail[0] = false;
        assertThat(poller.pollOnce().handled()).isEqualTo(1);
        assertThat(results).extracting(IntakeResult::outcome).containsExactly(Outcome.CREATED);
    }

    @Test
    void aBatchPollerTakesAPollsMailInWithOneCallAndLeavesItAllUnreadWhenThatFails() {
        for (int i = 0; i < 5; i++) {
            customerSends("From: buyer" + i + "@customer.example\r\nTo: support@shop.example\r\nSubject: Parcel " + i
                    + "\r\nMessage-ID: <batch-" + i + "@customer.example>\r\n\r\nWhere is parcel " + i + "?\r\n");
        }
        customerSends("From: zoe@customer.example\r\nTo: support@shop.example\r\nSubject: Re: Parcel 0\r\n"
                + "In-Reply-To: <batch-0@customer.example>\r\nMessage-ID: <batch-reply@customer.example>\r\n\r\nAnd?\r\n");
        boolean[] fail = {true};
        List<List<IntakeResult>> calls = new ArrayList<>();
        ImapPoller poller = email.imapBatchPoller(batch -> {
            List<IntakeResult> r = intake.acceptAll(batch);
            if (fail[0]) {
                throw new dev.ticketkit.core.TicketStoreException("lost the connection", null, null);
            }
            calls.add(r);
        });

        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(0, 6, 0));
        fail[0] = false;
        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(6, 0, 0));
        assertThat(poller.pollOnce().total()).isZero();

        // the failed call had taken them in: the second poll finds them all duplicates, nothing twice
        assertThat(calls).singleElement().satisfies(r -> assertThat(r).extracting(IntakeResult::outcome).containsOnly(Outcome.DUPLICATE));
        assertThat(engine.tickets().view(shop.admin, dev.ticketkit.core.ViewQuery.builder().build()).items()).hasSize(5);
    }

    @Test
    void handledMailCanBeMovedToAProcessedFolder() throws Exception {
        customerSends("From: zoe@customer.example\r\nTo: support@shop.example\r\nSubject: Move me\r\n"
                + "Message-ID: <move@customer.example>\r\n\r\nHello\r\n");
        ImapPoller poller = email.imapPoller(intake::accept).moveProcessedTo("Processed");
        assertThat(poller.pollOnce().handled()).isEqualTo(1);
        // gone from the inbox
        assertThat(poller.pollOnce().total()).isZero();
        try (var store = jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap")) {
            store.connect("127.0.0.1", MAIL.getImap().getServerSetup().getPort(), "support", "s3cret");
            var folder = store.getFolder("Processed");
            folder.open(jakarta.mail.Folder.READ_ONLY);
            assertThat(folder.getMessageCount()).isEqualTo(1);
            var inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isZero();
        }
    }

    @Test
    void aRecipientTheServerCannotReachIsARetryableResultNotAnException() {
        EmailChannel nowhere = EmailChannel.builder(shop.tenant, SUPPORT).clock(clock)
                .smtp(MailServer.of("127.0.0.1", 1, "", "", MailServer.Security.PLAIN).withTimeout(java.time.Duration.ofSeconds(2)))
                .build();
        SendResult r = nowhere.send(OutboundMessage.builder(shop.tenant, Channel.EMAIL,
                ChannelIdentity.of(IdentityType.EMAIL, CUSTOMER)).text("hi").build());
        assertThat(r.status()).isEqualTo(SendResult.Status.RETRYABLE_FAILURE);
        assertThat(r.reasonCode()).isEqualTo("smtp_unavailable");
        SendResult notEmail = email.send(OutboundMessage.builder(shop.tenant, Channel.EMAIL,
                ChannelIdentity.of(IdentityType.WECHAT_OPENID, "o-1")).text("hi").build());
        assertThat(notEmail.status()).isEqualTo(SendResult.Status.PERMANENT_FAILURE);
        assertThat(notEmail.reasonCode()).isEqualTo("recipient_not_email");
    }

    private static MimeMessage received(String address) throws Exception {
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            for (var to : m.getAllRecipients()) {
                if (to.toString().contains(address)) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    m.writeTo(b);
                    assertThat(b.toString(StandardCharsets.UTF_8)).doesNotContain("\n\n\n\n");
                    return m;
                }
            }
        }
        throw new AssertionError("no mail for the customer");
    }
}
