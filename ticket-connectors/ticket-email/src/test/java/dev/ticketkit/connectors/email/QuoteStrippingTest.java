package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuoteStrippingTest {

    static Stream<Arguments> plainTextStyles() {
        return Stream.of(
                Arguments.of("angle quotes", "Yes please.\n\n> Do you want a refund?\n> Support", "Yes please."),
                Arguments.of("interleaved", "> Size?\nXL\n> Colour?\nRed", "XL\nRed"),
                Arguments.of("on wrote", "Refund please.\n\nOn Mon, 3 Mar 2025 at 09:00, Support <s@shop.example> wrote:\n> old",
                        "Refund please."),
                Arguments.of("on wrote wrapped", "Refund please.\n\nOn Mon, 3 Mar 2025 at 09:00, Support Team\n<s@shop.example> wrote:\n\nold text",
                        "Refund please."),
                Arguments.of("zai xiedao", "好的，谢谢。\n\n在 2025年3月3日 09:00，客服 <s@shop.example> 写道:\n> 原文", "好的，谢谢。"),
                Arguments.of("xiedao fullwidth", "收到\n\n张三 <z@example.cn> 于2025年3月3日周一 上午9:00写道：\n原文内容", "收到"),
                Arguments.of("yuanshi youjian", "已经收到货了\n\n-----原始邮件-----\n发件人: 客服\n原文内容", "已经收到货了"),
                Arguments.of("qq foxmail", "请补发\n\n------------------ 原始邮件 ------------------\n发件人: \"客服\"<s@shop.example>;\n发送时间: 2025年3月3日(星期一) 上午9:00\n原文",
                        "请补发"),
                Arguments.of("original message", "Please cancel.\n\n-----Original Message-----\nFrom: Support\nold", "Please cancel."),
                Arguments.of("outlook header block", "Thanks!\n\n________________________________\nFrom: Support <s@shop.example>\nSent: Monday, March 3, 2025 9:00 AM\nTo: Dan\nSubject: Your ticket\n\nold",
                        "Thanks!"),
                Arguments.of("outlook chinese block", "谢谢\n\n发件人: 客服 <s@shop.example>\n发送时间: 2025年3月3日 9:00\n收件人: 张三\n主题: 工单\n\n原文",
                        "谢谢"),
                Arguments.of("signature delimiter", "Where is it?\n-- \nDan Smith\nACME Corp", "Where is it?"),
                Arguments.of("sent from iphone", "OK\n\nSent from my iPhone\n\n> quoted", "OK"),
                Arguments.of("fa zi iphone", "好的\n\n发自我的iPhone", "好的"),
                Arguments.of("huawei", "Fine\n\nSent from my Huawei Mate 60", "Fine"),
                Arguments.of("from line alone is kept", "From: my order page it says shipped.\nBut nothing came.",
                        "From: my order page it says shipped.\nBut nothing came."),
                Arguments.of("no quote", "Just a question\nabout sizes.", "Just a question\nabout sizes."));
    }

    /** Layouts where the customer's words follow or surround the quote, or only look like a quote header. */
    static Stream<Arguments> customersWords() {
        return Stream.of(
                Arguments.of("bottom-posted below Thunderbird's attribution and quote",
                        "On 03/11/2025 10:02, Shop Support wrote:\n> Could you send a photo?\n\nPhoto attached.\n\nTom",
                        "Photo attached.\n\nTom"),
                Arguments.of("bottom-posted below a wrapped Gmail attribution",
                        "On Mon, 3 Nov 2025 at 10:02, Shop Support Team <\nsupport@shop.example> wrote:\n\n> Refund or"
                                + " replacement?\n>\n\nA replacement please.",
                        "A replacement please."),
                Arguments.of("bottom-posted below a Chinese attribution",
                        "在 2025-11-05 08:15:40，\"Shop 客服\" <support@shop.example> 写道：\n>请问需要什么尺码？\n\n42 码。",
                        "42 码。"),
                Arguments.of("bottom-posted below an iPhone signature and quote",
                        "Sent from my iPhone\n\n> On 3 Nov 2025, at 10:02, Shop Support <s@shop.example> wrote:\n> \n"
                                + "> Thursday?\n\nThursday works.",
                        "Thursday works."),
                Arguments.of("answers between the parts of a quote, under an attribution",
                        "On Wed, Nov 5, 2025 at 9:15 AM Shop Support <s@shop.example> wrote:\n> Size?\n\nL\n\n> Colour?"
                                + "\n\nBlue",
                        "L\n\nBlue"),
                Arguments.of("a reply on top and a postscript below the quote",
                        "Yes.\n\nOn Mon, Nov 3, 2025 at 10:02 AM Shop <s@shop.example> wrote:\n> Exchange?\n\nP.S. Thanks",
                        "Yes.\n\nP.S. Thanks"),
                Arguments.of("a sentence ending in 'wrote:' without a date or address",
                        "On your website you wrote:\n\"Free returns\"\nbut I was charged.",
                        "On your website you wrote:\n\"Free returns\"\nbut I was charged."),
                Arguments.of("a sentence ending in 写道 without a date",
                        "说明书上写道：\n“请勿水洗”\n可是标签上写可以机洗。", "说明书上写道：\n“请勿水洗”\n可是标签上写可以机洗。"),
                Arguments.of("From/To/Date lines of a shipment, no address and no time",
                        "Shipment:\nFrom: Shenzhen warehouse\nTo: Berlin office\nDate: 12 Nov 2025\n\nTwo cartons broke.",
                        "Shipment:\nFrom: Shenzhen warehouse\nTo: Berlin office\nDate: 12 Nov 2025\n\nTwo cartons broke."),
                Arguments.of("'--' without the space is not a signature delimiter",
                        "Missing:\n--\nMug x2\n--\nPlease send them together.",
                        "Missing:\n--\nMug x2\n--\nPlease send them together."),
                Arguments.of("a single quoted line the customer introduces and writes on after",
                        "Your page says:\n> Free shipping over 50 EUR\nbut I paid 4.90 EUR.",
                        "Your page says:\n> Free shipping over 50 EUR\nbut I paid 4.90 EUR."),
                Arguments.of("text that points into unmarked history keeps the history",
                        "Please see my answers below in red.\n\nFrom: Shop <s@shop.example>\nSent: Monday, November 3, "
                                + "2025 10:02 AM\nTo: Tom\nSubject: RE: boxes\n\nHow many?\n[Tom] Two.",
                        "Please see my answers below in red.\n\nFrom: Shop <s@shop.example>\nSent: Monday, November 3, "
                                + "2025 10:02 AM\nTo: Tom\nSubject: RE: boxes\n\nHow many?\n[Tom] Two."),
                Arguments.of("a long block after '-- ' is kept",
                        "Hi\n-- \n" + "line\n".repeat(12) + "end", "Hi\n--\n" + "line\n".repeat(12) + "end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("customersWords")
    void neverDropsTheCustomersOwnWords(String style, String body, String expected) {
        assertThat(QuoteStripper.strip(body)).isEqualTo(expected);
    }

    /** Quote headers the stripper used to miss, so that history was kept as reply text. */
    static Stream<Arguments> moreHeaders() {
        return Stream.of(
                Arguments.of("header block starting with Date:",
                        "Blue then.\n\nDate: Monday, November 3, 2025 at 10:02\nSubject: Re: Colour\n"
                                + "From: Shop Support <support@shop.example>\nTo: Zoe <zoe@customer.example>\n\nGreen is out.",
                        "Blue then."),
                Arguments.of("header block starting with Subject:",
                        "蓝色也可以。\n\n主题: 回复: 缺货\n日期: 2025年11月3日 星期一 10:02\n发件人: Shop 客服 <s@shop.example>"
                                + "\n收件人: 张伟\n\n绿色缺货。",
                        "蓝色也可以。"),
                Arguments.of("header block with names only and a time (Exchange)",
                        "Approved.\n\nFrom: Shop Support \nSent: Wednesday, November 5, 2025 4:47 PM\nTo: Mark Lee \n"
                                + "Subject: RE: Quote\n\nPlease approve.",
                        "Approved."),
                Arguments.of("QQ's English separator",
                        "OK.\n\n------------------ Original ------------------\nFrom: \"Shop\"<s@shop.example>;\nold",
                        "OK."),
                Arguments.of("NetEase's separator",
                        "Fine.\n\n---- Replied Message ----\n| From | Shop<s@shop.example> |\nold", "Fine."),
                Arguments.of("163's English attribution",
                        "Received.\n\nAt 2025-11-03 10:02:11, \"Shop\" <s@shop.example> wrote:\n>old", "Received."),
                Arguments.of("Yahoo's unmarked history",
                        "Thanks.\n\n    On Monday, November 3, 2025 at 10:02:11 AM GMT+8, Shop <s@shop.example> wrote:  \n"
                                + " \n Hi Zoe, old text",
                        "Thanks."),
                Arguments.of("Yahoo's Android app: attribution and quote on one line",
                        "Not yet\n\n  On Tue, Nov 4, 2025 at 9:10, Shop<s@shop.example> wrote:   Hi Zoe,\nold", "Not yet"),
                Arguments.of("Zoho's attribution", "Cancel it.\n\n---- On Mon, 03 Nov 2025 10:02:11 +0800 Shop "
                        + "<s@shop.example> wrote ---\n\nold", "Cancel it."),
                Arguments.of("Outlook for iOS signature with its link",
                        "Fine.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\n"
                                + "From: Shop <s@shop.example>\nSent: Monday, November 3, 2025 10:02:11 AM\nTo: Zoe\n"
                                + "Subject: Re: x\n\nold",
                        "Fine."),
                Arguments.of("Outlook for Android signature in Chinese", "好的\n\n获取 Outlook for Android<https://aka.ms/x>", "好的"),
                Arguments.of("signature after '-- ' up to the quote below it",
                        "Part 4471-B.\n\n-- \nBen\nWallace Repairs\n\nOn 05/11/2025 09:00, Shop wrote:\n> Which part?",
                        "Part 4471-B."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moreHeaders")
    void recognisesMoreQuoteHeaders(String style, String body, String expected) {
        assertThat(QuoteStripper.strip(body)).isEqualTo(expected);
    }

    @Test
    void answersInsideGmailsQuoteContainerAreKeptFromHtml() {
        String html = "<div dir=\"ltr\">Answers below.<br><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Wed, "
                + "Nov 5, 2025 at 9:15 AM Shop &lt;s@shop.example&gt; wrote:<br></div><blockquote class=\"gmail_quote\">"
                + "Which size?</blockquote><div>Size L.</div><blockquote class=\"gmail_quote\">Which colour?</blockquote>"
                + "<div>Blue.</div></div></div>";
        ParsedEmail e = Mail.parse(Mail.bytes("From: c@example.com\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + html, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(e.replyText()).isEqualTo("Answers below.\nSize L.\nBlue.");
    }

    @Test
    void aBottomPostedThunderbirdHtmlReplyKeepsTheAnswerAndDropsTheSignature() {
        String html = "<div class=\"moz-cite-prefix\">On 03/11/2025 10:02, Shop Support wrote:<br></div>"
                + "<blockquote type=\"cite\">Could you send a photo?</blockquote><p>Photo attached.</p>"
                + "<pre class=\"moz-signature\" cols=\"72\">-- \nTom Becker</pre>";
        ParsedEmail e = Mail.parse(Mail.bytes("From: c@example.com\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + html, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(e.replyText()).isEqualTo("Photo attached.");
    }

    @Test
    void anIndentedBlockquoteOfTheCustomersOwnIsNotAQuote() {
        String html = "<div>Please check these:</div><blockquote style=\"margin:0 0 0 40px;border:none;padding:0px\">"
                + "<div>Order 1001: one cup broken</div><div>Order 1002: lid missing</div></blockquote><div>Thanks</div>";
        ParsedEmail e = Mail.parse(Mail.bytes("From: c@example.com\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + html, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(e.replyText()).isEqualTo("Please check these:\nOrder 1001: one cup broken\nOrder 1002: lid missing\nThanks");
    }

    @Test
    void strippingStaysLinearOnHostileInput() {
        // about 1,000,000 characters each, the parser's default text limit; a quadratic pass would take minutes
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6_000; i++) {
            sb.append("-- \nFrom: a\nOn 1 wrote:\n> x\n").append("On ".repeat(50)).append("wrote:\n");
        }
        StringBuilder blocks = new StringBuilder("See my answers below.\n");
        for (int i = 0; i < 20_000; i++) {
            blocks.append("From: a@b\nSent: 1 Nov 2025 10:02\nTo: c\nSubject: s\nold\n"); // unmarked history, kept
        }
        for (String text : List.of(sb.toString(), blocks.toString())) {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                    () -> QuoteStripper.strip(text));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainTextStyles")
    void stripsQuotedHistoryFromPlainText(String style, String body, String expected) {
        ParsedEmail e = Mail.parse(Mail.text("Subject: Re: ticket\r\n", body));
        assertThat(e.replyText()).isEqualTo(expected);
        assertThat(e.text()).isEqualTo(body);
    }

    @Test
    void gmailQuoteContainerIsRemovedFromHtml() {
        ParsedEmail e = Mail.parse("html-gmail.eml");
        assertThat(e.replyText()).isEqualTo("Yes, please refund it.\n\nBob");
        assertThat(e.text()).contains("Do you want a refund?");
    }

    @Test
    void appleBlockquoteAndMobileSignatureAreRemovedFromHtml() {
        ParsedEmail e = Mail.parse("html-apple.eml");
        assertThat(e.replyText()).isEqualTo("Thanks, received it.");
        assertThat(e.text()).contains("Your parcel shipped.");
    }

    @Test
    void outlookReplyHeaderAndEverythingAfterItAreRemovedFromHtml() {
        ParsedEmail e = Mail.parse("html-outlook.eml");
        assertThat(e.replyText()).isEqualTo("好的，谢谢。请尽快处理。");
        assertThat(e.text()).contains("ORIGINAL-CONTENT");
    }
}
