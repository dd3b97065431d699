package dev.ticketkit.connectors.email;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Decides whether a message was generated automatically (auto-reply, out-of-office, bounce,
 * read receipt). See the package documentation for the exact rules; in short, any one
 * <em>proof</em> is enough, while <em>hints</em> count only together with a weak subject match.
 */
final class AutoReplyDetector {

    /** Subject starts that prove an automatic message (after optional [ or 【). */
    private static final Pattern SUBJECT_PROOF = Pattern.compile(
            "^[\\[【(（]?\\s*(auto:|auto-reply|autoreply|auto reply:|automatic reply|"
                    + "out of (the )?office|自动回复|自動回覆|undeliverable:|undelivered mail|"
                    + "delivery status notification|mail delivery failed|returned mail:|"
                    + "delivery failure|failure notice|系统退信|退信)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Subject words that together with a hint header make an automatic message. */
    private static final Pattern SUBJECT_WEAK = Pattern.compile(
            "(out of (the )?office|automatic reply|auto-?reply|autoreply|自动回复|休假|不在办公室|"
                    + "vacation|away from)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private AutoReplyDetector() {
    }

    /**
     * @param header returns the unfolded value of the first header with a name, or {@code null}
     * @param fromAddress the bare From address, may be empty
     * @param subject the decoded subject, may be empty
     * @param contentType the top-level content type
     */
    static boolean isAutomatic(Function<String, String> header, String fromAddress, String subject,
                               MimeParams contentType) {
        String autoSubmitted = token(header.apply("Auto-Submitted"));
        if (autoSubmitted != null && !autoSubmitted.isEmpty() && !autoSubmitted.equals("no")) {
            return true;
        }
        if (present(header.apply("X-Autoreply")) || present(header.apply("X-Autorespond"))
                || present(header.apply("X-Autoresponder"))) {
            return true;
        }
        String precedence = token(header.apply("Precedence"));
        if ("auto_reply".equals(precedence) || "bulk".equals(precedence)
                || "junk".equals(precedence)) {
            return true;
        }
        if (contentType.value.equals("multipart/report")) {
            String type = contentType.get("report-type");
            type = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
            if (type.equals("delivery-status") || type.equals("disposition-notification")) {
                return true;
            }
        }
        String local = fromAddress.contains("@")
                ? fromAddress.substring(0, fromAddress.indexOf('@')) : fromAddress;
        local = local.toLowerCase(Locale.ROOT);
        if (local.equals("mailer-daemon") || local.equals("postmaster")) {
            return true;
        }
        String subj = subject.strip();
        if (subj.length() <= 1_000 && SUBJECT_PROOF.matcher(subj).lookingAt()) {
            return true;
        }
        boolean hint = oofSuppress(header.apply("X-Auto-Response-Suppress"))
                || present(header.apply("X-MS-Exchange-Generated-Message-Source"));
        return hint && subj.length() <= 1_000 && SUBJECT_WEAK.matcher(subj).find();
    }

    private static boolean oofSuppress(String value) {
        if (value == null) {
            return false;
        }
        String v = value.toLowerCase(Locale.ROOT);
        return v.contains("oof") || v.contains("all");
    }

    private static boolean present(String value) {
        if (value == null) {
            return false;
        }
        String v = token(value);
        return !v.equals("no") && !v.equals("false") && !v.equals("0");
    }

    /** The first token of a structured value, lower case, without comments or parameters. */
    private static String token(String value) {
        if (value == null) {
            return null;
        }
        String v = value.replaceAll("\\([^)]*\\)", " ");
        int semi = v.indexOf(';');
        if (semi >= 0) {
            v = v.substring(0, semi);
        }
        return v.trim().toLowerCase(Locale.ROOT);
    }
}
