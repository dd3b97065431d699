package dev.ticketkit.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.ticketkit.connectors.email.EmailParser;
import dev.ticketkit.connectors.email.ParsedEmail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing a typical ~20 KB customer email: multipart/mixed of multipart/alternative (text/plain
 * and text/html, quoted-printable, with quoted history) and a small base64 PDF attachment.
 *
 * <p>{@link #parseAndNormalise()} is the full {@link EmailParser}; {@link #baselineMimeMessage()}
 * is the floor: Jakarta Mail's {@code MimeMessage} constructor plus reading the raw content. Report
 * the ratio of the two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EmailParseBenchmark {

    private EmailParser parser;
    private Session session;
    private byte[] raw;

    @Setup
    public void setUp() {
        parser = EmailParser.create();
        session = Session.getInstance(new Properties());
        raw = buildMessage();
    }

    @Benchmark
    public ParsedEmail parseAndNormalise() {
        return parser.parse(new ByteArrayInputStream(raw));
    }

    @Benchmark
    public long baselineMimeMessage() throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        long n = 0;
        byte[] buf = new byte[8192];
        try (InputStream in = message.getRawInputStream()) {
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
            }
        }
        return n;
    }

    /** Deterministic: the same bytes every run (about 20 KB). */
    static byte[] buildMessage() {
        StringBuilder plain = new StringBuilder("Hello,\n\nmy order 20250305-1234 arrived damaged. ");
        StringBuilder html = new StringBuilder("<html><body><div>Hello,</div><div><br></div>"
                + "<div>my order <b>20250305-1234</b> arrived damaged.</div>");
        for (int i = 0; i < 50; i++) {
            String line = "Line " + i + ": the box was crushed, the cup inside is broken – très cassé. ";
            plain.append(line).append('\n');
            html.append("<p>").append(line).append("</p>");
        }
        plain.append("\nOn Mon, 3 Mar 2025 at 09:00, Support <support@shop.example> wrote:\n");
        html.append("<div class=\"gmail_quote\"><blockquote>");
        for (int i = 0; i < 40; i++) {
            plain.append("> Thank you for your order, we will ship it soon. Quoted line ").append(i).append('\n');
            html.append("Thank you for your order, we will ship it soon. Quoted line ").append(i).append("<br>");
        }
        html.append("</blockquote></div></body></html>");
        byte[] pdf = new byte[3 * 1024];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 7 + 3);
        }
        String msg = "From: \"Li, Wei\" <li.wei@example.com>\r\n"
                + "To: support@shop.example\r\n"
                + "Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString(
                        "Re: 订单 20250305-1234 破损".getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "Date: Wed, 5 Mar 2025 10:15:30 +0800\r\n"
                + "Message-ID: <bench-1@example.com>\r\n"
                + "In-Reply-To: <ticket-77@shop.example>\r\n"
                + "References: <ticket-77@shop.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"mixed\"\r\n\r\n"
                + "--mixed\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + qp(plain.toString()) + "\r\n"
                + "--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + qp(html.toString()) + "\r\n--alt--\r\n"
                + "--mixed\r\nContent-Type: application/pdf; name=\"photo-report.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"photo-report.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(pdf) + "\r\n--mixed--\r\n";
        return msg.getBytes(StandardCharsets.US_ASCII);
    }

    /** Minimal quoted-printable encoder for the fixture (soft breaks at 76 columns). */
    private static String qp(String text) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            String piece;
            if (c == '\n') {
                out.append("\r\n");
                col = 0;
                continue;
            } else if ((c >= 33 && c <= 126 && c != '=') || c == ' ') {
                piece = String.valueOf((char) c);
            } else {
                piece = String.format("=%02X", c);
            }
            if (col + piece.length() > 75) {
                out.append("=\r\n");
                col = 0;
            }
            out.append(piece);
            col += piece.length();
        }
        return out.toString();
    }
}
