/**
 * Helpers the built-in channel adapters share across their modules (ticket-webhooks uses them): body limits,
 * single headers and parameters, strict UTF-8, hardened XML parsing; the JDK only. Not API: the classes are public
 * only so that the channel packages can share them, and may change without notice.
 */
package dev.ticketkit.connectors.internal;
