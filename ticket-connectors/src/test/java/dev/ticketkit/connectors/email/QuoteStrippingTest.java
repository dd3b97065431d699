package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

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
