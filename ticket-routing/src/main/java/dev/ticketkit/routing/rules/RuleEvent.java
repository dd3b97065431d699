package dev.ticketkit.routing.rules;

import java.util.Locale;
import java.util.Optional;

/**
 * What a trigger listens to ({@code on:} in rule files), derived from the events of the command that is
 * running. One command may raise several: a customer's reply to a solved ticket is {@code updated} and
 * {@code message_added}.
 */
public enum RuleEvent {
    /** The command created the ticket. */
    CREATED("created"),
    /** The command changed an existing ticket (any change, including a new message). */
    UPDATED("updated"),
    /** The command added a message (public reply or internal note) to the ticket. */
    MESSAGE_ADDED("message_added"),
    /** An SLA metric is about to breach ({@code TicketEvent.SlaWarning}). */
    SLA_WARNING("sla_warning"),
    /** An SLA metric breached ({@code TicketEvent.SlaBreached}). */
    SLA_BREACHED("sla_breached"),
    /** A time-based automation fired; seen only by automations' conditions, never by triggers. */
    TICK("tick");

    private final String symbol;

    RuleEvent(String symbol) {
        this.symbol = symbol;
    }

    /** The name used in rule files, such as {@code message_added}. */
    public String symbol() {
        return symbol;
    }

    int bit() {
        return 1 << ordinal();
    }

    /** The event with this file name (case-insensitive). */
    public static Optional<RuleEvent> of(String symbol) {
        if (symbol == null) {
            return Optional.empty();
        }
        String s = symbol.trim().toLowerCase(Locale.ROOT);
        for (RuleEvent e : values()) {
            if (e.symbol.equals(s)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
