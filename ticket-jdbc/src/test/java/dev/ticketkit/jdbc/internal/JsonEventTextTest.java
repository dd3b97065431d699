package dev.ticketkit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.ActorRef;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.EventMeta;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketLink;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The events every new ticket and message raise are written straight to text; the text must be exactly what the
 * tree codec writes (stored rows of both kinds are read by one reader), and read back to the same event.
 */
class JsonEventTextTest {
    static final Instant NOW = Instant.parse("2026-11-11T08:00:00.123456Z");

    static EventMeta meta(TicketId ticket) {
        return new EventMeta(UUID.randomUUID(), TenantId.of("shop-1"), ticket, 1,
                ActorRef.of(ActorKind.INTEGRATION, "intake \"quoted\" \u5ba2\u670d"), NOW);
    }

    static Ticket.Builder plain(TicketId id) {
        return Ticket.builder().id(id).tenantId(TenantId.of("shop-1")).number(TicketNumber.of("TK", 42))
                .subject("Order arrived damaged \uD83D\uDCE6 \\ \"</script>").status(TicketStatus.NEW)
                .priority(Priority.NORMAL).channel(Channel.EMAIL).requester(CustomerId.of(UUID.randomUUID()))
                .tags(new TreeSet<>(Set.of("damaged", "vip"))).createdAt(NOW).updatedAt(NOW).statusChangedAt(NOW)
                .version(1);
    }

    @Test
    void aNewTicketsEventIsTheTreesTextAndReadsBack() {
        TicketId id = TicketId.of(UUID.randomUUID());
        assertSameAsTree(new TicketEvent.TicketCreated(meta(id), plain(id).build()));
    }

    @Test
    void everyOptionalPartOfATicketIsWrittenAsTheTreeWritesIt() {
        TicketId id = TicketId.of(UUID.randomUUID());
        Map<String, FieldValue> fields = new TreeMap<>(Map.of("size", FieldValue.text("XL"), "paid", FieldValue.bool(true)));
        Ticket full = plain(id).type("refund").assignee(AgentId.of("agent-7")).team(TeamId.of("after-sales"))
                .priority(Priority.URGENT).customFields(fields)
                .orders(List.of(OrderRef.of("JD", "2025111112345"), OrderRef.of("SHOPIFY", "#1001")))
                .links(List.of(TicketLink.of(LinkType.FOLLOW_UP_OF, TicketId.of(UUID.randomUUID()))))
                .updatedAt(NOW.plusSeconds(5)).statusChangedAt(NOW.plusMillis(1)).firstAgentReplyAt(NOW.plusSeconds(60))
                .solvedAt(NOW.plusSeconds(120)).closedAt(NOW.plusSeconds(180)).dueAt(NOW.plusSeconds(3600))
                .tags(new TreeSet<>()).version(7).build();
        assertSameAsTree(new TicketEvent.TicketCreated(meta(id), full));
    }

    @Test
    void aMessageEventIsTheTreesTextAndReadsBack() {
        TicketId id = TicketId.of(UUID.randomUUID());
        assertSameAsTree(new TicketEvent.MessageAdded(meta(id), MessageId.of(UUID.randomUUID()), Visibility.PUBLIC,
                AuthorKind.CUSTOMER, Channel.of("TAOBAO")));
    }

    @Test
    void otherEventsStillGoThroughTheTree() {
        TicketId id = TicketId.of(UUID.randomUUID());
        TicketEvent e = new TicketEvent.StatusChanged(meta(id), TicketStatus.NEW, TicketStatus.OPEN);
        assertThat(Json.event(e)).isEqualTo(Json.write(Json.eventTree(e)));
        assertThat(Json.readEvent(Json.event(e))).isEqualTo(e);
    }

    private static void assertSameAsTree(TicketEvent e) {
        String streamed = Json.event(e);
        assertThat(streamed).isEqualTo(Json.write(Json.eventTree(e)));
        assertThat(Json.readEvent(streamed)).isEqualTo(e);
    }
}
