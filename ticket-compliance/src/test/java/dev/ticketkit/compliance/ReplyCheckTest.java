package dev.ticketkit.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplyCheckTest {
    TicketEngine engine;
    Fixtures shop;
    Fixtures strict;

    @BeforeEach
    void setUp() {
        ReplyCheck check = ReplyCheck.builder()
                .list("finance", BannedPhrases.of(List.of("保本", "无风险", "稳赚")), ReplyCheck.Action.BLOCK)
                .list("advertising-law", BannedPhrases.of(List.of("最佳", "全网第一")), ReplyCheck.Action.WARN)
                .list(TenantId.of("strict"), "own", BannedPhrases.of(List.of("包邮")), ReplyCheck.Action.BLOCK)
                .build();
        engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(MutableClock.at("2026-11-11T00:00:00Z"))
                .module(check).build();
        shop = Fixtures.create(engine, TenantId.of("shop"));
        strict = Fixtures.create(engine, TenantId.of("strict"));
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void aBlockedPhraseFailsTheReplyAndWritesNothingWhateverTheEvasion() {
        Ticket t = shop.carolAsks("理财");
        for (String reply : List.of("这款产品保本，放心", "这款产品保 本", "絕對穩賺，無風險")) {
            assertThatThrownBy(() -> engine.tickets().reply(shop.alice, t.id(), NewMessage.text(reply)))
                    .isInstanceOfSatisfying(BannedPhraseException.class, e -> {
                        assertThat(e.list()).isEqualTo("finance");
                        assertThat(e.getMessage()).doesNotContain("放心").doesNotContain("这款");
                    });
        }
        Ticket after = engine.tickets().get(shop.admin, t.id());
        assertThat(after.version()).isEqualTo(t.version());
        assertThat(engine.tickets().messages(shop.admin, t.id())).hasSize(1);
        assertThatThrownBy(() -> engine.tickets().reply(Actor.system(shop.tenant, "auto-reply"), t.id(),
                NewMessage.text("稳赚不赔"))).as("system replies too").isInstanceOf(BannedPhraseException.class);
    }

    @Test
    void aWarningLetsTheReplyGoAndRecordsTheHit() {
        Ticket t = shop.carolAsks("推荐");
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("这是全网第一的最佳选择"));
        List<Message> messages = engine.tickets().messages(shop.admin, t.id());
        assertThat(messages).hasSize(3);
        assertThat(messages.get(2).visibility()).isEqualTo(Visibility.INTERNAL);
        assertThat(messages.get(2).text()).contains("advertising-law").contains("2 banned phrase");
        assertThat(engine.tickets().auditTrail(shop.admin, t.id()))
                .filteredOn(e -> e instanceof TicketEvent.ExtensionEvent x && x.name().equals(ReplyCheck.EVENT))
                .extracting(e -> ((TicketEvent.ExtensionEvent) e).attributes().get("phrase"))
                .containsExactly("全网第一", "最佳");
    }

    @Test
    void customersNotesAndOtherTenantsListsAreNotChecked() {
        Ticket t = shop.carolAsks("你们保本吗");
        engine.tickets().reply(shop.carolActor(), t.id(), shop.fromCarol("保本吗？无风险吗？"));
        engine.tickets().note(shop.alice, t.id(), "客户问保本，按话术回复");
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("全场包邮"));                 // only "strict" bans it
        Ticket s = strict.carolAsks("运费");
        assertThatThrownBy(() -> engine.tickets().reply(strict.alice, s.id(), NewMessage.text("全场包邮")))
                .isInstanceOf(BannedPhraseException.class).hasMessageContaining("own");
    }

    @Test
    void listsNeedNamesAndPhrases() {
        assertThatThrownBy(() -> ReplyCheck.builder().list(" ", BannedPhrases.defaults(), ReplyCheck.Action.WARN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplyCheck.builder().list("x", null, ReplyCheck.Action.WARN))
                .isInstanceOf(NullPointerException.class);
    }
}
