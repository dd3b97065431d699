package dev.ticketkit.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PiiMaskingTest {
    static final String PASTED = "新手机 13812345678，身份证 11010519491231002X，邮箱 carol@example.com";

    PiiMasking masking;
    TicketEngine engine;
    Fixtures shop;

    @BeforeEach
    void setUp() {
        masking = PiiMasking.standard();
        engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(MutableClock.at("2026-11-11T00:00:00Z"))
                .module(masking).build();
        shop = Fixtures.create(engine, TenantId.of("shop"));
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    private Ticket pasted() {
        return engine.tickets().create(shop.integration, dev.ticketkit.core.NewTicket.builder(shop.carol.id(), "改手机号")
                .channel(Channel.WEB_CHAT).message(shop.fromCarol(PASTED)).build());
    }

    @Test
    void staffReadMaskedTextAndTheCustomerReadsTheirOwn() {
        Ticket t = pasted();
        Message seen = engine.tickets().messages(shop.admin, t.id()).get(0);
        assertThat(seen.text()).isEqualTo("新手机 138****5678，身份证 110105********002X，邮箱 c***l@example.com")
                .doesNotContain("13812345678").doesNotContain("carol@");
        assertThat(seen.html()).isEmpty();
        assertThat(engine.tickets().messages(shop.carolActor(), t.id()).get(0).text()).isEqualTo(PASTED);
        assertThatThrownBy(() -> engine.tickets().messages(shop.daveActor(), t.id())).as("another customer reads nothing")
                .isInstanceOf(dev.ticketkit.core.TicketNotFoundException.class);
    }

    @Test
    void theOriginalIsForPiiViewWithAReasonAndTheReadIsAudited() {
        Ticket t = pasted();
        Message m = engine.tickets().messages(shop.admin, t.id()).get(0);
        assertThatThrownBy(() -> masking.unmask(shop.alice, t.id(), m.id(), "check"))
                .isInstanceOf(PermissionDeniedException.class);
        Actor lead = shop.admin.withRoles(Role.SUPERVISOR.with("privacy-officer", PiiMasking.PII_VIEW));
        assertThatThrownBy(() -> masking.unmask(lead, t.id(), m.id(), " ")).isInstanceOf(TicketValidationException.class);
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).noneMatch(e -> e instanceof TicketEvent.ExtensionEvent);

        assertThat(masking.unmask(lead, t.id(), m.id(), "customer asked to change the delivery phone")).isEqualTo(PASTED);
        assertThat(engine.tickets().auditTrail(shop.admin, t.id()))
                .filteredOn(e -> e instanceof TicketEvent.ExtensionEvent x && x.name().equals(PiiMasking.UNMASKED_EVENT))
                .singleElement().satisfies(e -> {
                    TicketEvent.ExtensionEvent x = (TicketEvent.ExtensionEvent) e;
                    assertThat(x.meta().actor()).isEqualTo(lead.ref());
                    assertThat(x.attributes()).containsEntry("message", m.id().toString())
                            .containsEntry("reason", "customer asked to change the delivery phone")
                            .containsEntry("kinds", "CN_MOBILE,CN_ID_NUMBER,EMAIL");
                    assertThat(x.attributes().values()).noneMatch(v -> v.contains("13812345678"));
                });
        // masking is back on after the audited read
        assertThat(engine.tickets().messages(lead, t.id()).get(0).text()).contains("138****5678");
    }

    @Test
    void messagesWithoutPersonalDataAndAgentsRepliesPassThrough() {
        Ticket t = pasted();
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("好的，已为您更新。订单 3141592653589793238 已改址。"));
        List<Message> all = engine.tickets().messages(shop.admin, t.id());
        assertThat(all.get(1).text()).isEqualTo("好的，已为您更新。订单 3141592653589793238 已改址。");
        assertThatThrownBy(() -> TicketEngine.builder().module(PiiMasking.standard()).module(PiiMasking.standard()).build())
                .as("one message protection per engine").isInstanceOf(IllegalStateException.class);
    }
}
