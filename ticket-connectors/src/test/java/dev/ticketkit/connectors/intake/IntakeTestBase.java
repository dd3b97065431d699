package dev.ticketkit.connectors.intake;

import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

abstract class IntakeTestBase {
    protected MutableClock clock;
    protected TicketEngine engine;
    protected Fixtures shop;
    protected Intake intake;

    protected Intake.Builder configure(Intake.Builder b) {
        return b;
    }

    @BeforeEach
    void setUpIntake() {
        clock = MutableClock.at("2026-11-11T00:00:00Z");
        engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).build();
        shop = Fixtures.create(engine, TenantId.of("shop-1"));
        intake = configure(Intake.builder(engine)).build();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    /** An email from {@code from} with the given Message-ID. */
    protected InboundMessage.Builder email(String from, String messageId, String subject, String text) {
        return InboundMessage.builder(shop.tenant, Channel.EMAIL)
                .externalMessageId(messageId)
                .sender(ChannelIdentity.of(IdentityType.EMAIL, from))
                .subject(subject)
                .text(text);
    }

    /** A WeChat message in the open id's conversation. */
    protected InboundMessage.Builder wechat(String openId, String msgId, String text) {
        return InboundMessage.builder(shop.tenant, Channel.WECHAT)
                .externalMessageId(msgId)
                .conversationId(openId)
                .sender(ChannelIdentity.verified(IdentityType.WECHAT_OPENID, openId))
                .text(text);
    }

    protected List<Message> messages(TicketId id) {
        return engine.tickets().messages(shop.admin, id);
    }
}
