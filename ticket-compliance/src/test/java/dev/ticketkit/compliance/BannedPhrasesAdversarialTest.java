package dev.ticketkit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BannedPhrasesAdversarialTest {

    private static final int MB = 1 << 20;

    @Test
    void megabyteOfOneRepeatedPhraseCharacterHasNoHit() {
        BannedPhrases banned = BannedPhrases.of(List.of("保本", "保本保息", "保保保保保保保保本"));
        String text = "保".repeat(MB);
        assertThat(banned.find(text)).isEmpty();
        assertThat(banned.find(text + "本")).containsExactly(
                new PhraseHit("保保保保保保保保本", MB - 8, MB + 1),
                new PhraseHit("保本", MB - 1, MB + 1));
    }

    @Test
    void megabyteOfSelfOverlappingMatchesReportsEachOne() {
        BannedPhrases banned = BannedPhrases.of(List.of("保保"));
        List<PhraseHit> hits = banned.find("保".repeat(MB));
        assertThat(hits).hasSize(MB - 1);
        assertThat(hits.get(MB - 2)).isEqualTo(new PhraseHit("保保", MB - 2, MB));
    }

    @Test
    void megabyteOfSpacesBetweenTwoCharactersDoesNotMatch() {
        BannedPhrases banned = BannedPhrases.defaults();
        assertThat(banned.find(" ".repeat(MB))).isEmpty();
        assertThat(banned.find("保" + " ".repeat(MB) + "本")).isEmpty();
        assertThat(banned.find("\u200B".repeat(MB) + "保本")).containsExactly(new PhraseHit("保本", MB, MB + 2));
    }

    @Test
    void megabyteOfPhrasesSeparatedByIgnoredCharactersFindsEveryOne() {
        BannedPhrases banned = BannedPhrases.of(List.of("保本"));
        String text = "保 本,".repeat(MB / 4);
        List<PhraseHit> hits = banned.find(text);
        // "本," then "保" is a gap of one: 本保 is not a phrase, so one hit per repetition
        assertThat(hits).hasSize(MB / 4);
        assertThat(hits.get(1)).isEqualTo(new PhraseHit("保本", 4, 7));
    }

    /**
     * Random phrases and texts over a small alphabet full of evasions; {@code find} must never throw, every hit's
     * span must normalise to its phrase, and the hits must equal those of a naive reference matcher.
     */
    @Test
    void randomTextsAgreeWithANaiveMatcher() {
        String[] pieces = {"保", "本", "稳", "穩", "赚", "賺", "第", "一", "壹", "n", "o", "N", "Ｏ", "r", "1", "１", "0", "%",
            "％", " ", "　", "-", "。", "*", "\u200B", "😀", "\uD800", "\uDC00", "a", "\n", "的", "𠀀"};
        Random random = new Random(20250308L);
        BannedPhrases none = BannedPhrases.of(List.of());
        for (int round = 0; round < 300; round++) {
            List<String> phrases = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            while (phrases.size() < count) {
                String phrase = randomText(random, pieces, 1 + random.nextInt(4));
                if (!phrase.isBlank() && !none.normalise(phrase).isEmpty()) {
                    phrases.add(phrase);
                }
            }
            int gap = random.nextInt(4);
            BannedPhrases banned = BannedPhrases.builder().phrases(phrases).maxGap(gap).build();
            for (int t = 0; t < 20; t++) {
                String text = randomText(random, pieces, random.nextInt(60));
                List<PhraseHit> hits = banned.find(text);
                for (PhraseHit hit : hits) {
                    assertThat(hit.end()).as("round %d text %s", round, text).isLessThanOrEqualTo(text.length());
                    assertThat(banned.normalise(text.substring(hit.start(), hit.end())))
                            .as("round %d text %s hit %s", round, text, hit)
                            .isEqualTo(banned.normalise(hit.phrase()));
                }
                assertThat(new HashSet<>(hits)).as("round %d phrases %s gap %d text %s", round, phrases, gap, text)
                        .isEqualTo(naive(banned, text));
                assertThat(hits).doesNotHaveDuplicates();
            }
        }
    }

    private static String randomText(Random random, String[] pieces, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    /** Tries every start and phrase, character by character: quadratic, obviously right. */
    private static Set<PhraseHit> naive(BannedPhrases banned, String text) {
        List<int[]> significant = new ArrayList<>(); // {start, end, ignoredBefore}
        List<String> folded = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            String one = text.substring(i, i + width);
            String norm = banned.normalise(one);
            if (!norm.isEmpty()) {
                significant.add(new int[] {i, i + width, ignored});
                folded.add(norm);
                ignored = 0;
            } else if (TextFolding.classify(cp) == TextFolding.IGNORED) {
                ignored++;
            }
            i += width;
        }
        Set<PhraseHit> hits = new HashSet<>();
        for (String phrase : banned.phrases()) {
            String target = banned.normalise(phrase);
            for (int k = 0; k < significant.size(); k++) {
                // extend from k while the gaps allow it, until the phrase's length is reached
                StringBuilder seen = new StringBuilder(folded.get(k));
                int m = k;
                while (seen.length() < target.length() && m + 1 < significant.size()
                        && significant.get(m + 1)[2] <= banned.maxGap()) {
                    m++;
                    seen.append(folded.get(m));
                }
                if (!seen.toString().equals(target)) {
                    continue;
                }
                int start = significant.get(k)[0];
                int end = significant.get(m)[1];
                boolean latinStart = isAscii(target.charAt(0));
                boolean latinEnd = isAscii(target.charAt(target.length() - 1));
                boolean ok = !(latinStart && start > 0 && TextFolding.isLatinWordChar(text.charAt(start - 1)))
                        && !(latinEnd && end < text.length() && TextFolding.isLatinWordChar(text.charAt(end)));
                if (ok) {
                    hits.add(new PhraseHit(phrase, start, end));
                }
            }
        }
        return hits;
    }

    private static boolean isAscii(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
