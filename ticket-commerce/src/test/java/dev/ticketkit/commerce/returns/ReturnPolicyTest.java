package dev.ticketkit.commerce.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ticketkit.core.MemberTier;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a policy decides requests: each clause, its edges at the shop's midnight, and what it says. */
class ReturnPolicyTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ReturnPolicy CHINA = ReturnPolicy.chinaDefault();
    /** Signed for on 11 November 2026, 09:30 in Shanghai: the seven days are the 12th to the 18th. */
    private static final Instant SIGNED = shanghai("2026-11-11T09:30");

    static Instant shanghai(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), SHANGHAI).toInstant();
    }

    private static ReturnRequest noReason(String category, Instant signedFor, Instant requestedAt) {
        return ReturnRequest.noReason(Remedy.RETURN, category, signedFor, requestedAt);
    }

    @Nested
    class NoReasonWindow {
        @Test
        void aRequestAtTheLastMillisecondOfTheSeventhDayIsAllowedAndAtMidnightRefused() {
            ReturnDecision last = CHINA.decide(noReason("apparel", SIGNED, shanghai("2026-11-18T23:59:59.999")));
            assertThat(last.allowed()).isTrue();
            assertThat(last.clause()).isEqualTo("no_reason.window");
            assertThat(last.deadline()).isEqualTo(shanghai("2026-11-18T23:59:59.999999999"))
                    .isEqualTo(NoReasonReturnWindow.china().lastMoment(SIGNED));
            assertThat(last.explanation()).isEqualTo("no-reason return allowed: within the 7-day no-reason window,"
                    + " which ends at the end of 2026-11-18 (Asia/Shanghai); the buyer pays return shipping");

            ReturnDecision midnight = CHINA.decide(noReason("apparel", SIGNED, shanghai("2026-11-19T00:00")));
            assertThat(midnight.allowed()).isFalse();
            assertThat(midnight.clause()).isEqualTo("no_reason.window");
            assertThat(midnight.deadline()).isEqualTo(last.deadline());
            assertThat(midnight.explanation()).isEqualTo(
                    "no-reason return refused: the 7-day no-reason window ended at the end of 2026-11-18 (Asia/Shanghai)");
        }

        @Test
        void signingAtOneMinuteToMidnightGivesADayLessThanSigningAtOneMinutePast() {
            Instant at2359 = shanghai("2026-11-10T23:59");
            Instant at0001 = shanghai("2026-11-11T00:01");
            assertThat(at0001).as("two minutes apart").isEqualTo(at2359.plusSeconds(120));
            Instant onThe18th = shanghai("2026-11-18T00:00");

            ReturnDecision early = CHINA.decide(noReason("apparel", at2359, onThe18th));
            ReturnDecision late = CHINA.decide(noReason("apparel", at0001, onThe18th));
            assertThat(early.allowed()).isFalse();
            assertThat(early.deadline()).isEqualTo(shanghai("2026-11-17T23:59:59.999999999"));
            assertThat(late.allowed()).isTrue();
            assertThat(late.deadline()).isEqualTo(shanghai("2026-11-18T23:59:59.999999999"));
        }

        @Test
        void theEdgesAreMidnightInThePolicysZone() {
            ZoneId berlin = ZoneId.of("Europe/Berlin");
            ReturnPolicy shop = ReturnPolicy.builder().zone(berlin).build();
            Instant signed = Instant.parse("2026-11-10T20:00:00Z"); // 10 Nov in Berlin, 11 Nov in Shanghai
            ReturnDecision inBerlin = shop.decide(noReason("apparel", signed, signed));
            assertThat(inBerlin.deadline()).isEqualTo(Instant.parse("2026-11-17T22:59:59.999999999Z"));
            assertThat(inBerlin.explanation()).contains("the end of 2026-11-17 (Europe/Berlin)");
            assertThat(CHINA.decide(noReason("apparel", signed, signed)).deadline())
                    .isEqualTo(Instant.parse("2026-11-18T15:59:59.999999999Z"));
            assertThat(shop.decide(noReason("apparel", signed, Instant.parse("2026-11-17T23:00:00Z"))).allowed())
                    .isFalse();
        }

        @Test
        void anItemNotYetSignedForIsInsideTheWindow() {
            ReturnDecision d = CHINA.decide(noReason("apparel", null, shanghai("2026-11-20T10:00")));
            assertThat(d.allowed()).isTrue();
            assertThat(d.clause()).isEqualTo("no_reason.window");
            assertThat(d.deadline()).isNull();
            assertThat(d.explanation()).startsWith("no-reason return allowed: not signed for yet, so inside the 7-day");
        }

        @Test
        void aRequestBeforeTheSigningTimeIsInsideTheWindow() {
            assertThat(CHINA.decide(noReason("apparel", SIGNED, SIGNED.minusSeconds(3600))).allowed()).isTrue();
        }

        @Test
        void anExchangeWithoutAReasonHasTheSameWindowButARepairNeedsAQualityProblem() {
            ReturnRequest exchange = noReason("apparel", SIGNED, shanghai("2026-11-18T20:00")).withRemedy(Remedy.EXCHANGE);
            ReturnDecision d = CHINA.decide(exchange);
            assertThat(d.allowed()).isTrue();
            assertThat(d.explanation()).startsWith("no-reason exchange allowed");

            ReturnDecision repair = CHINA.decide(exchange.withRemedy(Remedy.REPAIR));
            assertThat(repair.allowed()).isFalse();
            assertThat(repair.clause()).isEqualTo("no_reason.remedies");
            assertThat(repair.deadline()).isNull();
            assertThat(repair.explanation()).isEqualTo("no-reason repair refused: without a reason the shop offers"
                    + " return or exchange, not repair; a repair needs a quality problem");
        }

        @Test
        void aShopMayOfferOnlyReturnsWithoutAReason() {
            ReturnPolicy shop = ReturnPolicy.builder().noReasonRemedies(Set.of(Remedy.RETURN)).build();
            ReturnDecision d = shop.decide(noReason("apparel", SIGNED, SIGNED).withRemedy(Remedy.EXCHANGE));
            assertThat(d.allowed()).isFalse();
            assertThat(d.clause()).isEqualTo("no_reason.remedies");
            assertThat(d.explanation()).isEqualTo("no-reason exchange refused: without a reason the shop offers return,"
                    + " not exchange; an exchange needs a quality problem");
            assertThat(shop.decide(noReason("apparel", SIGNED, SIGNED)).allowed()).isTrue();
        }

        @Test
        void aLongerDefaultWindowIsCountedTheSameWay() {
            ReturnPolicy shop = ReturnPolicy.builder().noReasonDays(10).build();
            assertThat(shop.decide(noReason("apparel", SIGNED, shanghai("2026-11-21T23:59:59.999"))).allowed()).isTrue();
            ReturnDecision d = shop.decide(noReason("apparel", SIGNED, shanghai("2026-11-22T00:00")));
            assertThat(d.allowed()).isFalse();
            assertThat(d.explanation()).contains("the 10-day no-reason window ended at the end of 2026-11-21");
        }
    }

    @Nested
    class Categories {
        @ParameterizedTest
        @ValueSource(strings = {"custom_made", "fresh", "periodicals"})
        void madeToOrderFreshAndPeriodicalsAreNeverReturnedWithoutAReason(String category) {
            ReturnRequest r = noReason(category, SIGNED, SIGNED.plusSeconds(60));
            for (ReturnRequest q : List.of(r, r.withRemedy(Remedy.EXCHANGE), r.withTier(MemberTier.VIP))) {
                ReturnDecision d = CHINA.decide(q);
                assertThat(d.allowed()).isFalse();
                assertThat(d.clause()).isEqualTo("category." + category + ".excluded");
                assertThat(d.explanation()).isEqualTo("no-reason returns of category " + category + " are excluded");
                assertThat(d.deadline()).isNull();
                assertThat(d.returnShippingPaidBy()).isEqualTo(ShippingPayer.BUYER);
            }
            assertThat(CHINA.decide(r.withOpened(false)).allowed()).as("sealed or not").isFalse();
        }

        @Test
        void digitalGoodsAreReturnedWithoutAReasonOnlyWhileNotOpenedOrActivated() {
            ReturnRequest sealed = noReason("digital", SIGNED, SIGNED.plusSeconds(60));
            ReturnDecision ok = CHINA.decide(sealed);
            assertThat(ok.allowed()).isTrue();
            assertThat(ok.clause()).isEqualTo("no_reason.window");

            ReturnDecision opened = CHINA.decide(sealed.withOpened(true));
            assertThat(opened.allowed()).isFalse();
            assertThat(opened.clause()).isEqualTo("category.digital.opened");
            assertThat(opened.explanation())
                    .isEqualTo("no-reason returns of category digital are excluded once the item is opened or activated");
            assertThat(opened.deadline()).isNull();
        }

        @Test
        void openedCosmeticsAreExcludedOnlyWhenTheShopDeclaredIt() {
            ReturnRequest opened = noReason("cosmetics", SIGNED, SIGNED.plusSeconds(60)).withOpened(true);
            assertThat(CHINA.decide(opened).allowed()).as("not declared: the default rules").isTrue();

            ReturnPolicy declared = ReturnPolicy.builder().category(CategoryRule.ifUnopened("cosmetics")).build();
            ReturnDecision d = declared.decide(opened);
            assertThat(d.allowed()).isFalse();
            assertThat(d.clause()).isEqualTo("category.cosmetics.opened");
            assertThat(declared.decide(opened.withOpened(false)).allowed()).isTrue();
        }

        @Test
        void aCategoryThePolicyDoesNotNameFollowsTheDefaultRules() {
            ReturnRequest r = noReason("garden_tools", SIGNED, shanghai("2026-11-18T23:59")).withOpened(true);
            ReturnDecision d = CHINA.decide(r);
            assertThat(d.allowed()).isTrue();
            assertThat(d.clause()).isEqualTo("no_reason.window");
            assertThat(d.deadline()).isEqualTo(NoReasonReturnWindow.china().lastMoment(SIGNED));
            assertThat(CHINA.category("garden_tools")).isEmpty();
            assertThat(CHINA.decide(noReason("Fresh", SIGNED, SIGNED)).allowed()).as("case matters").isTrue();
        }

        @Test
        void aCategorysLongerWindowBeatsTheDefault() {
            ReturnPolicy shop = ReturnPolicy.builder()
                    .category(CategoryRule.allowed("apparel", 15))
                    .category(CategoryRule.allowed("socks", 7))
                    .build();
            ReturnDecision apparel = shop.decide(noReason("apparel", SIGNED, shanghai("2026-11-26T23:59:59.999")));
            assertThat(apparel.allowed()).isTrue();
            assertThat(apparel.clause()).isEqualTo("category.apparel.window");
            assertThat(apparel.explanation()).contains("within the 15-day no-reason window of category apparel");
            assertThat(shop.decide(noReason("apparel", SIGNED, shanghai("2026-11-27T00:00"))).allowed()).isFalse();

            ReturnDecision socks = shop.decide(noReason("socks", SIGNED, SIGNED));
            assertThat(socks.clause()).as("a tie is no gain").isEqualTo("no_reason.window");
        }

        @Test
        void aShopMayAcceptABuiltInExclusion() {
            ReturnPolicy shop = ReturnPolicy.builder().category(CategoryRule.of("periodicals", NoReasonRule.ALLOWED, 0))
                    .build();
            assertThat(shop.decide(noReason("periodicals", SIGNED, SIGNED)).allowed()).isTrue();
        }
    }

    @Nested
    class Tiers {
        private final ReturnPolicy shop = ReturnPolicy.builder()
                .category(CategoryRule.allowed("apparel", 15))
                .category(CategoryRule.of("shoes", NoReasonRule.ALLOWED, 0))
                .tier(TierOverride.of("VIP", 30))
                .tier(TierOverride.of("GOLD", 15, Set.of("shoes")))
                .tier(TierOverride.of("SILVER", 10))
                .tier(TierOverride.of("BRONZE", 7))
                .build();
        private final Instant day20 = shanghai("2026-12-01T12:00");

        @Test
        void aVipWindowBeatsTheDefaultAndSaysSo() {
            ReturnDecision plain = shop.decide(noReason("books", SIGNED, day20));
            assertThat(plain.allowed()).isFalse();
            assertThat(plain.clause()).isEqualTo("no_reason.window");

            ReturnDecision vip = shop.decide(noReason("books", SIGNED, day20).withTier(MemberTier.VIP));
            assertThat(vip.allowed()).isTrue();
            assertThat(vip.clause()).isEqualTo("tier.VIP.window");
            assertThat(vip.deadline()).isEqualTo(NoReasonReturnWindow.of(30, SHANGHAI).lastMoment(SIGNED))
                    .isEqualTo(shanghai("2026-12-11T23:59:59.999999999"));
            assertThat(vip.explanation()).isEqualTo("no-reason return allowed: within the 30-day no-reason window of"
                    + " VIP members (more generous than the 7-day default), which ends at the end of 2026-12-11"
                    + " (Asia/Shanghai); the buyer pays return shipping");
            assertThat(shop.decide(noReason("books", SIGNED, shanghai("2026-12-12T00:00")).withTier(MemberTier.VIP))
                    .allowed()).isFalse();
        }

        @Test
        void tiersMatchByNameIgnoringCase() {
            ReturnDecision d = shop.decide(noReason("books", SIGNED, day20).withTier(MemberTier.of(7, "vip")));
            assertThat(d.clause()).isEqualTo("tier.VIP.window");
            assertThat(shop.decide(noReason("books", SIGNED, day20).withTier(MemberTier.STANDARD)).clause())
                    .isEqualTo("no_reason.window");
        }

        @Test
        void theMostGenerousOfCategoryAndTierWins() {
            Instant day12 = shanghai("2026-11-23T12:00");
            ReturnDecision vip = shop.decide(noReason("apparel", SIGNED, day20).withTier(MemberTier.VIP));
            assertThat(vip.clause()).isEqualTo("tier.VIP.window");
            assertThat(vip.explanation()).contains("(more generous than category apparel's 15 days)");

            ReturnDecision silver = shop.decide(noReason("apparel", SIGNED, day12).withTier(MemberTier.SILVER));
            assertThat(silver.allowed()).isTrue();
            assertThat(silver.clause()).as("15 days of apparel beat SILVER's 10").isEqualTo("category.apparel.window");

            ReturnDecision silverBooks = shop.decide(noReason("books", SIGNED, shanghai("2026-11-21T12:00"))
                    .withTier(MemberTier.SILVER));
            assertThat(silverBooks.allowed()).isTrue();
            assertThat(silverBooks.clause()).isEqualTo("tier.SILVER.window");

            ReturnDecision bronze = shop.decide(noReason("books", SIGNED, SIGNED).withTier(MemberTier.of(1, "BRONZE")));
            assertThat(bronze.clause()).as("a tie is no gain").isEqualTo("no_reason.window");
        }

        @Test
        void aTierLimitedToCategoriesLeavesTheOthersAlone() {
            Instant day12 = shanghai("2026-11-23T12:00");
            ReturnDecision shoes = shop.decide(noReason("shoes", SIGNED, day12).withTier(MemberTier.GOLD));
            assertThat(shoes.allowed()).isTrue();
            assertThat(shoes.clause()).isEqualTo("tier.GOLD.window");
            ReturnDecision books = shop.decide(noReason("books", SIGNED, day12).withTier(MemberTier.GOLD));
            assertThat(books.allowed()).isFalse();
            assertThat(books.clause()).isEqualTo("no_reason.window");
        }

        @Test
        void aTierNeverLiftsAnExclusionNorTheOpenedRule() {
            ReturnDecision fresh = shop.decide(noReason("fresh", SIGNED, SIGNED).withTier(MemberTier.VIP));
            assertThat(fresh.clause()).isEqualTo("category.fresh.excluded");
            ReturnDecision digital = shop.decide(noReason("digital", SIGNED, SIGNED).withTier(MemberTier.VIP)
                    .withOpened(true));
            assertThat(digital.clause()).isEqualTo("category.digital.opened");
            ReturnDecision sealed = shop.decide(noReason("digital", SIGNED, day20).withTier(MemberTier.VIP));
            assertThat(sealed.allowed()).isTrue();
            assertThat(sealed.clause()).isEqualTo("tier.VIP.window");
        }

        @Test
        void aTierDoesNotLengthenTheQualityWindows() {
            ReturnRequest r = ReturnRequest.qualityProblem(Remedy.RETURN, "books", SIGNED, day20).withTier(MemberTier.VIP);
            ReturnDecision d = shop.decide(r);
            assertThat(d.allowed()).isFalse();
            assertThat(d.clause()).isEqualTo("quality.return.window");
        }
    }

    @Nested
    class QualityProblems {
        private ReturnDecision quality(Remedy remedy, String category, String requestedAt) {
            return CHINA.decide(ReturnRequest.qualityProblem(remedy, category, SIGNED, shanghai(requestedAt)));
        }

        @Test
        void returnExchangeAndRepairHaveTheirOwnWindowsFromSigning() {
            assertThat(quality(Remedy.RETURN, "apparel", "2026-11-18T23:59:59.999").allowed()).isTrue();
            ReturnDecision late = quality(Remedy.RETURN, "apparel", "2026-11-19T00:00");
            assertThat(late.allowed()).isFalse();
            assertThat(late.clause()).isEqualTo("quality.return.window");
            assertThat(late.explanation()).isEqualTo("quality-problem return refused: the 7-day return window for"
                    + " quality problems ended at the end of 2026-11-18 (Asia/Shanghai)");

            ReturnDecision exchange = quality(Remedy.EXCHANGE, "apparel", "2026-11-26T23:59:59.999");
            assertThat(exchange.allowed()).isTrue();
            assertThat(exchange.clause()).isEqualTo("quality.exchange.window");
            assertThat(exchange.deadline()).isEqualTo(shanghai("2026-11-26T23:59:59.999999999"));
            assertThat(exchange.explanation()).isEqualTo("quality-problem exchange allowed: within the 15-day exchange"
                    + " window for quality problems, which ends at the end of 2026-11-26 (Asia/Shanghai);"
                    + " the shop pays return shipping");
            assertThat(quality(Remedy.EXCHANGE, "apparel", "2026-11-27T00:00").allowed()).isFalse();

            ReturnDecision repair = quality(Remedy.REPAIR, "apparel", "2027-11-11T23:59:59.999");
            assertThat(repair.allowed()).isTrue();
            assertThat(repair.clause()).isEqualTo("quality.repair.window");
            assertThat(repair.deadline()).isEqualTo(shanghai("2027-11-11T23:59:59.999999999"));
            assertThat(quality(Remedy.REPAIR, "apparel", "2027-11-12T00:00").allowed()).isFalse();
        }

        @Test
        void theyHoldWhateverTheCategoryAndWhetherOpened() {
            for (String category : List.of("fresh", "custom_made", "periodicals", "digital")) {
                ReturnRequest r = ReturnRequest.qualityProblem(Remedy.RETURN, category, SIGNED, shanghai("2026-11-15T10:00"))
                        .withOpened(true);
                ReturnDecision d = CHINA.decide(r);
                assertThat(d.allowed()).as(category).isTrue();
                assertThat(d.clause()).isEqualTo("quality.return.window");
            }
        }

        @Test
        void aShopSetsItsOwnQualityWindows() {
            ReturnPolicy shop = ReturnPolicy.builder().qualityDays(Remedy.REPAIR, 730).qualityDays(Remedy.RETURN, 10)
                    .build();
            ReturnDecision d = shop.decide(ReturnRequest.qualityProblem(Remedy.REPAIR, "phones", SIGNED,
                    shanghai("2028-11-10T23:00")));
            assertThat(d.allowed()).isTrue();
            assertThat(d.deadline()).as("730 calendar days, 29 Feb 2028 among them")
                    .isEqualTo(shanghai("2028-11-10T23:59:59.999999999"));
            assertThat(shop.qualityDays(Remedy.EXCHANGE)).isEqualTo(15);
        }

        @Test
        void notYetSignedForIsInsideTheWindow() {
            ReturnDecision d = CHINA.decide(ReturnRequest.qualityProblem(Remedy.EXCHANGE, "apparel", null, SIGNED));
            assertThat(d.allowed()).isTrue();
            assertThat(d.deadline()).isNull();
            assertThat(d.clause()).isEqualTo("quality.exchange.window");
        }
    }

    @Nested
    class ReturnShipping {
        @Test
        void theBuyerPaysForNoReasonReturnsAndTheShopForQualityProblems() {
            assertThat(CHINA.decide(noReason("apparel", SIGNED, SIGNED)).returnShippingPaidBy())
                    .isEqualTo(ShippingPayer.BUYER);
            ReturnDecision q = CHINA.decide(ReturnRequest.qualityProblem(Remedy.RETURN, "apparel", SIGNED, SIGNED));
            assertThat(q.returnShippingPaidBy()).isEqualTo(ShippingPayer.SHOP);
            assertThat(q.explanation()).endsWith("; the shop pays return shipping");
            ReturnDecision refused = CHINA.decide(ReturnRequest.qualityProblem(Remedy.RETURN, "apparel", SIGNED,
                    shanghai("2026-12-30T00:00")));
            assertThat(refused.returnShippingPaidBy()).isEqualTo(ShippingPayer.SHOP);
            assertThat(refused.explanation()).doesNotContain("pays");
        }

        @Test
        void aShopMayPayForNoReasonReturnsAndTellBuyersAboutShippingInsurance() {
            ReturnPolicy free = ReturnPolicy.builder().returnShipping(ReturnReason.NO_REASON, ShippingPayer.SHOP)
                    .build();
            ReturnDecision d = free.decide(noReason("apparel", SIGNED, SIGNED));
            assertThat(d.returnShippingPaidBy()).isEqualTo(ShippingPayer.SHOP);
            assertThat(d.explanation()).endsWith("; the shop pays return shipping");

            ReturnPolicy insured = ReturnPolicy.builder().shippingInsurance("shipping insurance refunds it").build();
            assertThat(insured.decide(noReason("apparel", SIGNED, SIGNED)).explanation())
                    .endsWith("; the buyer pays return shipping (shipping insurance refunds it)");
            assertThat(insured.decide(ReturnRequest.qualityProblem(Remedy.RETURN, "apparel", SIGNED, SIGNED))
                    .explanation()).endsWith("; the shop pays return shipping");
        }
    }

    @Test
    void decideNeverThrowsForARequestItIsGiven() {
        Random random = new Random(20261111L);
        List<ReturnPolicy> policies = List.of(CHINA,
                ReturnPolicy.builder().zone(ZoneId.of("Pacific/Kiritimati")).noReasonDays(365)
                        .qualityDays(Remedy.REPAIR, ReturnPolicy.MAX_QUALITY_DAYS).tier(TierOverride.of("VIP", 365))
                        .build(),
                ReturnPolicy.builder().zone(ZoneId.of("Pacific/Pago_Pago")).noReasonRemedies(Set.of()).build());
        List<String> categories = List.of("fresh", "digital", "apparel", "x", "custom_made", "cosmetics");
        List<MemberTier> tiers = List.of(MemberTier.STANDARD, MemberTier.VIP, MemberTier.of(99, "vip"));
        long from = ReturnRequest.EARLIEST.getEpochSecond();
        long span = ReturnRequest.LATEST.getEpochSecond() - from;
        List<Instant> edges = List.of(ReturnRequest.EARLIEST, ReturnRequest.LATEST, Instant.EPOCH);
        for (int i = 0; i < 20_000; i++) {
            Instant signed = i % 10 == 0 ? edges.get(random.nextInt(3))
                    : Instant.ofEpochSecond(from + (long) (random.nextDouble() * span), random.nextInt(1_000_000_000));
            Instant asked = i % 7 == 0 ? edges.get(random.nextInt(3))
                    : Instant.ofEpochSecond(from + (long) (random.nextDouble() * span));
            ReturnRequest r = new ReturnRequest(ReturnReason.values()[random.nextInt(2)],
                    Remedy.values()[random.nextInt(3)], categories.get(random.nextInt(categories.size())),
                    random.nextBoolean(), i % 5 == 0 ? null : signed, asked,
                    i % 3 == 0 ? null : tiers.get(random.nextInt(tiers.size())));
            for (ReturnPolicy p : policies) {
                assertThatCode(() -> {
                    ReturnDecision d = p.decide(r);
                    assertThat(d.clause()).isNotBlank();
                    assertThat(d.allowed() || !d.explanation().contains("allowed")).isTrue();
                }).as("%s on %s", r, p).doesNotThrowAnyException();
            }
        }
    }
}
