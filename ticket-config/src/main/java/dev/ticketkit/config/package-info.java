/**
 * Reading files a merchant edits: {@link dev.ticketkit.config.LocatedTree} (JSON or YAML with positions),
 * {@link dev.ticketkit.config.Durations} (the one duration grammar) and
 * {@link dev.ticketkit.config.ConfigException} (the one located error, a {@code TicketValidationException}).
 */
package dev.ticketkit.config;
