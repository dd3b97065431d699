package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.core.TenantId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What the email channel's refusals say: too large or malformed, never the mail itself. */
class EmailChannelRejectionTest {
    static final TenantId TENANT = TenantId.of("shop-1");
    static final String MAIL = "From: Carol Chen <carol@example.com>\r\nTo: support@shop.example\r\n"
            + "Subject: Broken kettle\r\nMessage-ID: <abc-123@example.com>\r\n\r\nThe kettle arrived broken.\r\n";

    final EmailChannel email = EmailChannel.builder(TENANT, "support@shop.example")
            .clock(Clock.fixed(Instant.parse("2026-11-11T00:00:00Z"), ZoneOffset.UTC))
            .parser(EmailParser.builder().maxMessageBytes(1024).build())
            .build();

    @Test
    void mailOverTheParsersLimitIsTooLargeFromBytesAndFromAStream() {
        byte[] big = (MAIL + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8);
        ChannelException fromBytes = catchThrowableOfType(() -> email.parse(TENANT, big), ChannelException.class);
        assertThat(fromBytes.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(fromBytes.getMessage()).doesNotContain("carol", "kettle");
        ChannelException fromStream = catchThrowableOfType(() -> email.parse(TENANT, new ByteArrayInputStream(big)),
                ChannelException.class);
        assertThat(fromStream.reason()).isEqualTo(Reason.TOO_LARGE);
        ChannelException fromDelivery = catchThrowableOfType(
                () -> email.parse(RawDelivery.of(TENANT, big, Instant.EPOCH)), ChannelException.class);
        assertThat(fromDelivery.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(fromDelivery.reason().httpStatus()).isEqualTo(413);
    }

    @Test
    void mailWithoutASenderOrWithHeadersOverTheLimitIsMalformed() {
        byte[] noFrom = MAIL.replace("From: Carol Chen <carol@example.com>\r\n", "").getBytes(StandardCharsets.UTF_8);
        ChannelException e = catchThrowableOfType(() -> email.parse(TENANT, noFrom), ChannelException.class);
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        EmailChannel strict = EmailChannel.builder(TENANT, "support@shop.example")
                .clock(Clock.fixed(Instant.parse("2026-11-11T00:00:00Z"), ZoneOffset.UTC))
                .parser(EmailParser.builder().maxHeaderCount(3).build())
                .build();
        ChannelException headers = catchThrowableOfType(
                () -> strict.parse(TENANT, new ByteArrayInputStream(MAIL.getBytes(StandardCharsets.UTF_8))),
                ChannelException.class);
        assertThat(headers.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(headers.isRetryable()).isFalse();
    }
}
