package dev.ticketkit.connectors.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Test helpers: corpus resources and messages built in code. */
final class Mail {

    static final EmailParser PARSER = EmailParser.create();

    static final String[] CORPUS = {
        "plain-utf8.eml", "gbk-labelled-gb2312.eml", "big5.eml", "iso2022jp.eml",
        "unknown-charset.eml", "alternative.eml", "attachment-names.eml", "bounce.eml",
        "html-gmail.eml", "html-apple.eml", "html-outlook.eml", "missing-end-boundary.eml",
        "broken-base64.eml", "broken-qp.eml", "no-message-id.eml",
    };

    private Mail() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Mail.class.getResourceAsStream("/mail/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedEmail parse(String resource) {
        return PARSER.parse(new ByteArrayInputStream(resource(resource)));
    }

    static ParsedEmail parse(byte[] raw) {
        return PARSER.parse(new ByteArrayInputStream(raw));
    }

    /** A single-part text/plain message with the given extra headers and body, in UTF-8. */
    static byte[] text(String headers, String body) {
        return bytes("From: Customer <c@example.com>\r\nTo: support@shop.example\r\n"
                + "Message-ID: <t@example.com>\r\n" + headers
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + body.replace("\n", "\r\n"), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s, Charset cs) {
        return s.getBytes(cs);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
