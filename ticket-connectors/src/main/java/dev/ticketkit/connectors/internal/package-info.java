/**
 * Helpers shared by the built-in channels: body limits, hardened JSON and XML parsing. Not API: the classes are
 * public only so that the channel packages can share them, and may change without notice.
 */
package dev.ticketkit.connectors.internal;
