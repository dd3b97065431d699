package dev.ticketkit.commerce.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class NoReasonReturnWindowTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant shanghai(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), SHANGHAI).toInstant();
    }

    @Test
    void chinaIsSevenDaysFromTheDayAfterSigningInShanghai() {
        NoReasonReturnWindow w = NoReasonReturnWindow.china();
        assertThat(w.days()).isEqualTo(7);
        assertThat(w.zone()).isEqualTo(SHANGHAI);
        Instant last = shanghai("2026-11-18T23:59:59.999999999");
        // any time on the 11th, the window ends at the end of the 18th, local time
        assertThat(w.lastMoment(shanghai("2026-11-11T00:00"))).isEqualTo(last);
        assertThat(w.lastMoment(shanghai("2026-11-11T23:59:59"))).isEqualTo(last);
        assertThat(w.lastMoment(shanghai("2026-11-11T09:30"))).isEqualTo(Instant.parse("2026-11-18T15:59:59.999999999Z"));
        assertThat(w.firstMoment(shanghai("2026-11-11T09:30"))).isEqualTo(shanghai("2026-11-12T00:00"));
    }

    @Test
    void theEdgesAreMidnightInTheShopsZoneNotUtc() {
        NoReasonReturnWindow w = NoReasonReturnWindow.china();
        Instant signed = Instant.parse("2026-11-10T16:00:00Z");       // 11 Nov 00:00 in Shanghai
        Instant signedBefore = Instant.parse("2026-11-10T15:59:59Z"); // 10 Nov 23:59:59 in Shanghai
        assertThat(w.lastMoment(signed)).isEqualTo(shanghai("2026-11-18T23:59:59.999999999"));
        assertThat(w.lastMoment(signedBefore)).isEqualTo(shanghai("2026-11-17T23:59:59.999999999"));

        assertThat(w.isOpen(signed, shanghai("2026-11-18T23:59:59.999999999"))).isTrue();
        assertThat(w.isOpen(signed, shanghai("2026-11-19T00:00"))).isFalse();
        assertThat(w.isOpen(signedBefore, shanghai("2026-11-18T00:00"))).isFalse();
        assertThat(w.isOpen(signed, signed)).isTrue();
        assertThat(w.isOpen(signed, signed.minusSeconds(86_400))).as("asked before signing").isTrue();
    }

    @Test
    void aShopCanGiveLongerWindowsInItsOwnZone() {
        NoReasonReturnWindow vip = NoReasonReturnWindow.of(30, SHANGHAI);
        assertThat(vip.lastMoment(shanghai("2026-11-11T12:00"))).isEqualTo(shanghai("2026-12-11T23:59:59.999999999"));
        ZoneId ny = ZoneId.of("America/New_York");
        // across the end of daylight-saving time (1 Nov 2026) the edge is still local midnight
        NoReasonReturnWindow w = NoReasonReturnWindow.of(7, ny);
        Instant signed = ZonedDateTime.of(2026, 10, 30, 12, 0, 0, 0, ny).toInstant();
        assertThat(w.lastMoment(signed)).isEqualTo(ZonedDateTime.of(2026, 11, 7, 0, 0, 0, 0, ny).toInstant().minusNanos(1));
    }

    @Test
    void nonsenseWindowsAreRefused() {
        assertThatThrownBy(() -> NoReasonReturnWindow.of(0, SHANGHAI)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoReasonReturnWindow.of(366, SHANGHAI)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoReasonReturnWindow.of(7, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> NoReasonReturnWindow.china().isOpen(null, Instant.EPOCH))
                .isInstanceOf(NullPointerException.class);
    }
}
