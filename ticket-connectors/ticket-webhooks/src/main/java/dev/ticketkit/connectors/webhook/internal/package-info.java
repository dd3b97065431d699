/**
 * Helpers the webhook, Shopify, WeChat and marketplace adapters share: hardened JSON parsing. Not API: the
 * classes are public only so that those packages can share them, and may change without notice.
 */
package dev.ticketkit.connectors.webhook.internal;
