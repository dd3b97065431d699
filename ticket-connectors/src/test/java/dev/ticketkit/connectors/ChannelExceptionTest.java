package dev.ticketkit.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.connectors.ChannelException.Reason;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChannelExceptionTest {

    @Test
    void everyReasonTellsAnEndpointWhatToAnswer() {
        Map<Reason, Integer> statuses = Arrays.stream(Reason.values())
                .collect(Collectors.toMap(r -> r, Reason::httpStatus));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(
                Reason.SIGNATURE, 401, Reason.STALE, 401, Reason.REPLAY, 409, Reason.TOO_LARGE, 413,
                Reason.MALFORMED, 400, Reason.UNSUPPORTED, 400, Reason.CONFIGURATION, 500, Reason.UNAVAILABLE, 503,
                Reason.UNSPECIFIED, 400));
    }

    @Test
    @SuppressWarnings("deprecation")
    void theReasonIsKeptAndNeverNull() {
        ChannelException e = new ChannelException(Reason.STALE, "WECHAT push timestamp is outside the tolerance");
        assertThat(e.reason()).isEqualTo(Reason.STALE);
        assertThat(e.isRetryable()).isFalse();
        IllegalStateException cause = new IllegalStateException("x");
        ChannelException down = new ChannelException(Reason.UNAVAILABLE, "IMAP poll failed", cause, true);
        assertThat(down.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(down.isRetryable()).isTrue();
        assertThat(down.getCause()).isSameAs(cause);
        assertThat(new ChannelException("old").reason()).isEqualTo(Reason.UNSPECIFIED);
        assertThat(new ChannelException("old", null, true).reason()).isEqualTo(Reason.UNSPECIFIED);
        assertThatThrownBy(() -> new ChannelException(null, "no reason")).isInstanceOf(NullPointerException.class);
    }
}
