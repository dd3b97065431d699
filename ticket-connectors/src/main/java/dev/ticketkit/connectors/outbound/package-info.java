/**
 * Outbound replies: {@link dev.ticketkit.connectors.outbound.OutboundReplies} sends an agent's public reply back
 * through the channel the customer used, driven by any at-least-once event relay (such as the JDBC store's
 * outbox relay).
 */
package dev.ticketkit.connectors.outbound;
