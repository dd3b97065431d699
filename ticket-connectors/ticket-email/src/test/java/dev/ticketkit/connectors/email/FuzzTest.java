package dev.ticketkit.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.ticketkit.testkit.Bounded;
import org.junit.jupiter.api.Test;

/**
 * A deterministic mutational fuzzer: corpus messages mutated by bit flips, truncation, boundary
 * line duplication, header repetition and splicing. Every input must parse or be rejected with
 * {@link EmailParseException}; nothing else may escape, and each parse stays within a time and an
 * allocation bound ({@link Bounded}). {@code -Dfuzz.iterations} and {@code -Dfuzz.seed} change the
 * run ({@code -Pfuzz} runs 500,000); the failing input is printed in base64, to be kept as a
 * regression test.
 */
class FuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20250305L);
    /** 8,000 in a normal build; {@code -Pfuzz} sets {@code fuzz.iterations} much higher. */
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 8_000);
    /** Wall time one parse may take. */
    private static final Duration PER_PARSE = Duration.ofSeconds(5);

    @Test
    void mutatedCorpusParsesOrIsRejectedCleanly() {
        List<byte[]> corpus = new ArrayList<>();
        for (String name : Mail.CORPUS) {
            corpus.add(Mail.resource(name));
        }
        EmailParser parser = EmailParser.builder().maxMessageBytes(2 * 1024 * 1024).build();
        for (byte[] seed : corpus) { // load the classes before any bound applies
            parser.parse(seed);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(Math.max(120, ITERATIONS / 50)), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), corpus, random);
                try {
                    ParsedEmail[] parsed = new ParsedEmail[1];
                    Bounded.run(input.length, PER_PARSE, 400, 64L * 1024 * 1024,
                            () -> parsed[0] = parser.parse(input));
                    ParsedEmail e = parsed[0];
                    assertThat(e.messageId()).isNotEmpty();
                    assertThat(e.warnings()).allSatisfy(w -> assertThat(w).doesNotContain("@"));
                    outcomes[0]++;
                } catch (EmailParseException expected) {
                    if (expected.getMessage().startsWith("unexpected failure")) { // the safety net caught a defect
                        throw new AssertionError("iteration " + i + " hit the safety net; input (base64): "
                                + java.util.Base64.getEncoder().encodeToString(input), expected);
                    }
                    outcomes[1]++;
                } catch (RuntimeException | Error other) {
                    throw new AssertionError("iteration " + i + " escaped with " + other
                            + "; input (base64): " + java.util.Base64.getEncoder().encodeToString(input), other);
                }
            }
        });
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(ITERATIONS);
        assertThat(outcomes[0]).isGreaterThan(ITERATIONS / 2);
    }

    static byte[] mutate(byte[] seed, List<byte[]> corpus, SplittableRandom r) {
        byte[] b = seed.clone();
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds && b.length > 0; k++) {
            switch (r.nextInt(6)) {
                case 0 -> { // bit flips
                    for (int j = 0, n = 1 + r.nextInt(8); j < n; j++) {
                        int pos = r.nextInt(b.length);
                        b[pos] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncation
                case 2 -> b = duplicateLine(b, r, "--"); // boundary duplication
                case 3 -> b = duplicateLine(b, r, null); // header (or any line) repetition
                case 4 -> { // splice with another corpus message
                    byte[] other = corpus.get(r.nextInt(corpus.size()));
                    int cut = r.nextInt(b.length);
                    int from = r.nextInt(other.length);
                    byte[] out = Arrays.copyOf(b, cut + other.length - from);
                    System.arraycopy(other, from, out, cut, other.length - from);
                    b = out;
                }
                default -> { // interesting bytes
                    byte[] special = {'\r', '\n', '=', '?', '-', '<', '>', '"', ';', 0, (byte) 0xff, (byte) 0xe4};
                    b[r.nextInt(b.length)] = special[r.nextInt(special.length)];
                }
            }
        }
        return b;
    }

    private static byte[] duplicateLine(byte[] b, SplittableRandom r, String prefix) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] lines = s.split("\n", -1);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (prefix == null || lines[i].startsWith(prefix)) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return b;
        }
        int line = candidates.get(r.nextInt(candidates.size()));
        int times = 1 + r.nextInt(prefix == null ? 200 : 20);
        StringBuilder sb = new StringBuilder(s.length() + times * lines[line].length());
        for (int i = 0; i < lines.length; i++) {
            for (int t = 0; t < (i == line ? times + 1 : 1); t++) {
                sb.append(lines[i]);
                if (i < lines.length - 1 || t < times) {
                    sb.append('\n');
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
