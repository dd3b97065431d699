package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CharsetTest {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void gb2312LabelDecodesGbkOnlyCharactersInBodySubjectAndDisplayName() {
        ParsedEmail e = Mail.parse("gbk-labelled-gb2312.eml");
        assertThat(e.text()).isEqualTo("您好，我是王喆，订单号 5678 还没有发货。朱镕");
        assertThat(e.subject()).isEqualTo("咨询：订单喆未发货");
        assertThat(e.fromName()).isEqualTo("王喆");
        assertThat(e.from()).isEqualTo("wangzhe@example.cn");
        assertThat(e.warnings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gb2312", "GB2312", "gb_2312-80", "x-gbk", "cp936", "GBK", "gb18030"})
    void chineseLabelsDecodeAsGb18030(String label) {
        String body = "退货喆镕，谢谢";
        byte[] raw = Mail.concat(Mail.bytes("From: a@example.cn\r\nSubject: =?" + label + "?B?"
                        + Base64.getEncoder().encodeToString("喆".getBytes(GBK)) + "?=\r\n"
                        + "Content-Type: text/plain; charset=\"" + label + "\"\r\n\r\n",
                StandardCharsets.US_ASCII), body.getBytes(GBK));
        ParsedEmail e = Mail.parse(raw);
        assertThat(e.text()).isEqualTo(body);
        assertThat(e.subject()).isEqualTo("喆");
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void big5BodyAndSubject() {
        ParsedEmail e = Mail.parse("big5.eml");
        assertThat(e.text()).isEqualTo("您好，請問訂單何時出貨？");
        assertThat(e.subject()).isEqualTo("訂單查詢");
        assertThat(e.fromName()).isEqualTo("陳大文");
    }

    @Test
    void iso2022jpBodyAndSubject() {
        ParsedEmail e = Mail.parse("iso2022jp.eml");
        assertThat(e.text()).isEqualTo("注文はいつ届きますか。");
        assertThat(e.subject()).isEqualTo("注文について");
    }

    @Test
    void unknownCharsetFallsBackToUtf8WithAWarningThatLeaksNoContent() {
        ParsedEmail e = Mail.parse("unknown-charset.eml");
        assertThat(e.text()).isEqualTo("Café crème, s'il vous plaît.");
        assertThat(e.subject()).isEqualTo("café");
        assertThat(e.warnings()).containsExactly("unknown charset 'x-klingon'; decoded by fallback");
    }

    @Test
    void unknownCharsetWithGbkBytesFallsBackToGb18030() {
        byte[] raw = Mail.concat(Mail.bytes("From: a@example.cn\r\n"
                + "Content-Type: text/plain; charset=\"no such <script>\"\r\n\r\n",
                StandardCharsets.US_ASCII), "请退款".getBytes(GBK));
        ParsedEmail e = Mail.parse(raw);
        assertThat(e.text()).isEqualTo("请退款");
        assertThat(e.warnings()).containsExactly("unknown charset (unprintable); decoded by fallback");
    }

    @Test
    void utf8LabelWithGbkBytesIsRecovered() {
        byte[] raw = Mail.concat(Mail.bytes("From: a@example.cn\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n", StandardCharsets.US_ASCII),
                "订单".getBytes(GBK));
        ParsedEmail e = Mail.parse(raw);
        assertThat(e.text()).isEqualTo("订单");
        assertThat(e.warnings()).containsExactly("text labelled UTF-8 was not valid UTF-8; decoded as GB18030");
    }

    @Test
    void encodedWordsSplitInsideAMultiByteCharacterAreJoined() {
        byte[] utf8 = "退货申请".getBytes(StandardCharsets.UTF_8); // 12 bytes
        String w1 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(utf8, 0, 5));
        String w2 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(utf8, 5, 12));
        byte[] raw = Mail.bytes("From: a@example.cn\r\nSubject: Re: =?UTF-8?B?" + w1 + "?=\r\n =?UTF-8?B?"
                + w2 + "?= =?utf-8?q?_ok?=\r\n\r\nx", StandardCharsets.US_ASCII);
        assertThat(Mail.parse(raw).subject()).isEqualTo("Re: 退货申请 ok");
    }

    @Test
    void raw8BitUtf8AndGbkHeadersAreDecoded() {
        byte[] raw = Mail.concat(Mail.bytes("From: ", StandardCharsets.US_ASCII),
                "张三".getBytes(GBK), Mail.bytes(" <z@example.cn>\r\nSubject: ", StandardCharsets.US_ASCII),
                "订单问题".getBytes(StandardCharsets.UTF_8), Mail.bytes("\r\n\r\nx", StandardCharsets.US_ASCII));
        ParsedEmail e = Mail.parse(raw);
        assertThat(e.fromName()).isEqualTo("张三");
        assertThat(e.subject()).isEqualTo("订单问题");
    }

    @Test
    void qEncodedWordsAndEncodedWordsInsideText() {
        byte[] raw = Mail.bytes("From: =?ISO-8859-1?Q?Andr=E9?= Pirard <p@example.be>\r\n"
                + "Subject: [Ticket]=?utf-8?Q?_caf=C3=A9?=\r\n\r\nx", StandardCharsets.US_ASCII);
        ParsedEmail e = Mail.parse(raw);
        assertThat(e.fromName()).isEqualTo("André Pirard");
        assertThat(e.subject()).isEqualTo("[Ticket] café");
    }
}
