package dev.ticketkit.commerce.returns;

import dev.ticketkit.core.MemberTier;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A shop's rules for returns, exchanges and repairs, which decide a {@link ReturnRequest} and say which clause
 * allowed or refused it ({@link #decide}). Immutable and thread-safe: build one per tenant and share it.
 *
 * <p>{@link #chinaDefault()} is China's seven-day no-reason returns with the usual shop rules:
 * <ul>
 *   <li><b>No-reason window:</b> 7 days in Asia/Shanghai ({@link NoReasonReturnWindow}), from the midnight after
 *       the day of signing to the end of its last day; for a return or an exchange.</li>
 *   <li><b>Excluded categories:</b> made to order ({@code custom_made}), fresh and perishable ({@code fresh}),
 *       newspapers and periodicals ({@code periodicals}) are never returned without a reason; digital goods
 *       ({@code digital}) only while not downloaded, unsealed or activated. Goods the shop declares at sale as not
 *       returnable once opened (cosmetics, ...) are added per shop with {@link CategoryRule#ifUnopened}.</li>
 *   <li><b>Quality problems:</b> return within 7 days, exchange within 15, repair within 365, counted the same way
 *       from signing, whatever the category.</li>
 *   <li><b>Return shipping:</b> the buyer pays for no-reason returns, the shop for quality problems.</li>
 * </ul>
 *
 * <p>A request without a reason gets the most generous window that applies to it: the default, its category's own
 * ({@link CategoryRule}) and its member tier's ({@link TierOverride}, when it covers the category); the decision
 * names the one that won. So neither can be shorter than the default (China's seven days are a minimum). A
 * category the policy does not name follows the default rules: no-reason returns allowed in the default window.
 *
 * <p>A shop changes the defaults in code ({@link #builder()}, {@link #from(ReturnPolicy)}) or in a YAML or JSON file
 * ({@link #load}, {@link #fromYaml}, {@link #fromJson}) read through the configuration foundation
 * ({@code ticket-config}), whose mistakes are {@code ConfigException}s reading {@code returns.yaml:7:12:
 * categories.fresh_food.no_reason: expected true, false or if_unopened, got "maybe"}. The file format is in the
 * module README.
 *
 * <pre>{@code
 * ReturnPolicy policy = ReturnPolicy.chinaDefault();
 * ReturnDecision d = policy.decide(ReturnRequest.noReason(Remedy.RETURN, "fresh", signedAt, now));
 * d.allowed();        // false
 * d.clause();         // category.fresh.excluded
 * d.explanation();    // no-reason returns of category fresh are excluded
 * }</pre>
 */
public final class ReturnPolicy {
    /** The zone whose midnights are the windows' edges unless a policy names another: Asia/Shanghai. */
    public static final ZoneId DEFAULT_ZONE = NoReasonReturnWindow.SHANGHAI;
    /** The default no-reason window: China's 7 days. */
    public static final int DEFAULT_NO_REASON_DAYS = 7;
    /** The default window for returning an item with a quality problem. */
    public static final int DEFAULT_QUALITY_RETURN_DAYS = 7;
    /** The default window for exchanging an item with a quality problem. */
    public static final int DEFAULT_QUALITY_EXCHANGE_DAYS = 15;
    /** The default window for repairing an item with a quality problem. */
    public static final int DEFAULT_QUALITY_REPAIR_DAYS = 365;
    /** The longest no-reason window (default, category or tier), in days. */
    public static final int MAX_NO_REASON_DAYS = 365;
    /** The longest quality-problem window, in days (a ten-year warranty). */
    public static final int MAX_QUALITY_DAYS = 3650;
    /** The longest shipping-insurance note. */
    public static final int MAX_NOTE = 500;

    private static final ReturnPolicy CHINA = new Builder().build();

    private final ZoneId zone;
    private final NoReasonReturnWindow noReasonWindow;
    private final Set<Remedy> noReasonRemedies;
    private final Map<Remedy, Integer> qualityDays;
    private final Map<ReturnReason, ShippingPayer> shipping;
    private final String shippingInsurance;
    private final Map<String, CategoryRule> categories;
    private final Map<String, TierOverride> tiers;

    private ReturnPolicy(Builder b) {
        this.zone = b.zone;
        this.noReasonWindow = NoReasonReturnWindow.of(b.noReasonDays, b.zone);
        this.noReasonRemedies = Collections.unmodifiableSet(EnumSet.copyOf(b.remedies));
        this.qualityDays = Collections.unmodifiableMap(new EnumMap<>(b.qualityDays));
        this.shipping = Collections.unmodifiableMap(new EnumMap<>(b.shipping));
        this.shippingInsurance = b.insurance;
        this.categories = Collections.unmodifiableMap(new LinkedHashMap<>(b.categories));
        this.tiers = Collections.unmodifiableMap(new LinkedHashMap<>(b.tiers));
    }

    /** China's seven-day no-reason returns with the usual exclusions, quality windows and shipping rules. */
    public static ReturnPolicy chinaDefault() {
        return CHINA;
    }

    /** A builder starting from {@link #chinaDefault()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from {@code base}: what it sets replaces the base's value. */
    public static Builder from(ReturnPolicy base) {
        return new Builder(Objects.requireNonNull(base, "base"));
    }

    /**
     * Reads a policy file; JSON if its name ends in {@code .json}, else YAML. What the file leaves out keeps the
     * value of {@link #chinaDefault()}.
     *
     * @throws dev.ticketkit.config.ConfigException naming the file, line, column and path of the first mistake
     */
    public static ReturnPolicy load(Path file) {
        return ReturnPolicyFile.load(Objects.requireNonNull(file, "file"));
    }

    /**
     * Reads a policy from YAML.
     *
     * @param in     the document, UTF-8 (not closed)
     * @param source a name for messages, such as the file name
     * @throws dev.ticketkit.config.ConfigException naming the source, line, column and path of the first mistake
     */
    public static ReturnPolicy fromYaml(InputStream in, String source) {
        return ReturnPolicyFile.read(in, source, false);
    }

    /**
     * Reads a policy from JSON.
     *
     * @param in     the document, UTF-8 (not closed)
     * @param source a name for messages, such as the file name
     * @throws dev.ticketkit.config.ConfigException naming the source, line, column and path of the first mistake
     */
    public static ReturnPolicy fromJson(InputStream in, String source) {
        return ReturnPolicyFile.read(in, source, true);
    }

    // ---- deciding ------------------------------------------------------------------------------

    /**
     * Decides a request: a quality problem by the remedy's quality window; a request without a reason by the
     * remedies offered without one, then the category's rule, then the most generous of the default window, the
     * category's own and the member tier's (a tie keeps the default, then the category's). Never throws for a request
     * it is given.
     *
     * @param request the request
     * @return whether it is allowed, by which clause, until when, and who pays return shipping
     */
    public ReturnDecision decide(ReturnRequest request) {
        Objects.requireNonNull(request, "request");
        return request.reason() == ReturnReason.QUALITY_PROBLEM ? quality(request) : noReason(request);
    }

    private ReturnDecision quality(ReturnRequest r) {
        ShippingPayer payer = shipping.get(ReturnReason.QUALITY_PROBLEM);
        String remedy = r.remedy().key();
        int days = qualityDays.get(r.remedy());
        String clause = "quality." + remedy + ".window";
        String window = "the " + days + "-day " + remedy + " window for quality problems";
        String what = "quality-problem " + remedy;
        if (r.signedFor() == null) {
            return new ReturnDecision(true, clause, what + " allowed: not signed for yet, so inside " + window
                    + shippingNote(payer), null, payer);
        }
        Instant deadline = lastMoment(r.signedFor(), days);
        return windowDecision(r, what, clause, window, deadline, payer);
    }

    private ReturnDecision noReason(ReturnRequest r) {
        ShippingPayer payer = shipping.get(ReturnReason.NO_REASON);
        String remedy = r.remedy().key();
        String what = "no-reason " + remedy;
        if (!noReasonRemedies.contains(r.remedy())) {
            String offered = noReasonRemedies.isEmpty() ? "nothing"
                    : noReasonRemedies.stream().map(Remedy::key).collect(Collectors.joining(" or "));
            return new ReturnDecision(false, "no_reason.remedies", what + " refused: without a reason the shop offers "
                    + offered + ", not " + remedy + "; " + (remedy.startsWith("e") ? "an " : "a ") + remedy
                    + " needs a quality problem", null, payer);
        }
        String category = r.category();
        CategoryRule rule = categories.get(category);
        if (rule != null && rule.noReason() == NoReasonRule.EXCLUDED) {
            return new ReturnDecision(false, "category." + category + ".excluded",
                    "no-reason returns of category " + category + " are excluded", null, payer);
        }
        if (rule != null && rule.noReason() == NoReasonRule.IF_UNOPENED && r.opened()) {
            return new ReturnDecision(false, "category." + category + ".opened",
                    "no-reason returns of category " + category + " are excluded once the item is opened or activated",
                    null, payer);
        }

        // the most generous window that applies wins; a tie keeps the plainer clause
        int days = noReasonWindow.days();
        String clause = "no_reason.window";
        String window = "the " + days + "-day no-reason window";
        String beaten = "the " + days + "-day default";
        if (rule != null && rule.noReasonDays() > days) {
            days = rule.noReasonDays();
            clause = "category." + category + ".window";
            window = "the " + days + "-day no-reason window of category " + category;
            beaten = "category " + category + "'s " + days + " days";
        }
        TierOverride tier = tierOf(r.tier());
        if (tier != null && tier.covers(category) && tier.noReasonDays() > days) {
            days = tier.noReasonDays();
            clause = "tier." + tier.tier() + ".window";
            window = "the " + days + "-day no-reason window of " + tier.tier() + " members (more generous than "
                    + beaten + ")";
        }
        if (r.signedFor() == null) {
            return new ReturnDecision(true, clause, what + " allowed: not signed for yet, so inside " + window
                    + shippingNote(payer), null, payer);
        }
        Instant deadline = NoReasonReturnWindow.of(days, zone).lastMoment(r.signedFor());
        return windowDecision(r, what, clause, window, deadline, payer);
    }

    private ReturnDecision windowDecision(ReturnRequest r, String what, String clause, String window, Instant deadline,
                                          ShippingPayer payer) {
        String end = "the end of " + deadline.atZone(zone).toLocalDate() + " (" + zone.getId() + ")";
        if (r.requestedAt().isAfter(deadline)) {
            return new ReturnDecision(false, clause, what + " refused: " + window + " ended at " + end, deadline,
                    payer);
        }
        return new ReturnDecision(true, clause, what + " allowed: within " + window + ", which ends at " + end
                + shippingNote(payer), deadline, payer);
    }

    private String shippingNote(ShippingPayer payer) {
        String note = "; the " + payer.key() + " pays return shipping";
        if (payer == ShippingPayer.BUYER && !shippingInsurance.isEmpty()) {
            note += " (" + shippingInsurance + ")";
        }
        return note;
    }

    private TierOverride tierOf(MemberTier memberTier) {
        return memberTier == null ? null : tiers.get(TierOverride.keyOf(memberTier.name()));
    }

    /** The end of the {@code days}-th calendar day after the day of signing, in the policy's zone. */
    private Instant lastMoment(Instant signedFor, int days) {
        return signedFor.atZone(zone).toLocalDate().plusDays(days + 1L).atStartOfDay(zone).toInstant().minusNanos(1);
    }

    // ---- the policy's values -------------------------------------------------------------------

    /** The zone whose midnights are every window's edges. */
    public ZoneId zone() {
        return zone;
    }

    /** The default no-reason window (its days and the policy's zone). */
    public NoReasonReturnWindow noReasonWindow() {
        return noReasonWindow;
    }

    /** The remedies offered without a reason (by default return and exchange). */
    public Set<Remedy> noReasonRemedies() {
        return noReasonRemedies;
    }

    /** The window in days of a remedy for a quality problem. */
    public int qualityDays(Remedy remedy) {
        return qualityDays.get(Objects.requireNonNull(remedy, "remedy"));
    }

    /** Who pays return shipping for a reason. */
    public ShippingPayer returnShippingPaidBy(ReturnReason reason) {
        return shipping.get(Objects.requireNonNull(reason, "reason"));
    }

    /** What buyers who pay return shipping are told about shipping insurance, "" for nothing. */
    public String shippingInsurance() {
        return shippingInsurance;
    }

    /** The categories with their own rules (the built-in ones first, then in the order they were given). */
    public List<CategoryRule> categories() {
        return List.copyOf(categories.values());
    }

    /** A category's own rule; empty for a category that follows the default rules. */
    public Optional<CategoryRule> category(String category) {
        return Optional.ofNullable(categories.get(Objects.requireNonNull(category, "category")));
    }

    /** The member tiers' windows, in the order they were given. */
    public List<TierOverride> tiers() {
        return List.copyOf(tiers.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReturnPolicy p && zone.equals(p.zone) && noReasonWindow.equals(p.noReasonWindow)
                && noReasonRemedies.equals(p.noReasonRemedies) && qualityDays.equals(p.qualityDays)
                && shipping.equals(p.shipping) && shippingInsurance.equals(p.shippingInsurance)
                && categories.equals(p.categories) && tiers.equals(p.tiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, noReasonWindow, noReasonRemedies, qualityDays, shipping, shippingInsurance,
                categories, tiers);
    }

    @Override
    public String toString() {
        return "ReturnPolicy[zone=" + zone + ", noReasonDays=" + noReasonWindow.days() + ", noReasonRemedies="
                + noReasonRemedies + ", qualityDays=" + qualityDays + ", shipping=" + shipping + ", categories="
                + categories.keySet() + ", tiers=" + tiers.keySet() + "]";
    }

    /**
     * Builds a {@link ReturnPolicy} from a base ({@link #chinaDefault()} or another policy). Each setter checks its
     * argument at once ({@link IllegalArgumentException}) and may be called once per value
     * ({@link IllegalStateException} the second time): once for the zone, once per remedy's quality window, once
     * per category, once per tier. A category or tier given replaces the base's of that name. Not thread-safe.
     */
    public static final class Builder {
        private ZoneId zone;
        private int noReasonDays;
        private Set<Remedy> remedies;
        private String insurance;
        private final EnumMap<Remedy, Integer> qualityDays = new EnumMap<>(Remedy.class);
        private final EnumMap<ReturnReason, ShippingPayer> shipping = new EnumMap<>(ReturnReason.class);
        private final LinkedHashMap<String, CategoryRule> categories = new LinkedHashMap<>();
        private final LinkedHashMap<String, TierOverride> tiers = new LinkedHashMap<>();
        private final Set<String> given = new java.util.HashSet<>();

        private Builder() {
            zone = DEFAULT_ZONE;
            noReasonDays = DEFAULT_NO_REASON_DAYS;
            remedies = EnumSet.of(Remedy.RETURN, Remedy.EXCHANGE);
            insurance = "";
            qualityDays.put(Remedy.RETURN, DEFAULT_QUALITY_RETURN_DAYS);
            qualityDays.put(Remedy.EXCHANGE, DEFAULT_QUALITY_EXCHANGE_DAYS);
            qualityDays.put(Remedy.REPAIR, DEFAULT_QUALITY_REPAIR_DAYS);
            shipping.put(ReturnReason.NO_REASON, ShippingPayer.BUYER);
            shipping.put(ReturnReason.QUALITY_PROBLEM, ShippingPayer.SHOP);
            for (CategoryRule c : List.of(CategoryRule.excluded("custom_made"), CategoryRule.excluded("fresh"),
                    CategoryRule.ifUnopened("digital"), CategoryRule.excluded("periodicals"))) {
                categories.put(c.category(), c);
            }
        }

        private Builder(ReturnPolicy base) {
            zone = base.zone;
            noReasonDays = base.noReasonWindow.days();
            remedies = EnumSet.noneOf(Remedy.class);
            remedies.addAll(base.noReasonRemedies);
            insurance = base.shippingInsurance;
            qualityDays.putAll(base.qualityDays);
            shipping.putAll(base.shipping);
            categories.putAll(base.categories);
            tiers.putAll(base.tiers);
        }

        private void once(String what) {
            if (!given.add(what)) {
                throw new IllegalStateException(what + " is already set");
            }
        }

        /** The zone whose midnights are the windows' edges (default Asia/Shanghai). */
        public Builder zone(ZoneId value) {
            Objects.requireNonNull(value, "zone");
            once("zone");
            zone = value;
            return this;
        }

        /** The default no-reason window, 1 to 365 days (default 7). */
        public Builder noReasonDays(int days) {
            if (days < 1 || days > MAX_NO_REASON_DAYS) {
                throw new IllegalArgumentException("the no-reason window is 1 to " + MAX_NO_REASON_DAYS
                        + " days, not " + days);
            }
            once("noReasonDays");
            noReasonDays = days;
            return this;
        }

        /** The remedies offered without a reason (default return and exchange); empty for none. */
        public Builder noReasonRemedies(Set<Remedy> offered) {
            Set<Remedy> copy = EnumSet.noneOf(Remedy.class);
            for (Remedy r : Objects.requireNonNull(offered, "remedies")) {
                copy.add(Objects.requireNonNull(r, "remedy"));
            }
            once("noReasonRemedies");
            remedies = copy;
            return this;
        }

        /** A remedy's window for quality problems, 1 to 3650 days (default 7, 15 and 365). */
        public Builder qualityDays(Remedy remedy, int days) {
            Objects.requireNonNull(remedy, "remedy");
            if (days < 1 || days > MAX_QUALITY_DAYS) {
                throw new IllegalArgumentException("a quality-problem window is 1 to " + MAX_QUALITY_DAYS
                        + " days, not " + days);
            }
            once("qualityDays " + remedy.key());
            qualityDays.put(remedy, days);
            return this;
        }

        /** Who pays return shipping for a reason (default the buyer without a reason, the shop for quality). */
        public Builder returnShipping(ReturnReason reason, ShippingPayer payer) {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(payer, "payer");
            once("returnShipping " + reason);
            shipping.put(reason, payer);
            return this;
        }

        /**
         * What buyers who pay return shipping are told about shipping insurance, added to the explanations of the
         * requests they may make (at most 500 characters; "" for nothing, the default).
         */
        public Builder shippingInsurance(String note) {
            Objects.requireNonNull(note, "note");
            String n = note.strip();
            if (n.length() > MAX_NOTE) {
                throw new IllegalArgumentException("the shipping-insurance note is at most " + MAX_NOTE
                        + " characters");
            }
            once("shippingInsurance");
            insurance = n;
            return this;
        }

        /** A category's rule, replacing the base's for that category. */
        public Builder category(CategoryRule rule) {
            Objects.requireNonNull(rule, "rule");
            once("category " + rule.category());
            categories.put(rule.category(), rule);
            return this;
        }

        /** A member tier's window, replacing the base's for that tier (names compared ignoring case). */
        public Builder tier(TierOverride override) {
            Objects.requireNonNull(override, "override");
            once("tier " + override.key());
            tiers.put(override.key(), override);
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException if a category's or a tier's window is shorter than the default one, or a
         *                                  tier names a category the policy has no rule for or one excluded from
         *                                  no-reason returns
         */
        public ReturnPolicy build() {
            for (CategoryRule c : categories.values()) {
                if (c.hasOwnWindow() && c.noReasonDays() < noReasonDays) {
                    throw new IllegalArgumentException(shorter("category " + c.category(), c.noReasonDays(),
                            noReasonDays));
                }
            }
            for (TierOverride t : tiers.values()) {
                if (t.noReasonDays() < noReasonDays) {
                    throw new IllegalArgumentException(shorter("tier " + t.tier(), t.noReasonDays(), noReasonDays));
                }
                List<String> names = new ArrayList<>(t.categories());
                Collections.sort(names);
                for (String c : names) {
                    CategoryRule rule = categories.get(c);
                    if (rule == null) {
                        throw new IllegalArgumentException("tier " + t.tier() + " names category " + c
                                + ", which the policy has no rule for");
                    }
                    if (rule.noReason() == NoReasonRule.EXCLUDED) {
                        throw new IllegalArgumentException("tier " + t.tier() + " names category " + c
                                + ", which is excluded from no-reason returns");
                    }
                }
            }
            return new ReturnPolicy(this);
        }

        static String shorter(String what, int days, int defaultDays) {
            return what + " has a " + days + "-day no-reason window, shorter than the default " + defaultDays
                    + " days: the most generous window applies, so it would never be used";
        }
    }
}
