/**
 * TicketKit's engine: tickets, customers, the directory, permissions, the engine and its module contract, the
 * condition model and facts SPI, and the store SPI. Exports the API ({@code dev.ticketkit.core}), the condition
 * model and the SPI; {@code dev.ticketkit.core.internal} stays inside.
 */
module dev.ticketkit.core {
    requires org.slf4j;
    requires transitive re2j;

    exports dev.ticketkit.core;
    exports dev.ticketkit.core.condition;
    exports dev.ticketkit.core.spi;
}
