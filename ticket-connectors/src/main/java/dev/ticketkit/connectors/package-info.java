/**
 * Channels: how messages from email, webhooks, WeChat and marketplaces reach TicketKit and how replies
 * leave.
 *
 * <p>The channel SPI is {@link dev.ticketkit.connectors.ChannelAdapter}: it verifies and parses a
 * {@link dev.ticketkit.connectors.RawDelivery} into normalised {@link dev.ticketkit.connectors.InboundMessage}s
 * and sends {@link dev.ticketkit.connectors.OutboundMessage}s, reporting a
 * {@link dev.ticketkit.connectors.SendResult}. {@code dev.ticketkit.connectors.intake.Intake} turns inbound
 * messages into tickets. {@link dev.ticketkit.connectors.ChannelException} is the failure every channel
 * reports, with a {@linkplain dev.ticketkit.connectors.ChannelException#reason() reason} (signature, stale, replay,
 * too large, malformed, ...) and the HTTP status an endpoint should answer with.
 * {@link dev.ticketkit.connectors.OwnMessageIds} are the ids TicketKit gives the messages it sends, so that answers
 * naming them thread to their ticket. Sub-packages: {@code intake} (dedup, identity, threading, order numbers),
 * {@code outbound} (replies through the customer's channel) and {@code http} (the HTTP client interface outbound
 * channels use).
 *
 * <p>The adapters are modules of their own, in the same package tree: {@code ticket-email} ({@code email}: the
 * MIME parser and the email channel over IMAP/SMTP) and {@code ticket-webhooks} ({@code webhook}: signature checks
 * and the signed JSON webhook channel; {@code wechat}: WeChat message encryption and the Official Account channel;
 * {@code shopify}; {@code marketplace}: Taobao/JD/Pinduoduo signing and adapters).
 */
package dev.ticketkit.connectors;
