package dev.ticketkit.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.ticketkit.compliance.PiiMatch;
import dev.ticketkit.compliance.PiiScanner;
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
 * Scanning about 1 MB (2^20 chars) of mixed Chinese and English customer text, with a mobile number,
 * an e-mail address, an ID number or a card in roughly one message in three, plus order numbers,
 * waybills, prices and dates that must not match.
 *
 * <p>{@link #scan()} is {@code PiiScanner.standard().scan}; {@link #baselineCountDigits()} is the
 * floor: one plain loop over the same text counting digits. Both run once per invocation over the
 * whole text, so MB/s = ops/s (one op is one 1 MB text). Report the ratio of the two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PiiScanBenchmark {

    private PiiScanner scanner;
    private String text;

    @Setup
    public void setUp() {
        scanner = PiiScanner.standard();
        text = buildText(1 << 20);
    }

    @Benchmark
    public List<PiiMatch> scan() {
        return scanner.scan(text);
    }

    @Benchmark
    public int baselineCountDigits() {
        String t = text;
        int n = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19')) {
                n++;
            }
        }
        return n;
    }

    /** Deterministic: the same text every run, exactly {@code chars} long. */
    static String buildText(int chars) {
        String[] lines = {
            "您好，我在 2026-11-11 下的订单 3141592653589793238 还没发货，麻烦查一下。",
            "Hi, my parcel SF1234567890123 has not moved since Monday, can you check? ",
            "手机 13812345678，下午三点后方便接电话。",
            "The price was ¥199.00 but I was charged 249元 at checkout, please refund the difference. ",
            "中通 75312345678901 显示已签收，但我没有收到包裹。",
            "Please reply to chen.li@example.com instead of my work address. ",
            "退款请打到银行卡号 6222 0212 3456 7890 128，谢谢。",
            "I ordered 3 cups, 2 arrived broken; photos attached (IMG_2041.jpg, IMG_2042.jpg). ",
            "身份证号 110101199003071233，实名认证一直失败。",
            "客服您好，快递员说地址不详，我的地址是杭州市西湖区文三路 90 号。",
            "My phone is +86 139-1234-5678, call after 6pm. ",
            "这件衣服尺码偏小，可以换大一号吗？订单号 201811111234567890。",
        };
        StringBuilder sb = new StringBuilder(chars + 200);
        int k = 0;
        while (sb.length() < chars) {
            sb.append(lines[k % lines.length]);
            k++;
        }
        return sb.substring(0, chars);
    }
}
