/**
 * Channels: how messages from email, webhooks, WeChat and marketplaces reach TicketKit and how replies
 * leave. {@link dev.ticketkit.connectors.ChannelException} is the failure every channel reports; the
 * sub-packages hold the email parser ({@code email}), webhook signature checks ({@code webhook}) and
 * WeChat message encryption ({@code wechat}).
 */
package dev.ticketkit.connectors;
