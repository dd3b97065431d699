package dev.ticketkit.connectors.intake;

import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.TicketId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Intake#accept} did with one inbound message. Immutable. {@link #toString()} shows the outcome
 * and ids only.
 */
public final class IntakeResult {

    /** What happened. */
    public enum Outcome {
        /** A new ticket was opened with the message. */
        CREATED,
        /** The message was added to an existing ticket (which may have moved from pending or on-hold to open). */
        APPENDED,
        /** The message was added to a solved ticket, which reopened. */
        REOPENED,
        /** The message answered a closed ticket: a new ticket linked FOLLOW_UP_OF the closed one holds it. */
        FOLLOW_UP,
        /** The message had been taken in before (same tenant, channel and external id): nothing was added. */
        DUPLICATE,
        /** An auto-reply, out-of-office or bounce: nothing was added, and nothing should answer it. */
        IGNORED_AUTO_REPLY
    }

    private final Outcome outcome;
    private final TicketId ticketId;
    private final MessageId messageId;
    private final CustomerId customerId;
    private final TicketId followUpOf;
    private final List<OrderRef> orders;
    private final List<String> warnings;

    IntakeResult(Outcome outcome, TicketId ticketId, MessageId messageId, CustomerId customerId, TicketId followUpOf,
                 List<OrderRef> orders, List<String> warnings) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.ticketId = ticketId;
        this.messageId = messageId;
        this.customerId = customerId;
        this.followUpOf = followUpOf;
        this.orders = List.copyOf(orders);
        this.warnings = List.copyOf(warnings);
    }

    public Outcome outcome() { return outcome; }

    /** The ticket holding the message; empty only for {@link Outcome#IGNORED_AUTO_REPLY}. */
    public Optional<TicketId> ticketId() { return Optional.ofNullable(ticketId); }

    /** The stored message (for a duplicate, the one stored the first time); empty when ignored. */
    public Optional<MessageId> messageId() { return Optional.ofNullable(messageId); }

    /** The customer the sender resolved to; empty for duplicates and ignored messages. */
    public Optional<CustomerId> customerId() { return Optional.ofNullable(customerId); }

    /** For {@link Outcome#FOLLOW_UP}: the closed ticket the new one follows up. */
    public Optional<TicketId> followUpOf() { return Optional.ofNullable(followUpOf); }

    /** Order numbers recognised in the message (added to the ticket when new to it). */
    public List<OrderRef> orders() { return orders; }

    /**
     * What was not taken as it came, as fixed texts without customer data, such as
     * {@code "attachment over the size limit kept as metadata only"}.
     */
    public List<String> warnings() { return warnings; }

    /** Whether a ticket got a new message (created, appended, reopened or follow-up). */
    public boolean added() {
        return outcome != Outcome.DUPLICATE && outcome != Outcome.IGNORED_AUTO_REPLY;
    }

    @Override
    public String toString() {
        return "IntakeResult[" + outcome + " ticket=" + ticketId + " message=" + messageId
                + (followUpOf != null ? " followUpOf=" + followUpOf : "") + " orders=" + orders.size() + "]";
    }
}
