package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import org.junit.jupiter.api.Test;

class ExternalMessageLookupTest extends EngineTestBase {

    @Test
    void findsAMessageByChannelAndExternalIdWithinTheActorsTenantAndAccess() {
        Ticket t = shop.carolAsks("parcel", Fixtures.AFTER_SALES);
        engine.tickets().reply(shop.integration, t.id(), shop.fromCarol("more").via(Channel.EMAIL).withExternalId("m-1@mail"));
        engine.tickets().note(shop.alice, t.id(), NewMessage.text("internal").via(Channel.EMAIL).withExternalId("n-1@mail"));

        assertThat(engine.tickets().findMessageByExternalId(shop.integration, Channel.EMAIL, "m-1@mail"))
                .map(Message::ticketId).contains(t.id());
        assertThat(engine.tickets().findMessageByExternalId(shop.integration, Channel.WECHAT, "m-1@mail")).isEmpty();
        assertThat(engine.tickets().findMessageByExternalId(shop.integration, Channel.EMAIL, "")).isEmpty();
        // another tenant, an agent of another team, and a customer reading a note see nothing
        assertThat(engine.tickets().findMessageByExternalId(Actor.integration(TenantId.of("other"), "x"),
                Channel.EMAIL, "m-1@mail")).isEmpty();
        assertThat(engine.tickets().findMessageByExternalId(shop.bob, Channel.EMAIL, "m-1@mail")).isEmpty();
        assertThat(engine.tickets().findMessageByExternalId(shop.carolActor(), Channel.EMAIL, "m-1@mail")).isPresent();
        assertThat(engine.tickets().findMessageByExternalId(shop.carolActor(), Channel.EMAIL, "n-1@mail")).isEmpty();
        assertThat(engine.tickets().findMessageByExternalId(shop.alice, Channel.EMAIL, "n-1@mail")).isPresent();
    }
}
