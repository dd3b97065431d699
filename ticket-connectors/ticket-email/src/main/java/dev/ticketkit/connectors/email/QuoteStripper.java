package dev.ticketkit.connectors.email;

import java.util.regex.Pattern;

/**
 * Removes quoted history and recognised signatures from the text of a reply (English and Chinese), keeping every
 * line the customer wrote: when unsure, it keeps the quote.
 *
 * <p>The text is read as lines. Quoted lines start with {@code >} (after spaces); {@link HtmlText} marks the
 * content of HTML quote containers the same way. A <em>quote header</em> introduces history:
 * <ul>
 *   <li>a separator: {@code -----Original Message-----}, {@code -----原始邮件-----}, QQ/Foxmail
 *       {@code ------------------ 原始邮件 ------------------} and {@code ------------------ Original
 *       ------------------}, {@code -------- Original message --------} (Android), {@code ---- 回复的原邮件 ----} and
 *       {@code ---- Replied Message ----} (NetEase), {@code ---------- Forwarded message ---------},
 *       {@code ----- Forwarded message from … -----}, {@code -------- 转发邮件信息 --------},
 *       {@code Begin forwarded message:}, {@code ---- On … wrote ----} (Zoho), each with the header fields after it;</li>
 *   <li>an attribution: a line (or up to three wrapped lines starting with {@code On}, {@code At}, {@code 在} or a
 *       date) ending in {@code wrote:} or {@code 写道:}/{@code 写道：}, such as {@code On Mon, 3 Nov 2025 at 10:02,
 *       X <x@y> wrote:}, {@code At 2025-11-03 10:02:11, "X" <x@y> wrote:} (163), {@code 2025年11月3日周一 10:02，X
 *       <x@y> 写道：}, {@code 在 2025/11/3 10:02, X 写道:}; it counts only if it holds a date (a digit, a weekday or
 *       a month) or an address, so that a customer's "On your website you wrote:" or "说明书上写道：" is not taken for
 *       one;</li>
 *   <li>a header block: consecutive lines {@code From:}/{@code 发件人:}, {@code Sent:}/{@code Date:}/{@code 发送时间:}/
 *       {@code 日期:}, {@code To:}/{@code 收件人:}, {@code Cc:}/{@code 抄送:}, {@code Subject:}/{@code 主题:} in any order
 *       (Outlook, Foxmail, Samsung, …), with a sender, a date and a third field, and either an address in the sender or
 *       a time in the date (so a customer's "From: Shenzhen / To: Berlin / Date: 12 Nov" stays); a line of
 *       underscores or dashes just above goes with it.</li>
 * </ul>
 * A quote header followed by {@code >} lines introduces a marked quote: the header and the quote are dropped and
 * reading goes on after them, so an answer below the quote (bottom posting) or between its parts (interleaved
 * answers) is kept. A quote header followed by unmarked text (Outlook, QQ, Yahoo put the history there without
 * {@code >}) ends the reply: everything from it on is dropped, unless it carries no sure sign of being history (an
 * attribution needs a time or an address for this) or the text above it points below ("answers below", "see
 * inline", "in red", "见下方", "红字", …), in which case the whole text is kept, quote and all.
 *
 * <p>Of the rest, lines starting with {@code >} are dropped, except a single short quote in a message with no
 * quote header that the customer introduces with a colon ("Your product page says:") and writes on after; so are
 * the signature after the delimiter {@code "-- "} (up to the next quote, at most ten lines; a longer one is kept)
 * and client signatures such as {@code Sent from my iPhone}, {@code Sent from Outlook}, {@code Get Outlook for iOS},
 * {@code Sent from Yahoo Mail on Android}, {@code 发自我的iPhone}, {@code 来自我的华为手机}. Lines longer than 1,000
 * characters are never taken for a header or signature. Runs in time linear in the text.
 */
final class QuoteStripper {

    private static final int MAX_LINE = 1_000;
    /** Most wrapped lines an attribution spans. */
    private static final int ATTRIBUTION_LINES = 3;
    /** Most lines a header block spans, continuation lines included. */
    private static final int HEADER_LINES = 10;
    /** Most non-blank lines a signature after "-- " may have and still be dropped. */
    private static final int SIGNATURE_LINES = 10;
    /** Most lines a lone quote kept as the customer's citation may have. */
    private static final int LONE_QUOTE_LINES = 3;

