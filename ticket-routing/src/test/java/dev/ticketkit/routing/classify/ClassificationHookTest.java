package dev.ticketkit.routing.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Channel;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.routing.Category;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hook tags new tickets and new customer messages inside the command. */
class ClassificationHookTest {
    TicketEngine engine;
    Fixtures shop;

    @BeforeEach
    void setUp() {
        engine = TicketEngine.builder().clock(MutableClock.at("2026-11-11T00:00:00Z"))
                .hook(ClassificationHook.builder(KeywordClassifier.ofDefaults()).categoryField("category").build()).build();
        shop = Fixtures.create(engine, TenantId.of("shop-1"));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aNewTicketIsTaggedAndAnUrgentOneRaised() {
        engine.directory().defineField(shop.admin, FieldDefinition.text("category", "Category"));
        Ticket t = engine.tickets().create(shop.integration, NewTicket.builder(shop.carol.id(), "破损")
                .channel(Channel.WECHAT).message("东西碎了，马上给我退款，气死了").build());
        assertThat(t.tags()).contains("category:quality", "category:refund", "urgent", "sentiment:negative", "lang:zh");
        assertThat(t.priority()).isEqualTo(Priority.HIGH);
        assertThat(t.customFields().get("category")).isEqualTo(FieldValue.text("quality"));
        assertThat(t.version()).isEqualTo(1); // part of the create command
    }

    @Test
    void laterCustomerMessagesAddCategoriesAgentMessagesDoNot() {
        Ticket t = shop.carolAsks("Where is my parcel?", Fixtures.AFTER_SALES);
        assertThat(t.tags()).contains("category:logistics", "lang:en").doesNotContain("category:invoice");
        assertThat(t.customFields()).doesNotContainKey("category"); // the tenant has no such field: skipped
        engine.tickets().reply(shop.alice, t.id(), NewMessage.text("Do you need an invoice too?"));
        assertThat(engine.tickets().get(shop.admin, t.id()).tags()).doesNotContain("category:invoice");
        engine.tickets().reply(shop.carolActor(), t.id(), NewMessage.text("Yes, please send a VAT invoice"));
        assertThat(engine.tickets().get(shop.admin, t.id()).tags()).contains("category:logistics", "category:invoice");
    }

    @Test
    void optionsAreCheckedWhenSet() {
        ClassificationHook.Builder b = ClassificationHook.builder(KeywordClassifier.ofDefaults());
        assertThatThrownBy(() -> b.categoryTagPrefix("Bad Prefix")).isInstanceOf(IllegalArgumentException.class);
        b.urgentPriority(null);
        assertThatThrownBy(() -> b.urgentPriority(Priority.URGENT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ClassificationHook.builder(null)).isInstanceOf(NullPointerException.class);
    }
}
