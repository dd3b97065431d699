package dev.ticketkit.connectors.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.connectors.ChannelAttachment;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.intake.IntakeResult.Outcome;
import dev.ticketkit.testkit.CapturingLogs;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Ticket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md "Errors": intake logs outcomes, ids, channels and kinds, never what a customer wrote or who they are:
 * no address, open id, display name, subject, text, HTML, file name or metadata value, whatever the channel.
 * Every level is captured (the tests' SLF4J provider enables debug). The e-mail channel and its parser have the
 * same test in ticket-email, on raw mail.
 */
class NoPiiInLogsTest extends IntakeTestBase {

    /** Each marker appears in the messages in one place; none may reach a log line. */
    private static final List<String> MARKERS = List.of("zoe.pii", "Zoe Piiname", "SubjectPii", "BodyPii", "HtmlPii",
            "filepii", "MetaPii", "mallory.pii", "openid-pii", "other.pii", "customer.example");

    @Override
    protected Intake.Builder configure(Intake.Builder b) {
        return b.attachmentSink((tenant, a) -> {
            throw new IOException("disk full while writing " + a.filename()); // a sink that echoes the name
        });
    }

    @Test
    void intakeLogsNoCustomerContentOnAnyPath() {
        List<Outcome> outcomes = new ArrayList<>();
        List<String> logged = CapturingLogs.capture(() -> {
            InboundMessage first = email("zoe.pii@customer.example", "m1@customer.example", "SubjectPii", "BodyPii")
                    .senderName("Zoe Piiname").html("<p>HtmlPii</p>").metadata("note", "MetaPii")
                    .attachment(ChannelAttachment.ofBytes("filepii.pdf", "application/pdf", new byte[10]))
                    .build();
            IntakeResult created = intake.accept(first);
            outcomes.add(created.outcome());
            outcomes.add(intake.accept(first).outcome()); // redelivery
            outcomes.add(intake.accept(email("zoe.pii@customer.example", "m2@customer.example", "Re: SubjectPii",
                    "BodyPii again").inReplyTo("m1@customer.example").build()).outcome());
            outcomes.add(intake.accept(email("zoe.pii@customer.example", "m3@customer.example", "Auto: SubjectPii",
                    "BodyPii away").autoReply(true).build()).outcome());
            Ticket t = engine.tickets().get(shop.admin, created.ticketId().orElseThrow());
            outcomes.add(intake.accept(email("mallory.pii@customer.example", "m4@customer.example",
                    "Re: SubjectPii " + t.number().token(), "BodyPii of someone else").build()).outcome());
            outcomes.add(intake.accept(wechat("openid-pii", "w1", "BodyPii on WeChat")
                    .otherIdentity(ChannelIdentity.verified(IdentityType.EMAIL, "other.pii@customer.example"))
                    .senderName("Zoe Piiname").build()).outcome());
        });
        assertThat(outcomes).containsExactly(Outcome.CREATED, Outcome.DUPLICATE, Outcome.APPENDED,
                Outcome.IGNORED_AUTO_REPLY, Outcome.CREATED, Outcome.CREATED);
        assertThat(logged).as("the run logged (so the check below can fail)").isNotEmpty()
                .anyMatch(line -> line.startsWith("[WARN]") && line.contains("attachment"))
                .anyMatch(line -> line.startsWith("[DEBUG]") && line.contains("non-participant"))
                .anyMatch(line -> line.startsWith("[DEBUG]") && line.contains("automatic"));
        for (String line : logged) {
            for (String marker : MARKERS) {
                assertThat(line).as("a log line").doesNotContainIgnoringCase(marker);
            }
        }
    }
}
