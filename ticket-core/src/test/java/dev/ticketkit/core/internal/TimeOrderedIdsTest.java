package dev.ticketkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.TicketId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7AndStrictlyIncreasingEvenWithinAMillisecond() {
        TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(Instant.parse("2026-11-11T00:00:00Z"), ZoneOffset.UTC));
        List<TicketId> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            UUID u = ids.next();
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            made.add(TicketId.of(u));
        }
        for (int i = 1; i < made.size(); i++) {
            assertThat(made.get(i)).isGreaterThan(made.get(i - 1));
        }
    }

    @Test
    void idsCarryTheirMillisecondAndSortAsText() {
        Instant t = Instant.parse("2026-11-11T00:00:00.123Z");
        UUID u = new TimeOrderedIds(Clock.fixed(t, ZoneOffset.UTC)).next();
        assertThat(u.getMostSignificantBits() >>> 16).isEqualTo(t.toEpochMilli());
        UUID later = new TimeOrderedIds(Clock.fixed(t.plusMillis(1), ZoneOffset.UTC)).next();
        assertThat(u.toString().compareTo(later.toString())).isNegative();
        assertThat(TicketId.of(u)).isLessThan(TicketId.of(later));
    }
}
