package dev.ticketkit.routing.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.routing.Category;
import dev.ticketkit.routing.Classification;
import dev.ticketkit.routing.ClassificationInput;
import dev.ticketkit.routing.spi.Classifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures {@link KeywordClassifier} on two labelled sets, reported separately:
 *
 * <ul>
 *   <li>{@code inquiries.jsonl} (303 inquiries, about half Chinese, half English): the lexicon was tuned on it,
 *       all of it, so its figures are optimistic;</li>
 *   <li>{@code inquiries-heldout.jsonl} (132 inquiries, 67 Chinese, 65 English): written afterwards, with
 *       negations, several intents, typos, traditional characters, words the lexicon lacks and keyword traps,
 *       labelled before the classifier was run on it, and not used to tune anything. Its figures are the ones to
 *       expect on new text. Don't tune the lexicon on it; if it is ever used for tuning, write a new held-out
 *       set and say so in the README.</li>
 * </ul>
 *
 * <p>Per set: top-1 category accuracy (the primary category is one of the expected ones; no category when none is
 * expected), micro precision and recall over categories, precision and recall per category, for urgency and for
 * negative tone, and language accuracy. {@code -Dclassifier.errors=tuned|heldout} prints the misses of a set.
 */
class ClassifierAccuracyTest {
    private static final TenantId TENANT = TenantId.of("shop-1");

    record Sample(String id, String lang, String text, Set<Category> expected, boolean urgent, boolean negative) {
    }

    /** Counts for precision and recall of one label. */
    static final class PR {
        int tp;
        int fp;
        int fn;

        void add(boolean expected, boolean got) {
            if (expected && got) {
                tp++;
            } else if (got) {
                fp++;
            } else if (expected) {
                fn++;
            }
        }

        double precision() {
            return tp + fp == 0 ? 1.0 : tp / (double) (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        }

        String line(String name) {
            return String.format(Locale.ROOT, "%-15s precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)",
                    name, precision(), recall(), tp, fp, fn);
        }
    }

