package dev.ticketkit.commerce.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.commerce.Money;
import dev.ticketkit.core.Actor;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.TenantId;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompensationLimitsTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final TenantId SHOP = TenantId.of("shop");

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static Actor withRoles(String... names) {
        Role[] roles = new Role[names.length];
        for (int i = 0; i < names.length; i++) {
            roles[i] = Role.of(names[i], true); // limits go by the role's name only
        }
        return Actor.agent(SHOP, AgentId.of("alice"), Set.of(), roles);
    }

    final CompensationLimits limits = CompensationLimits.builder("CNY", SHANGHAI)
            .role("agent", cny("20"), 200)
            .role("senior", cny("100"), 50)
            .role("supervisor", cny("500"), 5_000)
            .dailyBudget("agent", cny("50"), 500)
            .dailyBudget("senior", cny("300"), 100)
            .customerCap(cny("100"), 1_000, 30)
            .build();

    @Test
    void theHighestLimitAmongTheActorsRolesAppliesMoneyAndPointsEachOnTheirOwn() {
        assertThat(limits.roleLimit(withRoles("agent"), CompensationKind.COUPON)).isEqualTo(CompensationAmount.of(cny("20")));
        assertThat(limits.roleLimit(withRoles("agent", "senior"), CompensationKind.PARTIAL_REFUND))
                .isEqualTo(CompensationAmount.of(cny("100")));
        assertThat(limits.roleLimit(withRoles("agent", "senior"), CompensationKind.POINTS))
                .as("the agent's 200 points beat the senior's 50").isEqualTo(CompensationAmount.points(200));
        assertThat(limits.roleLimit(withRoles("agent", "senior", "supervisor"), CompensationKind.COUPON))
                .isEqualTo(CompensationAmount.of(cny("500")));
        assertThat(limits.roleLimit(withRoles("nobody"), CompensationKind.COUPON))
                .as("no limit: nothing on one's own").isEqualTo(CompensationAmount.of(cny("0")));
        assertThat(limits.roleLimit(withRoles("nobody"), CompensationKind.POINTS)).isEqualTo(CompensationAmount.points(0));
        assertThat(limits.roleLimit(Actor.system(SHOP), CompensationKind.COUPON).isZero())
                .as("the admin role is a role like any other: no limit unless given one").isTrue();
    }

    @Test
    void budgetsAreTheHighestAmongTheRolesThatHaveOneAndTheCapIsPerKindOfUnit() {
        assertThat(limits.dailyBudget(withRoles("agent", "senior"), CompensationKind.COUPON))
                .contains(CompensationAmount.of(cny("300")));
        assertThat(limits.dailyBudget(withRoles("agent", "senior"), CompensationKind.POINTS))
                .contains(CompensationAmount.points(500));
        assertThat(limits.dailyBudget(withRoles("supervisor"), CompensationKind.COUPON)).as("no budget").isEmpty();
        assertThat(limits.dailyBudget(withRoles("supervisor", "agent"), CompensationKind.COUPON))
                .as("the budget of the role that has one").contains(CompensationAmount.of(cny("50")));
        assertThat(limits.customerCap(CompensationKind.COUPON)).contains(CompensationAmount.of(cny("100")));
        assertThat(limits.customerCap(CompensationKind.POINTS)).contains(CompensationAmount.points(1_000));
        assertThat(limits.customerCapDays()).isEqualTo(30);
        assertThat(limits.currency().getCurrencyCode()).isEqualTo("CNY");
        assertThat(limits.zone()).isEqualTo(SHANGHAI);
        assertThat(limits.toString()).contains("agent=20.00 CNY / 200 points").contains("in 30 days");

        CompensationLimits bare = CompensationLimits.builder("CNY", SHANGHAI).build();
        assertThat(bare.customerCap(CompensationKind.COUPON)).as("defaults: no cap").isEmpty();
        assertThat(bare.customerCapDays()).isZero();
        assertThat(bare.dailyBudget(withRoles("agent"), CompensationKind.COUPON)).isEmpty();
    }

    @Test
    void theBuilderRefusesBadArgumentsAtOnceAndOptionsSetTwice() {
        assertThatThrownBy(() -> CompensationLimits.builder("XYZ", SHANGHAI)).isInstanceOf(IllegalArgumentException.class);
        CompensationLimits.Builder b = CompensationLimits.builder("CNY", SHANGHAI).role("agent", cny("20"), 0);
        assertThatThrownBy(() -> b.role("agent", cny("30"), 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("role agent is set already");
        assertThatThrownBy(() -> b.role("senior", Money.of("30", "USD"), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the shop's currency CNY");
        assertThatThrownBy(() -> b.role("senior", cny("30"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.role("not a role", cny("30"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.customerCap(cny("100"), 0, 0)).isInstanceOf(IllegalArgumentException.class);
        b.customerCap(cny("100"), 0, 7);
        assertThatThrownBy(() -> b.customerCap(cny("100"), 0, 7)).isInstanceOf(IllegalStateException.class);
        b.dailyBudget("auditor", cny("10"), 0);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dailyBudget for role auditor, which has no role limit");
    }

    @Test
    void aSourceGivesEachTenantItsLimitsOrNone() {
        assertThat(CompensationLimitsSource.of(limits).limits(TenantId.of("any"))).contains(limits);
        CompensationLimitsSource perTenant = CompensationLimitsSource.of(Map.of(SHOP, limits));
        assertThat(perTenant.limits(SHOP)).contains(limits);
        assertThat(perTenant.limits(TenantId.of("other"))).isEmpty();
    }
}
