package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutoReplyTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Auto-Submitted: auto-replied\r\n",
        "Auto-Submitted: auto-generated (vacation)\r\n",
        "X-Autoreply: yes\r\n",
        "X-Autorespond: Out of office\r\n",
        "Precedence: bulk\r\n",
        "Precedence: junk\r\n",
        "Precedence: auto_reply\r\n",
        "Subject: Auto: Order 12\r\n",
        "Subject: Automatic reply: Order 12\r\n",
        "Subject: Out of Office: back Monday\r\n",
        "Subject: =?UTF-8?B?6Ieq5Yqo5Zue5aSNOiDmgqjnmoTpgq7ku7Y=?=\r\n",
        "Subject: Undeliverable: Order 12\r\n",
        "Subject: Delivery Status Notification (Failure)\r\n",
        "X-Auto-Response-Suppress: OOF\r\nSubject: I am out of the office\r\n",
        "X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent\r\nSubject: Re: order (vacation)\r\n",
    })
    void automaticMessages(String headers) {
        assertThat(Mail.parse(Mail.text(headers, "body")).autoReply()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Auto-Submitted: no\r\nSubject: help\r\n",
        "Precedence: list\r\nSubject: help\r\n",
        "X-Auto-Response-Suppress: All\r\nSubject: Where is my parcel?\r\n",
        "X-MS-Exchange-Generated-Message-Source: Mailbox Transport\r\nSubject: Refund\r\n",
        "Subject: Question about your out of office policy\r\n",
        "Subject: Re: 自动回复功能怎么关？\r\n",
    })
    void humanMessages(String headers) {
        assertThat(Mail.parse(Mail.text(headers, "body")).autoReply()).isFalse();
    }

    @Test
    void postmasterAndMailerDaemonSenders() {
        String body = "Subject: hello\r\n";
        byte[] raw = Mail.text(body, "x");
        String s = new String(raw, java.nio.charset.StandardCharsets.UTF_8)
                .replace("From: Customer <c@example.com>", "From: postmaster@mx.example.com");
        assertThat(Mail.parse(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)).autoReply()).isTrue();
        assertThat(Mail.parse("bounce.eml").autoReply()).isTrue();
    }

    @Test
    void readReceiptReport() {
        byte[] raw = ("From: a@example.com\r\nSubject: Read: order\r\nContent-Type: multipart/report; "
                + "report-type=disposition-notification; boundary=r\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\n"
                + "read\r\n--r--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Mail.parse(raw).autoReply()).isTrue();
    }
}
