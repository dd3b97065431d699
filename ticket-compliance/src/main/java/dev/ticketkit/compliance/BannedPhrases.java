package dev.ticketkit.compliance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds banned phrases (financial promises such as {@code 保本}, the Advertising Law's absolute terms such as
 * {@code 最佳}, a merchant's own list) in an outgoing reply, through the usual evasions.
 *
 * <pre>{@code
 * BannedPhrases banned = BannedPhrases.of(List.of("保本", "稳赚", "no risk"));
 * banned.find("本产品保 本，穩賺！NO RISK");
 * // [PhraseHit[phrase=保本, start=3, end=6], PhraseHit[phrase=稳赚, start=7, end=9],
 * //  PhraseHit[phrase=no risk, start=10, end=17]]
 * }</pre>
 *
 * <h2>What matches</h2>
 * Phrase and text are both <em>normalised</em>, then the phrase is searched as a substring of the text:
 * <ul>
 *   <li>full-width ASCII letters, digits and punctuation are folded to half-width ({@code ＮＯ} is {@code no});
 *       Latin letters are compared without case;</li>
 *   <li>traditional forms in a small built-in variant table are folded to simplified ones ({@code 穩賺} is
 *       {@code 稳赚}; the formal numerals {@code 壹}, {@code 貳} are {@code 一}, {@code 二}); add more with
 *       {@link Builder#variant(char, char)};</li>
 *   <li>only <em>significant</em> characters take part: letters, digits (of any script), currency signs and
 *       {@code % ‰ ‱}. Spaces, punctuation, other symbols, controls and emoji between them are <em>ignored</em>
 *       ({@code 保 本}, {@code 保-本}, {@code 稳。赚} all match {@code 保本} / {@code 稳赚}), and so are invisible
 *       characters (format characters such as U+200B, combining marks);</li>
 *   <li>but at most {@link #DEFAULT_MAX_GAP} (3) ignored characters may stand between two consecutive characters
 *       of a hit, so that words far apart do not match; invisible characters do not count towards this limit;
 *       change it with {@link Builder#maxGap(int)};</li>
 *   <li>substring semantics, as in the law's listings: {@code 第一次购买} contains {@code 第一}. A merchant who wants a
 *       narrower match lists a longer phrase. The one exception is Latin: a phrase that begins (ends) with an ASCII
 *       letter or digit does not match when the character just before (after) the hit is one too, so {@code no risk}
 *       does not match inside {@code casino risk}, and {@code 100%} not inside {@code 1100%};</li>
 *   <li>every occurrence of every phrase is reported, overlapping ones included: {@code 保本保息} with the phrases
 *       {@code 保本}, {@code 保本保息} and {@code 保息} gives three hits.</li>
 * </ul>
 * Not handled: pinyin or pinyin initials ({@code bb} for {@code 保本}), homophones, characters split into parts,
 * look-alike Latin/Cyrillic letters, and an evasion with a significant character ({@code 保%本}).
 *
 * <h2>Cost and thread-safety</h2>
 * A matcher is immutable and thread-safe. Building it costs time linear in the total length of the phrases plus a
 * fixed 64K-entry table; {@link #find(String)} is one pass over the text (an Aho–Corasick automaton over the
 * normalised phrases), linear in the length of the text plus the number of hits.
 */
public final class BannedPhrases {

    /** The default limit of ignored characters between two consecutive characters of a hit. */
    public static final int DEFAULT_MAX_GAP = 3;

    /**
     * The starter list behind {@link #defaults()}: financial promises, the Advertising Law's absolute terms and a few
     * common English ones. <strong>A starting point, not legal advice</strong>: review it against your category
     * (finance, health, food, cosmetics each have their own rules) and add your own.
     */
    public static final List<String> DEFAULT_PHRASES = List.of(
            // financial promises
            "保本", "保息", "保本保息", "无风险", "零风险", "稳赚", "稳赚不赔", "包赚", "只赚不赔", "100%", "百分之百",
            "百分百", "保证收益", "no risk", "risk-free", "guaranteed return",
            // absolute terms (Advertising Law art. 9) and their common relatives
            "最佳", "最好", "最高级", "最低价", "最便宜", "第一", "全网第一", "国家级", "世界级", "顶级", "独家", "绝对",
            "唯一", "首个", "万能", "史无前例");

    private static final class DefaultsHolder {
        static final BannedPhrases DEFAULTS = of(DEFAULT_PHRASES);
    }

    private final List<String> phrases;
    private final int maxGap;
    private final Map<Character, Character> variants;
    private final PhraseAutomaton automaton;

    private BannedPhrases(List<String> phrases, List<String> normalised, Map<Character, Character> variants,
            int maxGap) {
        this.phrases = List.copyOf(phrases);
        this.variants = Map.copyOf(variants);
        this.maxGap = maxGap;
        this.automaton = new PhraseAutomaton(normalised, this::fold);
    }

    /**
     * A matcher for these phrases, with the built-in variant table and the default gap limit.
     *
     * @param phrases the phrases; may be empty (the matcher then finds nothing)
     * @return an immutable, thread-safe matcher
     * @throws NullPointerException     if {@code phrases} is null
     * @throws IllegalArgumentException if an entry is null, blank, or has no significant character (such as
     *                                  {@code "--"}); the message names its index
     */
    public static BannedPhrases of(Collection<String> phrases) {
        return builder().phrases(phrases).build();
    }

    /**
     * The matcher for {@link #DEFAULT_PHRASES}, built once. A starting point, not legal advice.
     *
     * @return the shared default matcher
     */
    public static BannedPhrases defaults() {
        return DefaultsHolder.DEFAULTS;
    }

    /**
     * A builder, for more variants or another gap limit.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every occurrence of every phrase in {@code text}, ordered by start, then by end, then by the phrases' order in
     * the list. Spans are char indices into {@code text} (see {@link PhraseHit}).
     *
     * @param text the text to scan
     * @return the hits, never null; empty if none
     */
    public List<PhraseHit> find(String text) {
        Objects.requireNonNull(text, "text");
        return automaton.scan(text, maxGap, phrases);
    }

    /**
     * Whether {@link #find(String)} would find anything.
     *
     * @param text the text to scan
     * @return true if at least one phrase occurs
     */
    public boolean containsAny(String text) {
        return !find(text).isEmpty();
    }

    /**
     * The text as this matcher sees it: folded, with only its significant characters. Useful to explain a hit or a
     * miss; the gap limit is not applied here.
     *
     * @param text any text
     * @return the normalised text
     */
    public String normalise(String text) {
        Objects.requireNonNull(text, "text");
        return normalise(text, variants);
    }

    private static String normalise(String text, Map<Character, Character> variants) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int f = fold(cp, variants);
            if (TextFolding.classify(f) == TextFolding.SIGNIFICANT) {
                out.appendCodePoint(f);
            }
        }
        return out.toString();
    }

    /**
     * The phrases this matcher looks for.
     *
     * @return the phrases as given, in order, without the duplicates dropped; unmodifiable
     */
    public List<String> phrases() {
        return phrases;
    }

    /**
     * The limit of ignored characters between two consecutive characters of a hit.
     *
     * @return the limit, {@link #DEFAULT_MAX_GAP} unless set on the builder
     */
    public int maxGap() {
        return maxGap;
    }

    @Override
    public String toString() {
        return "BannedPhrases[" + phrases.size() + " phrases, maxGap=" + maxGap + "]";
    }

    private int fold(int cp) {
        return fold(cp, variants);
    }

    private static int fold(int cp, Map<Character, Character> variants) {
        int f = TextFolding.foldWidthAndCase(cp);
        if (f <= 0xFFFF) {
            Character v = variants.get((char) f);
            if (v != null) {
                return v;
            }
        }
        return f;
    }

    /**
     * Builds a {@link BannedPhrases}. Phrases accumulate; each other option may be set once (a second call is an
     * {@link IllegalStateException}); every argument is checked at once.
     */
    public static final class Builder {
        private final List<String> phrases = new ArrayList<>();
        private final Map<Character, Character> extraVariants = new HashMap<>();
        private int maxGap = -1;

        private Builder() {
        }

        /**
         * Adds phrases, after those added before (indices in error messages count across all calls).
         *
         * @param more the phrases
         * @return this builder
         * @throws IllegalArgumentException if an entry is null or blank, naming its index
         */
        public Builder phrases(Collection<String> more) {
            Objects.requireNonNull(more, "phrases");
            int index = phrases.size();
            for (String phrase : more) {
                check(phrase, index++);
            }
            for (String phrase : more) {
                phrases.add(phrase);
            }
            return this;
        }

        /**
         * Adds one phrase.
         *
         * @param phrase the phrase
         * @return this builder
         * @throws IllegalArgumentException if it is null or blank, naming its index
         */
        public Builder phrase(String phrase) {
            check(phrase, phrases.size());
            phrases.add(phrase);
            return this;
        }

        /**
         * Folds {@code from} to {@code to} in phrases and texts, on top of the built-in table (and taking precedence
         * over it), e.g. {@code variant('鑽', '钻')}. Applied after width and case folding, once (not chained).
         *
         * @param from the variant form
         * @param to   the form phrases and texts are folded to
         * @return this builder
         * @throws IllegalArgumentException if {@code from == to}
         * @throws IllegalStateException    if {@code from} was given a variant before on this builder
         */
        public Builder variant(char from, char to) {
            if (from == to) {
                throw new IllegalArgumentException("variant maps '" + from + "' to itself");
            }
            if (extraVariants.containsKey(from)) {
                throw new IllegalStateException("variant for '" + from + "' already set");
            }
            extraVariants.put(from, to);
            return this;
        }

        /**
         * The limit of ignored characters between two consecutive characters of a hit; default
         * {@link #DEFAULT_MAX_GAP}.
         *
         * @param gap the number of ignored characters allowed, 0 to 64
         * @return this builder
         * @throws IllegalArgumentException if negative or above 64
         * @throws IllegalStateException    if set before
         */
        public Builder maxGap(int gap) {
            if (gap < 0 || gap > 64) {
                throw new IllegalArgumentException("maxGap must be 0..64, was " + gap);
            }
            if (maxGap >= 0) {
                throw new IllegalStateException("maxGap already set");
            }
            maxGap = gap;
            return this;
        }

        /**
         * The matcher. Phrases that normalise to the same text as an earlier one are dropped (the earlier one is
         * reported).
         *
         * @return the immutable, thread-safe matcher
         * @throws IllegalArgumentException if a phrase has no significant character, naming its index
         */
        public BannedPhrases build() {
            Map<Character, Character> variants = new HashMap<>(TextFolding.BUILT_IN_VARIANTS);
            variants.putAll(extraVariants);
            LinkedHashMap<String, String> byNormalised = new LinkedHashMap<>();
            for (int i = 0; i < phrases.size(); i++) {
                String normalised = normalise(phrases.get(i), variants);
                if (normalised.isEmpty()) {
                    throw new IllegalArgumentException("phrase at index " + i
                            + " has no letter, digit, currency sign or %: \"" + phrases.get(i) + "\"");
                }
                byNormalised.putIfAbsent(normalised, phrases.get(i));
            }
            return new BannedPhrases(new ArrayList<>(byNormalised.values()), new ArrayList<>(byNormalised.keySet()),
                    variants, maxGap < 0 ? DEFAULT_MAX_GAP : maxGap);
        }

        private static void check(String phrase, int index) {
            if (phrase == null) {
                throw new IllegalArgumentException("phrase at index " + index + " is null");
            }
            if (phrase.isBlank()) {
                throw new IllegalArgumentException("phrase at index " + index + " is blank");
            }
        }
    }
}
