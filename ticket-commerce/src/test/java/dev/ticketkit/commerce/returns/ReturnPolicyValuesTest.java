package dev.ticketkit.commerce.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.MemberTier;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in policy's values, the builder's checks, and the checks of the value types. */
class ReturnPolicyValuesTest {
    private static final Instant T = Instant.parse("2026-11-11T01:30:00Z");

    @Test
    void chinaDefaultIsSevenDaysInShanghaiWithTheLegalExclusions() {
        ReturnPolicy p = ReturnPolicy.chinaDefault();
        assertThat(p.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(p.noReasonWindow()).isEqualTo(NoReasonReturnWindow.china());
        assertThat(p.noReasonRemedies()).containsExactlyInAnyOrder(Remedy.RETURN, Remedy.EXCHANGE);
        assertThat(p.qualityDays(Remedy.RETURN)).isEqualTo(7);
        assertThat(p.qualityDays(Remedy.EXCHANGE)).isEqualTo(15);
        assertThat(p.qualityDays(Remedy.REPAIR)).isEqualTo(365);
        assertThat(p.returnShippingPaidBy(ReturnReason.NO_REASON)).isEqualTo(ShippingPayer.BUYER);
        assertThat(p.returnShippingPaidBy(ReturnReason.QUALITY_PROBLEM)).isEqualTo(ShippingPayer.SHOP);
        assertThat(p.shippingInsurance()).isEmpty();
        assertThat(p.categories()).containsExactly(CategoryRule.excluded("custom_made"), CategoryRule.excluded("fresh"),
                CategoryRule.ifUnopened("digital"), CategoryRule.excluded("periodicals"));
        assertThat(p.tiers()).isEmpty();
        assertThat(ReturnPolicy.builder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    }

    @Test
    void aBuilderFromABaseKeepsWhatItDoesNotSet() {
        ReturnPolicy base = ReturnPolicy.builder().noReasonDays(10).tier(TierOverride.of("VIP", 30))
                .category(CategoryRule.allowed("apparel", 15)).build();
        ReturnPolicy derived = ReturnPolicy.from(base).zone(ZoneId.of("Asia/Hong_Kong"))
                .category(CategoryRule.allowed("apparel", 20)).build();
        assertThat(derived.noReasonWindow()).isEqualTo(NoReasonReturnWindow.of(10, ZoneId.of("Asia/Hong_Kong")));
        assertThat(derived.tiers()).containsExactly(TierOverride.of("VIP", 30));
        assertThat(derived.category("apparel")).contains(CategoryRule.allowed("apparel", 20));
        assertThat(base.category("apparel")).contains(CategoryRule.allowed("apparel", 15));
        assertThat(derived).isNotEqualTo(base);
    }

    @Test
    void eachValueIsSetOnce() {
        assertThatThrownBy(() -> ReturnPolicy.builder().noReasonDays(7).noReasonDays(10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("noReasonDays");
        assertThatThrownBy(() -> ReturnPolicy.builder().zone(ZoneId.of("UTC")).zone(ZoneId.of("UTC")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ReturnPolicy.builder().qualityDays(Remedy.REPAIR, 10).qualityDays(Remedy.REPAIR, 20))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ReturnPolicy.builder().category(CategoryRule.excluded("x"))
                .category(CategoryRule.ifUnopened("x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ReturnPolicy.builder().tier(TierOverride.of("VIP", 30)).tier(TierOverride.of("vip", 20)))
                .isInstanceOf(IllegalStateException.class);
        // one per remedy, per reason, per category: different ones are fine
        ReturnPolicy.builder().qualityDays(Remedy.REPAIR, 10).qualityDays(Remedy.RETURN, 10)
                .returnShipping(ReturnReason.NO_REASON, ShippingPayer.SHOP)
                .returnShipping(ReturnReason.QUALITY_PROBLEM, ShippingPayer.SHOP).build();
    }

    @Test
    void aBuilderRefusesNonsenseAtOnce() {
        ReturnPolicy.Builder b = ReturnPolicy.builder();
        assertThatThrownBy(() -> b.noReasonDays(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.noReasonDays(366)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.qualityDays(Remedy.REPAIR, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.qualityDays(Remedy.REPAIR, 3651)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.shippingInsurance("x".repeat(501))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.zone(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.noReasonRemedies(null)).isInstanceOf(NullPointerException.class);
        // a refused value was not taken: it can still be set once
        b.noReasonDays(8).qualityDays(Remedy.REPAIR, 3650);
        assertThat(b.build().noReasonWindow().days()).isEqualTo(8);
    }

    @Test
    void aTierNamesOnlyCategoriesThePolicyHasThatMayBeReturnedWithoutAReason() {
        assertThatThrownBy(() -> ReturnPolicy.builder().tier(TierOverride.of("VIP", 30, Set.of("shoes"))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tier VIP names category shoes, which the policy has no rule for");
        assertThatThrownBy(() -> ReturnPolicy.builder().tier(TierOverride.of("VIP", 30, Set.of("fresh"))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tier VIP names category fresh, which is excluded from no-reason returns");
        ReturnPolicy ok = ReturnPolicy.builder().category(CategoryRule.of("shoes", NoReasonRule.ALLOWED, 0))
                .tier(TierOverride.of("VIP", 30, Set.of("shoes", "digital"))).build();
        assertThat(ok.tiers().get(0).covers("digital")).isTrue();
        assertThat(ok.tiers().get(0).covers("apparel")).isFalse();
    }

    @Test
    void aCategoryOrTierWindowShorterThanTheDefaultIsRefusedBecauseItWouldNeverApply() {
        assertThatThrownBy(() -> ReturnPolicy.builder().category(CategoryRule.allowed("clearance", 3)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("category clearance has a 3-day no-reason window, shorter than the default 7 days:"
                        + " the most generous window applies, so it would never be used");
        assertThatThrownBy(() -> ReturnPolicy.builder().tier(TierOverride.of("SILVER", 5)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tier SILVER has a 5-day");
        ReturnPolicy base = ReturnPolicy.builder().category(CategoryRule.allowed("apparel", 15)).build();
        assertThatThrownBy(() -> ReturnPolicy.from(base).noReasonDays(30).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("category apparel has a 15-day");
        assertThat(ReturnPolicy.from(base).noReasonDays(15).build().category("apparel")).isPresent();
    }

    @Test
    void categoryRulesAndTierOverridesCheckTheirValues() {
        assertThatThrownBy(() -> CategoryRule.allowed("apparel", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoryRule.allowed("apparel", 366)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoryRule.of("apparel", NoReasonRule.ALLOWED, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoryRule.of("fresh", NoReasonRule.EXCLUDED, 7))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoryRule.excluded(" fresh")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoryRule.excluded("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoryRule.excluded("x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
        assertThat(CategoryRule.ifUnopened("digital").hasOwnWindow()).isFalse();

        assertThatThrownBy(() -> TierOverride.of("V I P", 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TierOverride.of("VIP", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TierOverride.of("VIP", 30, Set.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(TierOverride.of("VIP", 30).appliesTo(MemberTier.of(5, "Vip"))).isTrue();
        assertThat(TierOverride.of("VIP", 30).appliesTo(null)).isFalse();
    }

    @Test
    void aRequestChecksItsValues() {
        assertThatThrownBy(() -> ReturnRequest.noReason(Remedy.RETURN, " ", T, T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReturnRequest.noReason(null, "apparel", T, T)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ReturnRequest.noReason(Remedy.RETURN, "apparel", T, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ReturnRequest.noReason(Remedy.RETURN, "apparel", Instant.MAX, T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReturnRequest.noReason(Remedy.RETURN, "apparel", T, Instant.MIN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReturnPolicy.chinaDefault().decide(null)).isInstanceOf(NullPointerException.class);

        ReturnRequest r = ReturnRequest.noReason(Remedy.RETURN, "apparel", null, T).withOpened(true)
                .withTier(MemberTier.VIP).withRemedy(Remedy.EXCHANGE);
        assertThat(r).isEqualTo(new ReturnRequest(ReturnReason.NO_REASON, Remedy.EXCHANGE, "apparel", true, null, T,
                MemberTier.VIP));
    }

    @Test
    void aDecisionNamesItsClauseAndPayer() {
        assertThatThrownBy(() -> new ReturnDecision(true, " ", "x", null, ShippingPayer.BUYER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReturnDecision(true, "no_reason.window", "x", null, null))
                .isInstanceOf(NullPointerException.class);
    }
}
