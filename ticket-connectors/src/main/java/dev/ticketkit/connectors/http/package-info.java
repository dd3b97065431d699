/**
 * The small HTTP client interface outbound channels (WeChat, signed webhooks) send through, with a default on
 * the JDK's {@link java.net.http.HttpClient}. Hosts may plug their own client (for proxies, metrics or tests).
 */
package dev.ticketkit.connectors.http;
