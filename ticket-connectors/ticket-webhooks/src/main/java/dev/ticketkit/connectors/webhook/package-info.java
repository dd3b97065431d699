/**
 * Verification of the signatures platforms put on inbound webhooks, and signing of outbound
 * Standard Webhooks requests; the generic signed JSON channel
 * ({@link dev.ticketkit.connectors.webhook.StandardWebhookAdapter}) with its JSON-pointer
 * {@link dev.ticketkit.connectors.webhook.PayloadMapping}, the bounded
 * {@link dev.ticketkit.connectors.webhook.ReplayGuard}, and
 * {@link dev.ticketkit.connectors.webhook.OrderContext} for orders a platform names.
 *
 * <pre>{@code
 * // Shopify: X-Shopify-Hmac-Sha256 over the raw body
 * if (!WebhookSignatures.shopify(rawBody, request.header("X-Shopify-Hmac-Sha256"), clientSecret)) {
 *     return 401;
 * }
 * // Standard Webhooks / Svix: webhook-id, webhook-timestamp, webhook-signature, 5-minute tolerance
 * boolean ok = WebhookSignatures.standardWebhooks(request.header("webhook-id"),
 *         request.header("webhook-timestamp"), rawBody, request.header("webhook-signature"),
 *         "whsec_...", clock.instant());
 * // WeChat server check (GET with signature, timestamp, nonce, echostr): echo echostr if true
 * boolean fromWeChat = WebhookSignatures.wechat(token, timestamp, nonce, signature);
 * // Outbound
 * String header = WebhookSignatures.standardWebhooksSign(id, clock.instant().getEpochSecond(), body, secret);
 * }</pre>
 *
 * <p>All verifiers return {@code false} for any wire input that does not prove authenticity
 * (missing, garbled, duplicated or mismatched headers; stale, future or non-numeric timestamps)
 * and throw only for the caller's own mistakes ({@code null} secret, body or clock:
 * {@link java.lang.NullPointerException}; malformed secret: {@link java.lang.IllegalArgumentException}).
 * Digests are compared in constant time. Always pass the body bytes exactly as received.
 * For WeChat's encrypted "safe mode" see {@link dev.ticketkit.connectors.wechat.WeChatCrypto}.
 */
package dev.ticketkit.connectors.webhook;
