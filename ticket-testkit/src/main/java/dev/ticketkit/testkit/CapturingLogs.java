package dev.ticketkit.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider for tests (select it with {@code -Dslf4j.provider=dev.ticketkit.testkit.CapturingLogs}): every
 * logger is enabled at every level, so that debug lines are exercised too; INFO and above are printed
 * to {@code System.err} as slf4j-simple would; while {@link #capture(Runnable)} runs, every event
 * (formatted message and stack trace) is also recorded.
 */
public final class CapturingLogs implements SLF4JServiceProvider {

    private static final List<String> CAPTURED = new ArrayList<>();
    private static volatile boolean capturing;

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** Runs {@code action} and returns each event logged meanwhile (any thread) as text. */
    public static synchronized List<String> capture(Runnable action) {
        synchronized (CAPTURED) {
            CAPTURED.clear();
        }
        capturing = true;
        try {
            action.run();
        } finally {
            capturing = false;
        }
        synchronized (CAPTURED) {
            return List.copyOf(CAPTURED);
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return CapturingLogger::new;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            String text = "[" + level + "] " + name + " - " + MessageFormatter.basicArrayFormat(pattern, arguments);
            if (throwable != null) {
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                text += "\n" + trace;
            }
            if (capturing) {
                synchronized (CAPTURED) {
                    CAPTURED.add(text);
                }
            }
            if (level.toInt() >= Level.INFO.toInt()) {
                System.err.println(text);
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
