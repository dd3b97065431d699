/**
 * Outbound replies: {@link dev.ticketkit.connectors.outbound.OutboundReplies} sends public replies (an agent's, or
 * the system's such as a rule's acknowledgement) back through the channel the customer used, with the adapter
 * registered for the ticket's tenant and channel, driven by any at-least-once event relay (such as the JDBC store's
 * outbox relay).
 */
package dev.ticketkit.connectors.outbound;
