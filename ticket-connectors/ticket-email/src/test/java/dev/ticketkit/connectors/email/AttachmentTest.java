package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class AttachmentTest {

    private final ParsedEmail e = Mail.parse("attachment-names.eml");

    @Test
    void namesFromRfc2231Rfc2047AndGb2312EncodedWords() {
        assertThat(e.attachments()).extracting(ParsedAttachment::filename).containsExactly(
                "发票 2025.pdf", "订单明细表格.xlsx", "照片.jpg", "喆的收据.bin", "Re: 退货申请.eml", "passwd");
        assertThat(e.fromName()).isEqualTo("张三");
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void contentTypesSizesAndBytes() {
        assertThat(e.attachments()).extracting(ParsedAttachment::contentType).containsExactly(
                "application/pdf", "application/vnd.ms-excel", "image/jpeg", "application/octet-stream",
                "message/rfc822", "text/plain");
        ParsedAttachment pdf = e.attachments().get(0);
        assertThat(pdf.size()).isEqualTo(8);
        assertThat(new String(pdf.bytes(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
        assertThat(e.attachments().get(3).bytes()).containsExactly(0, 1, 2);
        assertThat(e.attachments()).allMatch(ParsedAttachment::contentKept);
        assertThat(e.attachments()).noneMatch(ParsedAttachment::inline);
    }

    @Test
    void attachedMessageIsNotMergedIntoText() {
        assertThat(e.text()).isEqualTo("see files");
        ParsedAttachment eml = e.attachments().get(4);
        assertThat(new String(eml.bytes(), StandardCharsets.UTF_8)).contains("INNER-BODY-SHOULD-NOT-MERGE");
        assertThat(e.html()).isEmpty();
    }

    @Test
    void attachmentOverTheLimitKeepsMetadataOnly() throws Exception {
        byte[] payload = new byte[300_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        byte[] raw = Mail.bytes("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nbig file\r\n"
                + "--b\r\nContent-Type: application/zip; name=big.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(payload) + "\r\n--b--\r\n", StandardCharsets.US_ASCII);
        EmailParser parser = EmailParser.builder().maxAttachmentBytes(100_000).build();
        ParsedEmail big = parser.parse(new ByteArrayInputStream(raw));
        ParsedAttachment a = big.attachments().get(0);
        assertThat(a.filename()).isEqualTo("big.zip");
        assertThat(a.size()).isEqualTo(300_000);
        assertThat(a.contentKept()).isFalse();
        assertThatThrownBy(a::bytes).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(a::openStream).isInstanceOf(IllegalStateException.class);
        assertThat(big.warnings()).containsExactly("attachment larger than the limit of 100000 bytes; content not kept");
        ParsedEmail small = EmailParser.create().parse(new ByteArrayInputStream(raw));
        assertThat(small.attachments().get(0).openStream().readAllBytes()).isEqualTo(payload);
    }

    @Test
    void filenameSanitising() {
        assertThat(MessageParser.sanitiseFilename("C:\\Users\\x\\report.doc")).isEqualTo("report.doc");
        assertThat(MessageParser.sanitiseFilename("..")).isEmpty();
        assertThat(MessageParser.sanitiseFilename("a\u0000b\nc.txt")).isEqualTo("abc.txt");
        assertThat(MessageParser.sanitiseFilename("x".repeat(300) + ".pdf")).hasSize(255).endsWith(".pdf");
    }

    @Test
    void toStringLeaksNoFilename() {
        assertThat(e.attachments().get(0).toString()).doesNotContain("发票").contains("application/pdf");
    }
}
