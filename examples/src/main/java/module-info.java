/**
 * The runnable examples and the peak-day demo. A module, so that the compiler holds them to what the TicketKit
 * modules export: an example that needs an internal package does not compile.
 */
module dev.ticketkit.examples {
    requires dev.ticketkit.core;
    requires dev.ticketkit.sla;
    requires dev.ticketkit.routing;
    requires dev.ticketkit.commerce;
    requires dev.ticketkit.jdbc;
    requires dev.ticketkit.connectors;
    requires dev.ticketkit.connectors.email;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.ticketkit.examples;
}
