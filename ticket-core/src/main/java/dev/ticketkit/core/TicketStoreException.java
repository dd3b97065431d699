package dev.ticketkit.core;

/** The store failed (a database error, a timeout, an exhausted pool). Nothing of the command was written. */
public class TicketStoreException extends TicketException {
    private final String sqlState;

    public TicketStoreException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public TicketStoreException(String message, String sqlState, Throwable cause) {
        super(sqlState == null ? message : message + " (SQLState " + sqlState + ")", cause);
        this.sqlState = sqlState;
    }

    /** The database's SQLState, or {@code null} if the failure did not come from SQL. */
    public String sqlState() {
        return sqlState;
    }

    /**
     * Whether running the same work again may succeed: a deadlock, a serialization failure or a lock timeout
     * (SQLState class 40, MySQL's lock wait timeout 41000, H2's 50200). The engine retries such commands.
     */
    public boolean isTransient() {
        return sqlState != null && (sqlState.startsWith("40") || sqlState.equals("41000") || sqlState.equals("HYT00")
                || sqlState.equals("50200"));
    }
}
