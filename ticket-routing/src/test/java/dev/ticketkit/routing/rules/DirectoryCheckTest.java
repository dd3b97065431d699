package dev.ticketkit.routing.rules;

import dev.ticketkit.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** Replacing a tenant's rules checks the teams and agents they name, by default against the bound engine. */
class DirectoryCheckTest extends RulesTestBase {

    private static final String UNKNOWN_TEAM = """
            rules:
              - { id: vip, actions: [ { set_team: vip-desk } ] }
            """;
    private static final String KNOWN = """
            rules:
              - { id: refund, actions: [ { set_team: finance }, { set_assignee: alice } ] }
            """;

    @Test
    void theBoundEngineChecksUnknownTeamsByDefault() {
        RuleSet set = rules.parse("test-rules.yaml", UNKNOWN_TEAM);
        assertThatThrownBy(() -> rules.replace(shop.tenant, set)).isInstanceOf(ConfigException.class)
                .hasMessage("test-rules.yaml:2:39: rules[0].actions[0].set_team: unknown team \"vip-desk\" in tenant shop-1");
        assertThat(rules.current(shop.tenant)).isEmpty();
        rules.replace(shop.tenant, rules.parse("test-rules.yaml", KNOWN));
        assertThat(rules.current(shop.tenant)).isPresent();
    }

    @Test
    void theBoundEngineChecksUnknownAgentsByDefault() {
        RuleSet set = rules.parse("test-rules.yaml", """
                rules:
                  - { id: to-mallory, actions: [ { set_assignee: mallory } ] }
                """);
        assertThatThrownBy(() -> rules.replace(shop.tenant, set)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown agent \"mallory\" in tenant shop-1");
    }

    @Test
    void theDefaultCheckReadsTheDirectoryAsItIsNowAndPerTenant() {
        RuleSet set = rules.parse("test-rules.yaml", UNKNOWN_TEAM);
        engine.directory().saveTeam(shop.admin, Team.of(shop.tenant, TeamId.of("vip-desk"), "VIP desk"));
        rules.replace(shop.tenant, set); // the team exists now
        Fixtures other = Fixtures.create(engine, TenantId.of("shop-2"));
        assertThatThrownBy(() -> rules.replace(other.tenant, set)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown team \"vip-desk\" in tenant shop-2");
    }

    @Test
    void noneSkipsTheCheckOnPurpose() {
        RuleSet set = rules.parse("test-rules.yaml", UNKNOWN_TEAM);
        rules.replace(shop.tenant, set, DirectoryCheck.none());
        assertThat(rules.current(shop.tenant)).contains(set);
        assertThat(carolAsks("x", "y").team()).isEmpty(); // the action fails when it runs, and is reported
        assertThat(runs).last().satisfies(r -> assertThat(r.failures()).extracting(RuleRun.ActionFailure::action)
                .containsExactly("set_team"));
    }

    @Test
    void anExplicitCheckStillWins() {
        RuleSet set = rules.parse("test-rules.yaml", KNOWN);
        assertThatThrownBy(() -> rules.replace(shop.tenant, set, DirectoryCheck.of(java.util.Set.of("finance"), java.util.Set.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown agent \"alice\"");
    }

    @Test
    void withoutAnEngineReplaceNeedsAnExplicitChoice() {
        RuleEngine unbound = RuleEngine.builder().build();
        RuleSet set = unbound.parse("test-rules.yaml", KNOWN);
        assertThatThrownBy(() -> unbound.replace(shop.tenant, set)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build it first").hasMessageContaining("DirectoryCheck.none()");
        assertThat(unbound.current(shop.tenant)).isEmpty();
        unbound.replace(shop.tenant, set, DirectoryCheck.none());
        assertThat(unbound.current(shop.tenant)).contains(set);
    }

    @Test
    void anEngineBindsOnce() {
        assertThatThrownBy(() -> rules.bind(engine)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already bound");
        assertThatThrownBy(() -> RuleEngine.builder().build().bind(null)).isInstanceOf(NullPointerException.class);
    }
}
