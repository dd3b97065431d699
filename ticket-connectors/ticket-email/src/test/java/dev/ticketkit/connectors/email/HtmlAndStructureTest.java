package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HtmlAndStructureTest {

    @Test
    void alternativeRelatedMixedGivesTextSanitisedHtmlAndAttachments() {
        ParsedEmail e = Mail.parse("alternative.eml");
        assertThat(e.text()).isEqualTo("Hi team,\nthe parcel is damaged – très cassé.\nPhoto attached.");
        assertThat(e.html())
                .contains("<b>damaged</b>", "src=\"cid:photo1@x\"", "href=\"https://shop.example/o/1\"",
                        "rel=\"nofollow noopener noreferrer\"")
                .doesNotContain("script", "alert", "style", "javascript");
        assertThat(e.attachments()).hasSize(2);
        ParsedAttachment img = e.attachments().get(0);
        assertThat(img.contentType()).isEqualTo("image/png");
        assertThat(img.inline()).isTrue();
        assertThat(img.contentId()).contains("photo1@x");
        assertThat(img.filename()).isEqualTo("attachment-1.png");
        assertThat(img.size()).isEqualTo(48);
        assertThat(img.bytes()).startsWith(0x89, 'P', 'N', 'G');
        ParsedAttachment pdf = e.attachments().get(1);
        assertThat(pdf.filename()).isEqualTo("invoice.pdf");
        assertThat(pdf.inline()).isFalse();
        assertThat(pdf.contentId()).isEmpty();
        assertThat(new String(pdf.bytes(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 fake");
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void htmlOnlyMessageIsConvertedToTextWithLineBreaks() {
        byte[] raw = Mail.bytes("From: a@example.com\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + "<p>First&nbsp;para</p><p>Second <i>para</i><br>next line</p>"
                + "<div>div one</div><div>div   two</div><ul><li>apple</li><li>pear</li></ul>"
                + "<script>var secret=1;</script><table><tr><td>a</td><td>b</td></tr></table>",
                StandardCharsets.UTF_8);
        ParsedEmail e = Mail.parse(raw);
        assertThat(e.text()).isEqualTo(
                "First para\n\nSecond para\nnext line\n\ndiv one\ndiv two\n- apple\n- pear\na b");
        assertThat(e.html()).doesNotContain("secret").contains("<li>apple</li>");
    }

    @Test
    void htmlCharsetFromMetaWhenContentTypeHasNone() {
        byte[] raw = Mail.concat(Mail.bytes("From: a@example.cn\r\nContent-Type: text/html\r\n\r\n"
                + "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                + "</head><body>", StandardCharsets.US_ASCII), "喆你好".getBytes(MailCharsets.GB18030),
                Mail.bytes("</body></html>", StandardCharsets.US_ASCII));
        assertThat(Mail.parse(raw).text()).isEqualTo("喆你好");
    }

    @Test
    void bounceReportKeepsHumanTextAndMakesTheRestAttachments() {
        ParsedEmail e = Mail.parse("bounce.eml");
        assertThat(e.text()).isEqualTo("This is the mail system. Your message could not be delivered.");
        assertThat(e.attachments()).extracting(ParsedAttachment::contentType)
                .containsExactly("message/delivery-status", "text/rfc822-headers");
        assertThat(e.attachments()).extracting(ParsedAttachment::filename)
                .containsExactly("attachment-1.txt", "attachment-2.txt");
        assertThat(e.autoReply()).isTrue();
    }

    @Test
    void multipartWithoutBoundaryParameterGuessesIt() {
        byte[] raw = Mail.bytes("From: a@example.com\r\nContent-Type: multipart/mixed\r\n\r\n"
                + "--guess\r\nContent-Type: text/plain\r\n\r\nguessed body\r\n--guess--\r\n",
                StandardCharsets.US_ASCII);
        ParsedEmail e = Mail.parse(raw);
        assertThat(e.text()).isEqualTo("guessed body");
        assertThat(e.warnings()).contains("multipart without boundary parameter; boundary guessed");
    }
}
