/**
 * The host's systems beside the ticket: the source SPIs a host implements ({@link
 * dev.ticketkit.commerce.context.OrderSource}, {@link dev.ticketkit.commerce.context.LogisticsSource}, {@link
 * dev.ticketkit.commerce.context.MemberSource}, {@link dev.ticketkit.commerce.context.InventorySource}), the values
 * they return, and how current a cached value is ({@link dev.ticketkit.commerce.context.Fetched}).
 */
package dev.ticketkit.commerce.context;
