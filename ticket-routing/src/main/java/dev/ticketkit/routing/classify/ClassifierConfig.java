package dev.ticketkit.routing.classify;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ticketkit.routing.classify.Cue.Kind;
import java.io.IOException;
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
            throw new ClassifierConfigException("threshold", "must be in (0, 100]");
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
                throw new ClassifierConfigException("weight", "must be between 0 and 10");
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
                throw new ClassifierConfigException(path, "must not be null");
            }
            try {
                return Cue.parse(kind, category, term);
            } catch (IllegalArgumentException e) {
                throw new ClassifierConfigException(path, e.getMessage());
            }
        }
    }

    // ---- loading -------------------------------------------------------------------------------

    /** Made on first load, so a classifier that never reads a file never builds them. */
    private static final class Mappers {
        static final ObjectMapper JSON = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        static final ObjectMapper YAML = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    private record AdjustmentDto(@JsonProperty("add") List<String> add, @JsonProperty("remove") List<String> remove,
                                 @JsonProperty("weight") Double weight) {
        Adjustment toAdjustment(String path) {
            try {
                return new Adjustment(add, remove, weight == null ? 1.0 : weight);
            } catch (ClassifierConfigException e) {
                throw new ClassifierConfigException(path + "." + e.field(), e.getMessage().substring(e.field().length() + 2));
            }
        }
    }

    private record ConfigDto(@JsonProperty("threshold") Double threshold,
                             @JsonProperty("categories") Map<String, AdjustmentDto> categories,
                             @JsonProperty("urgent") AdjustmentDto urgent,
                             @JsonProperty("negative") AdjustmentDto negative,
                             @JsonProperty("negators") AdjustmentDto negators) {
    }

    /** Reads a configuration from JSON. */
    public static ClassifierConfig fromJson(Reader json) {
        return read(Mappers.JSON, json);
    }

    /** Reads a configuration from JSON text. */
    public static ClassifierConfig fromJson(String json) {
        return read(Mappers.JSON, new StringReader(Objects.requireNonNull(json, "json")));
    }

    /** Reads a configuration from YAML. */
    public static ClassifierConfig fromYaml(Reader yaml) {
        return read(Mappers.YAML, yaml);
    }

    /** Reads a configuration from YAML text. */
    public static ClassifierConfig fromYaml(String yaml) {
        return read(Mappers.YAML, new StringReader(Objects.requireNonNull(yaml, "yaml")));
    }

    private static ClassifierConfig read(ObjectMapper mapper, Reader reader) {
        Objects.requireNonNull(reader, "reader");
        ConfigDto dto;
        try {
            dto = mapper.readValue(reader, ConfigDto.class);
        } catch (JsonMappingException e) {
            JsonLocation loc = e.getLocation();
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("(root)");
            String problem = e.getPath().isEmpty() ? "not a classifier configuration" : "unknown option or wrong type";
            throw new ClassifierConfigException(path, problem, loc == null ? -1 : loc.getLineNr(),
                    loc == null ? -1 : loc.getColumnNr());
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new ClassifierConfigException("(file)", "not well-formed", loc == null ? -1 : loc.getLineNr(),
                    loc == null ? -1 : loc.getColumnNr());
        } catch (IOException e) {
            throw new ClassifierConfigException("(file)", "could not be read: " + e.getClass().getSimpleName());
        }
        if (dto == null) {
            throw new ClassifierConfigException("(root)", "the configuration is empty");
        }
        Map<Category, Adjustment> cats = new LinkedHashMap<>();
        if (dto.categories() != null) {
            dto.categories().forEach((name, a) -> {
                Category c = Category.fromId(name).orElseThrow(() -> new ClassifierConfigException("categories",
                        "unknown category; expected one of logistics, refund, exchange, quality, payment, invoice, "
                                + "address_change, pre_sale, complaint"));
                cats.put(c, a == null ? Adjustment.NONE : a.toAdjustment("categories." + c.id()));
            });
        }
        return new ClassifierConfig(dto.threshold() == null ? DEFAULT_THRESHOLD : dto.threshold(), cats,
                dto.urgent() == null ? null : dto.urgent().toAdjustment("urgent"),
                dto.negative() == null ? null : dto.negative().toAdjustment("negative"),
                dto.negators() == null ? null : dto.negators().toAdjustment("negators"));
    }
}
