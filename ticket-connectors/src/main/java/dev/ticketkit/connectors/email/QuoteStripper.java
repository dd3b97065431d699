package dev.ticketkit.connectors.email;

import java.util.regex.Pattern;

/**
 * Removes quoted history and recognised signatures from plain text (English and Chinese).
 *
 * <p>The text is cut at the first line that starts quoted history or a signature:
 * <ul>
 *   <li>a separator: {@code -----Original Message-----}, {@code -----原始邮件-----},
 *       {@code ------------------ 原始邮件 ------------------} (QQ/Foxmail),
 *       {@code ---------- Forwarded message ---------}, {@code -------- 转发邮件信息 --------};</li>
 *   <li>an attribution: a line {@code On … wrote:} (also wrapped over two lines), or a line ending
 *       in {@code 写道:}/{@code 写道：} (e.g. {@code 在 … 写道:}, {@code … 于 … 写道：});</li>
 *   <li>an Outlook header block: a {@code From:}/{@code 发件人:} line followed within five lines by
 *       two of {@code Sent:}/{@code Date:}/{@code 发送时间:}/{@code 日期:}, {@code To:}/{@code 收件人:},
 *       {@code Subject:}/{@code 主题:} (a line of underscores just above is cut too);</li>
 *   <li>the signature delimiter {@code "-- "} (also {@code "--"}), or a mobile signature such as
 *       {@code Sent from my iPhone}, {@code Sent from my Huawei …}, {@code Get Outlook for iOS},
 *       {@code 发自我的iPhone}, {@code 来自我的华为手机}.</li>
 * </ul>
 * Above the cut, lines starting with {@code >} are dropped (interleaved quoting).
 */
final class QuoteStripper {

    private static final int MAX_LINE = 1_000;

    private static final Pattern SEPARATOR = Pattern.compile(
            "^\\s*-{2,}\\s*(original message|原始邮件|原始郵件|forwarded message|转发邮件信息|"
                    + "转发的邮件|reply message|回复的原邮件)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ON_WROTE = Pattern.compile(
            "^\\s*On\\s.*\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ON_START = Pattern.compile("^\\s*On\\s.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern WROTE_END = Pattern.compile(".*\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CN_WROTE = Pattern.compile("^.{0,300}写道\\s*[:：]\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile(
            "^\\s*\\*?\\s*(from|发件人)\\s*\\*?\\s*[:：].*", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_OTHER = Pattern.compile(
            "^\\s*\\*?\\s*(sent|date|发送时间|日期|时间|to|收件人|subject|主题|cc|抄送)\\s*\\*?\\s*[:：].*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE = Pattern.compile("^\\s*(_{5,}|-{5,})\\s*$");
    private static final Pattern SIG_DELIM = Pattern.compile("^-- ?$");
    private static final Pattern MOBILE_SIG = Pattern.compile(
            "^\\s*(sent from my \\S.{0,40}|sent from (mail|outlook|yahoo mail|mail for windows)\\b.{0,40}"
                    + "|get outlook for (ios|android)\\b.{0,20}|sent from my huawei.{0,40}"
                    + "|(发自|来自)我的\\S.{0,20}|从我的\\S.{0,20}发送)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private QuoteStripper() {
    }

    static String strip(String text) {
        String[] lines = text.split("\n", -1);
        int cut = lines.length;
        for (int i = 0; i < lines.length && cut == lines.length; i++) {
            String line = lines[i];
            if (line.length() > MAX_LINE) {
                continue;
            }
            // Each pattern is tried only on lines that have what it needs (a cheap test that
            // never rejects a line the pattern would match): most lines match no pattern.
            char lead = firstNonSpace(line);
            boolean onLine = lead == 'o' || lead == 'O';
            boolean colon = line.indexOf(':') >= 0 || line.indexOf('：') >= 0;
            if (line.contains("--") && SEPARATOR.matcher(line).matches()
                    || onLine && colon && ON_WROTE.matcher(line).matches()
                    || line.contains("写道") && CN_WROTE.matcher(line).matches()
                    || line.startsWith("--") && SIG_DELIM.matcher(line).matches()
                    || MOBILE_LEADS.indexOf(lead) >= 0 && MOBILE_SIG.matcher(line).matches()) {
                cut = i;
            } else if (onLine && ON_START.matcher(line).matches() && i + 1 < lines.length
                    && lines[i + 1].length() <= MAX_LINE
                    && WROTE_END.matcher(lines[i + 1]).matches()) {
                cut = i;
            } else if (colon && FROM_LEADS.indexOf(lead) >= 0 && HEADER_FROM.matcher(line).matches()
                    && outlookBlock(lines, i)) {
                cut = i;
                int prev = i - 1;
                while (prev >= 0 && lines[prev].isBlank()) {
                    prev--;
                }
                if (prev >= 0 && RULE.matcher(lines[prev]).matches()) {
                    cut = prev;
                }
            }
        }
        StringBuilder kept = new StringBuilder(text.length());
        boolean any = false;
        for (int i = 0; i < cut; i++) {
            if (!quoted(lines[i])) {
                if (any) {
                    kept.append('\n');
                }
                kept.append(lines[i]);
                any = true;
            }
        }
        return HtmlText.tidy(kept);
    }

    /** First characters a {@link #HEADER_FROM} line can start with (after whitespace). */
    private static final String FROM_LEADS = "fF*发";
    /** First characters a {@link #MOBILE_SIG} line can start with (after whitespace). */
    private static final String MOBILE_LEADS = "sSgG发来从";

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

    private static boolean outlookBlock(String[] lines, int from) {
        int hits = 0;
        for (int j = from + 1; j < lines.length && j <= from + 6; j++) {
            if (lines[j].length() <= MAX_LINE && HEADER_OTHER.matcher(lines[j]).matches()) {
                hits++;
            }
        }
        return hits >= 2;
    }
}
