package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.connectors.intake.IntakeResult.Outcome;
import dev.ticketkit.core.Limits;
import dev.ticketkit.core.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed, sender-less, random and oversized mail through the e-mail channel and intake: refused or kept, never lost. */
class MalformedMailIntakeTest extends EmailIntakeTestBase {

    @Override
    protected Intake.Builder configure(Intake.Builder b) {
        return b.limits(Limits.custom().maxMessageTextLength(100).build());
    }

    @Test
    void malformedMimeWithASenderBecomesATicketHoldingWhatTheParserRead() {
        EmailChannel channel = EmailChannel.builder(shop.tenant, "support@shop.example").clock(clock).build();
        InboundMessage noEndBoundary = channel.parse(shop.tenant, ("From: zoe@example.com\r\nMessage-ID: <mp@x>\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n")
                .getBytes(StandardCharsets.UTF_8));
        IntakeResult r = intake.accept(noEndBoundary);
        assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(messages(r.ticketId().orElseThrow())).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("hi");
            assertThat(m.externalMessageId()).isEqualTo("mp@x");
        });

        InboundMessage brokenBase64 = channel.parse(shop.tenant, ("From: zoe@example.com\r\nSubject: Help\r\n"
                + "Message-ID: <b64@x>\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!@@@###")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(brokenBase64.metadata()).containsEntry("email.warnings", "1");
        IntakeResult b = intake.accept(brokenBase64);
        assertThat(b.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(b.ticketId()).isNotEqualTo(r.ticketId());
        // nothing decodable in the body: the message keeps the subject rather than being empty
        assertThat(messages(b.ticketId().orElseThrow())).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("Help"));
        // and a redelivery of either is a duplicate of the same ticket, not a second one
        assertThat(intake.accept(noEndBoundary)).satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(d.ticketId()).isEqualTo(r.ticketId());
        });
    }

    @Test
    void mailWithoutASenderIsANonRetryableChannelExceptionNamingNoContent() {
        EmailChannel channel = EmailChannel.builder(shop.tenant, "support@shop.example").clock(clock).build();
        for (String raw : List.of("", "garbage without headers",
                "From: \r\nSubject: =?utf-8?B?broken?=\r\n\r\nno sender zoe@example.com")) {
            assertThatThrownBy(() -> channel.parse(shop.tenant, raw.getBytes(StandardCharsets.UTF_8)))
                    .as(raw)
                    .isInstanceOf(ChannelException.class)
                    .hasMessage("email has no sender address")
                    .satisfies(e -> assertThat(((ChannelException) e).isRetryable()).isFalse());
        }
        assertThat(engine.tickets().view(shop.admin, dev.ticketkit.core.ViewQuery.builder().build()).items()).isEmpty();
    }

    @Test
    void randomBytesAreEitherRejectedAsMailWithoutASenderOrStoredAsTheParserReadThem() {
        EmailChannel channel = EmailChannel.builder(shop.tenant, "support@shop.example").clock(clock).build();
        Random random = new Random(42);
        int rejected = 0;
        int created = 0;
        for (int i = 0; i < 400; i++) {
            byte[] body = new byte[random.nextInt(400)];
            random.nextBytes(body);
            // half are bare random bytes, half random bodies behind a valid sender and id
            byte[] raw = i % 2 == 0 ? body
                    : concat(("From: zoe@example.com\r\nMessage-ID: <rnd-" + i + "@x>\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII), body);
            InboundMessage m;
            try {
                m = channel.parse(shop.tenant, raw);
            } catch (ChannelException e) {
                assertThat(i % 2).as("input %d: only sender-less input is rejected", i).isZero();
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.getMessage()).isIn("email has no sender address",
                        "email sender address is too long or malformed");
                rejected++;
                continue;
            }
            IntakeResult r = intake.accept(m);
            assertThat(r.outcome()).as("input %d", i).isEqualTo(Outcome.CREATED);
            Message stored = messages(r.ticketId().orElseThrow()).get(0);
            assertThat(stored.externalMessageId()).isEqualTo(m.externalMessageId());
            String expected = m.text().isBlank() ? (m.subject().isBlank() ? "(empty message)" : m.subject())
                    : m.text();
            assertThat(stored.text()).as("input %d", i).isEqualTo(expected.substring(0, Math.min(100, expected.length())));
            created++;
        }
        assertThat(created).isGreaterThanOrEqualTo(200); // every input with a sender became a ticket
        assertThat(rejected + created).isEqualTo(400);
    }

    @Test
    void anOversizedRawMessageIsANonRetryableChannelException() {
        EmailChannel channel = EmailChannel.builder(shop.tenant, "support@shop.example").clock(clock)
                .parser(EmailParser.builder().maxMessageBytes(1024).build()).build();
        byte[] raw = ("From: zoe@example.com\r\n\r\n" + "y".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> channel.parse(shop.tenant, raw)).isInstanceOf(ChannelException.class)
                .satisfies(e -> assertThat(((ChannelException) e).isRetryable()).isFalse());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
