/**
 * E-commerce after-sales as an engine module: {@link dev.ticketkit.commerce.Commerce} (install it with
 * {@code TicketEngine.Builder.module}), the {@link dev.ticketkit.commerce.TicketContext} an agent sees beside a ticket,
 * and {@link dev.ticketkit.commerce.Money}.
 */
package dev.ticketkit.commerce;
