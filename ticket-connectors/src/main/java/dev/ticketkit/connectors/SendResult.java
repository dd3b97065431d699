package dev.ticketkit.connectors;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@link ChannelAdapter#send(OutboundMessage)} achieved. A failure carries a short reason code such as
 * {@code smtp_auth_failed} or {@code recipient_rejected}: a code, never customer data, so it can be logged
 * and stored as it is.
 *
 * @param status            delivered, or a retryable or permanent failure
 * @param externalMessageId the channel's id of the sent message ("" if the channel gave none or it failed);
 *                          for email our own {@code Message-ID}
 * @param reasonCode        "" when delivered, else 1 to 64 characters of {@code [a-z0-9_.-]}
 */
public record SendResult(Status status, String externalMessageId, String reasonCode) {
    private static final Pattern REASON = Pattern.compile("[a-z0-9_.-]{1,64}");

    /** The outcome of a send. */
    public enum Status {
        /** The channel accepted the message. */
        DELIVERED,
        /** It failed in a way that may pass later (timeout, throttling, server busy): send again. */
        RETRYABLE_FAILURE,
        /** It will fail again (bad recipient, rejected content, bad credentials): do not resend as it is. */
        PERMANENT_FAILURE
    }

    public SendResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(externalMessageId, "externalMessageId");
        Objects.requireNonNull(reasonCode, "reasonCode");
        if (status == Status.DELIVERED) {
            if (!reasonCode.isEmpty()) {
                throw new IllegalArgumentException("a delivered result has no reason code");
            }
        } else if (!REASON.matcher(reasonCode).matches()) {
            throw new IllegalArgumentException("reason code must match " + REASON.pattern());
        }
    }

    /** Delivered; the channel's id of the sent message, or "" if it gave none. */
    public static SendResult delivered(String externalMessageId) {
        return new SendResult(Status.DELIVERED, externalMessageId, "");
    }

    /** A failure that may pass on a later attempt. */
    public static SendResult retryable(String reasonCode) {
        return new SendResult(Status.RETRYABLE_FAILURE, "", reasonCode);
    }

    /** A failure that will not pass by trying again. */
    public static SendResult permanent(String reasonCode) {
        return new SendResult(Status.PERMANENT_FAILURE, "", reasonCode);
    }

    public boolean isDelivered() {
        return status == Status.DELIVERED;
    }

    public boolean isRetryable() {
        return status == Status.RETRYABLE_FAILURE;
    }

    /** The channel's message id, if delivered and the channel gave one. */
    public Optional<String> external() {
        return externalMessageId.isEmpty() ? Optional.empty() : Optional.of(externalMessageId);
    }
}
