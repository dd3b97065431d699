package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Each bad input either parses best-effort with a warning or is rejected; none hangs or crashes. */
class BadInputTest {

    /** A hang guard only, far above the expected run time. */
    private static final Duration GUARD = Duration.ofSeconds(30);

    private static ParsedEmail guarded(byte[] raw) {
        return assertTimeoutPreemptively(GUARD, () -> Mail.parse(raw));
    }

    @Test
    void missingEndBoundaryKeepsAllParts() {
        ParsedEmail e = guarded(Mail.resource("missing-end-boundary.eml"));
        assertThat(e.text()).isEqualTo("first part text");
        assertThat(e.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("notes.txt");
            assertThat(new String(a.bytes(), StandardCharsets.UTF_8)).startsWith("notes without an end");
        });
    }

    @Test
    void brokenBase64IsDecodedAsFarAsItGoes() {
        ParsedEmail e = guarded(Mail.resource("broken-base64.eml"));
        assertThat(e.text()).startsWith("Hello world");
        assertThat(e.warnings()).contains("invalid base64 data skipped");
    }

    @Test
    void brokenQuotedPrintableKeepsBadEscapesAsText() {
        ParsedEmail e = guarded(Mail.resource("broken-qp.eml"));
        assertThat(e.text()).isEqualTo("Price = 10€, discount =ZZ and a soft break, trailing =4");
        assertThat(e.warnings()).containsExactly("malformed quoted-printable escape kept as text");
    }

    @Test
    void thousandsOfHeadersAreRejected() {
        StringBuilder sb = new StringBuilder("From: a@example.com\r\n");
        for (int i = 0; i < 5_000; i++) {
            sb.append("X-Junk-").append(i).append(": v\r\n");
        }
        sb.append("\r\nbody");
        byte[] raw = sb.toString().getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> guarded(raw)).isInstanceOf(EmailParseException.class)
                .hasMessage("header section exceeds the limit of 1000 fields");
    }

    @Test
    void megabyteHeaderLineIsRejected() {
        byte[] raw = ("From: a@example.com\r\nSubject: " + "A".repeat(2 * 1024 * 1024) + "\r\n\r\nbody")
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> guarded(raw)).isInstanceOf(EmailParseException.class)
                .hasMessage("header section exceeds the limit of 262144 bytes");
    }

    @Test
    void partWithAHeaderBombIsSkipped() {
        StringBuilder sb = new StringBuilder("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nkept\r\n--b\r\n");
        for (int i = 0; i < 3_000; i++) {
            sb.append("X-H: ").append(i).append("\r\n");
        }
        sb.append("Content-Type: text/plain\r\n\r\nskipped\r\n--b--\r\n");
        ParsedEmail e = guarded(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(e.text()).isEqualTo("kept");
        assertThat(e.warnings()).containsExactly("MIME part header section over the limits; part skipped");
    }

    @Test
    void tenThousandNestedMultipartsAreCutAtTheDepthLimit() {
        int levels = 10_000;
        StringBuilder sb = new StringBuilder("From: a@example.com\r\n");
        for (int i = 0; i < levels; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b")
                    .append(i).append("\r\n");
        }
        sb.append("Content-Type: text/plain\r\n\r\ndeep text\r\n");
        ParsedEmail e = guarded(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(e.text()).isEmpty();
        assertThat(e.warnings()).containsExactly("MIME nesting deeper than 20; inner parts skipped");
    }

    @Test
    void nestingWithinTheLimitIsParsed() {
        StringBuilder sb = new StringBuilder("From: a@example.com\r\n");
        for (int i = 0; i < 10; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b")
                    .append(i).append("\r\n");
        }
        sb.append("Content-Type: text/plain\r\n\r\ndeep text\r\n");
        assertThat(guarded(sb.toString().getBytes(StandardCharsets.US_ASCII)).text()).isEqualTo("deep text");
    }

    @Test
    void tooManyPartsAreNotMaterialised() {
        StringBuilder sb = new StringBuilder("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append("--b\r\n\r\nx\r\n");
        }
        sb.append("--b--\r\n");
        ParsedEmail e = guarded(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(e.text()).isEmpty();
        assertThat(e.warnings()).containsExactly("more than 500 MIME parts; the rest skipped");
    }

    @Test
    void partsUpToTheLimitAreKept() {
        StringBuilder sb = new StringBuilder("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 9; i++) {
            sb.append("--b\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        }
        sb.append("--b--\r\n");
        EmailParser parser = EmailParser.builder().maxParts(10).build();
        ParsedEmail e = parser.parse(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(e.text()).startsWith("part 0\n\npart 1").endsWith("part 8");
        assertThat(e.warnings()).isEmpty();
        EmailParser tighter = EmailParser.builder().maxParts(9).build();
        assertThat(tighter.parse(sb.toString().getBytes(StandardCharsets.US_ASCII)).warnings())
                .containsExactly("more than 9 MIME parts; the rest skipped");
    }

    @Test
    void messageOverTheSizeLimitIsRejectedWhileReading() {
        EmailParser parser = EmailParser.builder().maxMessageBytes(10_000).build();
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'a');
                served += len;
                return len;
            }
        };
        assertThatThrownBy(() -> assertTimeoutPreemptively(GUARD, () -> parser.parse(endless)))
                .isInstanceOf(EmailParseException.class)
                .hasMessage("message exceeds the limit of 10000 bytes");
        assertThatThrownBy(() -> parser.parse(new byte[10_001])).isInstanceOf(EmailParseException.class);
    }

    @Test
    void hugeAttachmentWithDefaultLimitsKeepsOnlyMetadata() {
        byte[] payload = new byte[17 * 1024 * 1024];
        byte[] raw = Mail.bytes("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n"
                + "--b\r\nContent-Type: video/mp4; name=v.mp4\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(payload) + "\r\n--b--\r\n", StandardCharsets.US_ASCII);
        ParsedEmail e = guarded(raw);
        assertThat(e.text()).isEqualTo("see attachment");
        assertThat(e.attachments().get(0).size()).isEqualTo(payload.length);
        assertThat(e.attachments().get(0).contentKept()).isFalse();
    }

    @Test
    void longTextIsCutAtTheLimit() {
        EmailParser parser = EmailParser.builder().maxTextChars(1_000).build();
        ParsedEmail e = parser.parse(Mail.text("", "x".repeat(5_000)));
        assertThat(e.text()).hasSize(1_000);
        assertThat(e.warnings()).containsExactly("text body longer than the limit of 1000 chars; cut");
    }

    @Test
    void deeplyNestedHtmlDoesNotOverflowOrHang() {
        byte[] raw = Mail.bytes("From: a@example.com\r\nContent-Type: text/html\r\n\r\n"
                + "<div>".repeat(50_000) + "deep" + "</div>".repeat(50_000), StandardCharsets.US_ASCII);
        ParsedEmail e = guarded(raw);
        assertThat(e.text()).isEqualTo("deep");
        assertThat(e.html()).isEmpty();
        assertThat(e.warnings()).containsExactly(
                "HTML nested deeper than 1000 elements; HTML dropped, text kept without structure");
        byte[] mismatched = Mail.bytes("From: a@example.com\r\nContent-Type: text/html\r\n\r\n"
                + "<div></x>".repeat(100_000) + "deep", StandardCharsets.US_ASCII);
        assertThat(guarded(mismatched).html()).isEmpty();
        byte[] moderate = Mail.bytes("From: a@example.com\r\nContent-Type: text/html\r\n\r\n"
                + "<div>".repeat(900) + "deep<p>a<p>b" + "</div>".repeat(900), StandardCharsets.US_ASCII);
        assertThat(guarded(moderate).text()).isEqualTo("deep\na\n\nb");
    }

    @Test
    void failingStreamIsAParseException() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        assertThatThrownBy(() -> Mail.PARSER.parse(broken)).isInstanceOf(EmailParseException.class)
                .hasMessage("could not read the message stream").hasCauseInstanceOf(IOException.class);
    }

    @Test
    void malformedContentTypeIsTolerated() {
        byte[] raw = Mail.bytes("From: a@example.com\r\nContent-Type: text; charset=utf-8\r\n\r\nhello",
                StandardCharsets.US_ASCII);
        ParsedEmail e = guarded(raw);
        assertThat(e.text()).isEqualTo("hello");
        assertThat(e.warnings()).containsExactly("malformed Content-Type");
    }

    @Test
    void theCorpusMalformedMailsWarnWithoutRepeatingWhatTheMailSays() {
        int warned = 0;
        for (String name : Mail.CORPUS) {
            ParsedEmail e = Mail.parse(name);
            if (!e.warnings().isEmpty()) {
                warned++;
            }
            String firstLine = e.text().lines().findFirst().orElse("").strip();
            for (String w : e.warnings()) {
                assertThat(w).as(name).doesNotContain("@");
                if (!e.subject().isEmpty()) {
                    assertThat(w).as(name).doesNotContain(e.subject());
                }
                if (!e.fromName().isEmpty()) {
                    assertThat(w).as(name).doesNotContain(e.fromName());
                }
                if (firstLine.length() >= 8) {
                    assertThat(w).as(name).doesNotContain(firstLine);
                }
            }
        }
        // the loop above checked real warnings: broken base64 and quoted-printable, an unknown charset, ...
        assertThat(warned).isGreaterThanOrEqualTo(4);
    }

    @Test
    void warningsAboutMalformedValuesNeverRepeatTheValues() {
        // each malformed element carries customer data; every one of them is warned about
        byte[] raw = Mail.bytes("From: Zoe Piiname <zoe.pii@customer.example>\r\n"
                + "Subject: SubjectPii\r\n"
                + "Date: on Zoe's birthday zoe.pii@customer.example\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=\"zoe.pii@customer.example\"\r\n\r\nBodyPii one\r\n"
                + "--b\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: Zoe Piiname encoding\r\n\r\nBodyPii two\r\n"
                + "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "Qm9keVBpaQ==!!!SubjectPii!!!\r\n"
                + "--b\r\nContent-Type: Zoe Piiname; charset=utf-8\r\n\r\nBodyPii three\r\n"
                + "--b--\r\n", StandardCharsets.UTF_8);
        ParsedEmail e = guarded(raw);
        assertThat(e.warnings()).containsExactlyInAnyOrder(
                "unparseable Date header ignored",
                "unknown charset (unprintable); decoded by fallback",
                "unknown transfer encoding (unprintable); read as is",
                "invalid base64 data skipped",
                "malformed bytes for charset 'UTF-8'; replaced", // what the broken base64 decoded to
                "malformed Content-Type");
        assertThat(e.text()).contains("BodyPii one").contains("BodyPii two"); // best effort: nothing dropped
        assertThat(String.join("\n", e.warnings())).doesNotContain("@").doesNotContain("Pii").doesNotContain("pii")
                .doesNotContain("Zoe").doesNotContain("birthday");
    }
}
