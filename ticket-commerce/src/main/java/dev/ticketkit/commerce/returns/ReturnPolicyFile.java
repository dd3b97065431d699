package dev.ticketkit.commerce.returns;

import dev.ticketkit.config.ConfigException;
import dev.ticketkit.config.Durations;
import dev.ticketkit.config.LocatedTree;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a return policy file (YAML or JSON, the format in the module README) through {@link LocatedTree}: every
 * mistake is a {@link ConfigException} at the line and column of the value or key, with its path. What the file
 * leaves out keeps the value of {@link ReturnPolicy#chinaDefault()}; nothing of a file with a mistake is used.
 */
final class ReturnPolicyFile {
    private static final Set<String> TOP_KEYS =
            Set.of("zone", "no_reason", "quality_problem", "return_shipping", "categories", "tiers");
    private static final Set<String> NO_REASON_KEYS = Set.of("days", "remedies");
    private static final Set<String> SHIPPING_KEYS = Set.of("no_reason", "quality_problem", "shipping_insurance");
    private static final Set<String> CATEGORY_KEYS = Set.of("no_reason", "no_reason_days");
    private static final Set<String> TIER_KEYS = Set.of("no_reason_days", "categories");
    private static final Pattern TIER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final long SECONDS_PER_DAY = 86_400;
    private static final String REMEDIES = "return, exchange or repair";

    private final LocatedTree tree;

    private ReturnPolicyFile(LocatedTree tree) {
        this.tree = tree;
    }

    static ReturnPolicy load(Path file) {
        return new ReturnPolicyFile(LocatedTree.read(file)).policy();
    }

    static ReturnPolicy read(InputStream in, String source, boolean json) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        LocatedTree tree = LocatedTree.read(source, new InputStreamReader(in, StandardCharsets.UTF_8),
                json ? LocatedTree.Format.JSON : LocatedTree.Format.YAML);
        return new ReturnPolicyFile(tree).policy();
    }

    private ReturnPolicy policy() {
        Map<String, Object> top = tree.map(tree.root(), "");
        tree.onlyKeys(top, TOP_KEYS, "");
        ReturnPolicy.Builder b = ReturnPolicy.builder();
        if (top.containsKey("zone")) {
            b.zone(zone(top.get("zone")));
        }
        int defaultDays = ReturnPolicy.DEFAULT_NO_REASON_DAYS;
        if (top.containsKey("no_reason")) {
            defaultDays = noReason(b, tree.map(top.get("no_reason"), "no_reason"));
        }
        if (top.containsKey("quality_problem")) {
            quality(b, tree.map(top.get("quality_problem"), "quality_problem"));
        }
        if (top.containsKey("return_shipping")) {
            shipping(b, tree.map(top.get("return_shipping"), "return_shipping"));
        }
        Map<String, NoReasonRule> known = new HashMap<>();
        for (CategoryRule c : ReturnPolicy.chinaDefault().categories()) {
            known.put(c.category(), c.noReason());
        }
        if (top.containsKey("categories")) {
            categories(b, tree.map(top.get("categories"), "categories"), known, defaultDays);
        }
        if (top.containsKey("tiers")) {
            tiers(b, tree.map(top.get("tiers"), "tiers"), known, defaultDays);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw tree.error("", e.getMessage()); // checked above with positions; kept as a safety net
        }
    }

    private ZoneId zone(Object value) {
        String id = tree.text(value, "zone");
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw tree.error("zone", "unknown time zone " + LocatedTree.describe(id)
                    + " (expected a region such as Asia/Shanghai)");
        }
    }

    /** Reads {@code no_reason}, returning the default window's days. */
    private int noReason(ReturnPolicy.Builder b, Map<String, Object> m) {
        tree.onlyKeys(m, NO_REASON_KEYS, "no_reason");
        int days = ReturnPolicy.DEFAULT_NO_REASON_DAYS;
        if (m.containsKey("days")) {
            days = days(m.get("days"), "no_reason.days", ReturnPolicy.MAX_NO_REASON_DAYS);
            b.noReasonDays(days);
        }
        if (m.containsKey("remedies")) {
            List<Object> items = tree.list(m.get("remedies"), "no_reason.remedies");
            Set<Remedy> remedies = new LinkedHashSet<>();
            for (int i = 0; i < items.size(); i++) {
                remedies.add(remedy(items.get(i), "no_reason.remedies[" + i + "]"));
            }
            b.noReasonRemedies(remedies);
        }
        return days;
    }

    private Remedy remedy(Object value, String path) {
        if (value instanceof String s) {
            Optional<Remedy> r = remedyNamed(s);
            if (r.isPresent()) {
                return r.get();
            }
            throw tree.error(path, "unknown remedy " + LocatedTree.describe(s) + " (expected " + REMEDIES + ")");
        }
        throw tree.error(path, "expected a remedy (" + REMEDIES + "), got " + LocatedTree.describe(value));
    }

    private static Optional<Remedy> remedyNamed(String key) {
        for (Remedy r : Remedy.values()) {
            if (r.key().equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private void quality(ReturnPolicy.Builder b, Map<String, Object> m) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String path = "quality_problem." + e.getKey();
            Remedy r = remedyNamed(e.getKey()).orElseThrow(() -> tree.errorAtKey(path, "unknown remedy "
                    + LocatedTree.describe(e.getKey()) + " (expected " + REMEDIES + ")"));
            b.qualityDays(r, days(e.getValue(), path, ReturnPolicy.MAX_QUALITY_DAYS));
        }
    }

    private void shipping(ReturnPolicy.Builder b, Map<String, Object> m) {
        tree.onlyKeys(m, SHIPPING_KEYS, "return_shipping");
        if (m.containsKey("no_reason")) {
            b.returnShipping(ReturnReason.NO_REASON, payer(m.get("no_reason"), "return_shipping.no_reason"));
        }
        if (m.containsKey("quality_problem")) {
            b.returnShipping(ReturnReason.QUALITY_PROBLEM,
                    payer(m.get("quality_problem"), "return_shipping.quality_problem"));
        }
        if (m.containsKey("shipping_insurance")) {
            String path = "return_shipping.shipping_insurance";
            String note = tree.text(m.get("shipping_insurance"), path).strip();
            if (note.length() > ReturnPolicy.MAX_NOTE) {
                throw tree.error(path, "at most " + ReturnPolicy.MAX_NOTE + " characters, got " + note.length());
            }
            b.shippingInsurance(note);
        }
    }

    private ShippingPayer payer(Object value, String path) {
        for (ShippingPayer p : ShippingPayer.values()) {
            if (p.key().equals(value)) {
                return p;
            }
        }
        throw tree.error(path, "expected buyer or shop, got " + LocatedTree.describe(value));
    }

    private void categories(ReturnPolicy.Builder b, Map<String, Object> m, Map<String, NoReasonRule> known,
                            int defaultDays) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String name = e.getKey();
            String path = "categories." + name;
            try {
                CategoryRule.checkName(name);
            } catch (IllegalArgumentException ex) {
                throw tree.errorAtKey(path, ex.getMessage());
            }
            Map<String, Object> c = tree.map(e.getValue(), path);
            tree.onlyKeys(c, CATEGORY_KEYS, path);
            NoReasonRule rule = c.containsKey("no_reason") ? noReasonRule(c.get("no_reason"), path + ".no_reason")
                    : NoReasonRule.ALLOWED;
            int days = 0;
            if (c.containsKey("no_reason_days")) {
                if (rule == NoReasonRule.EXCLUDED) {
                    throw tree.errorAtKey(path + ".no_reason_days", "category " + name
                            + " is excluded from no-reason returns (no_reason: false) and has no no-reason window");
                }
                days = days(c.get("no_reason_days"), path + ".no_reason_days", ReturnPolicy.MAX_NO_REASON_DAYS);
                if (days < defaultDays) {
                    throw tree.error(path + ".no_reason_days",
                            ReturnPolicy.Builder.shorter("category " + name, days, defaultDays));
                }
            }
            b.category(CategoryRule.of(name, rule, days));
            known.put(name, rule);
        }
    }

    private NoReasonRule noReasonRule(Object value, String path) {
        if (value instanceof Boolean allowed) {
            return allowed ? NoReasonRule.ALLOWED : NoReasonRule.EXCLUDED;
        }
        if ("if_unopened".equals(value)) {
            return NoReasonRule.IF_UNOPENED;
        }
        throw tree.error(path, "expected true, false or if_unopened, got " + LocatedTree.describe(value));
    }

    private void tiers(ReturnPolicy.Builder b, Map<String, Object> m, Map<String, NoReasonRule> known,
                       int defaultDays) {
        Map<String, String> seen = new HashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String name = e.getKey();
            String path = "tiers." + name;
            if (!TIER_NAME.matcher(name).matches()) {
                throw tree.errorAtKey(path, "a tier name is 1 to 32 letters, digits, _ or -, got "
                        + LocatedTree.describe(name));
            }
            String earlier = seen.putIfAbsent(TierOverride.keyOf(name), name);
            if (earlier != null) {
                throw tree.errorAtKey(path, "tier " + name + " is already given as " + earlier
                        + " (tier names are compared ignoring case)");
            }
            Map<String, Object> t = tree.map(e.getValue(), path);
            tree.onlyKeys(t, TIER_KEYS, path);
            tree.requireKeys(t, Set.of("no_reason_days"), path);
            int days = days(t.get("no_reason_days"), path + ".no_reason_days", ReturnPolicy.MAX_NO_REASON_DAYS);
            if (days < defaultDays) {
                throw tree.error(path + ".no_reason_days", ReturnPolicy.Builder.shorter("tier " + name, days,
                        defaultDays));
            }
            Set<String> categories = new LinkedHashSet<>();
            if (t.containsKey("categories")) {
                List<Object> items = tree.list(t.get("categories"), path + ".categories");
                for (int i = 0; i < items.size(); i++) {
                    String at = path + ".categories[" + i + "]";
                    String c = tree.text(items.get(i), at);
                    NoReasonRule rule = known.get(c);
                    if (rule == null) {
                        throw tree.error(at, "unknown category " + LocatedTree.describe(c)
                                + ": a tier names only categories under categories (" + c + ": {} is enough)");
                    }
                    if (rule == NoReasonRule.EXCLUDED) {
                        throw tree.error(at, "category " + c
                                + " is excluded from no-reason returns; a tier's window cannot apply to it");
                    }
                    categories.add(c);
                }
            }
            b.tier(TierOverride.of(name, days, categories));
        }
    }

    /** A number of days ({@code 7}) or a duration of whole days ({@code 7d}, {@code P7D}), from 1 to max. */
    private int days(Object value, String path, int max) {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            BigInteger v = new BigInteger(value.toString());
            if (v.signum() > 0 && v.compareTo(BigInteger.valueOf(max)) <= 0) {
                return v.intValue();
            }
        } else if (value instanceof String) {
            Optional<Duration> d = Durations.parse(value);
            if (d.isPresent() && d.get().getNano() == 0 && d.get().getSeconds() % SECONDS_PER_DAY == 0) {
                long n = d.get().getSeconds() / SECONDS_PER_DAY;
                if (n >= 1 && n <= max) {
                    return (int) n;
                }
            }
        }
        throw tree.error(path, "expected a number of days from 1 to " + max + " (such as 7 or 7d), got "
                + LocatedTree.describe(value));
    }
}
