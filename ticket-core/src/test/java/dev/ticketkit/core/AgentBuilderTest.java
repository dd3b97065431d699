package dev.ticketkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentBuilderTest {
    private static final TenantId SHOP = TenantId.of("shop-1");

    @Test
    void buildsAnAgentFieldByField() {
        Agent wendy = Agent.builder(SHOP, AgentId.of("wendy"), "Wendy 王")
                .team(TeamId.of("warehouse")).skills("returns", "fragile").language("zh")
                .capacity(Channel.WEB_CHAT, 5).presence(Presence.OFFLINE)
                .build();
        assertThat(wendy).isEqualTo(new Agent(AgentId.of("wendy"), SHOP, "Wendy 王", Set.of(TeamId.of("warehouse")),
                Set.of("returns", "fragile"), Set.of("zh"), Map.of(Channel.WEB_CHAT, 5), Presence.OFFLINE));
        assertThat(wendy.toBuilder().team(TeamId.of("returns")).build().teams())
                .containsExactlyInAnyOrder(TeamId.of("warehouse"), TeamId.of("returns"));
    }

    @Test
    void defaultsToAnOnlineAgentWithoutLimits() {
        Agent a = Agent.builder(SHOP, AgentId.of("a"), "A").build();
        assertThat(a.presence()).isEqualTo(Presence.ONLINE);
        assertThat(a.teams()).isEmpty();
        assertThat(a.capacity()).isEmpty();
    }

    @Test
    void rejectsBadValuesWhenSet() {
        Agent.Builder b = Agent.builder(SHOP, AgentId.of("a"), "A");
        assertThatThrownBy(() -> b.capacity(Channel.EMAIL, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.skill(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.team(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Agent.builder(SHOP, AgentId.of("a"), "")).isInstanceOf(IllegalArgumentException.class);
    }
}
