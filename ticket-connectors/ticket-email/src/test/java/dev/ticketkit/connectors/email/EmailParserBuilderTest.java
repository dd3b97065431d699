package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class EmailParserBuilderTest {

    @Test
    void defaults() {
        EmailParser p = EmailParser.create();
        assertThat(p.maxMessageBytes()).isEqualTo(EmailParser.DEFAULT_MAX_MESSAGE_BYTES).isEqualTo(32 << 20);
        assertThat(p.maxHeaderBytes()).isEqualTo(256 * 1024);
        assertThat(p.maxHeaderCount()).isEqualTo(1_000);
        assertThat(p.maxMimeDepth()).isEqualTo(20);
        assertThat(p.maxParts()).isEqualTo(500);
        assertThat(p.maxAttachmentBytes()).isEqualTo(16 << 20);
        assertThat(p.maxTextChars()).isEqualTo(1_000_000);
    }

    @Test
    void customLimits() {
        EmailParser p = EmailParser.builder().maxMessageBytes(1000).maxHeaderBytes(100).maxHeaderCount(5)
                .maxMimeDepth(3).maxParts(7).maxAttachmentBytes(50).maxTextChars(60).build();
        assertThat(List.of(p.maxMessageBytes(), p.maxHeaderBytes(), p.maxHeaderCount(), p.maxMimeDepth(),
                p.maxParts(), p.maxAttachmentBytes(), p.maxTextChars())).containsExactly(1000, 100, 5, 3, 7, 50, 60);
        assertThatThrownBy(() -> p.parse("From: a@b.example\r\nX: 1\r\nX: 2\r\nX: 3\r\nX: 4\r\nX: 5\r\n\r\nx"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isInstanceOf(EmailParseException.class).hasMessage("header section exceeds the limit of 5 fields");
    }

    @Test
    void rejectsInvalidAndRepeatedOptions() {
        assertThatThrownBy(() -> EmailParser.builder().maxParts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmailParser.builder().maxTextChars(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmailParser.builder().maxMimeDepth(3).maxMimeDepth(4))
                .isInstanceOf(IllegalStateException.class).hasMessage("maxMimeDepth was already set");
        assertThatThrownBy(() -> EmailParser.create().parse((InputStream) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void parserIsSafeToShareAcrossThreads() throws Exception {
        EmailParser p = EmailParser.create();
        byte[] raw = Mail.resource("alternative.eml");
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<String> texts = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    texts.add(p.parse(raw).text());
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(30_000);
        }
        assertThat(texts).hasSize(200).containsOnly(Mail.parse("alternative.eml").text());
    }

    @Test
    void mainCodeNeverReadsTheSystemClock() throws Exception {
        Path main = Path.of("src/main/java/dev/ticketkit/connectors/email");
        try (Stream<Path> files = Files.list(main)) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("Instant.now(",
                        "currentTimeMillis(", "systemDefault(", "LocalDateTime.now(", "new Date(");
            }
        }
    }
}
