/**
 * WeChat (Official Account, Mini Program, Open Platform, WeCom) message encryption in "safe mode", and the
 * Official Account channel {@link dev.ticketkit.connectors.wechat.WeChatAdapter} (server check, plain and safe
 * pushes, replies through the customer-service API with an {@link dev.ticketkit.connectors.wechat.AccessTokenProvider}),
 * and {@link dev.ticketkit.connectors.wechat.WeChatSigning}, which signs pushes as WeChat does for tests.
 *
 * <pre>{@code
 * WeChatCrypto crypto = new WeChatCrypto(token, encodingAesKey, appId);   // thread-safe, share it
 * // POST ?msg_signature=..&timestamp=..&nonce=..  body: <xml>...<Encrypt><![CDATA[...]]></Encrypt></xml>
 * String xml = crypto.decryptEnvelope(msgSignature, timestamp, nonce, body);
 * // or, with the Encrypt value already extracted:
 * String xml2 = crypto.decrypt(msgSignature, timestamp, nonce, encrypt);
 * // reply
 * String reply = crypto.encrypt(replyXml, timestamp, nonce).toXml();
 * }</pre>
 *
 * <p>Failures are {@link dev.ticketkit.connectors.ChannelException} (unchecked, not
 * retryable) naming the check that failed, never the payload, key or token, with a
 * {@linkplain dev.ticketkit.connectors.ChannelException#reason() reason}. Plain-mode server
 * checks are in {@link dev.ticketkit.connectors.webhook.WebhookSignatures#wechat}.
 */
package dev.ticketkit.connectors.wechat;

