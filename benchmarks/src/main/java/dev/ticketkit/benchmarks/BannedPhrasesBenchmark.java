package dev.ticketkit.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.ticketkit.compliance.BannedPhrases;
import dev.ticketkit.compliance.PhraseHit;
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
 * Scanning about 1 MiB (UTF-8) of mixed Chinese and English reply text for banned phrases.
 *
 * <p>{@link #findDefaultsPlusMerchant()} is {@link BannedPhrases#find(String)} with
 * {@link BannedPhrases#defaults()} plus 1,000 merchant phrases drawn from the same common characters as the text
 * (so most characters of the text step the automaton); {@link #findDefaults()} is the starter list alone. The
 * baselines in the same run: {@link #baselineIndexOf()}, {@code String.indexOf} of one phrase over the whole text
 * (no normalisation, one phrase), and {@link #baselineCharLoop()}, a plain loop reading every char.
 *
 * <p>Throughput is in scans per second; multiply by {@link #MIB_OF_TEXT} (printed at set-up, about 1) for MiB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BannedPhrasesBenchmark {

    /** Size of the text in MiB of UTF-8, set by {@link #setUp()}. */
    static double MIB_OF_TEXT;

    private static final String COMMON = "您好的订单已发货请注意查收如有问题随时联系我们客服退换服务物流包裹地址电话售后质量"
            + "商品价格优惠活动时间天内确认收到满意评价感谢支持产品颜色尺码库存补发";

    private String text;
    private BannedPhrases defaults;
    private BannedPhrases merchant;

    @Setup
    public void setUp() {
        text = buildText();
        defaults = BannedPhrases.defaults();
        List<String> phrases = new ArrayList<>(BannedPhrases.DEFAULT_PHRASES);
        phrases.addAll(merchantPhrases(1000));
        merchant = BannedPhrases.of(phrases);
        MIB_OF_TEXT = text.getBytes(StandardCharsets.UTF_8).length / (1024.0 * 1024.0);
        System.out.printf("%ntext: %d chars, %.3f MiB UTF-8; %d phrases; %d hits with defaults, %d with merchant list%n",
                text.length(), MIB_OF_TEXT, merchant.phrases().size(), defaults.find(text).size(),
                merchant.find(text).size());
    }

    @Benchmark
    public List<PhraseHit> findDefaultsPlusMerchant() {
        return merchant.find(text);
    }

    @Benchmark
    public List<PhraseHit> findDefaults() {
        return defaults.find(text);
    }

    @Benchmark
    public int baselineIndexOf() {
        int count = 0;
        int from = 0;
        int at;
        while ((at = text.indexOf("保本", from)) >= 0) {
            count++;
            from = at + 1;
        }
        return count;
    }

    @Benchmark
    public int baselineCharLoop() {
        int sum = 0;
        String t = text;
        for (int i = 0; i < t.length(); i++) {
            sum += t.charAt(i);
        }
        return sum;
    }

    /** Deterministic: the same text every run. About one sentence in 40 carries a banned phrase, some evaded. */
    static String buildText() {
        String[] sentences = {
            "您好，您的订单已发货，预计三天内送达，请注意查收。",
            "Hello, your order has shipped and should arrive within 3 days. ",
            "如有质量问题，请在七天内联系客服办理退换。",
            "Please keep the original packaging in case you need a return. ",
            "感谢您的支持与信任，祝您生活愉快！😀 ",
            "We have issued a refund of ¥35.00 to your original payment method. ",
            "亲，尺码偏小，建议您选大一码哦～",
            "Your tracking number is SF1234567890, updated every 2 hours. ",
            "本店商品均为正品，支持七天无理由退货。",
            "If anything is unclear, just reply to this message. ",
        };
        String[] banned = {"本产品保 本保息，穩賺不賠。", "全网第一，最低价！", "It's NO RISK for you. ", "１００％满意。"};
        Random random = new Random(42);
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        while (bytes < 1024 * 1024) {
            String s = random.nextInt(40) == 0 ? banned[random.nextInt(banned.length)]
                    : sentences[random.nextInt(sentences.length)];
            out.append(s);
            bytes += s.getBytes(StandardCharsets.UTF_8).length;
        }
        return out.toString();
    }

    /** 1,000 distinct phrases of 2 to 5 common characters, or short English ones. */
    static List<String> merchantPhrases(int count) {
        Random random = new Random(7);
        String[] words = {"free", "gift", "best", "deal", "cheap", "top", "sale", "win", "cash", "bonus"};
        Set<String> phrases = new LinkedHashSet<>();
        while (phrases.size() < count) {
            if (random.nextInt(5) == 0) {
                phrases.add(words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)]
                        + random.nextInt(100));
            } else {
                int length = 2 + random.nextInt(4);
                StringBuilder phrase = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    phrase.append(COMMON.charAt(random.nextInt(COMMON.length())));
                }
                phrases.add(phrase.toString());
            }
        }
        return new ArrayList<>(phrases);
    }
}
