package dev.ticketkit.routing.classify;

import dev.ticketkit.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketException;
import dev.ticketkit.routing.Category;
import dev.ticketkit.routing.Classification;
import dev.ticketkit.routing.ClassificationInput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hard cases one by one, per-tenant configuration, and bad configuration. */
class KeywordClassifierTest {
    static final TenantId SHOP = TenantId.of("shop-1");
    static final TenantId OTHER = TenantId.of("shop-2");
    final KeywordClassifier k = KeywordClassifier.ofDefaults();

    Classification c(String text) {
        return k.classify(SHOP, ClassificationInput.of(text));
    }

    @Test
    void negationRightBeforeAKeywordCancelsIt() {
        assertThat(c("我不是要退款，是想换个尺码").categories()).containsExactly(Category.EXCHANGE);
        assertThat(c("I'm not asking for a refund, I just want a different size.").categories()).containsExactly(Category.EXCHANGE);
        assertThat(c("不需要发票").categories()).isEmpty();
        // negation does not reach across a clause, nor cancel a state ("not delivered" is still about delivery)
        assertThat(c("我不要这个了，退款吧").categories()).contains(Category.REFUND);
        assertThat(c("My parcel was not delivered").categories()).containsExactly(Category.LOGISTICS);
        // a question tag is not a negation
        assertThat(c("是不是发错货了").categories()).containsExactly(Category.QUALITY);
    }

    @Test
    void severalIntentsInOneMessage() {
        assertThat(c("Two questions: where is my parcel, and can I get an invoice?").categories())
                .containsExactlyInAnyOrder(Category.LOGISTICS, Category.INVOICE);
        assertThat(c("东西破损了，我要退款").categories()).containsExactlyInAnyOrder(Category.QUALITY, Category.REFUND);
    }

    @Test
    void typosVariantsFullWidthAndTraditionalCharacters() {
        assertThat(c("I want a refnd").primary()).contains(Category.REFUND);
        assertThat(c("Can I retrun this?").primary()).contains(Category.REFUND);
        assertThat(c("我的快遞到哪裡了？").primary()).contains(Category.LOGISTICS);
        assertThat(c("退貨要怎麼寄回？").primary()).contains(Category.REFUND);
        assertThat(c("ＲＥＦＵＮＤ please").primary()).contains(Category.REFUND);
        assertThat(c("物流").primary()).isEqualTo(c("快递").primary());
    }

    @Test
    void wordsInsideLongerWordsAndMoneyReceiptsAreNotMisread() {
        assertThat(c("I translated the chocolate label").categories()).isEmpty(); // "late"? no such keyword hit
        assertThat(c("Hello there").negative()).isFalse(); // "hell" is a whole word only
        assertThat(c("I haven't received my refund yet").categories()).containsExactly(Category.REFUND);
        assertThat(c("I haven't received my order").categories()).containsExactly(Category.LOGISTICS);
        assertThat(c("退款还没收到").categories()).containsExactly(Category.REFUND);
    }

    @Test
    void urgencySentimentAndLanguage() {
        Classification zh = c("快点发货！！！急用，气死我了");
        assertThat(zh.urgent()).isTrue();
        assertThat(zh.negative()).isTrue();
        assertThat(zh.language()).isEqualTo("zh");
        Classification calm = c("Not urgent, no rush. Not bad at all, just wondering when it ships.");
        assertThat(calm.urgent()).isFalse();
        assertThat(calm.negative()).isFalse();
        assertThat(calm.language()).isEqualTo("en");
        assertThat(c("不着急，有空看看物流").urgent()).isFalse();
        assertThat(k.classify(SHOP, new ClassificationInput("", "12345", null, "zh-CN")).language()).isEqualTo("zh");
    }

    @Test
    void theSubjectWinsATieForThePrimaryCategory() {
        Classification c = k.classify(SHOP, ClassificationInput.of("发票", "顺便问下物流"));
        assertThat(c.primary()).contains(Category.INVOICE);
        assertThat(c.categories()).contains(Category.LOGISTICS);
    }

    @Test
    void tenantsAddRemoveAndWeighKeywordsFromYaml() {
        ClassifierConfig cfg = ClassifierConfig.fromYaml("""
                threshold: 1.0
                categories:
                  refund:
                    add: ["store credit"]
                    remove: ["return*"]
                  pre_sale:
                    weight: 0
                urgent:
                  add: ["直播间"]
                """);
        k.configure(OTHER, cfg);
        assertThat(k.classify(OTHER, ClassificationInput.of("Could I have store credit?")).categories()).containsExactly(Category.REFUND);
        assertThat(k.classify(SHOP, ClassificationInput.of("Could I have store credit?")).categories()).isEmpty();
        assertThat(k.classify(OTHER, ClassificationInput.of("how do I return it")).categories()).isEmpty();
        assertThat(k.classify(OTHER, ClassificationInput.of("有货吗")).categories()).isEmpty();
        assertThat(k.classify(OTHER, ClassificationInput.of("直播间说的")).urgent()).isTrue();
        k.reset(OTHER);
        assertThat(k.classify(OTHER, ClassificationInput.of("how do I return it")).categories()).containsExactly(Category.REFUND);
        ClassifierConfig json = ClassifierConfig.fromJson("{\"categories\":{\"invoice\":{\"add\":[\"fapiao please\"]}}}");
        assertThat(json.adjustment(Category.INVOICE).add()).containsExactly("fapiao please");
    }

    @Test
    void badConfigurationsFailWithThePathAndLine() {
        assertThatThrownBy(() -> ClassifierConfig.fromYaml("categories:\n  refunds:\n    add: [x]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("categories");
        assertThatThrownBy(() -> ClassifierConfig.fromYaml("threshold: 1\ncolour: red\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo("colour");
                    assertThat(e.line()).isBetween(2, 3); // the parser reports where it noticed
                    assertThat(e.getMessage()).startsWith("classifier.yaml:2:1: colour: unknown key");
                });
        assertThatThrownBy(() -> ClassifierConfig.fromYaml("categories:\n  refund:\n    add: [\"  \"]\n"))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("categories.refund.add[0]"));
        assertThatThrownBy(() -> ClassifierConfig.fromJson("{\"categories\":{\"refund\":{\"weight\":11}}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> ClassifierConfig.fromJson("{not json")).isInstanceOf(TicketException.class);
        assertThatThrownBy(() -> ClassifierConfig.ofDefaults().withThreshold(0)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> k.classify(SHOP, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KeywordClassifier.builder().defaults(ClassifierConfig.ofDefaults()).defaults(ClassifierConfig.ofDefaults()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void inputsNeverShowTheirText() {
        assertThat(ClassificationInput.of("Refund for carol@example.com", "secret").toString())
                .doesNotContain("carol").doesNotContain("secret");
    }

    @Test
    void theMatcherFindsOverlappingPatterns() {
        AhoCorasick ac = AhoCorasick.compile(List.of("he", "she", "his", "hers"));
        List<String> hits = new java.util.ArrayList<>();
        ac.scan("ushers", (p, s, e) -> hits.add(p + "@" + s + "-" + e));
        assertThat(hits).containsExactlyInAnyOrder("1@1-4", "0@2-4", "3@2-6");
    }
}
