/**
 * What integrators and modules implement: the {@link dev.ticketkit.core.spi.TicketStore} with its unit of work
 * ({@link dev.ticketkit.core.spi.StoreTransaction}), {@link dev.ticketkit.core.spi.CommandHook}s that run inside
 * every command, and {@link dev.ticketkit.core.spi.DueWorkHandler}s for timed work. Stores prove themselves with
 * {@code dev.ticketkit.testkit.TicketStoreContract}.
 */
package dev.ticketkit.core.spi;
