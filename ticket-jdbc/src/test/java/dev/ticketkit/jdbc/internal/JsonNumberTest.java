package dev.ticketkit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.EventMeta;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Number custom fields are written plainly in stored JSON and events (outbox consumers read them) and read back exactly. */
class JsonNumberTest {

    @Test
    void numberFieldsAreWrittenWithoutAnExponentAndReadBackExactly() {
        for (String[] c : new String[][] {{"20", "20"}, {"20.50", "20.5"}, {"0.0010", "0.001"}, {"-1.2E+3", "-1200"},
                {"1E+999999999", "1E+999999999"}}) {
            FieldValue v = FieldValue.number(new BigDecimal(c[0]));
            assertThat(Json.fieldValue(v).get("value").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(Json.readFieldValue(Json.fieldValue(v))).isEqualTo(v);
        }
        // rows written before read the same
        assertThat(Json.readFieldValue(Json.read("{\"type\":\"NUMBER\",\"value\":\"2E+1\"}"))).isEqualTo(FieldValue.number(20));

        TicketId id = TicketId.of(UUID.randomUUID());
        EventMeta meta = new EventMeta(UUID.randomUUID(), TenantId.of("shop-1"), id, 2, ActorRef.of(ActorKind.SYSTEM, "rules"),
                Instant.parse("2026-11-11T08:00:00Z"));
        String event = Json.event(new TicketEvent.CustomFieldChanged(meta, "refund_amount", null, FieldValue.number(20)));
        assertThat(event).contains("\"value\":\"20\"").doesNotContain("E+");
        assertThat(Json.readEvent(event)).isInstanceOfSatisfying(TicketEvent.CustomFieldChanged.class,
                e -> assertThat(e.after()).isEqualTo(FieldValue.number(20)));
    }
}