    record Score(String name, int n, double top1, PR categories, Map<Category, PR> perCategory, PR urgent, PR negative,
                 double language) {
        String report() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%s: n=%d  top-1 %.3f  categories precision %.3f recall %.3f  language %.3f%n",
                    name, n, top1, categories.precision(), categories.recall(), language));
            b.append("    ").append(urgent.line("urgent")).append('\n');
            b.append("    ").append(negative.line("negative")).append('\n');
            perCategory.forEach((c, pr) -> b.append("    ").append(pr.line(c.id())).append('\n'));
            return b.toString();
        }
    }

    static List<Sample> tunedSamples;
    static List<Sample> heldOutSamples;
    static Score tuned;
    static Score heldOut;

    @BeforeAll
    static void measure() throws IOException {
        tunedSamples = load("inquiries.jsonl");
        heldOutSamples = load("inquiries-heldout.jsonl");
        KeywordClassifier k = KeywordClassifier.ofDefaults();
        String errors = System.getProperty("classifier.errors", "");
        tuned = score("tuned on (inquiries.jsonl)", k, tunedSamples, errors.equals("tuned"));
        heldOut = score("held out (inquiries-heldout.jsonl)", k, heldOutSamples, errors.equals("heldout"));
        System.out.println("KeywordClassifier on the labelled inquiries:");
        System.out.print(tuned.report());
        System.out.print(heldOut.report());
    }

    static List<Sample> load(String resource) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Sample> out = new ArrayList<>();
        InputStream in = ClassifierAccuracyTest.class.getResourceAsStream(resource);
        assertThat(in).as(resource).isNotNull();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                Set<Category> cats = EnumSet.noneOf(Category.class);
                n.get("categories").forEach(c -> cats.add(Category.fromId(c.asText()).orElseThrow()));
                out.add(new Sample(n.get("id").asText(), n.get("lang").asText(), n.get("text").asText(),
                        cats, n.get("urgent").asBoolean(), n.get("negative").asBoolean()));
            }
        }
        return out;
    }

    static Score score(String name, Classifier k, List<Sample> set, boolean showErrors) {
        int top1 = 0;
        int lang = 0;
        PR all = new PR();
        Map<Category, PR> per = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            per.put(c, new PR());
        }
        PR urgent = new PR();
        PR negative = new PR();
        for (Sample s : set) {
            Classification c = k.classify(TENANT, ClassificationInput.of(s.text()));
            boolean ok = s.expected().isEmpty() ? c.categories().isEmpty() : c.primary().map(s.expected()::contains).orElse(false);
            top1 += ok ? 1 : 0;
            for (Category cat : Category.values()) {
                boolean want = s.expected().contains(cat);
                boolean got = c.categories().contains(cat);
                all.add(want, got);
                per.get(cat).add(want, got);
            }
            urgent.add(s.urgent(), c.urgent());
            negative.add(s.negative(), c.negative());
            lang += c.language().equals(s.lang()) ? 1 : 0;
            if (showErrors && (!ok || !Set.copyOf(c.categories()).equals(s.expected()) || c.urgent() != s.urgent() || c.negative() != s.negative())) {
                System.out.println(s.id() + " expected " + s.expected() + " u=" + s.urgent() + " n=" + s.negative()
                        + " got " + c.categories() + " " + c.scores() + " u=" + c.urgent() + " n=" + c.negative() + " :: " + s.text());
            }
        }
        double n = set.size();
        return new Score(name, set.size(), top1 / n, all, per, urgent, negative, lang / n);
    }

    @Test
    void theSetsAreLargeBilingualAndSeparate() {
        assertThat(tunedSamples).hasSizeGreaterThanOrEqualTo(300);
        assertThat(tunedSamples.stream().filter(s -> s.lang().equals("zh")).count()).isBetween(130L, 170L);
        assertThat(heldOutSamples).hasSizeGreaterThanOrEqualTo(120);
        assertThat(heldOutSamples.stream().filter(s -> s.lang().equals("zh")).count()).isBetween(55L, 75L);
        assertThat(tunedSamples).extracting(Sample::id).doesNotHaveDuplicates();
        assertThat(heldOutSamples).extracting(Sample::id).doesNotHaveDuplicates();
        Set<String> tunedTexts = Set.copyOf(tunedSamples.stream().map(Sample::text).toList());
        assertThat(heldOutSamples).extracting(Sample::text).noneMatch(tunedTexts::contains);
        for (Category c : Category.values()) {
            assertThat(heldOutSamples).as("held-out samples of %s", c).filteredOn(s -> s.expected().contains(c)).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void meetsTheFloorsOnTheTunedSet() {
        assertThat(tuned.top1()).isGreaterThanOrEqualTo(TUNED_TOP1);
        assertThat(tuned.categories().precision()).isGreaterThanOrEqualTo(TUNED_PRECISION);
        assertThat(tuned.categories().recall()).isGreaterThanOrEqualTo(TUNED_RECALL);
        assertThat(tuned.urgent().precision()).isGreaterThanOrEqualTo(TUNED_URGENT_PRECISION);
        assertThat(tuned.urgent().recall()).isGreaterThanOrEqualTo(TUNED_URGENT_RECALL);
        assertThat(tuned.negative().precision()).isGreaterThanOrEqualTo(TUNED_NEGATIVE_PRECISION);
        assertThat(tuned.negative().recall()).isGreaterThanOrEqualTo(TUNED_NEGATIVE_RECALL);
        assertThat(tuned.language()).isEqualTo(1.0);
    }

    @Test
    void meetsTheFloorsOnTheHeldOutSet() {
        assertThat(heldOut.top1()).isGreaterThanOrEqualTo(HELD_OUT_TOP1);
        assertThat(heldOut.categories().precision()).isGreaterThanOrEqualTo(HELD_OUT_PRECISION);
        assertThat(heldOut.categories().recall()).isGreaterThanOrEqualTo(HELD_OUT_RECALL);
        assertThat(heldOut.urgent().precision()).isGreaterThanOrEqualTo(HELD_OUT_URGENT_PRECISION);
        assertThat(heldOut.urgent().recall()).isGreaterThanOrEqualTo(HELD_OUT_URGENT_RECALL);
        assertThat(heldOut.negative().precision()).isGreaterThanOrEqualTo(HELD_OUT_NEGATIVE_PRECISION);
        assertThat(heldOut.negative().recall()).isGreaterThanOrEqualTo(HELD_OUT_NEGATIVE_RECALL);
        assertThat(heldOut.language()).isEqualTo(1.0);
    }

    // Floors: a little below what was measured (tuned: top-1 0.911, categories 0.930/0.927, urgent 0.950/0.905,
    // negative 1.000/0.813; held out: top-1 0.735, categories 0.844/0.730, urgent 0.800/0.889, negative 0.750/0.643;
    // precision/recall), about one sample of slack where the counts are small, so a change that makes the
    // classifier worse fails. Raise them when it gets better; never lower them to let a change through.
    static final double TUNED_TOP1 = 0.89;
    static final double TUNED_PRECISION = 0.91;
    static final double TUNED_RECALL = 0.91;
    static final double TUNED_URGENT_PRECISION = 0.90;
    static final double TUNED_URGENT_RECALL = 0.85;
    static final double TUNED_NEGATIVE_PRECISION = 0.97;
    static final double TUNED_NEGATIVE_RECALL = 0.78;
    static final double HELD_OUT_TOP1 = 0.71;
    static final double HELD_OUT_PRECISION = 0.82;
    static final double HELD_OUT_RECALL = 0.70;
    static final double HELD_OUT_URGENT_PRECISION = 0.70;
    static final double HELD_OUT_URGENT_RECALL = 0.77;
    static final double HELD_OUT_NEGATIVE_PRECISION = 0.69;
    static final double HELD_OUT_NEGATIVE_RECALL = 0.57;
}
