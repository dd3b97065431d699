package dev.ticketkit.jdbc.internal;

import dev.ticketkit.core.DuplicateKeyException;
import dev.ticketkit.core.TicketStoreException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns driver and JDBI exceptions into the core's store exceptions. Unique violations become
 * {@link DuplicateKeyException} with the SPI's key name and <em>no cause</em>: drivers quote the duplicate
 * values (an email address, a phone number) in their messages, and those must not reach logs. Everything
 * else becomes a {@link TicketStoreException} with the SQLState and, as its cause, a {@link SQLException} with
 * the driver's SQLState, vendor code and stack trace but not its message (drivers quote values and
 * statements there); never the JDBI exception, whose message may carry bound values.
 */
public final class Errors {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    /** The first {@link SQLException} in the cause chain (following {@code getNextException}), or null. */
    public static SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                SQLException next = s.getNextException();
                if (s.getSQLState() == null && next != null) {
                    return next;
                }
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Whether the exception is a unique-key violation on H2, PostgreSQL, MySQL or MariaDB. */
    public static boolean isUniqueViolation(SQLException s) {
        if (s == null) {
            return false;
        }
        if ("23505".equals(s.getSQLState())) {
            return true;
        }
        int code = s.getErrorCode();
        if (code == 1062 || code == 1586) {
            return true;
        }
        SQLException next = s.getNextException();
        return next != null && next != s && isUniqueViolation(next);
    }

    /**
     * Translates a failure of operation {@code op}.
     *
     * @param uniqueKeys index or constraint names (as created by the migrations) to the SPI key they stand for
     * @param defaultKey the key of a unique violation none of {@code uniqueKeys} names (a primary key), or null
     *                   if the operation expects none
     */
    public static RuntimeException translate(RuntimeException e, String op, Map<String, String> uniqueKeys, String defaultKey) {
        if (e instanceof dev.ticketkit.core.TicketException) {
            return e;
        }
        SQLException s = sqlException(e);
        if (s == null) {
            return new TicketStoreException("store operation failed: " + op, null, e);
        }
        if (isUniqueViolation(s)) {
            String message = allMessages(s).toLowerCase(Locale.ROOT);
            for (Map.Entry<String, String> k : uniqueKeys.entrySet()) {
                if (message.contains(k.getKey().toLowerCase(Locale.ROOT))) {
                    return new DuplicateKeyException(k.getValue(), s.getSQLState(), null);
                }
            }
            if (defaultKey != null) {
                return new DuplicateKeyException(defaultKey, s.getSQLState(), null);
            }
            return new DuplicateKeyException("unknown", s.getSQLState(), null);
        }
        LOG.debug("store operation {} failed", op, s);
        if (s instanceof java.sql.SQLTransientConnectionException) {
            return new TicketStoreException("store operation failed: " + op + ": no database connection within the pool's"
                    + " timeout (pool exhausted or database unreachable)", s.getSQLState(), redacted(s));
        }
        return new TicketStoreException("store operation failed: " + op, s.getSQLState(), redacted(s));
    }

    /**
     * A copy of the driver's exception without its message: H2 quotes the offending value and the statement,
     * PostgreSQL adds "Failing row contains (...)". The SQLState, vendor code, driver class and stack trace
     * stay; the full driver message is logged at DEBUG by {@link #translate}.
     */
    static SQLException redacted(SQLException s) {
        SQLException r = new SQLException(s.getClass().getName() + ": SQLState " + s.getSQLState() + ", vendor code "
                + s.getErrorCode() + " (driver message withheld: it may quote stored data)", s.getSQLState(), s.getErrorCode());
        r.setStackTrace(s.getStackTrace());
        return r;
    }

    /** {@link #redacted} for callers outside this package. */
    public static SQLException redactedCopy(SQLException s) {
        return redacted(s);
    }

    public static RuntimeException translate(RuntimeException e, String op) {
        return translate(e, op, Map.of(), null);
    }

    private static String allMessages(SQLException s) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (SQLException x = s; x != null && n < 5; x = x.getNextException(), n++) {
            b.append(x.getMessage()).append('\n');
        }
        return b.toString();
    }
}
