/**
 * TicketKit's API: the {@link dev.ticketkit.core.TicketEngine} entry point, its facades
 * ({@link dev.ticketkit.core.Tickets}, {@link dev.ticketkit.core.Customers}, {@link dev.ticketkit.core.Directory}),
 * the domain model (immutable {@link dev.ticketkit.core.Ticket} snapshots, {@link dev.ticketkit.core.Message},
 * {@link dev.ticketkit.core.Customer}, {@link dev.ticketkit.core.Agent}, {@link dev.ticketkit.core.Team}),
 * commands' inputs ({@link dev.ticketkit.core.NewTicket}, {@link dev.ticketkit.core.NewMessage},
 * {@link dev.ticketkit.core.TicketUpdate}, {@link dev.ticketkit.core.ViewQuery}), the lifecycle
 * ({@link dev.ticketkit.core.TicketStatus}), events ({@link dev.ticketkit.core.TicketEvent}), actors and
 * permissions, and the exceptions (all unchecked, rooted at {@link dev.ticketkit.core.TicketException}).
 *
 * <p>Every call carries an {@link dev.ticketkit.core.Actor}; the engine authorises it, confines it to its
 * tenant, applies the command as one transaction, runs the registered hooks, and delivers the events to
 * listeners after commit.
 */
package dev.ticketkit.core;
