package dev.ticketkit.commerce.returns;

import static dev.ticketkit.commerce.returns.ReturnPolicyTest.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ticketkit.config.ConfigException;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.TicketValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies read from YAML and JSON, and the located errors of bad files. */
class ReturnPolicyFileTest {
    private static final Instant SIGNED = shanghai("2026-11-11T09:30");

    private static ReturnPolicy yaml(String text) {
        return ReturnPolicy.fromYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "returns.yaml");
    }

    private static ConfigException badYaml(String text) {
        return catchThrowableOfType(ConfigException.class, () -> yaml(text));
    }

    private static Path example() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ReturnPolicyFileTest.class.getResource("/returns/returns.yaml")).toURI());
    }

    private static void assertAt(ConfigException e, int line, int column, String path, String problem) {
        assertThat(e).as("a ConfigException").isNotNull();
        assertThat(e.source()).isEqualTo("returns.yaml");
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(new int[] {e.line(), e.column()}).as(e.getMessage()).containsExactly(line, column);
        assertThat(e.getMessage()).isEqualTo("returns.yaml:" + line + ":" + column + ": " + path + ": " + problem);
    }

    @Test
    void theExampleFileLoadsEveryClause() throws Exception {
        ReturnPolicy p = ReturnPolicy.load(example());
        assertThat(p.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(p.noReasonWindow()).isEqualTo(NoReasonReturnWindow.china());
        assertThat(p.noReasonRemedies()).containsExactlyInAnyOrder(Remedy.RETURN, Remedy.EXCHANGE);
        assertThat(p.qualityDays(Remedy.EXCHANGE)).isEqualTo(15);
        assertThat(p.shippingInsurance())
                .isEqualTo("orders bought with shipping insurance get the return postage back from the insurer");
        assertThat(p.categories()).containsExactly(CategoryRule.excluded("custom_made"), CategoryRule.excluded("fresh"),
                CategoryRule.ifUnopened("digital"), CategoryRule.excluded("periodicals"),
                CategoryRule.excluded("fresh_food"), CategoryRule.ifUnopened("cosmetics"),
                CategoryRule.allowed("apparel", 15), CategoryRule.of("shoes", NoReasonRule.ALLOWED, 0));
        assertThat(p.tiers()).containsExactly(TierOverride.of("VIP", 30),
                TierOverride.of("GOLD", 15, Set.of("shoes", "cosmetics")), TierOverride.of("SILVER", 10));

        Instant day12 = shanghai("2026-11-23T12:00");
        assertThat(p.decide(ReturnRequest.noReason(Remedy.RETURN, "fresh_food", SIGNED, SIGNED)).clause())
                .isEqualTo("category.fresh_food.excluded");
        assertThat(p.decide(ReturnRequest.noReason(Remedy.RETURN, "cosmetics", SIGNED, SIGNED).withOpened(true))
                .clause()).isEqualTo("category.cosmetics.opened");
        assertThat(p.decide(ReturnRequest.noReason(Remedy.RETURN, "cosmetics", SIGNED, day12).withTier(MemberTier.GOLD))
                .clause()).isEqualTo("tier.GOLD.window");
        assertThat(p.decide(ReturnRequest.noReason(Remedy.RETURN, "apparel", SIGNED, day12).withTier(MemberTier.SILVER))
                .clause()).isEqualTo("category.apparel.window");
        ReturnDecision vip = p.decide(ReturnRequest.noReason(Remedy.EXCHANGE, "toys", SIGNED, day12)
                .withTier(MemberTier.VIP));
        assertThat(vip.allowed()).isTrue();
        assertThat(vip.clause()).isEqualTo("tier.VIP.window");
        assertThat(vip.explanation()).endsWith("; the buyer pays return shipping (orders bought with shipping"
                + " insurance get the return postage back from the insurer)");
        ReturnDecision repair = p.decide(ReturnRequest.qualityProblem(Remedy.REPAIR, "fresh_food", SIGNED, day12));
        assertThat(repair.allowed()).isTrue();
        assertThat(repair.returnShippingPaidBy()).isEqualTo(ShippingPayer.SHOP);
    }

    @Test
    void theSamePolicyReadsFromJson() throws Exception {
        String json = """
                {
                  "zone": "Asia/Shanghai",
                  "no_reason": {"days": 7, "remedies": ["return", "exchange"]},
                  "quality_problem": {"return": 7, "exchange": 15, "repair": 365},
                  "return_shipping": {"no_reason": "buyer", "quality_problem": "shop",
                    "shipping_insurance": "orders bought with shipping insurance get the return postage back from the insurer"},
                  "categories": {
                    "fresh_food": {"no_reason": false},
                    "cosmetics": {"no_reason": "if_unopened"},
                    "apparel": {"no_reason_days": 15},
                    "shoes": {}
                  },
                  "tiers": {
                    "VIP": {"no_reason_days": 30},
                    "GOLD": {"no_reason_days": 15, "categories": ["shoes", "cosmetics"]},
                    "SILVER": {"no_reason_days": 10}
                  }
                }
                """;
        ReturnPolicy fromJson = ReturnPolicy.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "returns.json");
        assertThat(fromJson).isEqualTo(ReturnPolicy.load(example()));
    }

    @Test
    void whatAFileLeavesOutKeepsTheBuiltInValue() {
        assertThat(yaml("{}")).isEqualTo(ReturnPolicy.chinaDefault());
        ReturnPolicy p = yaml("""
                zone: Europe/Berlin
                quality_problem:
                  repair: 730d
                """);
        assertThat(p.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(p.qualityDays(Remedy.REPAIR)).isEqualTo(730);
        assertThat(p.qualityDays(Remedy.RETURN)).isEqualTo(7);
        assertThat(p.noReasonWindow().days()).isEqualTo(7);
        assertThat(p.categories()).isEqualTo(ReturnPolicy.chinaDefault().categories());
    }

    @Test
    void daysAreWholeNumbersOrDurationsOfWholeDays() {
        assertThat(yaml("no_reason: { days: 10d }").noReasonWindow().days()).isEqualTo(10);
        assertThat(yaml("no_reason: { days: P14D }").noReasonWindow().days()).isEqualTo(14);
        assertThat(yaml("no_reason: { days: 48h }").noReasonWindow().days()).isEqualTo(2);
        assertAt(badYaml("no_reason: { days: 36h }"), 1, 20, "no_reason.days",
                "expected a number of days from 1 to 365 (such as 7 or 7d), got \"36h\"");
        assertAt(badYaml("no_reason: { days: 7.5 }"), 1, 20, "no_reason.days",
                "expected a number of days from 1 to 365 (such as 7 or 7d), got 7.5");
    }

    @Test
    void aWrongTypeIsReportedAtTheValueWithItsPath() {
        String text = """
                # a shop's returns
                zone: Asia/Shanghai
                no_reason:
                  days: 7

                categories:
                  fresh_food: { no_reason: maybe }
                """;
        assertAt(badYaml(text), 7, 28, "categories.fresh_food.no_reason",
                "expected true, false or if_unopened, got \"maybe\"");
        assertAt(badYaml("categories:\n  fresh_food:\n    no_reason: yes\n"), 3, 16, "categories.fresh_food.no_reason",
                "expected true, false or if_unopened, got \"yes\"");
        assertAt(badYaml("categories: [fresh_food]\n"), 1, 13, "categories", "expected a map, got a list");
        assertAt(badYaml("tiers:\n  VIP: 30\n"), 2, 8, "tiers.VIP", "expected a map, got 30");
        assertAt(badYaml("return_shipping:\n  no_reason: seller\n"), 2, 14, "return_shipping.no_reason",
                "expected buyer or shop, got \"seller\"");
        assertAt(badYaml("no_reason:\n  remedies: return\n"), 2, 13, "no_reason.remedies",
                "expected a list, got \"return\"");
    }

    @Test
    void anUnknownKeyIsReportedAtTheKey() {
        String text = """
                no_reason:
                  days: 7
                  window: 7
                """;
        assertAt(badYaml(text), 3, 3, "no_reason.window",
                "unknown key \"window\" (expected one of days, remedies)");
        assertAt(badYaml("zone: Asia/Shanghai\nrefunds: {}\n"), 2, 1, "refunds",
                "unknown key \"refunds\" (expected one of categories, no_reason, quality_problem, return_shipping,"
                        + " tiers, zone)");
        assertAt(badYaml("categories:\n  apparel:\n    no_reason_day: 15\n"), 3, 5,
                "categories.apparel.no_reason_day",
                "unknown key \"no_reason_day\" (expected one of no_reason, no_reason_days)");
    }

    @Test
    void negativeOrTooManyDaysAreRefused() {
        String text = """
                no_reason:
                  days: -3
                """;
        assertAt(badYaml(text), 2, 9, "no_reason.days",
                "expected a number of days from 1 to 365 (such as 7 or 7d), got -3");
        assertAt(badYaml("quality_problem:\n  return: 7\n  repair: -1\n"), 3, 11, "quality_problem.repair",
                "expected a number of days from 1 to 3650 (such as 7 or 7d), got -1");
        assertAt(badYaml("tiers:\n  VIP:\n    no_reason_days: 0\n"), 3, 21, "tiers.VIP.no_reason_days",
                "expected a number of days from 1 to 365 (such as 7 or 7d), got 0");
        assertAt(badYaml("categories:\n  apparel: { no_reason_days: 400 }\n"), 2, 30,
                "categories.apparel.no_reason_days",
                "expected a number of days from 1 to 365 (such as 7 or 7d), got 400");
    }

    @Test
    void aWindowShorterThanTheDefaultIsRefusedWhereItIsWritten() {
        String text = """
                tiers:
                  SILVER: { no_reason_days: 10 }
                no_reason:
                  days: 15
                """;
        assertAt(badYaml(text), 2, 29, "tiers.SILVER.no_reason_days", "tier SILVER has a 10-day no-reason window,"
                + " shorter than the default 15 days: the most generous window applies, so it would never be used");
        assertAt(badYaml("categories:\n  clearance:\n    no_reason_days: 3\n"), 3, 21,
                "categories.clearance.no_reason_days", "category clearance has a 3-day no-reason window, shorter than"
                        + " the default 7 days: the most generous window applies, so it would never be used");
        assertThat(yaml("categories:\n  socks: { no_reason_days: 7 }\n").category("socks"))
                .contains(CategoryRule.allowed("socks", 7));
    }

    @Test
    void anUnknownRemedyIsRefusedWhereverItIsNamed() {
        assertAt(badYaml("quality_problem:\n  return: 7\n  refund: 7\n"), 3, 3, "quality_problem.refund",
                "unknown remedy \"refund\" (expected return, exchange or repair)");
        assertAt(badYaml("no_reason:\n  remedies: [return, refund]\n"), 2, 22, "no_reason.remedies[1]",
                "unknown remedy \"refund\" (expected return, exchange or repair)");
        assertAt(badYaml("no_reason:\n  remedies: [return, 3]\n"), 2, 22, "no_reason.remedies[1]",
                "expected a remedy (return, exchange or repair), got 3");
    }

    @Test
    void aTierNamesOnlyDeclaredCategoriesThatAllowNoReasonReturns() {
        String text = """
                categories:
                  shoes: {}
                tiers:
                  VIP:
                    no_reason_days: 30
                    categories: [shoes, hats]
                """;
        assertAt(badYaml(text), 6, 25, "tiers.VIP.categories[1]",
                "unknown category \"hats\": a tier names only categories under categories (hats: {} is enough)");
        assertAt(badYaml("tiers:\n  VIP:\n    no_reason_days: 30\n    categories:\n      - fresh\n"), 5, 9,
                "tiers.VIP.categories[0]",
                "category fresh is excluded from no-reason returns; a tier's window cannot apply to it");
        assertThat(yaml("tiers:\n  VIP:\n    no_reason_days: 30\n    categories: [digital]\n").tiers())
                .as("a built-in category is declared").containsExactly(TierOverride.of("VIP", 30, Set.of("digital")));
        assertAt(badYaml("tiers:\n  VIP:\n    categories: [digital]\n"), 3, 5, "tiers.VIP",
                "missing key \"no_reason_days\"");
    }

    @Test
    void otherMistakesAreLocatedToo() {
        assertAt(badYaml("zone: Asia/Shenzhen\n"), 1, 7, "zone",
                "unknown time zone \"Asia/Shenzhen\" (expected a region such as Asia/Shanghai)");
        assertAt(badYaml("categories:\n  fresh: { no_reason: false, no_reason_days: 7 }\n"), 2, 30,
                "categories.fresh.no_reason_days",
                "category fresh is excluded from no-reason returns (no_reason: false) and has no no-reason window");
        assertAt(badYaml("tiers:\n  VIP: { no_reason_days: 30 }\n  vip: { no_reason_days: 20 }\n"), 3, 3, "tiers.vip",
                "tier vip is already given as VIP (tier names are compared ignoring case)");
        assertAt(badYaml("tiers:\n  V I P: { no_reason_days: 30 }\n"), 2, 3, "tiers.V I P",
                "a tier name is 1 to 32 letters, digits, _ or -, got \"V I P\"");
        assertAt(badYaml("categories:\n  \" fresh\": { no_reason: false }\n"), 2, 3, "categories. fresh",
                "a category is 1 to 100 characters without surrounding spaces");
        assertAt(badYaml("return_shipping:\n  shipping_insurance: ''\n"), 2, 23, "return_shipping.shipping_insurance",
                "expected text, got \"\"");
        assertAt(badYaml("categories:\n  cosmetics: { no_reason: if_unopened }\n  cosmetics: {}\n"), 3, 3,
                "categories.cosmetics", "duplicate key \"cosmetics\"");
    }

    @Test
    void aJsonMistakeIsLocatedInTheJson() {
        String json = "{\n  \"no_reason\": {\n    \"days\": \"a week\"\n  }\n}\n";
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ReturnPolicy.fromJson(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "returns.json"));
        assertThat(e.getMessage()).isEqualTo("returns.json:3:13: no_reason.days: expected a number of days from 1 to"
                + " 365 (such as 7 or 7d), got \"a week\"");
    }

    @Test
    void aBadFileOnDiskIsNamedByItsFileNameAndIsAValidationError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tenant-42-returns.yaml");
        Files.writeString(file, "no_reason:\n  days: many\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ReturnPolicy.load(file));
        assertThat(e).isInstanceOf(TicketValidationException.class);
        assertThat(e.getMessage()).startsWith("tenant-42-returns.yaml:2:9: no_reason.days: ")
                .doesNotContain(dir.toString());
    }
}
