package dev.ticketkit.connectors.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ticketkit.connectors.ChannelAttachment;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.intake.IntakeResult.Outcome;
import dev.ticketkit.core.Attachment;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Limits;
import dev.ticketkit.core.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadInputTest extends IntakeTestBase {
    private final List<String> stored = new ArrayList<>();

    @Override
    protected Intake.Builder configure(Intake.Builder b) {
        return b.maxAttachmentBytes(1024)
                .limits(Limits.custom().maxMessageTextLength(100).build())
                .attachmentSink((tenant, a) -> {
                    try (InputStream in = a.openStream()) {
                        stored.add(a.filename() + ":" + in.readAllBytes().length);
                    }
                    return "blob/" + stored.size();
                });
    }

    @Test
    void anOversizedAttachmentIsKeptAsMetadataOnlyAndTheMessageStillArrives() {
        IntakeResult r = intake.accept(email("zoe@example.com", "big@mail", "Photo", "see photo")
                .attachment(ChannelAttachment.ofBytes("small.jpg", "image/jpeg", new byte[100]))
                .attachment(ChannelAttachment.of("huge.mov", "video/quicktime", 5_000_000_000L,
                        () -> { throw new AssertionError("an oversized attachment must not be read"); }))
                .build());
        assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(r.warnings()).containsExactly("attachment over the size limit kept as metadata only");
        Message m = messages(r.ticketId().orElseThrow()).get(0);
        assertThat(m.attachments()).extracting(Attachment::filename, Attachment::size, Attachment::storageRef)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("small.jpg", 100L, "blob/1"),
                        org.assertj.core.groups.Tuple.tuple("huge.mov", 5_000_000_000L, ""));
        assertThat(stored).containsExactly("small.jpg:100");
    }

    @Test
    void anAttachmentLongerThanDeclaredIsCutOffAndKeptAsMetadata() {
        IntakeResult r = intake.accept(email("zoe@example.com", "liar@mail", "File", "file")
                .attachment(ChannelAttachment.of("liar.bin", "application/octet-stream", 10,
                        () -> new ByteArrayInputStream(new byte[500])))
                .build());
        assertThat(r.warnings()).containsExactly("attachment not stored (the sink failed) and kept as metadata only");
        assertThat(messages(r.ticketId().orElseThrow()).get(0).attachments().get(0).storageRef()).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void textOverTheLimitIsCutWithAWarningAndAnEmptyMessageGetsTheSubject() {
        IntakeResult r = intake.accept(email("zoe@example.com", "long@mail", "Long", "x".repeat(500)).build());
        assertThat(r.warnings()).containsExactly("text cut to the length limit");
        assertThat(messages(r.ticketId().orElseThrow()).get(0).text()).hasSize(100);
        IntakeResult empty = intake.accept(email("zoe@example.com", "empty@mail", "Only a subject", "").build());
        assertThat(messages(empty.ticketId().orElseThrow()).get(0).text()).isEqualTo("Only a subject");
    }

    @Test
    void aMessageWithoutIdOrSenderOrWithControlCharactersIsAChannelException() {
        assertThatThrownBy(() -> InboundMessage.builder(shop.tenant, Channel.EMAIL).text("x")
                .sender(dev.ticketkit.core.ChannelIdentity.of(dev.ticketkit.core.IdentityType.EMAIL, "a@b.c")).build())
                .isInstanceOf(ChannelException.class).hasMessageContaining("external message id");
        assertThatThrownBy(() -> InboundMessage.builder(shop.tenant, Channel.EMAIL).externalMessageId("m").build())
                .isInstanceOf(ChannelException.class).hasMessageContaining("sender");
        assertThatThrownBy(() -> email("zoe@example.com", "bad\u0001id", "s", "t").build())
                .isInstanceOf(ChannelException.class).hasMessageNotContaining("zoe");
        assertThatThrownBy(() -> email("zoe@example.com", "m", "line\nbreak", "t").build())
                .isInstanceOf(ChannelException.class);
        assertThatThrownBy(() -> ChannelAttachment.of(" ", "image/png", 1, () -> null)).isInstanceOf(ChannelException.class);
        assertThatThrownBy(() -> ChannelAttachment.of("a.png", "png", 1, () -> null)).isInstanceOf(ChannelException.class);
    }

    @Test
    void aVeryLongMessageIdIsStoredAsADigestAndStillDeduplicates() {
        String longId = "x".repeat(400) + "@mail";
        IntakeResult a = intake.accept(email("zoe@example.com", longId, "Long id", "hello").build());
        IntakeResult b = intake.accept(email("zoe@example.com", longId, "Long id", "hello").build());
        assertThat(b.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(messages(a.ticketId().orElseThrow()).get(0).externalMessageId()).startsWith("#").hasSize(65);
        IntakeResult reply = intake.accept(email("zoe@example.com", "r@mail", "Re: Long id", "more").inReplyTo(longId).build());
        assertThat(reply.ticketId()).isEqualTo(a.ticketId());
    }

    @Test
    void aFirstLineWithControlCharactersStillMakesTheSubjectOfANewTicket() {
        IntakeResult r = intake.accept(email("zoe@example.com", "ctl@mail", "", "\u0007Parcel\u0001late\u001b\nDetails").build());
        assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(engine.tickets().get(shop.admin, r.ticketId().orElseThrow()).subject()).isEqualTo("Parcel late");
        assertThat(messages(r.ticketId().orElseThrow()).get(0).text()).isEqualTo("\u0007Parcel\u0001late\u001b\nDetails");
    }

    @Test
    void aHugeCraftedSubjectIsTakenInPromptlyWithItsPrefixesAndTokensTakenOut() {
        // java.util.regex overflowed its stack on the prefixes, and backtracked for minutes over spaces that no
        // token follows
        String spaces = " ".repeat(200_000);
        String subject = "Re: ".repeat(5_000) + "Size" + spaces + "[TK-000001]" + spaces + "\tM" + spaces + "\u0001";
        IntakeResult r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> intake.accept(email("zoe@example.com", "huge-subject@mail", subject, "Which size?").build()));
        assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(engine.tickets().get(shop.admin, r.ticketId().orElseThrow()).subject()).isEqualTo("Size M");
        assertThat(messages(r.ticketId().orElseThrow())).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("Which size?"));
    }

    @Test
    void builderOptionsAreCheckedAtOnceAndRejectedWhenSetTwice() {
        Intake.Builder b = Intake.builder(engine);
        assertThatThrownBy(() -> b.conversationWindow(java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.actorName("bad name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxAttachmentBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        b.maxAttachmentBytes(10);
        assertThatThrownBy(() -> b.maxAttachmentBytes(20)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAttachmentStreamNeverYieldsMoreThanItsDeclaredSize() throws IOException {
        ChannelAttachment a = ChannelAttachment.of("a.bin", "application/octet-stream", 3,
                () -> new ByteArrayInputStream(new byte[] {1, 2, 3, 4}));
        try (InputStream in = a.openStream()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("declared size");
        }
        ChannelAttachment exact = ChannelAttachment.ofBytes("b.bin", "application/octet-stream", new byte[] {1, 2, 3});
        try (InputStream in = exact.openStream()) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }
}
