package dev.ticketkit.routing.classify;

import dev.ticketkit.config.ConfigException;
import dev.ticketkit.config.LocatedTree;
import dev.ticketkit.routing.Category;
import dev.ticketkit.routing.classify.Cue.Kind;
import java.io.Reader;
import java.io.StringReader;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's changes to the built-in lexicon of {@link KeywordClassifier}: keywords to add or remove per
 * category (and for urgency, negative tone and negators), a weight per category, and the selection threshold.
 * Immutable; every keyword is checked when the configuration is made.
 *
 * <p>As YAML (JSON has the same shape):
 * <pre>{@code
 * threshold: 1.0
 * categories:
 *   refund:
 *     weight: 1.2
 *     add: ["退订", "money back please", "chargeback"]
 *     remove: ["return*"]
 *   pre_sale:
 *     weight: 0.8
 * urgent:
 *   add: ["直播间"]
 * }</pre>
 *
 * <p>Keyword syntax: {@code word} matches the whole word (Chinese: anywhere), {@code word*} a word prefix,
 * {@code !word} is not cancelled by a negation, {@code word@0.5} weighs half (default 1). A category is selected
 * when the weights of its keywords found in a text (each counted once, times the category weight) reach the
 * threshold.
 *
 * @param threshold  evidence a category needs to be selected (default {@value #DEFAULT_THRESHOLD})
 * @param categories adjustments per category
 * @param urgent     adjustments of the urgency keywords
 * @param negative   adjustments of the negative-tone keywords
 * @param negators   adjustments of the negation words
 */
public record ClassifierConfig(double threshold, Map<Category, Adjustment> categories, Adjustment urgent,
                               Adjustment negative, Adjustment negators) {

    /** Default evidence a category needs. */
    public static final double DEFAULT_THRESHOLD = 1.0;

    public ClassifierConfig {
        if (!(threshold > 0 && threshold <= 100)) {
            throw new ConfigException("", 0, 0, "threshold", "must be in (0, 100]");
        }
        categories = categories == null || categories.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(categories));
        urgent = urgent == null ? Adjustment.NONE : urgent;
        negative = negative == null ? Adjustment.NONE : negative;
        negators = negators == null ? Adjustment.NONE : negators;
        categories.forEach((c, a) -> a.check("categories." + c.id(), Kind.CATEGORY, c));
        urgent.check("urgent", Kind.URGENT, null);
        negative.check("negative", Kind.NEGATIVE, null);
        negators.check("negators", Kind.NEGATOR, null);
    }

    /** The built-in lexicon unchanged. */
    public static ClassifierConfig ofDefaults() {
        return new ClassifierConfig(DEFAULT_THRESHOLD, Map.of(), Adjustment.NONE, Adjustment.NONE, Adjustment.NONE);
    }

    /** A copy with another adjustment for one category. */
    public ClassifierConfig with(Category category, Adjustment adjustment) {
        Map<Category, Adjustment> m = new EnumMap<>(Category.class);
        m.putAll(categories);
        m.put(Objects.requireNonNull(category, "category"), Objects.requireNonNull(adjustment, "adjustment"));
        return new ClassifierConfig(threshold, m, urgent, negative, negators);
    }

    /** A copy with another threshold. */
    public ClassifierConfig withThreshold(double newThreshold) {
        return new ClassifierConfig(newThreshold, categories, urgent, negative, negators);
    }

    /** The category's adjustment (none if not configured). */
    public Adjustment adjustment(Category category) {
        return categories.getOrDefault(category, Adjustment.NONE);
    }

    /**
     * Keywords to add and remove, and a weight.
     *
     * @param add    keywords to add (term syntax as in {@link ClassifierConfig})
     * @param remove built-in keywords to remove, written as in the lexicon ({@code return*}); unknown ones are
     *               ignored
     * @param weight multiplies the category's evidence, 0 to 10 (default 1; 0 switches the category off)
     */
    public record Adjustment(List<String> add, List<String> remove, double weight) {
        /** No change. */
        public static final Adjustment NONE = new Adjustment(List.of(), List.of(), 1.0);

        public Adjustment {
            add = add == null ? List.of() : List.copyOf(add);
            remove = remove == null ? List.of() : List.copyOf(remove);
            if (!(weight >= 0 && weight <= 10)) {
                throw new ConfigException("", 0, 0, "weight", "must be between 0 and 10");
            }
        }

        public static Adjustment add(String... keywords) {
            return new Adjustment(List.of(keywords), List.of(), 1.0);
        }

        public static Adjustment remove(String... keywords) {
            return new Adjustment(List.of(), List.of(keywords), 1.0);
        }

        public static Adjustment weight(double weight) {
            return new Adjustment(List.of(), List.of(), weight);
        }

        void check(String path, Kind kind, Category category) {
            for (int i = 0; i < add.size(); i++) {
                parse(path + ".add[" + i + "]", kind, category, add.get(i));
            }
            for (int i = 0; i < remove.size(); i++) {
                parse(path + ".remove[" + i + "]", kind, category, remove.get(i));
            }
        }

        static Cue parse(String path, Kind kind, Category category, String term) {
            if (term == null) {
                throw new ConfigException("", 0, 0, path, "must not be null");
            }
            try {
                return Cue.parse(kind, category, term);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("", 0, 0, path, e.getMessage());
            }
        }
    }

    // ---- loading -------------------------------------------------------------------------------

    private static final java.util.Set<String> TOP = java.util.Set.of("threshold", "categories", "urgent", "negative",
            "negators");
    private static final java.util.Set<String> ADJUSTMENT = java.util.Set.of("add", "remove", "weight");

    /** Reads a configuration from JSON. */
    public static ClassifierConfig fromJson(Reader json) {
        return read(LocatedTree.read("classifier.json", Objects.requireNonNull(json, "json"), LocatedTree.Format.JSON));
    }

    /** Reads a configuration from JSON text. */
    public static ClassifierConfig fromJson(String json) {
        return fromJson(new StringReader(Objects.requireNonNull(json, "json")));
    }

    /** Reads a configuration from YAML. */
    public static ClassifierConfig fromYaml(Reader yaml) {
        return read(LocatedTree.read("classifier.yaml", Objects.requireNonNull(yaml, "yaml"), LocatedTree.Format.YAML));
    }

    /** Reads a configuration from YAML text. */
    public static ClassifierConfig fromYaml(String yaml) {
        return fromYaml(new StringReader(Objects.requireNonNull(yaml, "yaml")));
    }

    /** Reads a configuration file; JSON if its name ends in {@code .json}, else YAML. */
    public static ClassifierConfig load(java.nio.file.Path file) {
        return read(LocatedTree.read(Objects.requireNonNull(file, "file")));
    }

    /**
     * Reads a configuration from a located tree.
     *
     * @throws ConfigException naming the line, column and path of the first mistake
     */
    static ClassifierConfig read(LocatedTree tree) {
        Map<String, Object> top = tree.map(tree.root(), "");
        tree.onlyKeys(top, TOP, "");
        double threshold = DEFAULT_THRESHOLD;
        if (top.get("threshold") != null) {
            threshold = number(tree, top.get("threshold"), "threshold");
        }
        Map<Category, Adjustment> cats = new LinkedHashMap<>();
        if (top.get("categories") != null) {
            for (Map.Entry<String, Object> e : tree.map(top.get("categories"), "categories").entrySet()) {
                String path = "categories." + e.getKey();
                Category c = Category.fromId(e.getKey()).orElseThrow(() -> tree.errorAtKey(path,
                        "unknown category; expected one of logistics, refund, exchange, quality, payment, invoice, "
                                + "address_change, pre_sale, complaint"));
                cats.put(c, e.getValue() == null ? Adjustment.NONE : adjustment(tree, e.getValue(), path));
            }
        }
        Adjustment urgent = top.get("urgent") == null ? null : adjustment(tree, top.get("urgent"), "urgent");
        Adjustment negative = top.get("negative") == null ? null : adjustment(tree, top.get("negative"), "negative");
        Adjustment negators = top.get("negators") == null ? null : adjustment(tree, top.get("negators"), "negators");
        try {
            return new ClassifierConfig(threshold, cats, urgent, negative, negators);
        } catch (ConfigException e) {
            throw tree.error(e.path(), e.problem());
        }
    }

    private static Adjustment adjustment(LocatedTree tree, Object node, String path) {
        Map<String, Object> m = tree.map(node, path);
        tree.onlyKeys(m, ADJUSTMENT, path);
        List<String> add = words(tree, m.get("add"), path + ".add");
        List<String> remove = words(tree, m.get("remove"), path + ".remove");
        double weight = m.get("weight") == null ? 1.0 : number(tree, m.get("weight"), path + ".weight");
        try {
            return new Adjustment(add, remove, weight);
        } catch (ConfigException e) {
            throw tree.error(e.path().isEmpty() ? path : path + "." + e.path(), e.problem());
        }
    }

    private static List<String> words(LocatedTree tree, Object node, String path) {
        if (node == null) {
            return List.of();
        }
        List<Object> list = tree.list(node, path);
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(tree.text(list.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static double number(LocatedTree tree, Object v, String path) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw tree.error(path, "expected a number, got " + LocatedTree.describe(v));
    }
}
