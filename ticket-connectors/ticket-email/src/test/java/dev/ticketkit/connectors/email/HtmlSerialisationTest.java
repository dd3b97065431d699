package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * {@link HtmlText#bodyHtml} writes sanitised HTML itself for the common shape and must produce
 * exactly what jsoup's {@code body().html()} produces; anything unusual goes to jsoup.
 */
class HtmlSerialisationTest {

    private static final String[] TAGS = {"p", "div", "b", "i", "a", "img", "br", "span", "table",
        "tr", "td", "ul", "li", "blockquote", "pre", "h1", "hr", "font", "script", "style", "svg",
        "x-custom", "o:p", "code", "sub", "col", "q", "dl", "dt", "u"};
    private static final String[] ATTRS = {"href", "src", "title", "alt", "class", "style", "width",
        "cite", "lang", "colspan", "span", "nowrap", "data-x", "onclick", "type", "align"};
    private static final String[] TEXTS = {"hello", " ", "\n", "\t", "&", "&amp;", "&nbsp;", "\u00a0",
        "<", ">", "\"", "'", "订单", "très", "–", "\u0001", "\u000b", "\r\n", "😀", "\ud800", "&#0;",
        "&lt;b&gt;", "=", "/", "cid:abc@x", "http://shop.example/a?b=1&c=2", "javascript:alert(1)"};

    @Test
    void fastWriterAgreesWithJsoupOnTheCorpus() {
        for (String name : Mail.CORPUS) {
            ParsedEmail e = Mail.parse(name);
            if (!e.html().isEmpty()) {
                Document clean = HtmlText.sanitise(HtmlText.parse(e.html()));
                assertThat(HtmlText.bodyHtml(clean)).as(name).isEqualTo(clean.body().html());
            }
        }
    }

    @Test
    void fastWriterAgreesWithJsoupOnRandomHtml() {
        SplittableRandom r = new SplittableRandom(20250305L);
        int fast = 0;
        for (int i = 0; i < 3_000; i++) {
            String html = randomHtml(r);
            Document clean = HtmlText.sanitise(HtmlText.parse(html));
            String expected = clean.body().html();
            assertThat(HtmlText.bodyHtml(clean)).as(html).isEqualTo(expected);
            String direct = HtmlText.fastHtml(clean.body());
            if (direct != null) {
                assertThat(direct).as(html).isEqualTo(expected);
                fast++;
            }
        }
        assertThat(fast).as("inputs written without jsoup's serialiser").isGreaterThan(300);
    }

    @Test
    void typicalMailHtmlIsWrittenWithoutFallingBack() {
        String html = "<div dir=\"ltr\">Hello &amp; welcome,<br><p style=\"color:red\">Order "
                + "<b>20250305-1234</b> — très cassé &lt;3</p><img src=\"cid:img1@x\" alt=\"a &quot;b&quot;\">"
                + "<a href=\"https://shop.example/o?id=1&amp;x=2\">link</a>\u00a0</div>";
        Document clean = HtmlText.sanitise(HtmlText.parse(html));
        assertThat(HtmlText.fastHtml(clean.body())).isNotNull().isEqualTo(clean.body().html());
    }

    private static String randomHtml(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int items = 1 + r.nextInt(30);
        for (int k = 0; k < items; k++) {
            switch (r.nextInt(5)) {
                case 0, 1 -> {
                    String tag = TAGS[r.nextInt(TAGS.length)];
                    sb.append('<').append(tag);
                    for (int a = r.nextInt(4); a > 0; a--) {
                        sb.append(' ').append(ATTRS[r.nextInt(ATTRS.length)]);
                        switch (r.nextInt(4)) {
                            case 0 -> { } // no value
                            case 1 -> sb.append("=\"\"");
                            default -> sb.append("=\"").append(TEXTS[r.nextInt(TEXTS.length)])
                                    .append(TEXTS[r.nextInt(TEXTS.length)]).append('"');
                        }
                    }
                    sb.append(r.nextInt(8) == 0 ? "/>" : ">");
                }
                case 2 -> sb.append("</").append(TAGS[r.nextInt(TAGS.length)]).append('>');
                case 3 -> sb.append(r.nextInt(10) == 0 ? "<!-- c -->" : "");
                default -> sb.append(TEXTS[r.nextInt(TEXTS.length)]);
            }
        }
        return sb.toString();
    }
}