    private static final Pattern SEPARATOR = Pattern.compile(
            "^\\s*-{2,}\\s*(original message|original|原始邮件|原始郵件|forwarded message|forwarded message from .{1,200}"
                    + "|转发邮件信息|转发的邮件|reply message|replied message|回复的原邮件)\\s*-{2,}\\s*$"
                    + "|^\\s*begin forwarded message\\s*[:：]\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Zoho's attribution, drawn as a separator. */
    private static final Pattern ZOHO = Pattern.compile("^\\s*-{2,}\\s*On\\s.{1,300}\\bwrote\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** "On … wrote:" followed by quoted text on the same line (Yahoo's Android app). */
    private static final Pattern WROTE_INSIDE = Pattern.compile("^\\s*On\\s.{5,300}?\\bwrote:\\s+\\S",
            Pattern.CASE_INSENSITIVE);
    /** How the first line of a wrapped attribution starts. */
    private static final Pattern OPENER = Pattern.compile("^\\s*(On|At|Le|Am)\\s|^\\s*在\\s*\\d|^\\s*\\d",
            Pattern.CASE_INSENSITIVE);
    /** Weekdays and months, by their first three letters (May is left out: a common word). */
    private static final java.util.Set<String> DATE_WORDS = java.util.Set.of("mon", "tue", "wed", "thu", "fri",
            "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final Pattern FIELD = Pattern.compile(
            "^\\s*[*|]?\\s*(from|sent|date|to|cc|subject|发件人|发送时间|日期|时间|收件人|抄送|主[\\s\u3000]*题)"
                    + "\\s*[*|]?\\s*[:：|]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE = Pattern.compile("^\\s*(_{5,}|-{5,})\\s*$");
    private static final Pattern SIG_DELIM = Pattern.compile("^-- $");
    private static final Pattern MOBILE_SIG = Pattern.compile(
            "^\\s*(sent from my \\S.{0,40}|sent from (mail|outlook|yahoo mail|mail for windows)\\b.{0,60}"
                    + "|get outlook for (ios|android)\\b.{0,60}|sent from my huawei.{0,40}"
                    + "|(发自|来自)我的\\S.{0,20}|从我的\\S.{0,20}发送|获取\\s*outlook\\s.{0,60}|发自网易邮箱.{0,12})\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** Text above history that says the answers are in it. */
    private static final Pattern POINTS_BELOW = Pattern.compile(
            "\\b(answers?|replies|replied|comments?|responses?|notes?)\\b.{0,40}"
                    + "\\b(below|inline|in-line|in red|in blue|in green)\\b"
                    + "|\\b(see|find)\\b.{0,20}\\b(below|inline)\\b"
                    + "|(见|看|在)(下方|下面|下文|正文|文中)|[红蓝绿]色?字|逐条(回复|答复)",
            Pattern.CASE_INSENSITIVE);

    /** A line {@link #POINTS_BELOW} can match holds one of these. */
    private static final String[] POINTS_BELOW_HINTS = {"elow", "ELOW", "nline", "NLINE", "n-line", "red", "RED",
        "blue", "BLUE", "green", "GREEN", "下方", "下面", "下文", "正文", "文中", "字", "逐条"};

    /** First characters a {@link #FIELD} line can start with (after whitespace). */
    private static final String FIELD_LEADS = "fFsSdDtTcC*|发日时收抄主";
    /** First characters a {@link #MOBILE_SIG} line can start with (after whitespace). */
    private static final String MOBILE_LEADS = "sSgG发来从获";

    /** Header field kinds of lines ({@link #fields}). */
    private static final byte NO_FIELD = 0;
    private static final byte SENDER = 1;
    private static final byte SENT = 2;
    private static final byte OTHER_FIELD = 3;

    private QuoteStripper() {
    }

    /** A quote header over lines {@code start..end}; {@code sure} if it may end the reply on its own. */
    private record Header(int start, int end, boolean sure) {
    }

    static String strip(String text) {
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        boolean[] drop = new boolean[n];
        byte[] fields = fields(lines);
        boolean anyHeader = false;
        int cut = n;
        int readForPointer = 0; // lines before this were looked at by pointsBelow
        boolean pointsBelow = false;
        for (int i = 0; i < n; i++) {
            Header h = header(lines, fields, i);
            if (h == null) {
                continue;
            }
            anyHeader = true;
            int next = nextNonBlank(lines, h.end() + 1);
            if (next < n && quoted(lines[next])) {
                for (int k = h.start(); k <= h.end(); k++) {
                    drop[k] = true;
                }
                i = h.end();
                continue;
            }
            if (h.sure()) {
                for (; readForPointer < h.start() && !pointsBelow; readForPointer++) {
                    pointsBelow = pointsBelow(lines[readForPointer]) && !drop[readForPointer];
                }
                if (!pointsBelow) {
                    cut = ruleAbove(lines, h.start());
                    break;
                }
            }
            i = h.end();
        }
        boolean keepLoneQuote = !anyHeader && loneQuoteCited(lines, cut);
        StringBuilder kept = new StringBuilder(text.length());
        boolean any = false;
        for (int i = 0; i < cut; i++) {
            String line = lines[i];
            if (drop[i] || quoted(line) && !keepLoneQuote) {
                continue;
            }
            if (line.length() <= MAX_LINE) {
                if (line.startsWith("-- ") && SIG_DELIM.matcher(line).matches()) {
                    int end = signatureEnd(lines, i + 1, cut, drop);
                    if (end >= 0) {
                        i = end - 1;
                        continue;
                    }
                } else if (MOBILE_LEADS.indexOf(firstNonSpace(line)) >= 0 && MOBILE_SIG.matcher(line).matches()) {
                    continue;
                }
            }
            if (any) {
                kept.append('\n');
            }
            kept.append(line);
            any = true;
        }
        return HtmlText.tidy(kept);
    }

    /** The quote header starting (or, for an attribution, ending) at line {@code i}, or {@code null}. */
    private static Header header(String[] lines, byte[] fields, int i) {
        String line = lines[i];
        if (line.length() > MAX_LINE || quoted(line) || line.isBlank()) {
            return null;
        }
        char lead = firstNonSpace(line);
        boolean dashes = line.contains("--");
        if ((dashes || lead == 'B' || lead == 'b')
                && (SEPARATOR.matcher(line).matches() || dashes && ZOHO.matcher(line).matches())) {
            return new Header(i, fieldsAfter(lines, fields, i + 1) - 1, true);
        }
        if (fields[i] != NO_FIELD) {
            int end = headerBlockEnd(lines, fields, i);
            if (end > i) {
                return new Header(i, end - 1, true);
            }
        }
        return attribution(lines, i, lead);
    }

    /** Whether the line has what a {@link #FIELD} needs after the name (cheap; most lines have none). */
    private static boolean hasFieldMark(String line) {
        return line.indexOf(':') >= 0 || line.indexOf('：') >= 0 || line.indexOf('|') >= 0;
    }

    /** The last character that is not whitespace, or 0. */
    private static char lastNonSpace(String line) {
        for (int i = line.length() - 1; i >= 0; i--) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return 0;
    }

    /** An attribution ending at line {@code i}, wrapped over at most {@link #ATTRIBUTION_LINES} lines. */
    private static Header attribution(String[] lines, int i, char lead) {
        String line = lines[i];
        char last = lastNonSpace(line);
        if (last != ':' && last != '：') {
            int wrote = line.indexOf("wrote:");
            if (wrote > 0 && (lead == 'O' || lead == 'o') && WROTE_INSIDE.matcher(line).find()) {
                String upTo = line.substring(0, wrote);
                return hasTime(upTo) || upTo.indexOf('@') >= 0 ? new Header(i, i, true) : null;
            }
            return null;
        }
        if (!endsWithWrote(line)) {
            return null;
        }
        int start = i;
        if (!OPENER.matcher(line).find()) {
            for (int k = i - 1; k >= 0 && k > i - ATTRIBUTION_LINES; k--) {
                if (lines[k].isBlank() || lines[k].length() > MAX_LINE || quoted(lines[k])) {
                    break;
                }
                if (OPENER.matcher(lines[k]).find()) {
                    if (!endsSentence(lines[k])) {
                        start = k; // a sentence of the customer's ends with a full stop; a wrapped attribution does not
                    }
                    break;
                }
            }
        }
        StringBuilder joined = new StringBuilder();
        for (int k = start; k <= i; k++) {
            joined.append(lines[k]).append(' ');
        }
        if (joined.length() > 400) {
            return null;
        }
        boolean address = joined.indexOf("@") >= 0;
        if (address || hasTime(joined)) {
            return new Header(start, i, true);
        }
        return hasDigit(joined) || hasDateWord(joined) ? new Header(start, i, false) : null;
    }

    /** The header field kind of each line (one {@link #FIELD} match at most per line). */
    private static byte[] fields(String[] lines) {
        byte[] kinds = new byte[lines.length];
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.length() > MAX_LINE || FIELD_LEADS.indexOf(firstNonSpace(line)) < 0 || !hasFieldMark(line)) {
                continue;
            }
            java.util.regex.Matcher m = FIELD.matcher(line);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
            kinds[i] = switch (name) {
                case "from", "发件人" -> SENDER;
                case "sent", "date", "发送时间", "日期", "时间" -> SENT;
                default -> OTHER_FIELD;
            };
        }
        return kinds;
    }

    /** The end (exclusive) of an Outlook-style header block starting at {@code from}, or {@code from} if none. */
    private static int headerBlockEnd(String[] lines, byte[] fields, int from) {
        boolean sender = false;
        boolean date = false;
        int others = 0;
        boolean evidence = false;
        int j = from;
        int last = from;
        while (j < lines.length && j < from + HEADER_LINES) {
            String line = lines[j];
            if (fields[j] != NO_FIELD) {
                switch (fields[j]) {
                    case SENDER -> {
                        sender = true;
                        evidence |= line.indexOf('@') >= 0;
                    }
                    case SENT -> {
                        date = true;
                        evidence |= hasTime(line);
                    }
                    default -> others++;
                }
                last = j;
                j++;
            } else if (!line.isBlank() && j > from && j + 1 < lines.length && fields[j + 1] != NO_FIELD) {
                j++; // a wrapped field value
            } else {
                break;
            }
        }
        return sender && date && others >= 1 && evidence ? last + 1 : from;
    }

    /** After a separator: the index after its header fields (field lines, NetEase table rows, blanks). */
    private static int fieldsAfter(String[] lines, byte[] fields, int from) {
        int j = from;
        int end = from;
        while (j < lines.length && j < from + HEADER_LINES + 2) {
            String line = lines[j];
            if (line.isBlank()) {
                j++;
                continue;
            }
            if (fields[j] != NO_FIELD || line.length() <= MAX_LINE && firstNonSpace(line) == '|') {
                j++;
                end = j;
                continue;
            }
            break;
        }
        return end;
    }

    /** The first non-blank line at or after {@code from} ({@code lines.length} if none). */
    private static int nextNonBlank(String[] lines, int from) {
        int j = from;
        while (j < lines.length && lines[j].isBlank()) {
            j++;
        }
        return j;
    }

    /** The cut for history starting at {@code start}: a line of underscores or dashes just above goes too. */
    private static int ruleAbove(String[] lines, int start) {
        int prev = start - 1;
        while (prev >= 0 && lines[prev].isBlank()) {
            prev--;
        }
        return prev >= 0 && lines[prev].length() <= MAX_LINE && RULE.matcher(lines[prev]).matches() ? prev : start;
    }

    /** Whether a line of the customer's says that answers follow in the history below it. */
    private static boolean pointsBelow(String line) {
        if (quoted(line) || line.length() > MAX_LINE) {
            return false;
        }
        for (String hint : POINTS_BELOW_HINTS) { // cheap: most lines have none of them
            if (line.contains(hint)) {
                return POINTS_BELOW.matcher(line).find();
            }
        }
        return false;
    }

    /**
     * The end (exclusive) of a signature whose delimiter is just above {@code from}: the next quote or dropped
     * header, or {@code cut}; or -1 if the signature would have more than {@link #SIGNATURE_LINES} lines.
     */
    private static int signatureEnd(String[] lines, int from, int cut, boolean[] drop) {
        int nonBlank = 0;
        for (int j = from; j < cut; j++) {
            if (drop[j] || quoted(lines[j])) {
                return j;
            }
            if (!lines[j].isBlank() && ++nonBlank > SIGNATURE_LINES) {
                return -1;
            }
        }
        return cut;
    }

    /**
     * Whether the text before {@code cut} holds exactly one short run of {@code >} lines that the customer
     * introduces with a colon (not an attribution) and writes on after: their own citation, kept.
     */
    private static boolean loneQuoteCited(String[] lines, int cut) {
        int blockStart = -1;
        int blockEnd = -1;
        for (int i = 0; i < cut; i++) {
            if (quoted(lines[i])) {
                if (blockStart >= 0 && blockEnd < i - 1) {
                    return false; // a second quote
                }
                if (blockStart < 0) {
                    blockStart = i;
                }
                blockEnd = i;
            }
        }
        if (blockStart < 0 || blockEnd - blockStart + 1 > LONE_QUOTE_LINES || blockStart == 0) {
            return false;
        }
        String intro = lines[blockStart - 1].strip();
        if (!(intro.endsWith(":") || intro.endsWith("：")) || endsWithWrote(intro)) {
            return false;
        }
        return nextNonBlank(lines, blockEnd + 1) < cut;
    }

    /** Whether the line ends in {@code wrote:}, {@code writes:} or {@code 写道:} (either colon, spaces around). */
    private static boolean endsWithWrote(String line) {
        int e = line.length();
        while (e > 0 && Character.isWhitespace(line.charAt(e - 1))) {
            e--;
        }
        if (e == 0 || line.charAt(e - 1) != ':' && line.charAt(e - 1) != '：') {
            return false;
        }
        e--;
        while (e > 0 && Character.isWhitespace(line.charAt(e - 1))) {
            e--;
        }
        if (line.startsWith("写道", e - 2)) {
            return true;
        }
        for (String word : new String[] {"wrote", "writes"}) {
            int s = e - word.length();
            if (s >= 0 && line.regionMatches(true, s, word, 0, word.length())
                    && (s == 0 || !Character.isLetterOrDigit(line.charAt(s - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text holds a time such as {@code 10:02} or {@code 10：02}. */
    private static boolean hasTime(CharSequence text) {
        for (int k = 1; k + 1 < text.length(); k++) {
            char c = text.charAt(k);
            if ((c == ':' || c == '：') && isDigit(text.charAt(k - 1)) && isDigit(text.charAt(k + 1))
                    && k + 2 < text.length() && isDigit(text.charAt(k + 2))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the text names a weekday or month: a word of 3 to 9 letters starting with one of {@link #DATE_WORDS}
     * ("Wed", "November"), or 周一…周日, 星期.
     */
    private static boolean hasDateWord(CharSequence text) {
        int n = text.length();
        for (int k = 0; k < n; k++) {
            char c = text.charAt(k);
            if (c == '星' && k + 1 < n && text.charAt(k + 1) == '期'
                    || c == '周' && k + 1 < n && "一二三四五六日天".indexOf(text.charAt(k + 1)) >= 0) {
                return true;
            }
            if (isAsciiLetter(c) && (k == 0 || !isAsciiLetter(text.charAt(k - 1)))) {
                int e = k;
                while (e < n && isAsciiLetter(text.charAt(e))) {
                    e++;
                }
                if (e - k >= 3 && e - k <= 9 && DATE_WORDS.contains(text.subSequence(k, k + 3).toString()
                        .toLowerCase(java.util.Locale.ROOT))) {
                    return true;
                }
                k = e - 1;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean hasDigit(CharSequence text) {
        for (int k = 0; k < text.length(); k++) {
            if (isDigit(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean endsSentence(String line) {
        String s = line.stripTrailing();
        return !s.isEmpty() && ".!?。！？".indexOf(s.charAt(s.length() - 1)) >= 0;
    }

    /** @return the first character that is not regex {@code \s}, or 0 */
    private static char firstNonSpace(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r') {
                return c;
            }
        }
        return 0;
    }

    /** Whether the line starts with {@code >} after whitespace ({@link String#stripLeading()}). */
    private static boolean quoted(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '>';
            }
        }
        return false;
    }
}
