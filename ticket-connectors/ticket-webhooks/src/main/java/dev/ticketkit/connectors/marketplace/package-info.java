/**
 * The marketplace kit: request signing as Taobao/Tmall (TOP), JD (JOS) and Pinduoduo document it
 * ({@link dev.ticketkit.connectors.marketplace.MarketplaceSigning}), and
 * {@link dev.ticketkit.connectors.marketplace.MarketplaceAdapter}, a mapping-driven adapter for their message
 * services that an integrator completes with the platform's message format.
 */
package dev.ticketkit.connectors.marketplace;
