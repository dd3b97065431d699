/**
 * The published test kit: the store contract every {@code TicketStore} passes, a hand-moved clock, the fixture
 * shop, a log-capturing SLF4J provider (to check that nothing personal is logged) and bounds for fuzz runs. Open, so that JUnit can run the contract's test methods in a subclass's module.
 */
open module dev.ticketkit.testkit {
    requires transitive dev.ticketkit.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive org.assertj.core;
    requires org.slf4j;
    requires jdk.management;

    exports dev.ticketkit.testkit;
}
