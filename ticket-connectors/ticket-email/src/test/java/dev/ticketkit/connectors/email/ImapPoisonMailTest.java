package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.testkit.CapturingLogs;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketStoreException;
import dev.ticketkit.testkit.MutableClock;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.angus.mail.util.ReadableMime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poison mail: a message the handler always fails on, one that cannot be read, or one that is too large is set
 * aside after a bounded number of attempts (or at once), and the rest of the mailbox is still taken in.
 */
class ImapPoisonMailTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    private static final String SUPPORT = "support@shop.example";
    private static final String POISON_SENDER = "poison.pii@customer.example";
    private static final String POISON_SUBJECT = "SubjectPii";

    private GreenMailUser mailbox;
    private EmailChannel email;

    @BeforeEach
    void setUp() {
        mailbox = MAIL.setUser(SUPPORT, "support", "s3cret");
        email = channel(EmailParser.create());
    }

    @AfterEach
    void tearDown() {
        email.close();
    }

    private EmailChannel channel(EmailParser parser) {
        return EmailChannel.builder(TenantId.of("shop-1"), SUPPORT)
                .clock(MutableClock.at("2026-11-11T00:00:00Z"))
                .parser(parser)
                .imap(MailServer.of("127.0.0.1", MAIL.getImap().getServerSetup().getPort(), "support", "s3cret",
                        MailServer.Security.PLAIN))
                .build();
    }

    /** Puts a message straight into the support inbox. */
    private void deliver(String messageId, String from, String subject, String body) {
        String raw = "From: " + from + "\r\nTo: " + SUPPORT + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + messageId
                + ">\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
        try {
            mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private void deliverPoison(String messageId) {
        deliver(messageId, POISON_SENDER, POISON_SUBJECT, "BodyPii");
    }

    /** A handler that fails on every message from the poison sender and records the ids of the rest. */
    private static Consumer<InboundMessage> failingOnPoison(List<String> taken) {
        return m -> {
            if (m.sender().value().equals(POISON_SENDER)) {
                throw new TicketStoreException("value too long for column", null, null);
            }
            taken.add(m.externalMessageId());
        };
    }

    private interface FolderCheck {
        void check(Folder folder) throws Exception;
    }

    private void inFolder(String name, FolderCheck check) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", MAIL.getImap().getServerSetup().getPort(), "support", "s3cret");
            Folder f = store.getFolder(name);
            f.open(Folder.READ_ONLY);
            try {
                check.check(f);
            } finally {
                f.close(false);
            }
        }
    }

    private void createFolder(String name) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", MAIL.getImap().getServerSetup().getPort(), "support", "s3cret");
            assertThat(store.getFolder(name).create(Folder.HOLDS_MESSAGES)).isTrue();
        }
    }

    private static Message only(Folder f, String messageId) throws Exception {
        for (Message m : f.getMessages()) {
            String[] ids = m.getHeader("Message-ID");
            if (ids != null && ids[0].equals("<" + messageId + ">")) {
                return m;
            }
        }
        throw new AssertionError("no message " + messageId + " in " + f.getFullName());
    }

    @Test
    void aMessageTheHandlerAlwaysFailsOnIsSetAsideAfterMaxAttemptsAndTheRestIsTakenIn() throws Exception {
        deliverPoison("poison@customer.example");
        deliver("good-1@customer.example", "zoe@customer.example", "Hi", "Hello");
        List<String> taken = new ArrayList<>();
        ImapPoller poller = email.imapPoller(failingOnPoison(taken)).maxAttempts(3);

        List<String> logged = CapturingLogs.capture(() -> {
            assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(1, 1, 0));
            assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(0, 1, 0));
            assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(0, 0, 1)); // third failure: set aside
        }).stream().filter(l -> l.contains("dev.ticketkit")).toList(); // not the test server's own protocol log
        assertThat(poller.pollOnce().total()).isZero(); // later polls no longer see it
        deliver("good-2@customer.example", "zoe@customer.example", "Again", "Hello again");
        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(1, 0, 0));
        assertThat(taken).containsExactly("good-1@customer.example", "good-2@customer.example");

        inFolder("INBOX", f -> {
            Message poison = only(f, "poison@customer.example");
            assertThat(poison.getFlags().contains(Flags.Flag.FLAGGED)).isTrue();
            assertThat(poison.getFlags().contains(Flags.Flag.SEEN)).isTrue();
            if (f.getPermanentFlags().contains(Flags.Flag.USER)) {
                assertThat(poison.getFlags().contains(ImapPoller.FAILED_KEYWORD)).isTrue();
            }
            assertThat(only(f, "good-1@customer.example").getFlags().contains(Flags.Flag.FLAGGED)).isFalse();
        });
        assertThat(logged).anySatisfy(l -> assertThat(l).contains("WARN").contains("uid ").contains("set aside"));
        assertThat(logged).isNotEmpty().allSatisfy(l -> assertThat(l)
                .doesNotContain("poison.pii").doesNotContain(POISON_SUBJECT).doesNotContain("BodyPii")
                .doesNotContain("value too long"));
    }

    @Test
    void poisonMailFillingTheWholeBatchNoLongerBlocksTheMailBehindIt() {
        deliverPoison("poison-1@customer.example");
        deliverPoison("poison-2@customer.example");
        deliver("good@customer.example", "zoe@customer.example", "Hi", "Hello");
        List<String> taken = new ArrayList<>();
        ImapPoller poller = email.imapPoller(failingOnPoison(taken)).batchSize(2).maxAttempts(2);

        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(0, 2, 0));
        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(0, 0, 2));
        assertThat(taken).isEmpty();
        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(1, 0, 0));
        assertThat(taken).containsExactly("good@customer.example");
    }

    @Test
    void setAsideMailIsMovedToTheFailedFolderWhenTheServerHasIt() throws Exception {
        createFolder("Failed");
        deliverPoison("poison@customer.example");
        deliver("good@customer.example", "zoe@customer.example", "Hi", "Hello");
        ImapPoller poller = email.imapPoller(failingOnPoison(new ArrayList<>())).maxAttempts(1).moveFailedTo("Failed");

        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(1, 0, 1));

        inFolder("Failed", f -> {
            assertThat(f.getMessageCount()).isEqualTo(1);
            assertThat(only(f, "poison@customer.example").getFlags().contains(Flags.Flag.FLAGGED)).isTrue();
        });
        inFolder("INBOX", f -> {
            assertThat(f.getMessageCount()).isEqualTo(1);
            assertThat(only(f, "good@customer.example").getFlags().contains(Flags.Flag.SEEN)).isTrue();
        });
    }

    @Test
    void withoutTheFailedFolderOnTheServerSetAsideMailIsFlaggedInPlaceAndNoFolderIsCreated() throws Exception {
        deliverPoison("poison@customer.example");
        ImapPoller poller = email.imapPoller(failingOnPoison(new ArrayList<>())).maxAttempts(1)
                .moveFailedTo("Missing");

        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(0, 0, 1));
        assertThat(poller.pollOnce().total()).isZero();

        inFolder("INBOX", f -> assertThat(only(f, "poison@customer.example").getFlags()
                .contains(Flags.Flag.FLAGGED)).isTrue());
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", MAIL.getImap().getServerSetup().getPort(), "support", "s3cret");
            assertThat(store.getFolder("Missing").exists()).isFalse();
        }
    }

    @Test
    void aBatchPollerHandsAFailedBatchOverOneMessageAtATimeSoOnlyThePoisonIsCounted() {
        deliver("a@customer.example", "ann@customer.example", "A", "first");
        deliverPoison("poison@customer.example");
        deliver("b@customer.example", "ben@customer.example", "B", "second");
        List<List<String>> calls = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        ImapPoller poller = email.imapBatchPoller(batch -> {
            calls.add(batch.stream().map(InboundMessage::externalMessageId).toList());
            for (InboundMessage m : batch) {
                if (m.sender().value().equals(POISON_SENDER)) {
                    throw new TicketStoreException("value too long for column", null, null);
                }
            }
            batch.forEach(m -> taken.add(m.externalMessageId()));
        }).maxAttempts(2);

        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(2, 1, 0));
        assertThat(calls).containsExactly(
                List.of("a@customer.example", "poison@customer.example", "b@customer.example"),
                List.of("a@customer.example"), List.of("poison@customer.example"), List.of("b@customer.example"));
        assertThat(taken).containsExactly("a@customer.example", "b@customer.example");

        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(0, 0, 1));
        assertThat(poller.pollOnce().total()).isZero();
    }

    @Test
    void aHandlerThatRecoversBeforeTheLimitTakesTheMessageInAndItsCountIsForgotten() {
        deliver("flaky@customer.example", "zoe@customer.example", "Hi", "Hello");
        int[] failuresLeft = {2};
        List<String> taken = new ArrayList<>();
        ImapPoller poller = email.imapPoller(m -> {
            if (failuresLeft[0]-- > 0) {
                throw new TicketStoreException("store down", null, null);
            }
            taken.add(m.externalMessageId());
        }).maxAttempts(3);

        assertThat(poller.pollOnce().failed()).isEqualTo(1);
        assertThat(poller.pollOnce().failed()).isEqualTo(1);
        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(1, 0, 0));
        assertThat(taken).containsExactly("flaky@customer.example");
    }

    @Test
    void aMessageLargerThanTheParsersLimitIsSetAsideAtOnceAndTheRestIsTakenIn() throws Exception {
        email.close();
        email = channel(EmailParser.builder().maxMessageBytes(4 * 1024).build());
        deliver("big@customer.example", "zoe@customer.example", "Photos", "x".repeat(20_000));
        deliver("small@customer.example", "zoe@customer.example", "Hi", "Hello");
        List<String> taken = new ArrayList<>();
        ImapPoller poller = email.imapPoller(m -> taken.add(m.externalMessageId()));

        assertThat(poller.pollOnce()).isEqualTo(new ImapPoller.PollResult(1, 0, 1));
        assertThat(poller.pollOnce().total()).isZero();
        assertThat(taken).containsExactly("small@customer.example");
        inFolder("INBOX", f -> assertThat(only(f, "big@customer.example").getFlags()
                .contains(Flags.Flag.FLAGGED)).isTrue());
    }

    @Test
    void maxAttemptsIsCheckedAtOnce() {
        ImapPoller poller = email.imapPoller(m -> { });
        assertThatThrownBy(() -> poller.maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> poller.maxAttempts(1_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> poller.moveFailedTo(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(poller.maxAttempts(1_000)).isSameAs(poller);
    }

    // ---- the raw read, with messages that report no size ------------------------------------------------------

    /** A message that reports no size (-1) and streams {@code length} bytes, counting what was read. */
    private static final class SizelessMessage extends MimeMessage implements ReadableMime {
        private final long length;
        long served;

        SizelessMessage(long length) {
            super((Session) null);
            this.length = length;
        }

        @Override
        public int getSize() {
            return -1;
        }

        @Override
        public InputStream getMimeStream() {
            return new InputStream() {
                @Override
                public int read() {
                    if (served >= length) {
                        return -1;
                    }
                    served++;
                    return 'a';
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (served >= length) {
                        return -1;
                    }
                    int n = (int) Math.min(len, length - served);
                    java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                    served += n;
                    return n;
                }
            };
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            getMimeStream().transferTo(os);
        }
    }

    @Test
    void aMessageThatReportsNoSizeIsReadThroughAStreamCutOffJustPastTheLimit() throws Exception {
        int max = 64 * 1024;
        SizelessMessage huge = new SizelessMessage(10L * 1024 * 1024);
        assertThatThrownBy(() -> ImapPoller.readRaw(huge, max)).isInstanceOf(ImapPoller.TooLargeException.class);
        assertThat(huge.served).isEqualTo(max + 1);

        SizelessMessage fits = new SizelessMessage(max);
        assertThat(ImapPoller.readRaw(fits, max)).hasSize(max);
    }

    @Test
    void aMessageThatCanOnlyWriteItselfOutIsCutOffAtTheLimitToo() throws Exception {
        MimeMessage plain = new MimeMessage((Session) null) {
            @Override
            public int getSize() {
                return -1;
            }
        };
        plain.setText("y".repeat(200_000));
        plain.saveChanges();
        assertThatThrownBy(() -> ImapPoller.readRaw(plain, 16 * 1024)).isInstanceOf(ImapPoller.TooLargeException.class);
        assertThat(new String(ImapPoller.readRaw(plain, 1024 * 1024), StandardCharsets.US_ASCII)).contains("yyyy");
    }

    @Test
    void everyFailureIsCountedAgainstItsOwnUid() {
        ImapAttempts a = new ImapAttempts();
        a.begin("INBOX", 7);
        assertThat(a.failed(1, "m1@x")).isEqualTo(1);
        assertThat(a.failed(1, "m1@x")).isEqualTo(2);
        assertThat(a.failed(2, null)).isEqualTo(1);
        a.forget(1, "m1@x");
        assertThat(a.count(1)).isZero();
        assertThat(a.count(2)).isEqualTo(1);
        a.retain(Set.of(3L));
        assertThat(a.isEmpty()).isTrue();
    }

    @Test
    void aUidValidityChangeNeverHandsACountToAnotherMessageAndKeepsItByMessageId() {
        ImapAttempts a = new ImapAttempts();
        a.begin("INBOX", 7);
        a.failed(10, "poison@x");
        a.failed(10, "poison@x");
        a.failed(11, null); // never read: no Message-ID to carry it over

        a.begin("INBOX", 8); // renumbered: UID 10 is now another message
        assertThat(a.count(10)).isZero();
        assertThat(a.failed(10, "other@x")).isEqualTo(1);
        assertThat(a.failed(3, "poison@x")).isEqualTo(3); // the poison message, under its new UID
        assertThat(a.failed(11, null)).isEqualTo(1);

        a.begin("Archive", 8); // another folder: nothing carried
        assertThat(a.failed(3, "poison@x")).isEqualTo(1);
        assertThat(a.size()).isEqualTo(1);
    }
}
