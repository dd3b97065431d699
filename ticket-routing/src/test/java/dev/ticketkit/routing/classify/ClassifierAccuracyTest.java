package dev.ticketkit.routing.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketkit.core.TenantId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures {@link KeywordClassifier} on a labelled set of 303 inquiries (about half Chinese, half English,
 * including negations, several intents, typos and traditional characters). One third of the set (every
 * third line of each language, fixed before any tuning) is held out: the lexicon was tuned on the other two
 * thirds only. The report prints both; the floors below are what the classifier meets on each.
 */
class ClassifierAccuracyTest {
    private static final TenantId TENANT = TenantId.of("shop-1");

    record Sample(String id, String split, String lang, String text, Set<Category> expected, boolean urgent, boolean negative) {
    }

    record Score(int n, double top1, double precision, double recall, double urgency, double sentiment, double language) {
        String line(String name) {
            return String.format(Locale.ROOT, "%-8s n=%3d  top-1 %.3f  precision %.3f  recall %.3f  urgency %.3f  sentiment %.3f  language %.3f",
                    name, n, top1, precision, recall, urgency, sentiment, language);
        }
    }

    static List<Sample> samples;
    static Score tune;
    static Score holdout;

    @BeforeAll
    static void measure() throws IOException {
        samples = load();
        KeywordClassifier k = KeywordClassifier.ofDefaults();
        tune = score(k, samples.stream().filter(s -> s.split().equals("tune")).toList(), "tune".equals(System.getProperty("classifier.errors")));
        holdout = score(k, samples.stream().filter(s -> s.split().equals("holdout")).toList(), "holdout".equals(System.getProperty("classifier.errors")));
        System.out.println("KeywordClassifier on the labelled inquiries:");
        System.out.println("  " + tune.line("tune"));
        System.out.println("  " + holdout.line("holdout"));
    }

    static List<Sample> load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Sample> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ClassifierAccuracyTest.class.getResourceAsStream("inquiries.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                Set<Category> cats = EnumSet.noneOf(Category.class);
                n.get("categories").forEach(c -> cats.add(Category.fromId(c.asText()).orElseThrow()));
                out.add(new Sample(n.get("id").asText(), n.get("split").asText(), n.get("lang").asText(), n.get("text").asText(),
                        cats, n.get("urgent").asBoolean(), n.get("negative").asBoolean()));
            }
        }
        return out;
    }

    static Score score(Classifier k, List<Sample> set, boolean showErrors) {
        int top1 = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int urg = 0;
        int neg = 0;
        int lang = 0;
        for (Sample s : set) {
            Classification c = k.classify(TENANT, ClassificationInput.of(s.text()));
            boolean ok = s.expected().isEmpty() ? c.categories().isEmpty() : c.primary().map(s.expected()::contains).orElse(false);
            top1 += ok ? 1 : 0;
            for (Category cat : c.categories()) {
                if (s.expected().contains(cat)) {
                    tp++;
                } else {
                    fp++;
                }
            }
            for (Category cat : s.expected()) {
                if (!c.categories().contains(cat)) {
                    fn++;
                }
            }
            urg += c.urgent() == s.urgent() ? 1 : 0;
            neg += c.negative() == s.negative() ? 1 : 0;
            lang += c.language().equals(s.lang()) ? 1 : 0;
            if (showErrors && (!ok || !Set.copyOf(c.categories()).equals(s.expected()) || c.urgent() != s.urgent() || c.negative() != s.negative())) {
                System.out.println(s.id() + " expected " + s.expected() + " u=" + s.urgent() + " n=" + s.negative()
                        + " got " + c.categories() + " " + c.scores() + " u=" + c.urgent() + " n=" + c.negative() + " :: " + s.text());
            }
        }
        double n = set.size();
        return new Score(set.size(), top1 / n, tp / (double) Math.max(1, tp + fp), tp / (double) Math.max(1, tp + fn),
                urg / n, neg / n, lang / n);
    }

    @Test
    void theSetIsLargeBilingualAndHasAHeldOutPart() {
        assertThat(samples).hasSizeGreaterThanOrEqualTo(300);
        long zh = samples.stream().filter(s -> s.lang().equals("zh")).count();
        assertThat(zh).isBetween(130L, 170L);
        assertThat(holdout.n()).isGreaterThanOrEqualTo(100);
        assertThat(samples).extracting(Sample::id).doesNotHaveDuplicates();
    }

    @Test
    void meetsTheFloorsOnTheTunedPart() {
        assertThat(tune.top1()).isGreaterThanOrEqualTo(FLOOR_TUNE_TOP1);
        assertThat(tune.precision()).isGreaterThanOrEqualTo(FLOOR_TUNE_PRECISION);
        assertThat(tune.recall()).isGreaterThanOrEqualTo(FLOOR_TUNE_RECALL);
        assertThat(tune.urgency()).isGreaterThanOrEqualTo(FLOOR_TUNE_URGENCY);
        assertThat(tune.sentiment()).isGreaterThanOrEqualTo(FLOOR_TUNE_SENTIMENT);
        assertThat(tune.language()).isEqualTo(1.0);
    }

    @Test
    void meetsTheFloorsOnTheHeldOutPart() {
        assertThat(holdout.top1()).isGreaterThanOrEqualTo(FLOOR_HOLDOUT_TOP1);
        assertThat(holdout.precision()).isGreaterThanOrEqualTo(FLOOR_HOLDOUT_PRECISION);
        assertThat(holdout.recall()).isGreaterThanOrEqualTo(FLOOR_HOLDOUT_RECALL);
        assertThat(holdout.urgency()).isGreaterThanOrEqualTo(FLOOR_HOLDOUT_URGENCY);
        assertThat(holdout.sentiment()).isGreaterThanOrEqualTo(FLOOR_HOLDOUT_SENTIMENT);
        assertThat(holdout.language()).isEqualTo(1.0);
    }

    // Floors: a little below what was measured (tune 0.966/0.941/0.987/0.995/0.990, held out 0.840/0.925/0.838/0.980/0.940),
    // so a change that makes the classifier worse fails.
    static final double FLOOR_TUNE_TOP1 = 0.95;
    static final double FLOOR_TUNE_PRECISION = 0.92;
    static final double FLOOR_TUNE_RECALL = 0.97;
    static final double FLOOR_TUNE_URGENCY = 0.98;
    static final double FLOOR_TUNE_SENTIMENT = 0.97;
    static final double FLOOR_HOLDOUT_TOP1 = 0.82;
    static final double FLOOR_HOLDOUT_PRECISION = 0.90;
    static final double FLOOR_HOLDOUT_RECALL = 0.82;
    static final double FLOOR_HOLDOUT_URGENCY = 0.96;
    static final double FLOOR_HOLDOUT_SENTIMENT = 0.92;
}
