package dev.ticketkit.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.TicketId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OwnMessageIdsTest {
    private static final TicketId TICKET = TicketId.of(UUID.fromString("0190f3a2-7b1c-7e00-8a00-000000000001"));
    private static final MessageId MESSAGE = MessageId.of(UUID.fromString("0190f3a2-7b1c-7e00-8a00-0000000000aa"));

    @Test
    void theFormatIsTheOneMailAlreadySentCarries() {
        // answers to mail sent before the id became channel-neutral must still thread: the format is fixed
        assertThat(OwnMessageIds.of(TICKET, MESSAGE, "mail.shop.example")).isEqualTo(
                "tk.0190f3a2-7b1c-7e00-8a00-000000000001.0190f3a2-7b1c-7e00-8a00-0000000000aa@mail.shop.example");
    }

    @Test
    void theTicketIdIsReadBackWithOrWithoutAngleBrackets() {
        String id = OwnMessageIds.of(TICKET, MESSAGE, "mail.shop.example");
        assertThat(OwnMessageIds.ticketIdOf(id)).contains(TICKET);
        assertThat(OwnMessageIds.ticketIdOf(" <" + id + "> ")).contains(TICKET);
        assertThat(OwnMessageIds.ticketIdOf("tk." + TICKET + ".x@other.example")).contains(TICKET);
        String unstored = OwnMessageIds.of(TICKET, null, "shop.example");
        assertThat(unstored).startsWith("tk." + TICKET + ".").endsWith("@shop.example");
        assertThat(OwnMessageIds.ticketIdOf(unstored)).contains(TICKET);
    }

    @Test
    void otherIdsNameNoTicket() {
        for (String other : new String[] {"", "abc@mail.example", "<CAF=abc@mail.gmail.com>",
                "tk.not-a-uuid.x@shop.example", "tk." + TICKET + ".x", "tk." + TICKET + ".x@",
                "tk." + TICKET.toString().toUpperCase() + ".x@shop.example", "xtk." + TICKET + ".x@shop.example",
                "tk." + TICKET + "." + "m".repeat(65) + "@shop.example"}) {
            assertThat(OwnMessageIds.ticketIdOf(other)).as(other).isEmpty();
        }
        assertThat(OwnMessageIds.ticketIdOf(null)).isEmpty();
    }

    @Test
    void aDomainThatIsNoHostNameIsRefused() {
        for (String bad : new String[] {"", "-shop.example", "shop example", "shop.example>", "a@b"}) {
            assertThatThrownBy(() -> OwnMessageIds.of(TICKET, MESSAGE, bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("domain must be a host name");
        }
        assertThatThrownBy(() -> OwnMessageIds.of(null, MESSAGE, "shop.example")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> OwnMessageIds.of(TICKET, MESSAGE, null)).isInstanceOf(NullPointerException.class);
    }
}
