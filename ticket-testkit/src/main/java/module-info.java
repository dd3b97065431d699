/**
 * The published test kit: the store contract every {@code TicketStore} passes, a hand-moved clock and the fixture
 * shop. Open, so that JUnit can run the contract's test methods in a subclass's module.
 */
open module dev.ticketkit.testkit {
    requires transitive dev.ticketkit.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive org.assertj.core;

    exports dev.ticketkit.testkit;
}
