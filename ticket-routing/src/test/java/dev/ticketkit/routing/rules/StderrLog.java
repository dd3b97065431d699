package dev.ticketkit.routing.rules;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what the test logger (slf4j-simple, which writes to {@code System.err} as it is at each call) prints
 * while a block runs. Tests run one at a time in this module, so swapping {@code System.err} is safe here.
 */
final class StderrLog {
    private StderrLog() {
    }

    static String during(Runnable block) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            block.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
