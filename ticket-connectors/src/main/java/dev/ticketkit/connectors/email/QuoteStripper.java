package dev.ticketkit.connectors.email;

import java.util.ArrayList;
import java.util.List;
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
            if (SEPARATOR.matcher(line).matches() || ON_WROTE.matcher(line).matches()
                    || CN_WROTE.matcher(line).matches() || SIG_DELIM.matcher(line).matches()
                    || MOBILE_SIG.matcher(line).matches()) {
                cut = i;
            } else if (ON_START.matcher(line).matches() && i + 1 < lines.length
                    && lines[i + 1].length() <= MAX_LINE
                    && WROTE_END.matcher(lines[i + 1]).matches()) {
                cut = i;
            } else if (HEADER_FROM.matcher(line).matches() && outlookBlock(lines, i)) {
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
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < cut; i++) {
            if (!lines[i].stripLeading().startsWith(">")) {
                kept.add(lines[i]);
            }
        }
        return HtmlText.tidy(String.join("\n", kept));
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
