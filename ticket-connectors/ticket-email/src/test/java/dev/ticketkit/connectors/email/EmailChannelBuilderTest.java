package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.TenantId;
import org.junit.jupiter.api.Test;

class EmailChannelBuilderTest {

    @Test
    void aChannelWithoutAClockIsRefusedAtBuild() {
        assertThatThrownBy(() -> EmailChannel.builder(TenantId.of("shop"), "support@shop.example").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clock");
    }
}
