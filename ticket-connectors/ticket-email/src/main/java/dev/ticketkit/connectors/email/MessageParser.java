package dev.ticketkit.connectors.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One parse run over one raw message. Not thread-safe; used once. */
final class MessageParser {

    private static final Logger LOG = LoggerFactory.getLogger(MessageParser.class);
    private static final int MAX_IDS = 500;
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]{1,998})>");
    private static final Pattern META_CHARSET =
            Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9_:.-]{1,40})", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]{1,100}");
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/png", ".png"), Map.entry("image/jpeg", ".jpg"),
            Map.entry("image/jpg", ".jpg"), Map.entry("image/gif", ".gif"),
            Map.entry("image/webp", ".webp"), Map.entry("application/pdf", ".pdf"),
            Map.entry("text/plain", ".txt"), Map.entry("text/html", ".html"),
            Map.entry("text/calendar", ".ics"), Map.entry("text/csv", ".csv"),
            Map.entry("message/rfc822", ".eml"), Map.entry("message/delivery-status", ".txt"),
            Map.entry("text/rfc822-headers", ".txt"), Map.entry("application/zip", ".zip"));

    private final EmailParser cfg;
    private final byte[] raw;
    private final Warnings warnings = new Warnings();
    private final StringBuilder plain = new StringBuilder();
    private final StringBuilder html = new StringBuilder();
    private final List<ParsedAttachment> attachments = new ArrayList<>();
    private int parts;
    private boolean plainCut;
    private boolean htmlCut;

    MessageParser(EmailParser cfg, byte[] raw) {
        this.cfg = cfg;
        this.raw = raw;
    }

    ParsedEmail parse() {
        HeaderScan.checkTopLevel(raw, cfg.maxHeaderBytes(), cfg.maxHeaderCount());
        try {
            return parseChecked();
        } catch (EmailParseException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A safety net: a defect here or in a library must not escape as anything else.
            // Not the throwable: its message may quote the input (a header value, a charset label).
            StackTraceElement[] at = e.getStackTrace();
            LOG.debug("unexpected failure while parsing a message of {} bytes: {} at {}", raw.length,
                    e.getClass().getName(), at.length > 0 ? at[0] : "?");
            throw new EmailParseException("unexpected failure while parsing the message", e);
        }
    }

    private ParsedEmail parseChecked() {
        RawPart msg = RawPart.parse(raw, 0, raw.length);
        List<Addresses.Address> fromList = addresses(msg, "From");
        if (fromList.isEmpty()) {
            fromList = addresses(msg, "Sender");
        }
        String from = fromList.isEmpty() ? "" : fromList.get(0).address();
        String fromName = fromList.isEmpty() ? "" : fromList.get(0).name();
        List<String> to = bare(addresses(msg, "To"));
        List<String> cc = bare(addresses(msg, "Cc"));
        String subject = clean(HeaderText.decode(header(msg, "Subject"), warnings));

        List<String> ids = ids(header(msg, "Message-ID"));
        boolean synthesised = ids.isEmpty();
        String messageId = synthesised ? synthesiseId() : ids.get(0);
        List<String> replyIds = ids(header(msg, "In-Reply-To"));
        String inReplyTo = replyIds.isEmpty() ? null : replyIds.get(0);
        List<String> references = ids(header(msg, "References"));

        Instant date = null;
        String dateHeader = header(msg, "Date");
        if (dateHeader != null) {
            date = MailDates.parse(HeaderText.unfold(dateHeader));
            if (date == null) {
                warnings.add("unparseable Date header ignored");
            }
        }

        MimeParams contentType = contentType(msg);
        walk(msg, contentType, 0);

        String text;
        String sanitised = "";
        Document htmlDoc = null;
        Document cleanDoc = null;
        String flatHtmlText = null;
        if (html.length() > 0) {
            String htmlSource = html.toString();
            if (HtmlText.tooDeep(htmlSource)) {
                warnings.add("HTML nested deeper than " + HtmlText.MAX_DEPTH
                        + " elements; HTML dropped, text kept without structure");
                flatHtmlText = HtmlText.flatText(htmlSource);
            } else {
                htmlDoc = HtmlText.parse(htmlSource);
                cleanDoc = HtmlText.sanitise(htmlDoc);
                sanitised = HtmlText.bodyHtml(cleanDoc);
            }
        }
        if (plain.length() > 0) {
            text = normaliseNewlines(plain).strip();
        } else if (htmlDoc != null) {
            text = HtmlText.toText(cleanDoc);
        } else if (flatHtmlText != null) {
            text = flatHtmlText;
        } else {
            text = "";
        }
        if (text.length() > cfg.maxTextChars()) {
            text = text.substring(0, cfg.maxTextChars());
            plainCut = true;
        }
        if (plainCut) {
            warnings.add("text body longer than the limit of " + cfg.maxTextChars() + " chars; cut");
        }
        if (htmlCut) {
            warnings.add("HTML body longer than the limit of " + cfg.maxTextChars() + " chars; cut");
        }
        String replyText;
        if (plain.length() > 0 || htmlDoc == null) {
            replyText = QuoteStripper.strip(text);
        } else {
            replyText = QuoteStripper.strip(HtmlText.quoteMarkedText(htmlDoc));
        }
        boolean autoReply = AutoReplyDetector.isAutomatic(
                name -> unfoldedOrNull(header(msg, name)), from, subject, contentType);
        return new ParsedEmail(from, fromName, to, cc, subject, messageId, synthesised, inReplyTo,
                references, date, text, sanitised, replyText, attachments, autoReply,
                warnings.toList());
    }

    // ---------------------------------------------------------------- MIME tree

    private void walk(RawPart part, MimeParams ct, int depth) {
        if (++parts > cfg.maxParts()) {
            warnings.add("more than " + cfg.maxParts() + " MIME parts; the rest skipped");
            return;
        }
        String cte = unfoldedOrNull(header(part, "Content-Transfer-Encoding"));
        if (ct.value.startsWith("multipart/")) {
            expand(part, ct, cte, depth);
            return;
        }
        String dispHeader = header(part, "Content-Disposition");
        MimeParams cd = dispHeader == null ? null : MimeParams.parse(dispHeader, warnings);
        if (ct.value.equals("message/rfc822")) {
            attachedMessage(part, ct, cd, cte);
            return;
        }
        String filename = filename(ct, cd);
        boolean attachmentDisposition = cd != null && cd.value.equals("attachment");
        boolean textBody = ct.value.equals("text/plain") || ct.value.equals("text/html");
        if (textBody && !attachmentDisposition && filename == null) {
            bodyText(part, ct, cte);
        } else {
            attachment(part, ct, cd, cte, filename);
        }
    }

    private void expand(RawPart part, MimeParams ct, String cte, int depth) {
        if (depth >= cfg.maxMimeDepth()) {
            warnings.add("MIME nesting deeper than " + cfg.maxMimeDepth() + "; inner parts skipped");
            return;
        }
        String boundary = ct.get("boundary");
        int remaining = cfg.maxParts() - parts;
        boolean encoded = cte != null && !TOKEN_IDENTITY.contains(cte.toLowerCase(Locale.ROOT));
        byte[] buf;
        int start;
        int end;
        if (encoded) { // illegal for multiparts, but seen: decode first
            TransferDecoding.Sink sink = decode(part, cte, EmailParser.MAX_ARRAY);
            buf = sink.keptBytes();
            start = 0;
            end = buf.length;
        } else {
            buf = part.buffer();
            start = part.bodyStart();
            end = part.end();
        }
        int delimiters = Delimiters.count(buf, start, end, boundary, remaining + 2);
        if (delimiters - 1 > remaining) {
            warnings.add("more than " + cfg.maxParts() + " MIME parts; the rest skipped");
            return;
        }
        if (boundary == null) {
            warnings.add("multipart without boundary parameter; boundary guessed");
        }
        for (RawPart child : RawPart.split(buf, start, end, printable(boundary))) {
            if (!partHeadersWithinLimits(child)) {
                parts++;
                warnings.add("MIME part header section over the limits; part skipped");
                continue;
            }
            walk(child, contentType(child), depth + 1);
        }
    }

    /** The boundary as it is matched: printable ASCII only (other characters never match). */
    private static String printable(String boundary) {
        if (boundary == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean ok = c >= 0x20 && c < 0x7f;
            if (!ok && sb == null) {
                sb = new StringBuilder(boundary.length()).append(boundary, 0, i);
            } else if (ok && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? boundary : sb.toString();
    }

    private static final Set<String> TOKEN_IDENTITY = Set.of("", "7bit", "8bit", "binary");

    private boolean partHeadersWithinLimits(RawPart part) {
        return part.headerCount() <= cfg.maxHeaderCount() && part.headerBytes() <= cfg.maxHeaderBytes();
    }

    private void bodyText(RawPart part, MimeParams ct, String cte) {
        int limit = (int) Math.min(EmailParser.MAX_ARRAY, 4L * cfg.maxTextChars());
        TransferDecoding.Sink sink = decode(part, cte, limit);
        boolean isHtml = ct.value.equals("text/html");
        byte[] bytes = sink.keptBytes();
        String charset = ct.get("charset");
        if (isHtml && (charset == null || charset.isBlank())) {
            Matcher m = META_CHARSET.matcher(
                    new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1));
            if (m.find()) {
                charset = m.group(1);
            }
        }
        String s = MailCharsets.decode(bytes, charset, warnings);
        boolean cut = sink.overflowed();
        StringBuilder target = isHtml ? html : plain;
        if (target.length() > 0) {
            target.append(isHtml ? "\n" : "\n\n");
        }
        int room = cfg.maxTextChars() - target.length();
        if (s.length() > room) {
            s = s.substring(0, Math.max(0, room));
            cut = true;
        }
        target.append(s);
        if (cut) {
            if (isHtml) {
                htmlCut = true;
            } else {
                plainCut = true;
            }
        }
    }

    private void attachment(RawPart part, MimeParams ct, MimeParams cd, String cte,
                            String filename) {
        TransferDecoding.Sink sink = decode(part, cte, cfg.maxAttachmentBytes());
        String contentId = contentId(part);
        boolean inline = cd != null ? cd.value.equals("inline") : contentId != null;
        addAttachment(filename, ct.value, sink, inline, contentId);
    }

    private void attachedMessage(RawPart part, MimeParams ct, MimeParams cd, String cte) {
        TransferDecoding.Sink sink = decode(part, cte, cfg.maxAttachmentBytes());
        byte[] kept = sink.keptBytes();
        String name = null;
        int end = HeaderScan.sectionEnd(kept, kept.length, cfg.maxHeaderBytes(), cfg.maxHeaderCount());
        if (end > 0) {
            String subject = HeaderScan.firstValue(kept, end, "Subject");
            if (subject != null) {
                String s = sanitiseFilename(clean(HeaderText.decode(subject, warnings)));
                if (!s.isEmpty()) {
                    name = s.length() > 251 ? s.substring(0, 251) + ".eml" : s + ".eml";
                }
            }
        }
        if (name == null) {
            name = filename(ct, cd);
        }
        boolean inline = cd != null && cd.value.equals("inline");
        addAttachment(name, ct.value, sink, inline, contentId(part));
    }

    private void addAttachment(String filename, String type, TransferDecoding.Sink sink,
                               boolean inline, String contentId) {
        String name = filename == null ? "" : sanitiseFilename(filename);
        if (name.isEmpty()) {
            name = "attachment-" + (attachments.size() + 1) + EXTENSIONS.getOrDefault(type, ".bin");
        }
        byte[] content = null;
        if (sink.overflowed()) {
            warnings.add("attachment larger than the limit of " + cfg.maxAttachmentBytes()
                    + " bytes; content not kept");
        } else {
            content = sink.keptBytes();
        }
        attachments.add(new ParsedAttachment(name, type, sink.size(), inline, contentId, content));
    }

    /** Decodes a part's body, keeping at most {@code keepLimit} bytes (all are counted). */
    private TransferDecoding.Sink decode(RawPart part, String cte, int keepLimit) {
        int len = part.end() - part.bodyStart();
        TransferDecoding.Sink sink = new TransferDecoding.Sink(keepLimit, len);
        TransferDecoding.decode(part.buffer(), part.bodyStart(), len, cte, sink, warnings);
        return sink;
    }

    // ---------------------------------------------------------------- headers

    private MimeParams contentType(RawPart part) {
        String h = header(part, "Content-Type");
        if (h == null || h.isBlank()) {
            return MimeParams.parse("text/plain", warnings);
        }
        MimeParams p = MimeParams.parse(h, warnings);
        String v = p.value;
        int slash = v.indexOf('/');
        if (slash <= 0 || slash == v.length() - 1 || !TOKEN.matcher(v.substring(0, slash)).matches()
                || !TOKEN.matcher(v.substring(slash + 1)).matches()) {
            warnings.add("malformed Content-Type");
            String fallback = v.startsWith("text") ? "text/plain" : v.startsWith("multipart")
                    ? "multipart/mixed" : "application/octet-stream";
            String params = h.indexOf(';') >= 0 ? h.substring(h.indexOf(';')) : "";
            return MimeParams.parse(fallback + params, warnings);
        }
        return p;
    }

    private static String filename(MimeParams ct, MimeParams cd) {
        String name = cd == null ? null : cd.get("filename");
        if (name == null || name.isBlank()) {
            name = ct.get("name");
        }
        return name == null || name.isBlank() ? null : name;
    }

    /** Strips directories, control characters and leading dots; at most 255 chars. */
    static String sanitiseFilename(String name) {
        String n = name;
        int cut = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        if (cut >= 0) {
            n = n.substring(cut + 1);
        }
        StringBuilder sb = new StringBuilder(n.length());
        n.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0))
                .forEach(sb::appendCodePoint);
        n = sb.toString().strip();
        while (n.startsWith(".")) {
            n = n.substring(1);
        }
        if (n.length() > 255) {
            int dot = n.lastIndexOf('.');
            String ext = dot > 0 && n.length() - dot <= 10 ? n.substring(dot) : "";
            n = n.substring(0, 255 - ext.length()) + ext;
        }
        return n.strip();
    }

    private String contentId(RawPart part) {
        List<String> ids = ids(header(part, "Content-ID"));
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static String header(RawPart part, String name) {
        return part.header(name);
    }

    private static String unfoldedOrNull(String raw) {
        return raw == null ? null : HeaderText.unfold(raw);
    }

    private List<Addresses.Address> addresses(RawPart msg, String name) {
        String[] values = msg.headers(name);
        if (values == null) {
            return List.of();
        }
        List<Addresses.Address> out = new ArrayList<>();
        for (String v : values) {
            out.addAll(Addresses.parse(HeaderText.raw8bit(HeaderText.unfold(v)), warnings));
            if (out.size() >= Addresses.MAX_ADDRESSES) {
                break;
            }
        }
        return out;
    }

    private static List<String> bare(List<Addresses.Address> list) {
        List<String> out = new ArrayList<>(list.size());
        for (Addresses.Address a : list) {
            out.add(a.address());
        }
        return out;
    }

    /** Message ids in angle brackets (or bare tokens if there are none), de-duplicated. */
    private static List<String> ids(String raw) {
        if (raw == null) {
            return List.of();
        }
        String v = HeaderText.unfold(raw);
        Set<String> out = new LinkedHashSet<>();
        Matcher m = ANGLE_ID.matcher(v);
        while (m.find() && out.size() < MAX_IDS) {
            out.add(m.group(1));
        }
        if (out.isEmpty()) {
            for (String t : v.split("[\\s,]+")) {
                if (!t.isEmpty() && t.length() <= 998 && out.size() < MAX_IDS
                        && t.indexOf('<') < 0 && t.indexOf('>') < 0) {
                    out.add(t);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private String synthesiseId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return "sha256." + HexFormat.of().formatHex(digest, 0, 16) + "@ticketkit.invalid";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Removes control characters (but keeps tabs as spaces) from a decoded header. */
    private static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\t' || cp == '\r' || cp == '\n') {
                sb.append(' ');
            } else if (cp >= 0x20 && cp != 0x7f) {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString().strip();
    }

    private static String normaliseNewlines(CharSequence s) {
        String t = s.toString();
        return t.indexOf('\r') < 0 ? t : t.replace("\r\n", "\n").replace('\r', '\n');
    }
}
