package dev.ticketkit.connectors.email;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ticketkit.testkit.Bounded;
import java.time.Duration;

/**
 * Coverage-guided fuzzing of {@link EmailParser#parse(byte[])} with Jazzer. In a normal build this
 * runs the inputs in {@code EmailParserFuzzTestInputs/parse} (seeds and every crash found so far) as
 * regression tests; {@code mvn -Pfuzz test} fuzzes it (see the module README). Every input must
 * parse or be rejected with an {@link EmailParseException} other than the safety net's, within a
 * time and allocation bound.
 */
class EmailParserFuzzTest {

    private static final EmailParser PARSER = EmailParser.builder().maxMessageBytes(1024 * 1024).build();

    static {
        for (String name : Mail.CORPUS) { // load (and instrument) the classes before any bound applies
            PARSER.parse(Mail.resource(name));
        }
    }

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] input) {
        Bounded.run(input.length, Duration.ofSeconds(5), 400, 64L * 1024 * 1024, () -> {
            try {
                ParsedEmail e = PARSER.parse(input);
                if (e.messageId().isEmpty()) {
                    throw new AssertionError("empty message id");
                }
            } catch (EmailParseException rejected) {
                if (rejected.getMessage().startsWith("unexpected failure")) {
                    throw new AssertionError("the safety net caught a defect", rejected);
                }
            }
        });
    }
}
