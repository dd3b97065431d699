package dev.ticketkit.routing.classify;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.routing.Category;
import dev.ticketkit.routing.Classification;
import dev.ticketkit.routing.ClassificationInput;
import dev.ticketkit.routing.classify.Cue.Kind;
import dev.ticketkit.routing.spi.Classifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in classifier: a lexicon of Chinese and English e-commerce keywords, compiled per configuration
 * into one Aho–Corasick automaton, so a text is scanned once whatever the number of keywords.
 *
 * <pre>{@code
 * KeywordClassifier classifier = KeywordClassifier.builder()
 *         .tenant(TenantId.of("shop-1"), ClassifierConfig.fromYaml(yamlText))   // optional per-tenant changes
 *         .build();
 * Classification c = classifier.classify(tenant, ClassificationInput.of("退款", "不是要退款，是想换个尺码"));
 * // c.categories() == [EXCHANGE], c.language() == "zh"
 * }</pre>
 *
 * <p>What it handles: negation right before a keyword ("不是要退款", "not asking for a refund", "instead of a
 * refund") within the clause; several intents in one message; common typos and variants ({@code refnd},
 * {@code recieve}, 快递/物流/包裹); full-width letters; common traditional characters (退貨, 發票); words
 * inside longer ones ("是不是" is a question, "not received my refund" is about money, not a parcel).
 * It does not understand sarcasm, long-distance negation or spelling it has not been taught; tenants extend it
 * through {@link ClassifierConfig}.
 *
 * <p>Thread-safe. {@link #configure} swaps a tenant's compiled lexicon atomically.
 */
public final class KeywordClassifier implements Classifier {
    /** Evidence from a keyword in the subject counts this much more, so the subject's intent comes first. */
    static final double SUBJECT_BOOST = 1.25;
    /** Evidence needed for urgency and for a negative tone. */
    static final double SIGNAL_THRESHOLD = 1.0;

    private final Compiled defaults;
    private final ConcurrentHashMap<TenantId, Compiled> tenants = new ConcurrentHashMap<>();

    private KeywordClassifier(Compiled defaults) {
        this.defaults = defaults;
    }

    /** A classifier with the built-in lexicon for every tenant. */
    public static KeywordClassifier ofDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sets (or replaces) a tenant's configuration; compiled here, so a bad one fails here. */
    public void configure(TenantId tenantId, ClassifierConfig config) {
        Objects.requireNonNull(tenantId, "tenantId");
        tenants.put(tenantId, Compiled.of(Objects.requireNonNull(config, "config")));
    }

    /** Goes back to the default configuration for this tenant. */
    public void reset(TenantId tenantId) {
        tenants.remove(Objects.requireNonNull(tenantId, "tenantId"));
    }

    @Override
    public Classification classify(TenantId tenantId, ClassificationInput input) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(input, "input");
        return tenants.getOrDefault(tenantId, defaults).classify(input);
    }

    /** Builds a {@link KeywordClassifier}; the default configuration may be set once. */
    public static final class Builder {
        private ClassifierConfig config;
        private final Map<TenantId, ClassifierConfig> tenants = new java.util.LinkedHashMap<>();

        private Builder() {}

        /** The configuration of tenants without their own (default {@link ClassifierConfig#ofDefaults()}). */
        public Builder defaults(ClassifierConfig defaults) {
            if (this.config != null) {
                throw new IllegalStateException("defaults was already set");
            }
            this.config = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /** A tenant's own configuration. */
        public Builder tenant(TenantId tenantId, ClassifierConfig tenantConfig) {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(tenantConfig, "config");
            if (tenants.containsKey(tenantId)) {
                throw new IllegalStateException("tenant " + tenantId + " was already configured");
            }
            tenants.put(tenantId, tenantConfig);
            return this;
        }

        public KeywordClassifier build() {
            KeywordClassifier k = new KeywordClassifier(Compiled.of(config != null ? config : ClassifierConfig.ofDefaults()));
            tenants.forEach(k::configure);
            return k;
        }
    }

    // ---- the compiled lexicon ------------------------------------------------------------------

    /** One configuration's cues and automaton. Immutable. */
    static final class Compiled {
        private final Cue[] cues;
        private final double[] categoryWeight;
        private final double threshold;
        private final AhoCorasick automaton;

        private Compiled(Cue[] cues, double[] categoryWeight, double threshold) {
            this.cues = cues;
            this.categoryWeight = categoryWeight;
            this.threshold = threshold;
            List<String> texts = new ArrayList<>(cues.length);
            for (Cue c : cues) {
                texts.add(c.text());
            }
            this.automaton = AhoCorasick.compile(texts);
        }

        static Compiled of(ClassifierConfig config) {
            Set<String> removed = new HashSet<>();
            List<Cue> extra = new ArrayList<>();
            double[] weights = new double[Category.values().length];
            Arrays.fill(weights, 1.0);
            config.categories().forEach((cat, a) -> {
                weights[cat.ordinal()] = a.weight();
                collect(a, Kind.CATEGORY, cat, removed, extra);
            });
            collect(config.urgent(), Kind.URGENT, null, removed, extra);
            collect(config.negative(), Kind.NEGATIVE, null, removed, extra);
            collect(config.negators(), Kind.NEGATOR, null, removed, extra);
            List<Cue> all = new ArrayList<>();
            for (Cue c : Lexicon.builtIn()) {
                if (!removed.contains(c.key())) {
                    all.add(c);
                }
            }
            all.addAll(extra);
            return new Compiled(all.toArray(new Cue[0]), weights, config.threshold());
        }

        private static void collect(ClassifierConfig.Adjustment a, Kind kind, Category cat, Set<String> removed, List<Cue> extra) {
            for (String r : a.remove()) {
                removed.add(Cue.parse(kind, cat, r).key());
            }
            for (String t : a.add()) {
                extra.add(Cue.parse(kind, cat, t));
            }
        }

        Classification classify(ClassificationInput in) {
            String subject = TextNormalizer.normalize(in.subject());
            String body = TextNormalizer.normalize(in.body());
            String text = subject.isEmpty() ? body : body.isEmpty() ? subject : subject + "\n" + body;
            int subjectEnd = subject.length();
            Matches m = new Matches();
            automaton.scan(text, (p, start, end) -> {
                Cue c = cues[p];
                if (c.latin()) {
                    if (TextNormalizer.isWordChar(c.text().charAt(0)) && start > 0 && TextNormalizer.isWordChar(text.charAt(start - 1))) {
                        return;
                    }
                    if (c.prefix()) {
                        while (end < text.length() && TextNormalizer.isWordChar(text.charAt(end))) {
                            end++;
                        }
                    } else if (TextNormalizer.isWordChar(c.text().charAt(c.text().length() - 1)) && end < text.length()
                            && TextNormalizer.isWordChar(text.charAt(end))) {
                        return;
                    }
                }
                m.add(p, start, end);
            });
            m.dropContained();

            double[] score = new double[Category.values().length];
            boolean[] counted = new boolean[cues.length];
            double urgent = 0;
            double negative = 0;
            boolean notUrgent = false;
            for (int i = 0; i < m.size; i++) {
                if (m.dropped[i]) {
                    continue;
                }
                Cue c = cues[m.cue[i]];
                if (c.kind() == Kind.NEGATOR || c.kind() == Kind.NEUTRAL) {
                    continue;
                }
                if (c.kind() == Kind.NOT_URGENT) {
                    notUrgent = true;
                    continue;
                }
                if (c.negatable() && negated(text, m, i, c)) {
                    continue;
                }
                if (c.receipt() && aboutMoneyOrAnswer(text, m.start[i], m.end[i], c)) {
                    continue;
                }
                if (counted[m.cue[i]]) {
                    continue;
                }
                counted[m.cue[i]] = true;
                double w = c.weight() * (m.start[i] < subjectEnd ? SUBJECT_BOOST : 1.0);
                switch (c.kind()) {
                    case CATEGORY -> score[c.category().ordinal()] += w * categoryWeight[c.category().ordinal()];
                    case URGENT -> urgent += c.weight();
                    case NEGATIVE -> negative += c.weight();
                    default -> { }
                }
            }
            Map<Category, Double> scores = new EnumMap<>(Category.class);
            for (Category cat : Category.values()) {
                if (score[cat.ordinal()] > 0) {
                    scores.put(cat, Math.round(score[cat.ordinal()] * 1000) / 1000.0);
                }
            }
            List<Category> selected = select(scores, threshold);
            // a complaint is negative in tone even when it is worded politely
            boolean neg = negative >= SIGNAL_THRESHOLD || selected.contains(Category.COMPLAINT);
            return new Classification(scores, selected, urgent >= SIGNAL_THRESHOLD && !notUrgent, neg, language(text, in));
        }

        /** Whether a negator ends right before match {@code i}, in the same clause, with only filler between. */
        private boolean negated(String text, Matches m, int i, Cue c) {
            int start = m.start[i];
            int best = -1;
            for (int j = 0; j < m.size; j++) {
                // a negator ends before the keyword, or overlaps its start ("不想退" hides "想退")
                if (!m.dropped[j] && cues[m.cue[j]].kind() == Kind.NEGATOR && m.start[j] < start && m.end[j] <= m.end[i]
                        && (best < 0 || m.end[j] > m.end[best])) {
                    best = j;
                }
            }
            if (best < 0) {
                return false;
            }
            Cue neg = cues[m.cue[best]];
            if (neg.latin() != c.latin()) {
                return false;
            }
            String gap = m.end[best] >= start ? "" : text.substring(m.end[best], start);
            for (int k = 0; k < gap.length(); k++) {
                if (TextNormalizer.isBreak(gap.charAt(k))) {
                    return false;
                }
            }
            if (!c.latin()) {
                return gap.strip().length() <= 2 && !gap.contains("但") && !gap.contains("而");
            }
            String[] words = gap.strip().isEmpty() ? new String[0] : gap.strip().split(" +");
            if (words.length > 4) {
                return false;
            }
            for (String w : words) {
                if (!Lexicon.EN_FILLERS.contains(w)) {
                    return false;
                }
            }
            return true;
        }

        /** "not received my refund", "退款还没收到": a receipt keyword whose object is money or an answer. */
        private static boolean aboutMoneyOrAnswer(String text, int start, int end, Cue c) {
            if (c.latin()) {
                int stop = end;
                int words = 0;
                while (stop < text.length() && words < 4 && !TextNormalizer.isBreak(text.charAt(stop))) {
                    if (text.charAt(stop) == ' ') {
                        words++;
                    }
                    stop++;
                }
                String after = text.substring(end, stop);
                for (String o : Lexicon.RECEIPT_OBJECTS_EN) {
                    if (after.contains(o)) {
                        return true;
                    }
                }
                return false;
            }
            String window = text.substring(Math.max(0, start - 5), start) + "|" + text.substring(end, Math.min(text.length(), end + 5));
            int bar = window.indexOf('|');
            for (String o : Lexicon.RECEIPT_OBJECTS_ZH) {
                int at = window.indexOf(o);
                while (at >= 0) {
                    // only within the clause
                    String between = at < bar ? window.substring(at, bar) : window.substring(bar, at);
                    boolean broken = false;
                    for (int k = 0; k < between.length(); k++) {
                        broken |= TextNormalizer.isBreak(between.charAt(k));
                    }
                    if (!broken) {
                        return true;
                    }
                    at = window.indexOf(o, at + 1);
                }
            }
            return false;
        }

        private static String language(String text, ClassificationInput in) {
            int han = 0;
            int latin = 0;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (TextNormalizer.isHan(ch)) {
                    han++;
                } else if (ch >= 'a' && ch <= 'z') {
                    latin++;
                }
            }
            if (han >= 2 && han * 4 >= latin) {
                return "zh";
            }
            if (latin > 0 && (han < 2)) {
                return "en";
            }
            Optional<String> hint = in.languageHint().map(h -> h.toLowerCase(java.util.Locale.ROOT));
            if (hint.isPresent() && (hint.get().startsWith("zh") || hint.get().startsWith("en"))) {
                return hint.get().substring(0, 2);
            }
            return han > 0 ? "zh" : "en";
        }

        /** Selected categories sorted strongest first from raw scores (ties in enum order). */
        private static List<Category> select(Map<Category, Double> scores, double threshold) {
            List<Category> out = new ArrayList<>();
            scores.forEach((c, s) -> {
                if (s >= threshold) {
                    out.add(c);
                }
            });
            out.sort((a, b) -> {
                int cmp = Double.compare(scores.get(b), scores.get(a));
                return cmp != 0 ? cmp : a.compareTo(b);
            });
            return out;
        }
    }

    /** Keyword occurrences of one text, as parallel arrays. */
    private static final class Matches {
        int size;
        int[] cue = new int[16];
        int[] start = new int[16];
        int[] end = new int[16];
        boolean[] dropped = new boolean[16];

        void add(int c, int s, int e) {
            if (size == cue.length) {
                cue = Arrays.copyOf(cue, size * 2);
                start = Arrays.copyOf(start, size * 2);
                end = Arrays.copyOf(end, size * 2);
                dropped = Arrays.copyOf(dropped, size * 2);
            }
            cue[size] = c;
            start[size] = s;
            end[size] = e;
            size++;
        }

        /** Drops every occurrence that lies strictly inside a longer one ("不急" hides "急"). */
        void dropContained() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> start[a] != start[b] ? Integer.compare(start[a], start[b]) : Integer.compare(end[b], end[a]));
            int maxEnd = -1;
            int holderStart = -1;
            for (int k = 0; k < size; k++) {
                int i = order[k];
                if (maxEnd >= end[i] && (holderStart < start[i] || maxEnd > end[i])) {
                    dropped[i] = true;
                } else if (end[i] > maxEnd) {
                    maxEnd = end[i];
                    holderStart = start[i];
                }
            }
        }
    }
}
