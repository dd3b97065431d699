package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.connectors.OwnMessageIds;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The e-mail channel's names for the channel-neutral threading ids and tokens: the same ids as before they moved
 * out of this package, so that answers to mail already sent still thread.
 */
class EmailThreadingTest {
    private static final TicketId TICKET = TicketId.of(UUID.fromString("0190f3a2-7b1c-7e00-8a00-000000000001"));
    private static final MessageId MESSAGE = MessageId.of(UUID.fromString("0190f3a2-7b1c-7e00-8a00-0000000000aa"));
    private static final TicketNumber NUMBER = TicketNumber.of("TK", 123);

    @Test
    void ourMessageIdIsTheChannelNeutralOneInTheFormatMailAlreadyCarries() {
        String id = EmailThreading.messageId(TICKET, MESSAGE, "mail.shop.example");
        assertThat(id).isEqualTo(OwnMessageIds.of(TICKET, MESSAGE, "mail.shop.example")).isEqualTo(
                "tk.0190f3a2-7b1c-7e00-8a00-000000000001.0190f3a2-7b1c-7e00-8a00-0000000000aa@mail.shop.example");
        assertThat(EmailThreading.ticketIdOf("<" + id + ">")).contains(TICKET);
        assertThat(EmailThreading.ticketIdOf("<CAF=abc@mail.gmail.com>")).isEmpty();
        assertThat(EmailThreading.ticketIdOf(null)).isEmpty();
        assertThatThrownBy(() -> EmailThreading.messageId(TICKET, MESSAGE, "not a host"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTokenIsAppendedOnceAndFoundAgain() {
        assertThat(EmailThreading.token(NUMBER)).isEqualTo("[TK-000123]").isEqualTo(NUMBER.token());
        assertThat(EmailThreading.subjectWithToken("  Where is my parcel?  ", NUMBER)).isEqualTo("Where is my parcel? [TK-000123]");
        assertThat(EmailThreading.subjectWithToken("", NUMBER)).isEqualTo("[TK-000123]");
        // already there, also written without the leading zeros: not appended again
        assertThat(EmailThreading.subjectWithToken("Re: Size [TK-000123]", NUMBER)).isEqualTo("Re: Size [TK-000123]");
        assertThat(EmailThreading.subjectWithToken("Re: Size [TK-123]", NUMBER)).isEqualTo("Re: Size [TK-123]");
        // another ticket's token, or a number without brackets, is not this ticket's
        assertThat(EmailThreading.subjectWithToken("Fwd: [TK-000124]", NUMBER)).isEqualTo("Fwd: [TK-000124] [TK-000123]");
        assertThat(EmailThreading.subjectWithToken("TK-000123", NUMBER)).isEqualTo("TK-000123 [TK-000123]");
        assertThat(EmailThreading.tokenIn(EmailThreading.subjectWithToken("Fwd: [TK-000124]", NUMBER))).contains(NUMBER);
        assertThat(EmailThreading.tokenIn(null)).isEmpty();
    }
}
