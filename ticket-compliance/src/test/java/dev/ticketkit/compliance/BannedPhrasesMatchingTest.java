package dev.ticketkit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BannedPhrasesMatchingTest {

    private final BannedPhrases banned = BannedPhrases.of(List.of("保本", "无风险", "稳赚", "no risk", "第一", "100%"));

    @Test
    void plainPhraseIsFoundAtItsPosition() {
        assertThat(banned.find("本产品保本")).containsExactly(new PhraseHit("保本", 3, 5));
    }

    @Test
    void fullWidthLettersAndSpacesAreFolded() {
        String text = "绝对ＮＯ　ＲＩＳＫ";
        assertThat(banned.find(text)).containsExactly(new PhraseHit("no risk", 2, 9));
    }

    @Test
    void fullWidthDigitsAndPercentAreFolded() {
        assertThat(banned.find("收益１００％")).containsExactly(new PhraseHit("100%", 2, 6));
    }

    @Test
    void mixedCaseMatches() {
        assertThat(banned.find("It is No RiSk at all")).containsExactly(new PhraseHit("no risk", 6, 13));
    }

    @Test
    void spacesBetweenCharactersAreIgnoredAndCoveredBySpan() {
        assertThat(banned.find("保 本")).containsExactly(new PhraseHit("保本", 0, 3));
        assertThat(banned.find("no   risk")).containsExactly(new PhraseHit("no risk", 0, 9));
    }

    @Test
    void punctuationAndSymbolsBetweenCharactersAreIgnored() {
        assertThat(banned.find("保-本")).containsExactly(new PhraseHit("保本", 0, 3));
        assertThat(banned.find("保*本")).containsExactly(new PhraseHit("保本", 0, 3));
        assertThat(banned.find("稳。赚")).containsExactly(new PhraseHit("稳赚", 0, 3));
        assertThat(banned.find("无.风★险")).containsExactly(new PhraseHit("无风险", 0, 5));
        assertThat(banned.find("no-risk")).containsExactly(new PhraseHit("no risk", 0, 7));
    }

    @Test
    void invisibleCharactersAreIgnoredAndDoNotCountTowardsTheGap() {
        String text = "保\u200B\u200B\u200B\u200B\u200B本";
        assertThat(banned.find(text)).containsExactly(new PhraseHit("保本", 0, 7));
    }

    @Test
    void traditionalCharactersMatchSimplifiedPhrases() {
        assertThat(banned.find("穩賺")).containsExactly(new PhraseHit("稳赚", 0, 2));
        assertThat(banned.find("無風險")).containsExactly(new PhraseHit("无风险", 0, 3));
    }

    @Test
    void traditionalPhraseMatchesSimplifiedText() {
        BannedPhrases traditional = BannedPhrases.of(List.of("國家級"));
        assertThat(traditional.find("国家级产品")).containsExactly(new PhraseHit("國家級", 0, 3));
    }

    @Test
    void formalNumeralMatches() {
        assertThat(banned.find("销量第壹")).containsExactly(new PhraseHit("第一", 2, 4));
    }

    @Test
    void positionsAreInTheOriginalTextAfterSurrogatePairs() {
        String text = "😀😀 好消息：保 本！";
        // two emoji are four chars; then space, 好消息, full stop
        assertThat(text.substring(9, 12)).isEqualTo("保 本");
        assertThat(banned.find(text)).containsExactly(new PhraseHit("保本", 9, 12));
    }

    @Test
    void emojiBetweenCharactersCountsAsOneIgnoredCharacter() {
        assertThat(banned.find("保😀😀😀本")).containsExactly(new PhraseHit("保本", 0, 8));
        assertThat(banned.find("保😀😀😀😀本")).isEmpty();
    }

    @Test
    void threeIgnoredCharactersMatchButFourDoNot() {
        assertThat(banned.find("保 - 本")).containsExactly(new PhraseHit("保本", 0, 5));
        assertThat(banned.find("保 -- 本")).isEmpty();
        assertThat(banned.find("no, and at risk")).isEmpty();
    }

    @Test
    void wordsFarApartDoNotMatch() {
        assertThat(banned.find("保修期内本店负责")).isEmpty();
        assertThat(banned.find("保。\n\n    本")).isEmpty();
    }

    @Test
    void significantCharacterInBetweenBreaksTheMatch() {
        assertThat(banned.find("保修本")).isEmpty();
    }

    @Test
    void chinesePhrasesHaveSubstringSemantics() {
        assertThat(banned.find("第一次购买")).containsExactly(new PhraseHit("第一", 0, 2));
    }

    @Test
    void latinPhraseDoesNotMatchInsideAWord() {
        assertThat(banned.find("casino risk")).isEmpty();
        assertThat(banned.find("no riskier")).isEmpty();
        assertThat(banned.find("1100%")).isEmpty();
        assertThat(banned.find("保证no risk。")).containsExactly(new PhraseHit("no risk", 2, 9));
    }

    @Test
    void innocentTextHasNoHits() {
        assertThat(banned.find("您好，您的订单已发货，预计三天内送达。如有问题请随时联系我们。Thank you for your order!"))
                .isEmpty();
    }

    @Test
    void overlappingHitsOfDifferentPhrasesAreAllReported() {
        BannedPhrases overlapping = BannedPhrases.of(List.of("保本", "保本保息", "保息", "本保"));
        assertThat(overlapping.find("保本保息")).containsExactly(
                new PhraseHit("保本", 0, 2),
                new PhraseHit("保本保息", 0, 4),
                new PhraseHit("本保", 1, 3),
                new PhraseHit("保息", 2, 4));
    }

    @Test
    void everyOccurrenceIsReportedIncludingOverlappingOnesOfOnePhrase() {
        BannedPhrases twice = BannedPhrases.of(List.of("保保"));
        assertThat(twice.find("保保保")).containsExactly(new PhraseHit("保保", 0, 2), new PhraseHit("保保", 1, 3));
        assertThat(banned.find("保本，保本")).containsExactly(new PhraseHit("保本", 0, 2), new PhraseHit("保本", 3, 5));
    }

    @Test
    void hitReportsThePhraseAsGiven() {
        BannedPhrases given = BannedPhrases.of(List.of("No-Risk"));
        assertThat(given.find("no risk")).containsExactly(new PhraseHit("No-Risk", 0, 7));
    }

    @Test
    void customVariantAndGap() {
        BannedPhrases custom = BannedPhrases.builder()
                .phrase("钻石")
                .variant('鑽', '钻')
                .maxGap(0)
                .build();
        assertThat(custom.find("鑽石")).containsExactly(new PhraseHit("钻石", 0, 2));
        assertThat(custom.find("钻 石")).isEmpty();
        assertThat(custom.maxGap()).isZero();
    }

    @Test
    void defaultsFindTheStarterList() {
        BannedPhrases defaults = BannedPhrases.defaults();
        assertThat(defaults.phrases()).isEqualTo(BannedPhrases.DEFAULT_PHRASES);
        assertThat(defaults.find("本品全網第壹，保本保息，穩賺不賠，Risk-Free！"))
                .extracting(PhraseHit::phrase)
                .contains("全网第一", "第一", "保本", "保息", "保本保息", "稳赚", "稳赚不赔", "risk-free");
        assertThat(defaults.find("您的包裹明天到。")).isEmpty();
        assertThat(BannedPhrases.defaults()).isSameAs(defaults);
    }

    @Test
    void normaliseShowsTheTextAsMatched() {
        assertThat(banned.normalise("ＮＯ ｒｉｓｋ，穩-賺 😀")).isEqualTo("norisk稳赚");
    }

    @Test
    void containsAnyAgreesWithFind() {
        assertThat(banned.containsAny("穩 賺")).isTrue();
        assertThat(banned.containsAny("稳定")).isFalse();
    }
}
