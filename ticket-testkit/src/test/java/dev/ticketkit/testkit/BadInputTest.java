package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Attachment;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.Limits;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.ViewQuery;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BadInputTest extends EngineTestBase {

    @Override
    protected TicketEngine.Builder configure(TicketEngine.Builder builder) {
        return builder.limits(Limits.custom().maxSubjectLength(40).maxTags(3).maxMessageTextLength(100)
                .maxAttachmentsPerMessage(1).build());
    }

    private void rejectedOnCreate(Consumer<NewTicket.Builder> spec, String field) {
        NewTicket.Builder b = NewTicket.builder(shop.carol.id(), "valid subject").message("hi");
        spec.accept(b);
        assertThatThrownBy(() -> engine.tickets().create(shop.admin, b.build()))
                .isInstanceOf(TicketValidationException.class)
                .satisfies(e -> assertThat(((TicketValidationException) e).field()).isEqualTo(field));
        assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().build()).items()).isEmpty();
    }

    @Test
    void badTicketsAreRejectedWithTheFieldAndNothingIsWritten() {
        assertThatThrownBy(() -> engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "   ").build()))
                .isInstanceOf(TicketValidationException.class).hasMessage("subject: must not be blank");
        assertThatThrownBy(() -> engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "x".repeat(41)).build()))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("more than the limit of 40");
        assertThatThrownBy(() -> engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "a\u0000b").build()))
                .isInstanceOf(TicketValidationException.class);
        rejectedOnCreate(b -> b.tags("a", "b", "c", "d"), "tags");
        rejectedOnCreate(b -> b.tags("has space"), "tags");
        rejectedOnCreate(b -> b.field("colour", FieldValue.text("red")), "customFields.colour");
        rejectedOnCreate(b -> b.field("refund_amount", FieldValue.text("ten")), "customFields.refund_amount");
        rejectedOnCreate(b -> b.field("order_type", FieldValue.choice("wholesale")), "customFields.order_type");
        rejectedOnCreate(b -> b.field("issues", FieldValue.choices("broken", "exploded")), "customFields.issues");
        rejectedOnCreate(b -> b.field("promised_date", FieldValue.bool(true)), "customFields.promised_date");
        rejectedOnCreate(b -> b.team(TeamId.of("nobody")), "team");
        rejectedOnCreate(b -> b.message("x".repeat(101)), "message.text");
        rejectedOnCreate(b -> b.message(NewMessage.text("   ")), "message.text");
        rejectedOnCreate(b -> b.message(NewMessage.text("two files")
                .withAttachment(Attachment.of("a.jpg", "image/jpeg", 10, ""))
                .withAttachment(Attachment.of("b.jpg", "image/jpeg", 10, ""))), "message.attachments");
        assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().build()).items()).isEmpty();
    }

    @Test
    void unknownAndForeignIdsAreNotFound() {
        CustomerId stranger = CustomerId.of(UUID.randomUUID());
        assertThatThrownBy(() -> engine.tickets().create(shop.admin, NewTicket.builder(stranger, "who?").build()))
                .isInstanceOf(TicketNotFoundException.class).hasMessageContaining(stranger.toString());
        Fixtures other = Fixtures.create(engine, TenantId.of("shop-2"));
        assertThatThrownBy(() -> engine.tickets().create(shop.admin, NewTicket.builder(other.carol.id(), "cross-tenant").build()))
                .isInstanceOf(TicketNotFoundException.class);
        assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().build()).items()).isEmpty();
    }

    @Test
    void badUpdatesLeaveTheTicketAsItWas() {
        Ticket t = engine.tickets().create(shop.admin, NewTicket.builder(shop.carol.id(), "fine").tags("a").build());
        assertThatThrownBy(() -> engine.tickets().update(shop.admin, t.id(), TicketUpdate.builder()
                .addTags("b").field("promised_date", FieldValue.date(LocalDate.of(2026, 12, 1)))
                .field("fragile", FieldValue.text("yes")).build()))
                .isInstanceOf(TicketValidationException.class);
        assertThatThrownBy(() -> engine.tickets().update(shop.admin, t.id(), TicketUpdate.builder()
                .addTags("b", "c", "d").build()))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("limit of 3");
        assertThatThrownBy(() -> engine.tickets().update(shop.admin, t.id(), TicketUpdate.builder().clearField("unknown").build()))
                .isInstanceOf(TicketValidationException.class);
        Ticket read = engine.tickets().get(shop.admin, t.id());
        assertThat(read).isEqualTo(t);
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).hasSize(1);
    }

    @Test
    void malformedCursorsAndPageSizesAreProgrammerErrors() {
        assertThatThrownBy(() -> engine.tickets().view(shop.admin, ViewQuery.builder().after("not-a-cursor").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cursor");
        assertThatThrownBy(() -> engine.tickets().view(shop.admin, ViewQuery.builder().limit(501).build()))
                .isInstanceOf(IllegalArgumentException.class);
        for (int i = 0; i < 3; i++) {
            shop.carolAsks("t" + i);
        }
        var page = engine.tickets().view(shop.admin, ViewQuery.builder().limit(1).build());
        String cursor = page.nextCursor().orElseThrow();
        assertThatThrownBy(() -> engine.tickets().view(shop.admin, ViewQuery.builder()
                .sort(dev.ticketkit.core.SortField.PRIORITY, true).after(cursor).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another sort order");
    }

    @Test
    void valueTypesRejectNonsenseAtOnce() {
        assertThatThrownBy(() -> TenantId.of("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TeamId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dev.ticketkit.core.TicketNumber.parse("TK-")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dev.ticketkit.core.FieldDefinition.singleSelect("kind", "Kind"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketUpdate.builder().priority(dev.ticketkit.core.Priority.LOW).priority(dev.ticketkit.core.Priority.HIGH))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> NewTicket.builder(shop.carol.id(), "x").idempotencyKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
