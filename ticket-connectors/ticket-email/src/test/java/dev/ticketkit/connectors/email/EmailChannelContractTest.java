package dev.ticketkit.connectors.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.testkit.channel.ChannelAdapterContract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * The email channel against the contract. Outbound outcomes: GreenMail accepts (delivered), GreenMail stopped
 * (connection refused: retryable), and a recipient address SMTP cannot take (permanent).
 */
class EmailChannelContractTest extends ChannelAdapterContract {
    static final String MAIL = "From: Carol Chen <carol@example.com>\r\nTo: support@shop.example\r\n"
            + "Subject: Broken kettle\r\nMessage-ID: <abc-123@example.com>\r\nDate: Wed, 11 Nov 2026 08:00:00 +0800\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nThe kettle arrived broken.\r\n";

    GreenMail smtp;
    boolean badRecipient;

    @Override
    protected ChannelAdapter createAdapter() {
        if (smtp == null) {
            smtp = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));
            smtp.start();
            smtp.setUser("support@shop.example", "support", "pw");
        }
        int port = smtp.getSmtp().getServerSetup().getPort();
        return EmailChannel.builder(TENANT, "support@shop.example")
                .clock(java.time.Clock.fixed(Instant.parse("2026-11-11T00:00:00Z"), java.time.ZoneOffset.UTC))
                .parser(EmailParser.builder().maxMessageBytes(4096).build())
                .smtp(MailServer.of("127.0.0.1", port, "support", "pw", MailServer.Security.PLAIN))
                .build();
    }

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Override
    protected RawDelivery validDelivery(TenantId tenant) {
        return RawDelivery.of(tenant, MAIL.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-11T00:00:00Z"));
    }

    @Override
    protected Optional<RawDelivery> badlySignedDelivery(TenantId tenant) {
        return Optional.empty(); // email is not a signed channel
    }

    @Override
    protected List<RawDelivery> malformedDeliveries(TenantId tenant) {
        String noFrom = MAIL.replace("From: Carol Chen <carol@example.com>\r\n", "");
        String huge = MAIL + "x".repeat(5000);
        return List.of(RawDelivery.of(tenant, noFrom.getBytes(StandardCharsets.UTF_8), Instant.EPOCH),
                RawDelivery.of(tenant, huge.getBytes(StandardCharsets.UTF_8), Instant.EPOCH));
    }

    @Override
    protected Optional<RawDelivery> oversizedDelivery(TenantId tenant) {
        return Optional.of(RawDelivery.of(tenant, (MAIL + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8), Instant.EPOCH));
    }

    @Override
    protected List<RawDelivery> tamperedDeliveries(RawDelivery original) {
        // mail is not signed; the same mail relayed once more (another Received line) is the same message
        byte[] relayed = ("Received: from relay.example by mx.shop.example; Wed, 11 Nov 2026 08:00:05 +0800\r\n"
                + new String(original.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return List.of(RawDelivery.of(original.tenant(), relayed, original.receivedAt()));
    }

    @Override
    protected OutboundMessage outboundMessage(TenantId tenant) {
        String to = badRecipient ? "carol@@example..com" : "carol@example.com";
        return OutboundMessage.builder(tenant, Channel.EMAIL, ChannelIdentity.of(IdentityType.EMAIL, to))
                .subject("Re: Broken kettle").text("A new kettle is on its way.").build();
    }

    @Override
    protected void remoteWillAnswer(SendResult.Status outcome) {
        switch (outcome) {
            case DELIVERED -> badRecipient = false;
            case RETRYABLE_FAILURE -> smtp.stop();
            case PERMANENT_FAILURE -> badRecipient = true;
        }
    }
}
