package dev.ticketkit.connectors.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.connectors.intake.IntakeResult.Outcome;
import dev.ticketkit.core.ViewQuery;
import org.junit.jupiter.api.Test;

class AutoReplyTest extends IntakeTestBase {

    @Test
    void anAutoReplyOpensNoTicketAndTouchesNone() {
        IntakeResult first = intake.accept(email("zoe@example.com", "p1@mail", "Question", "hello").build());
        long before = engine.tickets().get(shop.admin, first.ticketId().orElseThrow()).version();

        IntakeResult ooo = intake.accept(email("zoe@example.com", "p2@mail", "Automatic reply: Question", "I am away")
                .inReplyTo("p1@mail").autoReply(true).build());
        IntakeResult fresh = intake.accept(email("boss@example.com", "p3@mail", "Out of office", "away").autoReply(true).build());

        assertThat(ooo.outcome()).isEqualTo(Outcome.IGNORED_AUTO_REPLY);
        assertThat(fresh.outcome()).isEqualTo(Outcome.IGNORED_AUTO_REPLY);
        assertThat(ooo.ticketId()).isEmpty();
        assertThat(ooo.added()).isFalse();
        assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().build()).items()).hasSize(1);
        assertThat(engine.tickets().get(shop.admin, first.ticketId().orElseThrow()).version()).isEqualTo(before);
        assertThat(engine.customers().findByIdentity(shop.admin, dev.ticketkit.core.IdentityType.EMAIL, "boss@example.com")).isEmpty();
    }
}
