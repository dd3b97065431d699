package dev.ticketkit.compliance;

import java.util.Map;

/**
 * How one character is seen by {@link BannedPhrases}: folded (full-width to half-width, Latin upper to lower case,
 * traditional to simplified through a variant table) and then classed as significant, ignored or invisible.
 *
 * <p>Package-private: the rules are documented on {@link BannedPhrases}.
 */
final class TextFolding {

    /** An ignored character (space, punctuation, symbol, control): counts towards the gap limit. */
    static final int IGNORED = -1;
    /** An invisible character (format characters such as U+200B, combining marks): does not count. */
    static final int INVISIBLE = -2;
    /** Marker in the per-char table: a surrogate, to be decoded as a code point first. */
    static final int SURROGATE = -3;
    /** A significant character (letter, digit, %, currency sign). */
    static final int SIGNIFICANT = 0;

    /**
     * The built-in variant table: traditional (and a few other) forms of the characters found in common banned
     * phrases, each mapped to its simplified form. Deliberately small; extend it per matcher with
     * {@link BannedPhrases.Builder#variant(char, char)}.
     */
    static final Map<Character, Character> BUILT_IN_VARIANTS = table(
            // money, risk and promises
            "險险", "賺赚", "穩稳", "賠赔", "虧亏", "損损", "無无", "風风", "證证", "額额", "錢钱", "費费", "貸贷",
            "輸输", "贏赢", "資资", "財财", "報报", "穫获", "獲获", "萬万", "億亿", "壹一", "貳二",
            // absolute terms (Advertising Law art. 9)
            "國国", "級级", "權权", "實实", "寶宝", "點点", "絕绝", "對对", "價价", "網网", "獨独", "優优", "極极",
            "頂顶", "際际", "專专", "勝胜", "頭头", "領领", "導导", "質质", "標标", "準准", "確确", "純纯",
            "歷历", "創创", "僅仅", "銷销", "總总", "廠厂", "統统", "驗验", "療疗", "癒愈",
            "顯显", "靈灵", "誠诚", "獎奖", "勵励", "團团", "貨货", "開开", "發发", "業业", "長长", "時时", "間间",
            "線线", "來来", "為为", "體体", "敗败", "務务", "護护", "衛卫", "藥药", "鐘钟", "與与", "後后");

    private TextFolding() {
    }

    private static Map<Character, Character> table(String... pairs) {
        java.util.HashMap<Character, Character> map = new java.util.HashMap<>();
        for (String pair : pairs) {
            if (pair.charAt(0) != pair.charAt(1)) {
                map.put(pair.charAt(0), pair.charAt(1));
            }
        }
        return Map.copyOf(map);
    }

    /** Full-width ASCII to ASCII, then Latin upper case to lower case (variants are applied by the caller). */
    static int foldWidthAndCase(int cp) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            cp -= 0xFEE0;
        } else if (cp == 0x3000) {
            cp = ' ';
        } else if (cp == 0xFFE5) {
            cp = 0xA5; // full-width yen sign
        } else if (cp == 0xFFE0 || cp == 0xFFE1) {
            cp -= 0xFF3E; // full-width cent and pound signs
        }
        if (cp >= 'A' && cp <= 'Z') {
            return cp + ('a' - 'A');
        }
        if (cp >= 0xC0 && cp < 0x250 && Character.isUpperCase(cp)) {
            return Character.toLowerCase(cp);
        }
        return cp;
    }

    /** The class of an already folded code point: {@link #SIGNIFICANT}, {@link #IGNORED} or {@link #INVISIBLE}. */
    static int classify(int cp) {
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CURRENCY_SYMBOL -> {
                return SIGNIFICANT;
            }
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.FORMAT -> {
                return INVISIBLE;
            }
            default -> {
                return cp == '%' || cp == '‰' || cp == '‱' ? SIGNIFICANT : IGNORED;
            }
        }
    }

    /** True if the char, folded for width and case, is an ASCII letter or digit (used for Latin word edges). */
    static boolean isLatinWordChar(char c) {
        int f = foldWidthAndCase(c);
        return (f >= 'a' && f <= 'z') || (f >= '0' && f <= '9');
    }
}
