/**
 * Shopify webhooks as a channel: {@link dev.ticketkit.connectors.shopify.ShopifyAdapter} verifies
 * {@code X-Shopify-Hmac-Sha256}, keys messages on {@code X-Shopify-Webhook-Id} and turns refund and return events
 * (and topics the host maps itself) into messages that carry their order.
 */
package dev.ticketkit.connectors.shopify;
