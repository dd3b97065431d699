/**
 * Shopify webhooks as a channel: {@link dev.ticketkit.connectors.shopify.ShopifyAdapter} verifies
 * {@code X-Shopify-Hmac-Sha256}, keys messages on ids from the signed body (never on the unsigned
 * {@code X-Shopify-Webhook-Id}), checks that the body is the resource its topic names, and turns refund and return
 * events (and topics the host maps itself) into messages that carry their order.
 */
package dev.ticketkit.connectors.shopify;
