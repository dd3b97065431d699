package dev.ticketkit.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class BannedPhrasesInputTest {

    @Test
    void emptyListFindsNothing() {
        BannedPhrases none = BannedPhrases.of(List.of());
        assertThat(none.find("保本 稳赚 第一")).isEmpty();
        assertThat(none.find("")).isEmpty();
        assertThat(none.phrases()).isEmpty();
    }

    @Test
    void nullPhraseIsRejectedNamingItsIndex() {
        List<String> phrases = Arrays.asList("保本", null);
        assertThatThrownBy(() -> BannedPhrases.of(phrases))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1");
    }

    @Test
    void blankPhraseIsRejectedNamingItsIndex() {
        assertThatThrownBy(() -> BannedPhrases.of(List.of("保本", "稳赚", " \t")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 2");
        assertThatThrownBy(() -> BannedPhrases.of(List.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 0");
    }

    @Test
    void phraseWithoutSignificantCharacterIsRejectedNamingItsIndex() {
        assertThatThrownBy(() -> BannedPhrases.of(List.of("保本", "--!")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1");
    }

    @Test
    void indexCountsAcrossBuilderCalls() {
        assertThatThrownBy(() -> BannedPhrases.builder().phrases(List.of("a", "b")).phrases(List.of("c", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 3");
    }

    @Test
    void nullListAndNullTextAreRejected() {
        assertThatThrownBy(() -> BannedPhrases.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> BannedPhrases.defaults().find(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void duplicatesAfterNormalisationAreKeptOnceAsFirstGiven() {
        BannedPhrases dup = BannedPhrases.of(List.of("保本", "No Risk", "保 本", "ＮＯ-ＲＩＳＫ", "穩賺", "稳赚"));
        assertThat(dup.phrases()).containsExactly("保本", "No Risk", "穩賺");
        assertThat(dup.find("保本 no risk")).containsExactly(
                new PhraseHit("保本", 0, 2), new PhraseHit("No Risk", 3, 10));
    }

    @Test
    void builderRejectsOptionsSetTwiceAndBadValues() {
        assertThatThrownBy(() -> BannedPhrases.builder().maxGap(2).maxGap(3))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BannedPhrases.builder().maxGap(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BannedPhrases.builder().variant('鑽', '钻').variant('鑽', '钻'))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BannedPhrases.builder().variant('钻', '钻'))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matcherDoesNotSeeLaterChangesToTheList() {
        List<String> phrases = new ArrayList<>(List.of("保本"));
        BannedPhrases banned = BannedPhrases.of(phrases);
        phrases.add("稳赚");
        assertThat(banned.find("稳赚")).isEmpty();
        assertThatThrownBy(() -> banned.phrases().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void phraseHitRejectsBadSpans() {
        assertThatThrownBy(() -> new PhraseHit("保本", 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhraseHit("保本", -1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhraseHit(null, 0, 2)).isInstanceOf(NullPointerException.class);
    }
}
