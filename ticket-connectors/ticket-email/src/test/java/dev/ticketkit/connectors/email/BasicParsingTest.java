package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class BasicParsingTest {

    @Test
    void readsAddressesSubjectIdsAndDate() {
        ParsedEmail e = Mail.parse("plain-utf8.eml");
        assertThat(e.from()).isEqualTo("li.wei@example.com");
        assertThat(e.fromName()).isEqualTo("Li, Wei");
        assertThat(e.to()).containsExactly("support@shop.example", "second@shop.example");
        assertThat(e.cc()).containsExactly("boss@example.com");
        assertThat(e.subject()).isEqualTo("Where is my order #1234?");
        assertThat(e.messageId()).isEqualTo("abc-123@mail.example.com");
        assertThat(e.messageIdSynthesised()).isFalse();
        assertThat(e.inReplyTo()).contains("prev-1@shop.example");
        assertThat(e.references()).containsExactly("root-0@shop.example", "prev-1@shop.example");
        assertThat(e.date()).contains(Instant.parse("2025-03-04T02:15:30Z"));
        assertThat(e.text()).isEqualTo("Hello, my order 1234 has not arrived — please check.\nThanks");
        assertThat(e.html()).isEmpty();
        assertThat(e.attachments()).isEmpty();
        assertThat(e.autoReply()).isFalse();
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void missingMessageIdIsSynthesisedStablyFromTheRawBytes() {
        ParsedEmail a = Mail.parse("no-message-id.eml");
        ParsedEmail b = Mail.parse("no-message-id.eml");
        assertThat(a.messageIdSynthesised()).isTrue();
        assertThat(a.messageId()).matches("sha256\\.[0-9a-f]{32}@ticketkit\\.invalid");
        assertThat(b.messageId()).isEqualTo(a.messageId());
        byte[] other = Mail.resource("no-message-id.eml").clone();
        other[other.length - 2] = 'X';
        assertThat(Mail.parse(other).messageId()).isNotEqualTo(a.messageId());
        assertThat(a.inReplyTo()).isEmpty();
        assertThat(a.references()).isEmpty();
    }

    @Test
    void unparseableDateIsAWarningNotAFailure() {
        ParsedEmail e = Mail.parse("no-message-id.eml");
        assertThat(e.date()).isEmpty();
        assertThat(e.warnings()).contains("unparseable Date header ignored");
        assertThat(e.text()).isEqualTo("body");
    }

    @Test
    void datesWithNamedZonesTwoDigitYearsAndNoDayName() {
        assertThat(MailDates.parse("4 Mar 25 10:15 GMT")).isEqualTo(Instant.parse("2025-03-04T10:15:00Z"));
        assertThat(MailDates.parse("Tue, 4 Mar 2025 10:15:30 -0500 (EST)"))
                .isEqualTo(Instant.parse("2025-03-04T15:15:30Z"));
        assertThat(MailDates.parse("Tue, 4 Mar 2025 10:15:30 PDT"))
                .isEqualTo(Instant.parse("2025-03-04T17:15:30Z"));
        assertThat(MailDates.parse("Tue, 31 Feb 2025 10:15:30 +0000")).isNull();
    }

    @Test
    void addressesWithGroupsCommentsAndQuotedCommas() {
        byte[] raw = ("From: \"Doe, John (Sales)\" <john@example.com>\r\n"
                + "To: team: a@example.com, \"B\" <b@example.com>;, c@example.com (Carl)\r\n"
                + "Cc: undisclosed-recipients:;\r\n"
                + "Subject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        ParsedEmail e = Mail.parse(raw);
        assertThat(e.from()).isEqualTo("john@example.com");
        assertThat(e.fromName()).isEqualTo("Doe, John (Sales)");
        assertThat(e.to()).containsExactly("a@example.com", "b@example.com", "c@example.com");
        assertThat(e.cc()).isEmpty();
    }

    @Test
    void bareFromWithCommentNameAndSenderFallback() {
        ParsedEmail e = Mail.parse(("From: jane@example.com (Jane Roe)\r\nSubject: a\r\n\r\nb")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(e.from()).isEqualTo("jane@example.com");
        assertThat(e.fromName()).isEqualTo("Jane Roe");
        ParsedEmail s = Mail.parse(("Sender: bot@example.com\r\nSubject: a\r\n\r\nb")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(s.from()).isEqualTo("bot@example.com");
        assertThat(s.fromName()).isEmpty();
    }

    @Test
    void emptyInputGivesAnEmptyEmailWithSynthesisedId() {
        ParsedEmail e = Mail.parse(new byte[0]);
        assertThat(e.from()).isEmpty();
        assertThat(e.subject()).isEmpty();
        assertThat(e.text()).isEmpty();
        assertThat(e.messageIdSynthesised()).isTrue();
    }

    @Test
    void toStringShowsNoPersonalData() {
        ParsedEmail e = Mail.parse("plain-utf8.eml");
        assertThat(e.toString()).doesNotContain("li.wei", "order", "Wei").contains("attachments=0");
    }
}
