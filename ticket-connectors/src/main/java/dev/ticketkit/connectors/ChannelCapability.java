package dev.ticketkit.connectors;

/**
 * What a {@link ChannelAdapter} can do, as declared by {@link ChannelAdapter#capabilities()}. Intake and
 * outbound code ask for a capability instead of testing the adapter's class.
 */
public enum ChannelCapability {
    /** {@link ChannelAdapter#parse(RawDelivery)} turns deliveries into messages. */
    INBOUND,
    /** {@link ChannelAdapter#send(OutboundMessage)} delivers replies. */
    OUTBOUND,
    /** Messages may carry files (inbound, outbound or both). */
    ATTACHMENTS,
    /** Messages may carry (sanitised) HTML next to the text. */
    HTML,
    /**
     * Messages name the messages they answer ({@code Message-ID}, {@code In-Reply-To}, {@code References}),
     * so replies thread by id. Email.
     */
    MESSAGE_ID_THREADING,
    /**
     * Messages belong to a conversation the platform names (a chat session, a WeChat user, a marketplace
     * buyer), so consecutive messages thread by conversation id and inactivity. Chat-like channels.
     */
    CONVERSATIONS,
    /** Deliveries are signed and {@link ChannelAdapter#parse(RawDelivery)} verifies the signature. */
    SIGNED_DELIVERIES
}
