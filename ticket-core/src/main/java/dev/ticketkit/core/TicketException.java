package dev.ticketkit.core;

/**
 * The root of TicketKit's unchecked exceptions for everything that is not a programming error
 * (programming errors are {@link NullPointerException}, {@link IllegalArgumentException} and
 * {@link IllegalStateException}). Messages name ids and states, never customer data.
 */
public class TicketException extends RuntimeException {
    public TicketException(String message) {
        super(message);
    }

    public TicketException(String message, Throwable cause) {
        super(message, cause);
    }
}
