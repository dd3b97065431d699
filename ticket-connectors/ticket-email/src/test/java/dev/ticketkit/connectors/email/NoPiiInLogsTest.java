package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.testkit.CapturingLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md "Errors": the e-mail channel, its parser and intake log counts, sizes, ids and kinds, never
 * what a customer wrote: no address, display name, subject, body, file name or header value.
 * Every level is captured (the tests' SLF4J provider enables debug).
 */
class NoPiiInLogsTest extends EmailIntakeTestBase {

    /** Each marker appears in the mail in one place; none may reach a log line. */
    private static final List<String> MARKERS = List.of("zoe.pii", "Zoe Piiname", "SubjectPii", "BodyPii",
            "QuotedPii", "filepii", "HeaderPii", "charsetpii", "HtmlPii");

    @Override
    protected Intake.Builder configure(Intake.Builder b) {
        return b.attachmentSink((tenant, a) -> {
            throw new IOException("disk full while writing " + a.filename()); // a sink that echoes the name
        });
    }

    @Test
    void parsingAndIntakeLogNoCustomerContent() {
        EmailChannel email = EmailChannel.builder(shop.tenant, "support@shop.example").clock(clock)
                .parser(EmailParser.builder().maxMessageBytes(64 * 1024).maxParts(4).build()).build();
        List<byte[]> mails = List.of(
                mail("<m1@customer.example>", "Content-Type: text/plain; charset=charsetpii\r\n", "BodyPii\r\n"),
                mail("<m1@customer.example>", "", "BodyPii again\r\n"), // duplicate
                mail("<m2@customer.example>", "Auto-Submitted: auto-replied\r\n", "BodyPii\r\n"),
                mail("<m3@customer.example>", "Content-Type: multipart/mixed; boundary=b\r\n",
                        "--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                        + "<p>HtmlPii =ZZ</p><blockquote>QuotedPii</blockquote>\r\n"
                        + "--b\r\nContent-Type: application/pdf; name=\"filepii.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\nJVBE!!!Rg==\r\n--b--\r\n"),
                mail("<m4@customer.example>", "Content-Type: multipart/mixed; boundary=c\r\n",
                        "--c\r\n\r\nBodyPii\r\n".repeat(10) + "--c--\r\n"), // over the part limit
                mail("", "X-HeaderPii: HeaderPii\r\n", "BodyPii without Message-ID\r\n"),
                ("From: zoe.pii@customer.example\r\nSubject: SubjectPii\r\n\r\n" + "BodyPii".repeat(20_000))
                        .getBytes(StandardCharsets.UTF_8)); // over the size limit: rejected
        List<IntakeResult.Outcome> outcomes = new ArrayList<>();
        List<String> logged = CapturingLogs.capture(() -> {
            for (byte[] raw : mails) {
                try {
                    InboundMessage m = email.parse(shop.tenant, raw);
                    outcomes.add(intake.accept(m).outcome());
                } catch (ChannelException rejected) {
                    outcomes.add(null);
                }
            }
        });
        assertThat(outcomes).contains(IntakeResult.Outcome.CREATED, IntakeResult.Outcome.DUPLICATE,
                IntakeResult.Outcome.IGNORED_AUTO_REPLY, null);
        assertThat(logged).as("the run logged (so the check below can fail)").isNotEmpty()
                .anyMatch(line -> line.contains("attachment") && line.startsWith("[WARN]"))
                .anyMatch(line -> line.startsWith("[DEBUG]"));
        for (String line : logged) {
            for (String marker : MARKERS) {
                assertThat(line).as("a log line").doesNotContainIgnoringCase(marker);
            }
            assertThat(line).as("a log line").doesNotContain("customer.example");
        }
    }

    private static byte[] mail(String messageId, String headers, String body) {
        return ("From: \"Zoe Piiname\" <zoe.pii@customer.example>\r\nTo: support@shop.example\r\n"
                + "Subject: SubjectPii\r\n" + (messageId.isEmpty() ? "" : "Message-ID: " + messageId + "\r\n")
                + headers + "\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }
}
