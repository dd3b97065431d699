/**
 * Channels and intake: the channel SPI and {@code InboundMessage}, the intake pipeline (dedup, identity, threading,
 * order numbers) and outbound replies. Depends on the engine only; e-mail and webhook adapters are modules of their
 * own.
 */
module dev.ticketkit.connectors {
    requires transitive dev.ticketkit.core;
    requires transitive java.net.http;
    requires java.xml;
    requires org.slf4j;

    exports dev.ticketkit.connectors;
    exports dev.ticketkit.connectors.intake;
    exports dev.ticketkit.connectors.outbound;
    exports dev.ticketkit.connectors.http;
    exports dev.ticketkit.connectors.internal to dev.ticketkit.connectors.webhooks;
}
