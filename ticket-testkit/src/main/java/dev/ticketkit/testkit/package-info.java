/**
 * What implementers and users of TicketKit test with: {@link dev.ticketkit.testkit.TicketStoreContract}, the
 * abstract JUnit 5 contract every {@link dev.ticketkit.core.spi.TicketStore} must pass, {@link
 * dev.ticketkit.testkit.MutableClock} to drive time by hand, and {@link dev.ticketkit.testkit.Fixtures} to set
 * up a tenant with teams, agents and customers.
 *
 * <pre>{@code
 * class MyStoreTest extends TicketStoreContract {
 *     protected TicketStore createStore() { return new MyStore(...); }
 * }
 * }</pre>
 */
package dev.ticketkit.testkit;
