package dev.ticketkit.connectors.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML bodies with jsoup: sanitising, conversion to text, and removal of quoted history.
 *
 * <p>Sanitising uses {@link Safelist#relaxed()} with {@code cid:} allowed in {@code img src} (so
 * inline images can be matched to {@link ParsedAttachment#contentId()}) and links forced to
 * {@code rel="nofollow noopener noreferrer"}. All traversals are iterative, so deeply nested HTML
 * cannot overflow the stack.
 */
final class HtmlText {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addProtocols("img", "src", "cid")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

    private static final Set<String> BLOCK = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4",
            "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody",
            "tfoot", "section", "article", "header", "footer", "address", "hr", "center", "form",
            "fieldset", "figure", "figcaption", "main", "nav", "aside", "caption");
    private static final Set<String> SKIP = Set.of("script", "style", "head", "title", "noscript",
            "template", "object", "iframe", "svg");

    /**
     * Selectors of quote containers: their text is marked as quoted ({@code > }) for {@link QuoteStripper}, which
     * drops it with its attribution and keeps what the customer wrote around it. Apple Mail, iOS Mail and Thunderbird
     * ({@code blockquote type=cite}), Gmail ({@code blockquote.gmail_quote}; its container {@code div.gmail_quote}
     * is not one, since Gmail puts interleaved answers in it), 163/126 ({@code blockquote#isReplyContent}), NetEase
     * Mail Master ({@code blockquote#ntes-…-quote}), Yahoo ({@code div.…yahoo_quoted}). A plain {@code blockquote}
     * is not: editors use it for indenting the customer's own text.
     */
    private static final String QUOTES = "blockquote[type=cite], blockquote.gmail_quote, blockquote#isReplyContent, "
            + "blockquote[id~=^ntes-.*quote], [class*=yahoo_quoted]";
    /** Selectors of signatures, removed. */
    private static final String SIGNATURES = "div.gmail_signature, [data-smartmail=gmail_signature], "
            + "span.gmail_signature_prefix, div#Signature, .moz-signature";
    /** Selectors of quote headers that start the quoted history: they and all after them go (Outlook). */
    private static final String QUOTE_FROM_HERE = "div#appendonsend, div#divRplyFwdMsg, "
            + "div#mail-editor-reference-message-container";

    private HtmlText() {
    }

    static Document parse(String html) {
        return Jsoup.parse(html);
    }

    /** @return a new, sanitised document; {@code doc} is not changed */
    static Document sanitise(Document doc) {
        Document clean = new Cleaner(SAFELIST).clean(doc);
        clean.outputSettings().prettyPrint(false);
        return clean;
    }

    /**
     * The HTML of a sanitised document's body, as jsoup writes it with pretty printing off.
     *
     * <p>jsoup's serialiser appends one character at a time through several layers, which made it
     * the largest single cost of a parse. This writes the common shape directly: elements with
     * lower-case alphanumeric names, non-empty attributes that are not boolean, text of BMP characters
     * without control characters. Anything else (a data node, a surrogate, a control character, a
     * self-closed non-void element, ...) is handed to jsoup's {@code body().html()} instead, so the
     * output is the same either way; {@code HtmlSerialisationTest} checks the two agree.
     */
    static String bodyHtml(Document clean) {
        Element body = clean.body();
        String fast = fastHtml(body);
        return fast != null ? fast : body.html();
    }

    /** @return the serialised children of {@code root}, or {@code null} if jsoup must do it */
    static String fastHtml(Element root) {
        StringBuilder sb = new StringBuilder(1024);
        Node node = root.childNodeSize() > 0 ? root.childNode(0) : null;
        while (node != null) {
            if (!head(node, sb)) {
                return null;
            }
            if (node.childNodeSize() > 0) {
                node = node.childNode(0);
                continue;
            }
            while (true) {
                tail(node, sb);
                Node next = node.nextSibling();
                if (next != null) {
                    node = next;
                    break;
                }
                node = node.parentNode();
                if (node == root || node == null) {
                    node = null;
                    break;
                }
            }
        }
        return sb.toString();
    }

    private static boolean head(Node node, StringBuilder sb) {
        if (node.getClass() == TextNode.class) {
            return escape(((TextNode) node).getWholeText(), sb, false);
        }
        if (node.getClass() != Element.class) {
            return false;
        }
        Element e = (Element) node;
        String name = e.tagName();
        if (!simpleName(name, false)) {
            return false;
        }
        sb.append('<').append(name);
        for (Attribute a : e.attributes()) {
            String key = a.getKey();
            String value = a.getValue(); // "" also when there is none, which jsoup writes bare
            if (!simpleName(key, true) || Attribute.isBooleanAttribute(key) || value.isEmpty()) {
                return false;
            }
            sb.append(' ').append(key).append("=\"");
            if (!escape(value, sb, true)) {
                return false;
            }
            sb.append('"');
        }
        if (e.childNodeSize() == 0 && e.tag().isSelfClosing() && !e.tag().isEmpty()) {
            return false; // written as "<x />"
        }
        sb.append('>');
        return true;
    }

    private static void tail(Node node, StringBuilder sb) {
        if (node instanceof Element e && !(e.childNodeSize() == 0 && e.tag().isSelfClosing())) {
            sb.append("</").append(e.tagName()).append('>');
        }
    }

    private static boolean simpleName(String name, boolean attribute) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || attribute && c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Escapes text or an attribute value; {@code false} for characters left to jsoup. */
    private static boolean escape(String s, StringBuilder sb, boolean attribute) {
        int from = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String replacement;
            if (c == '&') {
                replacement = "&amp;";
            } else if (c == '\u00a0') {
                replacement = "&nbsp;";
            } else if (c == '<' && !attribute) {
                replacement = "&lt;";
            } else if (c == '>' && !attribute) {
                replacement = "&gt;";
            } else if (c == '"' && attribute) {
                replacement = "&quot;";
            } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                    || Character.isSurrogate(c)) {
                return false;
            } else {
                continue;
            }
            sb.append(s, from, i).append(replacement);
            from = i + 1;
        }
        sb.append(s, from, n);
        return true;
    }

    /** Nesting beyond this makes jsoup's tree building quadratic; such HTML is not parsed. */
    static final int MAX_DEPTH = 1_000;
    private static final Set<String> NOT_NESTING = Set.of("br", "img", "hr", "meta", "link", "input",
            "col", "area", "base", "wbr", "source", "track", "embed", "param", "p", "li", "td", "th",
            "tr", "option", "dt", "dd", "keygen");

    /**
     * Estimates the element nesting of raw HTML in one linear pass (a stack of open names, capped
     * at {@link #MAX_DEPTH}; an end tag closes the nearest open element of its name among the top
     * 64, else is ignored, as a browser would).
     *
     * @return whether the estimate exceeds {@link #MAX_DEPTH}
     */
    static boolean tooDeep(String html) {
        // each level needs a '<' of its own: HTML with no more than MAX_DEPTH of them cannot nest deeper
        int tags = 0;
        for (int at = html.indexOf('<'); at >= 0 && tags <= MAX_DEPTH; at = html.indexOf('<', at + 1)) {
            tags++;
        }
        if (tags <= MAX_DEPTH) {
            return false;
        }
        String[] stack = new String[MAX_DEPTH + 1];
        int depth = 0;
        int n = html.length();
        int i = 0;
        while (i < n) {
            int lt = html.indexOf('<', i);
            if (lt < 0 || lt + 1 >= n) {
                break;
            }
            char c = html.charAt(lt + 1);
            if (c == '!' || c == '?') {
                int end = html.startsWith("<!--", lt) ? html.indexOf("-->", lt + 4) : html.indexOf('>', lt);
                i = end < 0 ? n : end + 1;
                continue;
            }
            boolean close = c == '/';
            int p = close ? lt + 2 : lt + 1;
            int nameStart = p;
            while (p < n && (Character.isLetterOrDigit(html.charAt(p)) || html.charAt(p) == '-'
                    || html.charAt(p) == ':')) {
                p++;
            }
            if (p == nameStart) {
                i = lt + 1;
                continue;
            }
            String name = html.substring(nameStart, p).toLowerCase(java.util.Locale.ROOT);
            int gt = html.indexOf('>', p);
            i = gt < 0 ? n : gt + 1;
            if (NOT_NESTING.contains(name)) {
                continue;
            }
            if (close) {
                for (int k = depth - 1; k >= Math.max(0, depth - 64); k--) {
                    if (stack[k].equals(name)) {
                        depth = k;
                        break;
                    }
                }
            } else if (gt < 0 || html.charAt(gt - 1) != '/') {
                stack[depth++] = name;
                if (depth > MAX_DEPTH) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Text of HTML without parsing a tree: tags dropped, entities decoded. Linear. */
    static String flatText(String html) {
        StringBuilder sb = new StringBuilder(html.length());
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                int gt = html.indexOf('>', i);
                if (gt < 0) {
                    break;
                }
                String tag = html.substring(i, Math.min(gt, i + 8)).toLowerCase(java.util.Locale.ROOT);
                if (tag.startsWith("<br") || tag.startsWith("<p") || tag.startsWith("</p")
                        || tag.startsWith("<div") || tag.startsWith("</div") || tag.startsWith("<li")) {
                    sb.append('\n');
                }
                i = gt + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        String text = org.jsoup.parser.Parser.unescapeEntities(sb.toString(), false);
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            appendCollapsed(out, line);
            out.append('\n');
        }
        return tidy(out);
    }

    /**
     * The text of a reply's HTML body for {@link QuoteStripper}: Outlook's quoted history (from its reply header on)
     * and signatures are removed, and each line inside a quote container starts with {@code "> "}. Changes
     * {@code doc}.
     */
    static String quoteMarkedText(Document doc) {
        for (Element e : doc.select(QUOTE_FROM_HERE)) {
            if (e.parent() == null) {
                continue; // already removed with an earlier match
            }
            Element prev = e.previousElementSibling();
            if (prev != null && prev.normalName().equals("hr")) {
                prev.remove();
            }
            Element cur = e;
            while (cur != null && cur != doc.body() && cur.parent() != null) {
                Element parent = cur.parent();
                List<Node> kids = new ArrayList<>(parent.childNodes());
                for (int i = cur.siblingIndex() + 1; i < kids.size(); i++) {
                    kids.get(i).remove();
                }
                cur = parent;
            }
            e.remove();
        }
        doc.select(SIGNATURES).remove();
        Set<Element> quotes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        quotes.addAll(doc.select(QUOTES));
        return toText(doc, quotes);
    }

    /** Plain text of a document: line breaks for br and block elements, collapsed spaces. */
    static String toText(Document doc) {
        return toText(doc, Set.of());
    }

    /** As {@link #toText(Document)}, each line of text inside one of {@code quotes} starting with {@code "> "}. */
    private static String toText(Document doc, Set<Element> quotes) {
        StringBuilder sb = new StringBuilder();
        Element root = doc.body() != null ? doc.body() : doc;
        NodeTraversor.traverse(new NodeVisitor() {
            int skipDepth = -1;
            int preDepth = 0;
            int quoteDepth = 0;

            /** Starts a quoted line before its first character. */
            private void content() {
                if (quoteDepth > 0 && (sb.length() == 0 || sb.charAt(sb.length() - 1) == '\n')) {
                    sb.append("> ");
                }
            }

            @Override
            public void head(Node node, int depth) {
                if (skipDepth >= 0) {
                    return;
                }
                if (node instanceof TextNode t) {
                    String s = t.getWholeText().replace('\u00a0', ' ');
                    if (preDepth > 0) {
                        for (int i = 0; i < s.length(); i++) {
                            char c = s.charAt(i);
                            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                                continue; // CRLF as LF, as before
                            }
                            if (c != '\n') {
                                content();
                            }
                            sb.append(c);
                        }
                    } else {
                        for (int i = 0; i < s.length(); i++) {
                            char c = s.charAt(i);
                            if (Character.isWhitespace(c)) {
                                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' '
                                        && sb.charAt(sb.length() - 1) != '\n') {
                                    sb.append(' ');
                                }
                            } else {
                                content();
                                sb.append(c);
                            }
                        }
                    }
                } else if (node instanceof Element e) {
                    String n = e.normalName();
                    if (SKIP.contains(n)) {
                        skipDepth = depth;
                        return;
                    }
                    if (quotes.contains(e)) {
                        newline(sb);
                        quoteDepth++;
                    }
                    if (n.equals("br")) {
                        trimTrailingSpace(sb);
                        sb.append('\n');
                    } else if (BLOCK.contains(n)) {
                        newline(sb);
                        if (n.equals("pre")) {
                            preDepth++;
                        }
                        if (n.equals("li")) {
                            content();
                            sb.append("- ");
                        }
                    } else if (n.equals("td") || n.equals("th")) {
                        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                            sb.append(' ');
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (skipDepth >= 0) {
                    if (depth == skipDepth) {
                        skipDepth = -1;
                    }
                    return;
                }
                if (node instanceof Element e) {
                    String n = e.normalName();
                    if (BLOCK.contains(n)) {
                        newline(sb);
                        if (n.equals("p")) {
                            sb.append('\n');
                        }
                        if (n.equals("pre")) {
                            preDepth--;
                        }
                    }
                    if (quotes.contains(e)) {
                        newline(sb);
                        quoteDepth--;
                    }
                }
            }
        }, root);
        return tidy(sb);
    }

    private static void appendCollapsed(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' '
                        && sb.charAt(sb.length() - 1) != '\n') {
                    sb.append(' ');
                }
            } else {
                sb.append(c);
            }
        }
    }

    private static void trimTrailingSpace(StringBuilder sb) {
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        }
    }

    private static void newline(StringBuilder sb) {
        trimTrailingSpace(sb);
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
    }

    /** Trims line ends, collapses runs of blank lines to one, trims the whole. */
    static String tidy(CharSequence text) {
        String[] lines = text.toString().split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        int blank = 0;
        for (String line : lines) {
            String l = line.stripTrailing();
            if (l.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            blank = 0;
            out.append(l);
        }
        return out.toString();
    }
}
