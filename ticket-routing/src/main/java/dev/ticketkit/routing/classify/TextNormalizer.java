package dev.ticketkit.routing.classify;

/**
 * Folds text for keyword matching: lower case, full-width ASCII to half-width, curly quotes to straight ones,
 * common traditional Chinese characters to simplified ones, and runs of white space to one space. One pass,
 * one table lookup per char.
 */
final class TextNormalizer {
    private TextNormalizer() {}

    /** Traditional → simplified for characters that occur in shop inquiries (pairs: traditional, simplified). */
    private static final String TRADITIONAL =
            "貨货換换發发遞递運运壞坏質质錢钱訂订單单買买賣卖價价優优碼码號号還还開开銀银帳账賬账訴诉評评務务態态"
            + "騙骗詢询問问麼么沒没無无過过點点時时間间這这個个來来請请謝谢給给實实際际與与們们會会後后進进達达將将"
            + "錯错顏颜聯联繫系係系電电話话郵邮寄寄費费補补雙双紅红綠绿黃黄長长門门鐘钟網网頁页嗎吗帶带產产品品預预"
            + "額额擔担憑凭據据稅税專专業业歸归檢检驗验換换損损碎碎裂裂讓让處处理理應应該该幫帮忙忙馬马說说難难題题"
            + "寶宝貝贝圓圆漲涨滿满減减鬆松緊紧舊旧號号廠厂傳传輸输點点擊击認认證证號号銷销售售庫库存存準准確确離离"
            + "譜谱氣气憤愤極极糟糟糕糕圾圾垃垃騙骗詐诈謊谎誤误饋馈隊队擱搁置置遲迟慢慢趕赶緊紧急急聽听說说讀读寫写"
            + "國国际际內内線线條条樣样張张層层簽签收收貼贴鞋鞋襪袜褲裤裙裙衣衣為为麼么嗎吗呢呢啊啊吧吧";
    private static final char[] MAP = new char[0x10000];

    static {
        for (int i = 0; i < MAP.length; i++) {
            MAP[i] = (char) i;
        }
        for (int i = 0; i + 1 < TRADITIONAL.length(); i += 2) {
            MAP[TRADITIONAL.charAt(i)] = TRADITIONAL.charAt(i + 1);
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            MAP[c] = (char) (c + 32);
        }
        for (char c = '\uFF01'; c <= '\uFF5E'; c++) { // full-width ASCII
            char half = (char) (c - 0xFEE0);
            MAP[c] = half >= 'A' && half <= 'Z' ? (char) (half + 32) : half;
        }
        MAP['\u3000'] = ' ';
        MAP['\u2018'] = '\'';
        MAP['\u2019'] = '\'';
        MAP['\u201C'] = '"';
        MAP['\u201D'] = '"';
        MAP['\t'] = ' ';
        MAP['\r'] = '\n';
    }

    /** The folded text. */
    static String normalize(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char m = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : MAP[c];
            if (m != c || c >= 128) {
                // non-ASCII letters outside the table (accented Latin) fold through the JDK
                if (m == c && Character.isUpperCase(c)) {
                    m = Character.toLowerCase(c);
                }
            }
            if (m == ' ') {
                if (!space && b.length() > 0) {
                    b.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            b.append(m);
        }
        return b.toString();
    }

    /** Whether the char is a CJK ideograph. */
    static boolean isHan(char c) {
        return (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF');
    }

    /** Whether the char is part of a Latin word (letters, digits and the apostrophe of "don't"). */
    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || (c >= 'A' && c <= 'Z')
                || (c > 127 && Character.isLetterOrDigit(c) && !isHan(c));
    }

    /** Ends a clause: negation does not reach across these. */
    static boolean isBreak(char c) {
        return switch (c) {
            case ',', '.', ';', '!', '?', ':', '\n', '(', ')', '，', '。', '；', '！', '？', '、', '：', '（', '）', '~', '…' -> true;
            default -> false;
        };
    }
}
