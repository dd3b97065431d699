package dev.ticketkit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.TicketValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocatedTreeTest {

    private static final String YAML = """
            version: 1
            rules:
              - id: vip
                after: 90s
                enabled: on
                weight: 1.5
              - id: late
                after: soon
            """;

    @Test
    void readsYamlIntoPlainValuesWithPositions() {
        LocatedTree t = LocatedTree.parse("rules.yaml", YAML);
        Map<String, Object> top = t.map(t.root(), "");
        List<Object> rules = t.list(top.get("rules"), "rules");
        Map<String, Object> vip = t.map(rules.get(0), "rules[0]");
        assertThat(vip).containsEntry("id", "vip").containsEntry("enabled", "on").containsEntry("weight", new BigDecimal("1.5"));
        assertThat(t.duration(vip.get("after"), "rules[0].after")).isEqualTo(Duration.ofSeconds(90));
        assertThat(t.locate("rules[1].after")).containsExactly(8, 12);
        assertThat(t.locate("rules[1].nothing.here")).containsExactly(7, 5);
    }

    @Test
    void everyMistakeReadsFileLineColumnPathProblem() {
        LocatedTree t = LocatedTree.parse("rules.yaml", YAML);
        Map<String, Object> late = t.map(t.list(t.map(t.root(), "").get("rules"), "rules").get(1), "rules[1]");
        assertThatThrownBy(() -> t.duration(late.get("after"), "rules[1].after"))
                .isInstanceOf(ConfigException.class).isInstanceOf(TicketValidationException.class)
                .hasMessage("rules.yaml:8:12: rules[1].after: expected " + Durations.EXPECTED + ", got \"soon\"")
                .satisfies(e -> {
                    ConfigException c = (ConfigException) e;
                    assertThat(c.source()).isEqualTo("rules.yaml");
                    assertThat(c.line()).isEqualTo(8);
                    assertThat(c.column()).isEqualTo(12);
                    assertThat(c.path()).isEqualTo("rules[1].after");
                    assertThat(c.field()).isEqualTo("rules[1].after");
                    assertThat(c.problem()).startsWith("expected a duration");
                });
        assertThatThrownBy(() -> t.onlyKeys(late, Set.of("id"), "rules[1]"))
                .hasMessage("rules.yaml:8:5: rules[1].after: unknown key \"after\" (expected one of id)");
        assertThatThrownBy(() -> t.integer(late.get("id"), "rules[1].id", 0, 9))
                .hasMessageContaining("expected a whole number from 0 to 9, got \"late\"");
    }

    @Test
    void refusesBrokenDuplicateDeepLargeAndEmptyDocuments() {
        assertThatThrownBy(() -> LocatedTree.parse("a.json", "{\"a\": [}")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("a.json:1:8: not valid JSON: ");
        assertThatThrownBy(() -> LocatedTree.parse("a.json", "{\"a\": 1, \"a\": 2}"))
                .hasMessage("a.json:1:10: a: duplicate key \"a\"");
        assertThatThrownBy(() -> LocatedTree.parse("a.json", "[".repeat(200) + "]".repeat(200)))
                .hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> LocatedTree.parse("a.yaml", "")).hasMessage("a.yaml: the document is empty");
        assertThatThrownBy(() -> LocatedTree.parse("a.json", "{} {}")).hasMessageContaining("more than one document");
        String big = "{\"a\": \"" + "x".repeat(LocatedTree.MAX_CHARS) + "\"}";
        assertThatThrownBy(() -> LocatedTree.parse("a.json", big)).hasMessageContaining("too large");
        assertThatThrownBy(() -> LocatedTree.read(java.nio.file.Path.of("does-not-exist.yaml")))
                .isInstanceOf(ConfigException.class).hasMessage("does-not-exist.yaml: could not be read: NoSuchFileException");
    }

    @Test
    void jsonAndYamlGiveTheSameTree() {
        LocatedTree y = LocatedTree.parse("x.yaml", "a: [1, 2.5, true, null, text]\nb: {c: off}\n");
        LocatedTree j = LocatedTree.parse("x.json", "{\"a\": [1, 2.5, true, null, \"text\"], \"b\": {\"c\": \"off\"}}");
        assertThat(y.root()).isEqualTo(j.root());
    }
}
